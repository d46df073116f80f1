"""Setting up an agency's subsite: its page, its news and procedure sections, its collection.

Used by `create_agency` and by the agencies section of `import_content`, so that both make the
same thing in one idempotent step.
"""

from wagtail.models import Collection

from home.importing import publish, set_if_changed
from home.models import AgencyLeader, AgencyPage
from home.structure import agency_directory, ensure_child

# Each agency gets these sections under its page (slug, title, model path).
AGENCY_SECTIONS = [
    ("tin-tuc", "Tin tức", "news.NewsIndexPage"),
    ("thu-tuc", "Thủ tục hành chính", "procedures.ProcedureIndexPage"),
]


def agency_collection(page):
    """The Wagtail collection holding an agency's documents and images."""
    if page.collection_id:
        return page.collection
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=page.title).first() or root.add_child(name=page.title)
    return collection


def setup_agency(slug, name, parent=None, leaders=None, hostname="", **fields):
    """Create or update an agency; returns (AgencyPage, "created" | "updated" | "unchanged")."""
    from django.apps import apps

    page = AgencyPage.objects.filter(slug=slug).first()
    parent_page = AgencyPage.objects.get(slug=parent) if parent else agency_directory()
    values = {"title": name, **{k: v for k, v in fields.items() if hasattr(AgencyPage, k)}}

    if page is None:
        page = AgencyPage(slug=slug, show_in_menus=False, **values)
        status = "created"
        _set_leaders(page, leaders or [])
        publish(page, parent_page)
    else:
        page = page.specific
        changed = set_if_changed(page, values)
        changed = _set_leaders(page, leaders or []) or changed
        if page.get_parent().pk != parent_page.pk:
            page.move(parent_page, pos="last-child")
            page.refresh_from_db()
            changed = True
        status = "updated" if changed else "unchanged"
        if changed:
            publish(page)

    for section_slug, title, model_path in AGENCY_SECTIONS:
        ensure_child(page, apps.get_model(model_path), section_slug, title)
    if page.collection_id is None:
        page.collection = agency_collection(page)
        page.save(update_fields=["collection"])
    return page, status


def _set_leaders(page, leaders):
    """Replace the page's leaders when they differ; return True if they did."""
    current = [
        {"name": leader.name, "title": leader.title, "email": leader.email, "phone": leader.phone}
        for leader in page.leaders.all()
    ]
    if current == leaders:
        return False
    page.leaders = [AgencyLeader(sort_order=i, **leader) for i, leader in enumerate(leaders)]
    return True
