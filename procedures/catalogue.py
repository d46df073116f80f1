"""The procedure catalogue behind ProcedureIndexPage: filters with counts, sorting, pagination.

Every figure on a catalogue page comes from a fixed number of queries (one GROUP BY per facet,
one count, one page of rows), whatever the page size or the number of procedures. The facets are
the same for every visitor asking for the same filters, so they are kept in the fragment cache.
"""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.http import urlencode

from wagtail.models import Page

from home.facets import agency_counts, attach_owning_agencies, facet, sector_counts
from home.models import AgencyPage, agency_for, in_sections_of
from portal_site import fragments
from portal_site.collation import vietnamese
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

        def counts(name, field, blank=""):
            rows = self.filtered(scope, skip=name).order_by().values_list(field).annotate(n=Count("pk"))
            return {str(value) if value not in ("", None) else blank: n for value, n in rows}

        def options(name, counted, labels):
            return facet(name, FILTER_LABELS[name], counted, labels, selected)

        sectors, sector_labels = sector_counts(self.filtered(scope, skip="sector"))
        self.agencies_by_path, agencies, agency_labels = agency_counts(self.filtered(scope, skip="agency"))
        return [
            options("sector", sectors, sector_labels),
            options("agency", agencies, agency_labels),
            options("cap", counts("cap", "implementation_level"), IMPLEMENTATION_LEVELS),
            options("level", counts("level", "level"), [(str(v), label) for v, label in LEVEL_CHOICES]),
            options(
                "online",
                counts("online", "online_service", blank=NO_ONLINE_SERVICE),
                [(v or NO_ONLINE_SERVICE, label) for v, label in ONLINE_SERVICE_CHOICES],
            ),
        ]

    def cached_facets(self, scope):
        """facets(), and the agencies they name, from the fragment cache (per catalogue and filters)."""

        def build():
            return {"facets": self.facets(scope), "agencies": self.agencies_by_path}

        parts = (self.index_page.pk, self.index_page.path, sorted(self.filters.items()))
        cached = fragments.get_or_build("catalogue-facets", parts, build, self.request)
        self.agencies_by_path = cached["agencies"]
        return cached["facets"]

    CONTEXT_NAMES = ("facets", "sort", "page_obj", "procedures", "query", "filter_errors", "has_filters")

    def fragment_parts(self):
        """What the page's HTML depends on, for its cached fragment; None (rendered afresh) for a
        request with an invalid filter or a page beyond fragments.CACHED_PAGES."""
        page = fragments.listing_page(self.params.get("page"))
        if not self.is_valid or page is None:
            return None
        host = self.request.get_host() if self.request else None
        return (self.index_page.pk, self.index_page.path, host, sorted(self.filters.items()), self.sort, page)

    def context(self):
        scope = self.scope()
        facets = self.cached_facets(scope)
        rows = self.filtered(scope).select_related("sector").order_by(*SORTS[self.sort])
        page_obj = Paginator(rows, self.page_size).get_page(self.params.get("page"))
        attach_owning_agencies(page_obj.object_list, self.agencies_by_path)
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
