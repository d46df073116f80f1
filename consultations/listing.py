"""The list of drafts behind a ConsultationIndexPage: `status` filter, newest first, paginated.
A bad status answers 400 with the Vietnamese message and the unfiltered form."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.http import urlencode

from consultations.forms import ListingFilterForm
from home.models import AgencyPage, ancestor_paths, nearest_agency

PAGE_SIZE = 10


def attach_agencies(pages):
    """Set `page.owner_agency` on each listed draft from one query for their agencies."""
    paths = {path for page in pages for path in ancestor_paths(page.path)}
    agencies = {
        agency.path: agency
        for agency in AgencyPage.objects.filter(path__in=paths).only("title", "path", "url_path", "depth")
    }
    for page in pages:
        page.owner_agency = nearest_agency(page.path, agencies)
    return pages


def serve_listing(index, request):
    form = ListingFilterForm(request.GET)
    drafts = index.consultations()
    status, errors = "", []
    if form.is_valid():
        status = form.cleaned_data["status"]
    else:
        errors = [message for messages in form.errors.values() for message in messages]
        form = ListingFilterForm()
    if status:
        drafts = drafts.with_status(status)
    paginator = Paginator(drafts.newest_first(), PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    context = index.get_context(request)
    context.update(
        {
            "filter_form": form,
            "filter_errors": errors,
            "status": status,
            "consultations": attach_agencies(list(page_obj.object_list)),
            "page_obj": page_obj,
            "query": urlencode({"status": status}) if status else "",
        }
    )
    return TemplateResponse(request, index.get_template(request), context, status=400 if errors else 200)
