"""The portal's fixed sections under the home page, created once and found by slug afterwards."""

from wagtail.models import Site

PORTAL_SECTIONS = [
    # (slug, title, model path)
    ("tin-tuc", "Tin tức – Sự kiện", "news.NewsIndexPage"),
    ("thu-tuc-hanh-chinh", "Thủ tục hành chính", "procedures.ProcedureIndexPage"),
    ("co-quan", "Cơ quan – Đơn vị", "home.AgencyIndexPage"),
]


def home_page():
    """The default site's root page (a HomePage, made by home's data migration)."""
    return Site.objects.get(is_default_site=True).root_page.specific


def ensure_child(parent, model, slug, title, **fields):
    """Return parent's child with this slug, creating and publishing it if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific, False
    page = model(slug=slug, title=title, show_in_menus=True, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def ensure_portal_sections():
    """The portal-wide news, procedure and agency sections; returns {slug: page}."""
    from django.apps import apps

    home = home_page()
    return {
        slug: ensure_child(home, apps.get_model(model_path), slug, title)[0]
        for slug, title, model_path in PORTAL_SECTIONS
    }


def agency_directory():
    """The portal's AgencyIndexPage, created if missing (without touching the other sections)."""
    from home.models import AgencyIndexPage

    return ensure_child(home_page(), AgencyIndexPage, "co-quan", "Cơ quan – Đơn vị")[0]
