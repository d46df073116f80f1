"""Template helpers for the site-wide layout: menu, breadcrumbs, document labels."""

import os

from django import template
from django.template.defaultfilters import filesizeformat

from wagtail.models import Site

register = template.Library()


def _site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    root = _site_root(context)
    current = context.get("page")
    items = root.get_children().live().public().in_menu() if root else []
    return {"root": root, "items": items, "current": current, "request": context.get("request")}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    root = _site_root(context)
    if page is None or root is None or page.pk == root.pk:
        return {"crumbs": []}
    ancestors = page.get_ancestors().filter(depth__gte=root.depth).live()
    return {"crumbs": list(ancestors), "current": page}


@register.filter
def file_label(document):
    """'DOCX, 24,5 KB' for a download link: citizens see the type and size before clicking."""
    try:
        extension = os.path.splitext(document.file.name)[1].lstrip(".").upper()
        size = document.get_file_size()
    except (OSError, ValueError, AttributeError):
        return ""
    return f"{extension}, {filesizeformat(size)}" if size else extension
