"""Facets of the listings that filter agencies' pages (the procedure catalogue, the documents
register): options counted in SQL, labels in Vietnamese dictionary order."""

from types import SimpleNamespace

from django.db.models import Count

from portal_site.collation import vi_sort_key

from .models import AgencyPage, section_owner_path, section_owner_path_expression


def in_label_order(labels):
    """(value, label) pairs sorted by label: "Đất đai" after D, not after Z."""
    return sorted(labels, key=lambda option: vi_sort_key(option[1]))


def facet(name, label, counts, labels, selected):
    """One group of options for the templates, in the order of `labels` ((value, label) pairs),
    each with its count from `counts` ({value: n}). An option nothing matches is left out,
    unless it is the one chosen (`selected`: {filter name: chosen value})."""
    chosen = selected.get(name)
    return {
        "name": name,
        "label": label,
        "options": [
            {"value": value, "label": text, "count": counts.get(value, 0), "selected": chosen == value}
            for value, text in labels
            if counts.get(value) or chosen == value
        ],
    }


def sector_counts(pages):
    """({sector slug: n}, the sectors' (slug, name) in label order) over pages with a sector."""
    rows = pages.order_by().values_list("sector__slug", "sector__name").annotate(n=Count("pk"))
    rows = [(slug, name, n) for slug, name, n in rows if slug]
    return {slug: n for slug, _, n in rows}, in_label_order((slug, name) for slug, name, _ in rows)


def agency_counts(pages):
    """Pages counted by the agency whose section holds them (their grandparent, found in SQL,
    the rule `in_sections_of` filters by).

    Returns ({agency path: {"title", "slug"}}, {agency slug: n}, the agencies' (slug, title) in
    label order). The first is plain data, for the fragment cache and `attach_owning_agencies`."""
    rows = dict(
        pages.order_by()
        .annotate(owner_path=section_owner_path_expression())
        .values_list("owner_path")
        .annotate(n=Count("pk"))
    )
    agencies = {
        agency.path: {"title": agency.title, "slug": agency.slug}
        for agency in AgencyPage.objects.filter(path__in=list(rows)).only("title", "slug", "path")
    }
    counts = {agencies[path]["slug"]: n for path, n in rows.items() if path in agencies}
    return agencies, counts, in_label_order((agency["slug"], agency["title"]) for agency in agencies.values())


def attach_owning_agencies(pages, agencies_by_path):
    """Set `owning_agency` on each page of a listing: the agency its facet counted it under."""
    for page in pages:
        agency = agencies_by_path.get(section_owner_path(page.path))
        page.owning_agency = SimpleNamespace(**agency) if agency else None
