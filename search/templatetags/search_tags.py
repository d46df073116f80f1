"""Template helpers for the search boxes that every page carries."""

import json

from django import template

from search import types

register = template.Library()


@register.simple_tag
def search_type_labels():
    """The result types' labels as JSON, for the type-ahead's data attribute (escaped there):
    the suggestions API gives each suggestion's type, the page names it."""
    return json.dumps(types.type_labels(), ensure_ascii=False)
