"""Template helpers for the site-wide layout: menu, breadcrumbs, cached fragments, document labels."""

import os

from django import template
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string

from wagtail.models import Page, Site

from portal_site import fragments

register = template.Library()


def _site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request else None


def _site_root(context):
    site = _site(context)
    return site.root_page if site else None


def _links(pages, request):
    """What a menu or a trail shows of each page, as plain data the fragment cache can keep."""
    return [{"pk": page.pk, "title": page.title, "url": page.get_url(request)} for page in pages]


@register.simple_tag(takes_context=True)
def main_menu(context):
    from home.models import exclude_private

    request = context.get("request")
    site = _site(context)
    root = site.root_page if site else None
    if root is None:
        return ""

    def build():
        items = exclude_private(root.get_children().live().in_menu())
        return {"root": _links([root], request)[0], "items": _links(items, request)}

    # The links are cached per site (URLs are relative to it), and the HTML per site and marked
    # item: one variant per menu entry, plus one for the pages that are not in the menu.
    menu = fragments.get_or_build("main-menu", (site.pk, root.pk), build, request)
    current = context.get("page")
    current_pk = current.pk if isinstance(current, Page) else None
    if current_pk not in {menu["root"]["pk"], *(item["pk"] for item in menu["items"])}:
        current_pk = None
    return fragments.get_or_build(
        "main-menu-html",
        (site.pk, root.pk, current_pk),
        lambda: render_to_string("includes/main_menu.html", {**menu, "current_pk": current_pk}),
        request,
    )


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    request = context.get("request")
    root = _site_root(context)
    if not isinstance(page, Page) or root is None or page.pk == root.pk:
        return {"crumbs": []}

    def build():
        return _links(page.get_ancestors().filter(depth__gte=root.depth).live(), request)

    # The trail above the page comes from the cache; the page's own title never does (previews).
    crumbs = fragments.get_or_build("breadcrumbs", (root.pk, page.pk, page.path), build, request)
    return {"crumbs": crumbs, "current": page}


class FragmentNode(template.Node):
    def __init__(self, name, parts, nodelist):
        self.name, self.parts, self.nodelist = name, parts, nodelist

    def render(self, context):
        parts = [part.resolve(context) for part in self.parts]
        if parts == [None]:  # the view says this request's HTML is not to be kept
            return self.nodelist.render(context)
        return fragments.get_or_build(
            self.name, parts, lambda: self.nodelist.render(context), context.get("request")
        )


@register.tag
def fragment(parser, token):
    """`{% fragment "name" value… %}…{% endfragment %}`: the enclosed HTML, cached per name and
    values until the next publish (portal_site.fragments). Put nothing inside that depends on the
    visitor or on values not named. A single value that is None renders the HTML uncached: a
    listing's view gives None for requests it does not keep (bad filters, far pages)."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError(f"{bits[0]} takes a quoted fragment name, then values")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]], nodelist)


@register.filter
def file_label(document):
    """'DOCX, 24,5 KB' for a download link: citizens see the type and size before clicking."""
    try:
        extension = os.path.splitext(document.file.name)[1].lstrip(".").upper()
        size = document.get_file_size()
    except (OSError, ValueError, AttributeError):
        return ""
    return f"{extension}, {filesizeformat(size)}" if size else extension
