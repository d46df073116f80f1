from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = "Từ đồng nghĩa"
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["colloquial", "official", "note"]
    search_fields = ["colloquial", "official"]
    ordering = ["colloquial"]


register_snippet(SynonymViewSet)
