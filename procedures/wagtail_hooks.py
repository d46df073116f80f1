from django.shortcuts import render

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from procedures.models import ProcedureForm, ProcedurePage, RequiredDocument, Sector


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    menu_label = "Lĩnh vực thủ tục"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "code", "slug"]
    search_fields = ["name", "code"]
    ordering = ["name"]


register_snippet(SectorViewSet)


@hooks.register("before_serve_document")
def refuse_forms_of_unpublished_procedures(document, request):
    """A form belonging only to draft, unpublished or private procedures is for editors only.

    (Documents in a private collection are already refused by Wagtail's own hook.)
    """
    page_ids = set(ProcedureForm.objects.filter(document=document).values_list("page_id", flat=True))
    page_ids.update(RequiredDocument.objects.filter(form=document).values_list("page_id", flat=True))
    if not page_ids or ProcedurePage.objects.filter(pk__in=page_ids).live().public().exists():
        return None
    if request.user.has_perm("wagtailadmin.access_admin"):
        return None
    return render(request, "404.html", status=404)
