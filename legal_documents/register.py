"""The register behind LegalDocumentIndexPage: GET filters with counts, newest issued first, pages.

A page of the register costs a fixed number of queries whatever the page number or the size of
the register: one count, one page of rows (sector joined), and the facets (one GROUP BY each),
which are the same for every visitor asking the same filters and so kept in the fragment cache
until the next publish.
"""

import re

from django import forms
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear
from django.utils import timezone
from django.utils.http import urlencode

from home.facets import agency_counts, attach_owning_agencies, facet, sector_counts
from home.models import AgencyPage, in_sections_of
from legal_documents.models import DOCUMENT_TYPES, STATUS_CHOICES, status_expression
from portal_site import fragments
from procedures.models import Sector
from search.forms import UrlSlugField, WholeNumberField

PAGE_SIZE = 20
QUERY_MAX_LENGTH = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

FILTER_LABELS = {
    "type": "Loại văn bản",
    "agency": "Cơ quan ban hành",
    "year": "Năm ban hành",
    "sector": "Lĩnh vực",
    "status": "Tình trạng hiệu lực",
    "q": "Từ khóa",
    "page": "Trang",
}


class QueryField(forms.Field):
    """Free text: at most QUERY_MAX_LENGTH characters, no control characters."""

    def to_python(self, value):
        return " ".join((value or "").split())

    def validate(self, value):
        super().validate(value)
        if _CONTROL.search(value):
            raise forms.ValidationError("chứa ký tự không hợp lệ", code="invalid")
        if len(value) > QUERY_MAX_LENGTH:
            raise forms.ValidationError(f"dài quá {QUERY_MAX_LENGTH} ký tự", code="max_length")


def _choice_messages(message):
    return {"invalid_choice": message}


class RegisterFilterForm(forms.Form):
    type = forms.ChoiceField(
        required=False,
        choices=[("", ""), *DOCUMENT_TYPES],
        error_messages=_choice_messages("không có loại văn bản này"),
    )
    agency = UrlSlugField(required=False, error_messages={"invalid": "không có cơ quan này"})
    year = WholeNumberField(
        required=False,
        min_value=1900,
        max_value=2100,
        error_messages=dict.fromkeys(
            ("invalid", "min_value", "max_value"), "năm ban hành phải là số từ 1900 đến 2100"
        ),
    )
    sector = UrlSlugField(required=False, error_messages={"invalid": "không có lĩnh vực này"})
    status = forms.ChoiceField(
        required=False,
        choices=[("", ""), *STATUS_CHOICES],
        error_messages=_choice_messages("không có tình trạng hiệu lực này"),
    )
    q = QueryField(required=False)
    page = WholeNumberField(
        required=False,
        min_value=1,
        error_messages=dict.fromkeys(("invalid", "min_value"), "số trang phải là số nguyên từ 1 trở lên"),
    )

    def __init__(self, *args, scope_path="", **kwargs):
        super().__init__(*args, **kwargs)
        self.scope_path = scope_path
        self.agency_page = None

    def clean_agency(self):
        slug = self.cleaned_data["agency"]
        if slug:
            self.agency_page = (
                AgencyPage.objects.filter(slug=slug, path__startswith=self.scope_path)
                .only("path", "depth", "title", "slug")
                .first()
            )
            if self.agency_page is None:
                raise forms.ValidationError("không có cơ quan này")
        return slug

    def clean_sector(self):
        slug = self.cleaned_data["sector"]
        if slug and not Sector.objects.filter(slug=slug).exists():
            raise forms.ValidationError("không có lĩnh vực này")
        return slug


class Register:
    """Reads one request's filters and answers the register page's context."""

    def __init__(self, index_page, request):
        self.index_page, self.request, self.params = index_page, request, request.GET
        self.today = timezone.localdate()
        self.form = RegisterFilterForm(self.params, scope_path=index_page.scope_path)
        self.is_valid = self.form.is_valid()
        # A bad value is reported (400) and left out; the valid filters still apply.
        cleaned = self.form.cleaned_data
        self.filters = {
            name: value for name, value in cleaned.items() if value not in (None, "") and name != "page"
        }
        self.page_number = cleaned.get("page") or 1

    def filtered(self, queryset, skip=None):
        for name, value in self.filters.items():
            if name == skip:
                continue
            if name == "type":
                queryset = queryset.filter(document_type=value)
            elif name == "agency":
                # A document's agency is its grandparent: agency → van-ban → document.
                queryset = queryset.filter(**in_sections_of(self.form.agency_page))
            elif name == "year":
                queryset = queryset.filter(issued__year=value)
            elif name == "sector":
                queryset = queryset.filter(sector__slug=value)
            elif name == "status":
                queryset = queryset.alias(current_status=status_expression(self.today)).filter(
                    current_status=value
                )
            elif name == "q":
                for word in value.split()[:10]:
                    queryset = queryset.filter(
                        Q(number__icontains=word) | Q(title__icontains=word) | Q(summary__icontains=word)
                    )
        return queryset

    def facets(self, scope):
        selected = {name: str(value) for name, value in self.filters.items()}

        def counts(name, expression):
            rows = (
                self.filtered(scope, skip=name)
                .order_by()
                .annotate(value=expression)
                .values_list("value")
                .annotate(n=Count("pk"))
            )
            return {str(value): n for value, n in rows if value not in (None, "")}

        def options(name, counted, labels):
            return facet(name, FILTER_LABELS[name], counted, labels, selected)

        years = counts("year", ExtractYear("issued"))
        sectors, sector_labels = sector_counts(self.filtered(scope, skip="sector"))
        self.agencies_by_path, agencies, agency_labels = agency_counts(self.filtered(scope, skip="agency"))
        year_labels = [
            (year, year) for year in sorted(set(years) | {selected.get("year", "")} - {""}, reverse=True)
        ]
        facets = [
            options("type", counts("type", F("document_type")), DOCUMENT_TYPES),
            options("status", counts("status", status_expression(self.today)), STATUS_CHOICES),
            options("year", years, year_labels),
            options("sector", sectors, sector_labels),
        ]
        if self.index_page.agency is None or len(agency_labels) > 1:
            facets.insert(1, options("agency", agencies, agency_labels))
        return facets

    def cached_facets(self, scope):
        def build():
            return {"facets": self.facets(scope), "agencies": self.agencies_by_path}

        parts = (
            self.index_page.pk,
            self.index_page.path,
            self.today.isoformat(),
            sorted(self.filters.items()),
        )
        cached = fragments.get_or_build("register-facets", parts, build, self.request)
        self.agencies_by_path = cached["agencies"]
        return cached["facets"]

    def context(self):
        scope = self.index_page.documents()
        facets = self.cached_facets(scope)
        rows = self.filtered(scope).select_related("sector").defer("file_text").newest_first()
        paginator = Paginator(rows, PAGE_SIZE)
        page_obj = paginator.get_page(self.page_number)
        attach_owning_agencies(page_obj.object_list, self.agencies_by_path)
        errors = [
            f"{FILTER_LABELS.get(name, name)}: giá trị “{_shown(self.params.get(name))}” không hợp lệ "
            f"({'; '.join(messages)})."
            for name, messages in self.form.errors.items()
        ]
        return {
            "facets": facets,
            "page_obj": page_obj,
            "documents": page_obj.object_list,
            "query": urlencode(self.filters),
            "filter_errors": errors,
            "has_filters": bool(self.filters),
            "search_text": self.filters.get("q", ""),
        }


def _shown(value):
    """A refused value as the message may echo it: printable and short."""
    value = _CONTROL.sub("", value or "")
    return value if len(value) <= 40 else value[:40] + "…"
