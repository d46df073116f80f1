"""The portal's fixed sections under the home page, created once and found by slug afterwards.

Each app registers its portal-wide section (news /tin-tuc/, procedures /thu-tuc-hanh-chinh/,
the agency directory /co-quan/, and later /van-ban/, /hoi-dap/ ...) in its AppConfig.ready()
with `register_portal_section`, naming the page model as an "app.Model" string so that no app
imports another's models to do it. `migrate` creates them (home.apps.create_portal_sections).
"""

from collections.abc import Callable
from dataclasses import dataclass

from wagtail.models import Site


@dataclass(frozen=True)
class PortalSection:
    slug: str
    title: str
    model: str  # "app.Model" of the section's page type
    order: int  # position among the home page's children (menu order)


_sections: dict[str, PortalSection] = {}


def register_portal_section(slug, title, model, order=100):
    """Add a portal-wide section under the home page; idempotent by slug (the last one wins)."""
    _sections[slug] = PortalSection(slug, title, model, order)


def portal_sections():
    """The registered sections, in menu order."""
    return sorted(_sections.values(), key=lambda section: (section.order, section.slug))


_agency_sections: dict[str, PortalSection] = {}


def register_agency_section(slug, title, model, order=100):
    """Add a section that every agency's subsite gets (its news, procedures, documents ...);
    setup_agency creates the missing ones. Idempotent by slug."""
    _agency_sections[slug] = PortalSection(slug, title, model, order)


def agency_sections():
    return sorted(_agency_sections.values(), key=lambda section: (section.order, section.slug))


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
    """Every registered portal-wide section, created if missing; returns {slug: page}."""
    from django.apps import apps

    home = home_page()
    return {
        section.slug: ensure_child(home, apps.get_model(section.model), section.slug, section.title)[0]
        for section in portal_sections()
    }


def create_portal_sections(sender, using, verbosity=1, **kwargs):
    """post_migrate receiver: create the registered sections that are missing, so that a fresh
    `migrate` followed by `import_content` gives a complete portal. Idempotent; a section whose
    table is not migrated yet (a partial `migrate app 0001`) waits for a later run."""
    import sys

    from django.apps import apps
    from django.db import DEFAULT_DB_ALIAS, connections

    if using != DEFAULT_DB_ALIAS:  # the pages live in the default database
        return
    tables = set(connections[using].introspection.table_names())
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:  # e.g. after `flush`, which empties the tree the home migration made
        return
    home = site.root_page.specific
    stdout = kwargs.get("stdout") or sys.stdout
    for section in portal_sections():
        model = apps.get_model(section.model)
        if model._meta.db_table not in tables:
            continue
        page, created = ensure_child(home, model, section.slug, section.title)
        if created and verbosity >= 1:
            stdout.write(f"  Đã tạo mục {page.title} ({page.url_path})\n")


def agency_directory():
    """The portal's AgencyIndexPage, created if missing (without touching the other sections)."""
    from home.models import AgencyIndexPage

    return ensure_child(home_page(), AgencyIndexPage, "co-quan", "Cơ quan – Đơn vị")[0]


@dataclass(frozen=True)
class HomeBlock:
    name: str
    template: str  # rendered with the page's context plus what `context` returns
    context: Callable[[dict], dict] | None
    order: int


_home_blocks: dict[str, HomeBlock] = {}


def register_home_block(name, template, context=None, order=100):
    """Add a block to the home page ("Văn bản mới", "Lịch công tác tuần này" ...), from an app's
    ready(). `context(template_context)` returns the block's own values; it runs only when the
    block's cached fragment is rebuilt, so keep what it reads to published content."""
    _home_blocks[name] = HomeBlock(name, template, context, order)


def home_blocks():
    return sorted(_home_blocks.values(), key=lambda block: (block.order, block.name))
