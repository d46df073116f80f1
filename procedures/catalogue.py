"""The procedure catalogue behind ProcedureIndexPage: filters with counts, sorting, pagination.

Every figure on a catalogue page comes from a fixed number of queries (one GROUP BY per facet,
one count, one page of rows), whatever the page size or the number of procedures. The facets are
the same for every visitor asking for the same filters, so they are kept in the fragment cache.
"""

from types import SimpleNamespace

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.http import urlencode

from wagtail.models import Page

from home.models import (
    AgencyPage,
    agency_for,
    in_sections_of,
    section_owner_path,
    section_owner_path_expression,
)
from portal_site import fragments
from portal_site.collation import vi_sort_key, vietnamese
from procedures.levels import LEVEL_CHOICES
from procedures.models import (
    IMPLEMENTATION_LEVELS,
    ONLINE_SERVICE_CHOICES,
    ProcedurePage,
    Sector,
)

SORTS = {"name": (vietnamese("title"), "code"), "code": ("code",)}
NO_ONLINE_SERVICE = "khong"


class CatalogueFilterForm(forms.Form):
    sector = forms.SlugField(required=False)
    agency = forms.SlugField(required=False)
    cap = forms.ChoiceField(required=False, choices=[("", ""), *IMPLEMENTATION_LEVELS])
    level = forms.TypedChoiceField(
        required=False, coerce=int, empty_value=None, choices=[("", ""), *LEVEL_CHOICES]
    )
    online = forms.ChoiceField(
        required=False,
        choices=[
            ("", ""),
            (NO_ONLINE_SERVICE, ""),
            *[(v, label) for v, label in ONLINE_SERVICE_CHOICES if v],
        ],
    )
    sort = forms.ChoiceField(required=False, choices=[("", ""), ("name", ""), ("code", "")])

    def clean_sector(self):
        slug = self.cleaned_data["sector"]
        if slug and not Sector.objects.filter(slug=slug).exists():
            raise forms.ValidationError("không có lĩnh vực này")
        return slug

    def clean_agency(self):
        slug = self.cleaned_data["agency"]
        if slug:
            self.agency_page = AgencyPage.objects.filter(slug=slug).only("path", "depth").first()
            if self.agency_page is None:
                raise forms.ValidationError("không có cơ quan này")
        return slug


FILTER_LABELS = {
    "sector": "Lĩnh vực",
    "agency": "Cơ quan",
    "cap": "Cấp thực hiện",
    "level": "Mức độ",
    "online": "Dịch vụ công trực tuyến",
    "sort": "Sắp xếp",
}


def _label_order(option):
    """Vietnamese alphabetical order for facet labels: "Đất đai" sorts after D, not after Z."""
    return vi_sort_key(option[1])


class Catalogue:
    """Reads the filter parameters of one request and answers the page's context."""

    page_size = 20

    def __init__(self, index_page, params, request=None):
        self.index_page = index_page
        self.params = params
        self.request = request
        self.form = CatalogueFilterForm(params)
        self.is_valid = self.form.is_valid()
        # Keep the valid filters when some are not: a bad value is reported, the rest still apply.
        self.filters = {
            name: value
            for name, value in self.form.cleaned_data.items()
            if value not in (None, "") and name != "sort"
        }
        self.sort = self.form.cleaned_data.get("sort") or "name"

    def scope(self):
        """Live, public procedures of this catalogue: the agency's subtree, or the whole site."""
        owner = agency_for(self.index_page)
        # The portal-wide catalogue's owner is its parent, found by path without reading it.
        owner_path = owner.path if owner else self.index_page.path[: -Page.steplen]
        return ProcedurePage.objects.live().public().filter(path__startswith=owner_path)

    def filtered(self, queryset, skip=None):
        for name, value in self.filters.items():
            if name == skip:
                continue
            if name == "sector":
                queryset = queryset.filter(sector__slug=value)
            elif name == "agency":
                agency = self.form.agency_page
                # A procedure's agency is its grandparent: agency → thu-tuc → procedure.
                queryset = queryset.filter(**in_sections_of(agency))
            elif name == "cap":
                queryset = queryset.filter(implementation_level=value)
            elif name == "level":
                queryset = queryset.filter(level=value)
            elif name == "online":
                queryset = queryset.filter(online_service="" if value == NO_ONLINE_SERVICE else value)
        return queryset

    def facets(self, scope):
        selected = {name: str(value) for name, value in self.filters.items()}

        def options(name, rows, labels):
            counts = {str(value): count for value, count in rows}
            return {
                "name": name,
                "label": FILTER_LABELS[name],
                "options": [
                    {
                        "value": value,
                        "label": label,
                        "count": counts.get(value, 0),
                        "selected": selected.get(name) == value,
                    }
                    for value, label in labels
                    if counts.get(value) or selected.get(name) == value
                ],
            }

        def grouped(name, field):
            return self.filtered(scope, skip=name).order_by().values_list(field).annotate(n=Count("pk"))

        sectors = list(
            self.filtered(scope, skip="sector")
            .order_by()
            .values_list("sector__slug", "sector__name")
            .annotate(n=Count("pk"))
        )
        sector_labels = sorted(((slug, name) for slug, name, _ in sectors if slug), key=_label_order)
        # Counted in SQL by the grandparent's path: agency → thu-tuc → procedure, as parent_page_types
        # allow. nearest_agency would need every procedure's path in Python, and the agency filter
        # (in_sections_of) already uses the same rule.
        agency_rows = list(
            self.filtered(scope, skip="agency")
            .order_by()
            .annotate(agency_path=section_owner_path_expression())
            .values_list("agency_path")
            .annotate(n=Count("pk"))
        )
        self.agencies_by_path = {
            agency.path: {"title": agency.title, "slug": agency.slug}
            for agency in AgencyPage.objects.filter(path__in=[path for path, _ in agency_rows]).only(
                "title", "slug", "path"
            )
        }
        agency_counts = [
            (self.agencies_by_path[p]["slug"], n) for p, n in agency_rows if p in self.agencies_by_path
        ]
        agency_labels = sorted(
            ((agency["slug"], agency["title"]) for agency in self.agencies_by_path.values()),
            key=_label_order,
        )
        online_labels = [(v or NO_ONLINE_SERVICE, label) for v, label in ONLINE_SERVICE_CHOICES]
        online_rows = [(v or NO_ONLINE_SERVICE, n) for v, n in grouped("online", "online_service")]
        return [
            options("sector", [(slug, n) for slug, _, n in sectors], sector_labels),
            options("agency", agency_counts, agency_labels),
            options("cap", grouped("cap", "implementation_level"), IMPLEMENTATION_LEVELS),
            options("level", grouped("level", "level"), [(str(v), label) for v, label in LEVEL_CHOICES]),
            options("online", online_rows, online_labels),
        ]

    def cached_facets(self, scope):
        """facets(), and the agencies they name, from the fragment cache (per catalogue and filters)."""

        def build():
            return {"facets": self.facets(scope), "agencies": self.agencies_by_path}

        parts = (self.index_page.pk, self.index_page.path, sorted(self.filters.items()))
        cached = fragments.get_or_build("catalogue-facets", parts, build, self.request)
        self.agencies_by_path = cached["agencies"]
        return cached["facets"]

    def context(self):
        scope = self.scope()
        facets = self.cached_facets(scope)
        rows = self.filtered(scope).select_related("sector").order_by(*SORTS[self.sort])
        page_obj = Paginator(rows, self.page_size).get_page(self.params.get("page"))
        # The grandparent again, so that a row's agency is the one the facet counted it under.
        for procedure in page_obj.object_list:
            agency = self.agencies_by_path.get(section_owner_path(procedure.path))
            procedure.owning_agency = SimpleNamespace(**agency) if agency else None
        query = dict(self.filters)
        if self.sort != "name":
            query["sort"] = self.sort
        errors = [
            f"{FILTER_LABELS.get(name, name)}: giá trị “{self.params.get(name)}” không hợp lệ "
            f"({'; '.join(msgs)})."
            for name, msgs in self.form.errors.items()
        ]
        return {
            "facets": facets,
            "sort": self.sort,
            "page_obj": page_obj,
            "procedures": page_obj.object_list,
            "query": urlencode(query),
            "filter_errors": errors,
            "has_filters": bool(self.filters),
        }
