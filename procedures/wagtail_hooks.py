from django.contrib import messages
from django.shortcuts import redirect, render

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from procedures.models import LifeEvent, ProcedureForm, ProcedurePage, RequiredDocument, Sector


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


class LifeEventViewSet(SnippetViewSet):
    model = LifeEvent
    icon = "group"
    menu_label = "Sự kiện cuộc sống"
    menu_order = 301
    add_to_admin_menu = True
    list_display = ["name", "audience", "order", "slug"]
    list_filter = ["audience"]
    search_fields = ["name", "description"]
    ordering = ["audience", "order", "name"]


register_snippet(LifeEventViewSet)


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


@hooks.register("before_copy_page")
def refuse_copying_procedures(request, page):
    """A copy would repeat procedure codes, which are unique: editors create a new record instead."""
    if ProcedurePage.objects.descendant_of(page, inclusive=True).exists():
        messages.error(
            request,
            "Không thể sao chép trang có chứa thủ tục hành chính vì mã thủ tục là duy nhất; "
            "hãy tạo thủ tục mới và nhập mã của nó.",
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None
