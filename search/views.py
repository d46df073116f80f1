"""The public search page and its JSON API (contracts.md §2)."""

import dataclasses
import datetime
from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from wagtail.models import Page, Site

from . import service
from .forms import SearchForm
from .queries import FACET_FIELDS, PAGE_SIZE_DEFAULT, SearchParams
from .text import MAX_QUERY_LENGTH, clean_query

# `scope=all` on an agency's own hostname searches the whole portal.
SCOPE_ALL = "all"
# The search page's facet titles; a facet added to queries.FACET_FIELDS without one here is
# still shown, under its parameter name.
FACET_TITLES = {
    "type": "Loại",
    "agency": "Cơ quan",
    "sector": "Lĩnh vực",
    "level": "Mức độ",
    "life_event": "Sự kiện cuộc sống",
}
# What "Bỏ tất cả bộ lọc" keeps of the page's parameters.
CLEARED_KEEPS = ("q", "scope", "page_size")
# The page sizes the search page offers (the API takes any size up to PAGE_SIZE_MAX).
PAGE_SIZES = (PAGE_SIZE_DEFAULT, 20, 50)


class BadParameter(ValueError):
    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message


def site_agency(request):
    """The AgencyPage at the root of the requested site, if this is an agency's hostname."""
    from home.models import AgencyPage

    site = Site.find_for_request(request)
    if site is None:
        return None
    # The root's type is known without a query; only an agency's root is read as an agency.
    root = site.root_page
    return root.specific if issubclass(root.specific_class or Page, AgencyPage) else None


def parse_params(request):
    """SearchParams from the query string; BadParameter names the first bad field."""
    form = SearchForm(request.GET)
    if not form.is_valid():
        raise BadParameter(*form.first_error())
    data = form.cleaned_data
    # Every form field SearchParams has (filters added to both flow through), `q` as the query.
    names = {item.name for item in dataclasses.fields(SearchParams)} & set(data)
    return SearchParams(query=data["q"], **{name: data[name] for name in names})


def _scoped(request, params):
    """On an agency's hostname, search that agency unless asked for the whole portal."""
    agency = site_agency(request)
    scoped = agency is not None and params.agency is None and request.GET.get("scope") != SCOPE_ALL
    if scoped:
        params.agency = agency.slug
    return agency, scoped


@require_GET
def search_api(request):
    try:
        params = parse_params(request)
    except BadParameter as error:
        return JsonResponse({"error": error.message, "field": error.field}, status=400)
    _scoped(request, params)
    outcome = service.search(params)
    body = {
        "query": params.query.text,
        "count": outcome.count,
        "page": params.page,
        "page_size": params.page_size,
        "backend": outcome.backend,
        "results": [{**result, "snippet": str(result["snippet"])} for result in outcome.results],
        "facets": {
            name: [{key: item[key] for key in ("value", "label", "count")} for item in items]
            for name, items in outcome.facets.items()
        },
        "suggestion": outcome.suggestion,
    }
    if outcome.engine:
        body["engine"] = outcome.engine
    if params.query.truncated:
        body["truncated"] = True
    if outcome.few_results:  # few or no results: life events and most-searched procedures
        body["few_results"] = outcome.few_results
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@require_GET
def suggest_api(request):
    query = clean_query(request.GET.get("q", ""))
    return JsonResponse({"suggestions": service.suggest(query)}, json_dumps_params={"ensure_ascii": False})


def _linker(base):
    """url(**changes): the search URL with some of `base`'s parameters changed (None removes
    one); page resets. The unchanged parameters are encoded once for all the page's links (a
    search page has some forty, one per facet value)."""
    encoded = {key: urlencode({key: value}) for key, value in base.items() if value not in (None, "")}
    encoded.pop("page", None)

    def url(**changes):
        query = dict(encoded)
        for key, value in changes.items():
            if value is None:
                query.pop(key, None)
            else:
                query[key] = urlencode({key: value})
        return "?" + "&".join(query.values())

    return url


def _current(request):
    """The page's own parameters as given (facets, scope, page size), for links that change one."""
    names = ("q", *FACET_FIELDS, "scope", "page_size")
    return {key: request.GET.get(key) for key in names if request.GET.get(key)}


@require_GET
def search_page(request):
    current = _current(request)
    context = {
        "search_query": request.GET.get("q", ""),
        "max_query_length": MAX_QUERY_LENGTH,
        "default_page_size": PAGE_SIZE_DEFAULT,
    }
    try:
        params = parse_params(request)
    except BadParameter as error:
        context["error"] = error.message
        return render(request, "search/search_page.html", context, status=400)
    agency, scoped = _scoped(request, params)
    outcome = service.search(params)
    service.record_search(params, outcome)
    link = _linker(current)
    facets, chips = [], []
    for name in FACET_FIELDS:
        items = [
            {
                **item,
                "url": link(**{name: None if item["selected"] else str(item["value"])}),
            }
            for item in outcome.facets.get(name, [])
        ]
        title = FACET_TITLES.get(name, name)
        if items:
            facets.append({"name": name, "title": title, "items": items})
        # A chosen filter is a chip that removes it, even when no result carries its value.
        chosen = getattr(params, name, None) if request.GET.get(name) else None
        if chosen is not None:
            label = next((item["label"] for item in items if item["selected"]), str(chosen))
            chips.append({"title": title, "label": label, "url": link(**{name: None})})
    pages = outcome.num_pages
    context.update(
        params=params,
        outcome=outcome,
        # The API's ISO dates as dates, for the template's own date format.
        results=[
            {**result, "date": datetime.date.fromisoformat(result["date"]) if result["date"] else None}
            for result in outcome.results
        ],
        facets=facets,
        chips=chips,
        clear_filters_url=_linker({key: current[key] for key in CLEARED_KEEPS if key in current})()
        if len(chips) > 1
        else None,
        # The page-size form resends the other parameters as hidden fields.
        kept_params=[(key, value) for key, value in current.items() if key != "page_size"],
        page_sizes=PAGE_SIZES,
        site_agency=agency,
        scoped=scoped,
        whole_portal_url=link(scope=SCOPE_ALL, agency=None),
        suggestion_url=_linker({})(q=outcome.suggestion) if outcome.suggestion else None,
        previous_url=link(page=str(params.page - 1)) if params.page > 1 else None,
        next_url=link(page=str(params.page + 1)) if params.page < pages else None,
        num_pages=pages,
        first_rank=(params.page - 1) * params.page_size + 1,
        last_rank=min(params.page * params.page_size, outcome.count),
        # The body shows the answer and the links built from the page's own parameters, on this
        # host: an unrelated parameter, or another order, is the same body.
        body_key=(outcome.kept, request.get_host(), sorted(current.items())) if outcome.kept else None,
    )
    return render(request, "search/search_page.html", context)
