"""The public views of a "Hỏi đáp" section: the answers list, the question form, the lookup by code.

The form and the lookup are never kept by the front cache: the form page carries a per-visitor
CSRF token (and, after a post, the visitor's own errors or tracking code), and a lookup shows a
status that changes without any publish. The answers list is public and cached like any page;
publishing or withdrawing an answer purges it (portal_site/frontcache.py purges a page's
ancestors and the portal's top-level sections).
"""

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import urlencode

from home.models import AgencyPage, nearest_agency, section_owner_path_expression
from portal_site.collation import vi_sort_key
from portal_site.ratelimit import RATE_LIMITED_MESSAGE, allow
from questions.forms import AnswerFilterForm, AskForm, LookupForm
from questions.models import Question, QuestionPage, normalise_code


def _per_visitor(response):
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response


def ask(index, request):
    """GET: the form; POST: store the question and show its tracking code (never the e-mail)."""
    status, created, limited = 200, None, False
    if request.method == "POST":
        form = AskForm(request.POST)
        # Only a question about to be stored counts against the limit: a citizen correcting a
        # typo is not refused, and what fails validation (honeypot included) stores nothing.
        if form.is_valid() and not (limited := not allow(request, "question")):
            data = form.cleaned_data
            created = Question.objects.create(
                name=data["name"].strip(),
                email=data["email"],
                phone=data["phone"].strip(),
                agency=data["agency"],
                title=data["title"].strip(),
                question=data["question"].strip(),
            )
            form = None
        else:
            status = 429 if limited else 400
    else:
        initial = {"agency": index.agency.slug} if index.agency else {}
        form = AskForm(initial=initial)
    response = index.render(
        request,
        template="questions/ask.html",
        context_overrides={
            "form": form,
            "created": created,
            "rate_limited_message": RATE_LIMITED_MESSAGE if limited else "",
        },
    )
    response.status_code = status
    return _per_visitor(response)


def lookup(index, request):
    """The title and status of the question with code ?ma=; an unknown code says so (404)."""
    status, question, answer = 200, None, None
    form = LookupForm(request.GET) if "ma" in request.GET else LookupForm()
    if form.is_bound:
        if form.is_valid():
            question = Question.objects.filter(code=normalise_code(form.cleaned_data["ma"])).first()
            if question is None:
                status = 404
            elif question.status == Question.ANSWERED:
                answer = QuestionPage.objects.live().public().filter(question_record=question).first()
        else:
            status = 400
    response = index.render(
        request,
        template="questions/lookup.html",
        context_overrides={"form": form, "question": question, "answer": answer},
    )
    response.status_code = status
    return _per_visitor(response)


def answer_list(index, request):
    """The section's published answers, newest first; filters agency, sector, q; bad values: 400."""
    scope = index.answers()
    form = AnswerFilterForm(request.GET, scope_path=index.scope_path)
    valid = form.is_valid()
    answers = scope
    filters = {}
    if valid:
        data = form.cleaned_data
        if data["agency"]:
            answers = answers.filter(path__startswith=data["agency"].path)
            filters["agency"] = data["agency"].slug
        if data["sector"]:
            answers = answers.filter(sector=data["sector"])
            filters["sector"] = data["sector"].slug
        if data["q"]:
            # Every word somewhere in the title, question or answer (or the exact code).
            words = Q()
            for word in data["q"].split():
                words &= Q(title__icontains=word) | Q(question__icontains=word) | Q(answer__icontains=word)
            answers = answers.filter(words | Q(code__iexact=data["q"]))
            filters["q"] = words
    else:
        answers = scope.none()
    answers = answers.select_related("sector").order_by("-first_published_at", "-pk")
    page_obj = Paginator(answers, index.page_size).get_page(form.cleaned_data.get("page") if valid else 1)
    items = _with_agencies(list(page_obj.object_list))
    response = index.render(
        request,
        template="questions/question_index_page.html",
        context_overrides={
            "filter_form": form,
            "answers": items,
            "page_obj": page_obj,
            "query": urlencode(filters),
            "filters": filters,
            "agency_choices": _agency_choices(scope) if index.agency is None else [],
            "sector_choices": _sector_choices(scope),
        },
    )
    if not valid:
        response.status_code = 400
    return response


def _with_agencies(pages):
    """Set page.agency from one query for the agencies above the pages."""
    from home.models import ancestor_paths

    wanted = {path for page in pages for path in ancestor_paths(page.path)}
    agencies = {agency.path: agency for agency in AgencyPage.objects.filter(path__in=wanted)}
    for page in pages:
        page.agency = nearest_agency(page.path, agencies)
    return pages


def _agency_choices(scope):
    owners = scope.order_by().annotate(owner_path=section_owner_path_expression()).values("owner_path")
    agencies = AgencyPage.objects.filter(path__in=owners).only("slug", "title")
    return sorted(((agency.slug, agency.title) for agency in agencies), key=lambda item: vi_sort_key(item[1]))


def _sector_choices(scope):
    from procedures.models import Sector

    sectors = Sector.objects.filter(pk__in=scope.order_by().values("sector"))
    return sorted(((sector.slug, sector.name) for sector in sectors), key=lambda item: vi_sort_key(item[1]))
