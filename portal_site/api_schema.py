"""The OpenAPI 3.1 description of the portal's JSON endpoints, served at /api/schema.json.

Written by hand, next to the contracts it restates (contracts.md §2, §10), and held to the
views by tests/security/test_openapi.py: schemathesis sends requests generated from this
description to the application and checks every answer against it.
"""

from django.http import JsonResponse
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_GET

from search import types
from search.queries import MAX_RESULT_WINDOW, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX
from search.text import MAX_QUERY_LENGTH

from .text import SLUG_MAX_LENGTH

# A URL slug as Wagtail writes them (Django's slug_unicode_re): letters, digits, - and _.
SLUG_PATTERN = r"^[-\w]+$"

# The bodies are the views' own; the schema's types are as strict as what the views promise.
NULLABLE_STRING = {"type": ["string", "null"]}


def _error(description):
    return {
        "description": description,
        "content": {
            "application/json": {
                "schema": {"$ref": "#/components/schemas/Error"},
            }
        },
    }


def _slug_parameter(name, description):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": {"type": "string", "pattern": SLUG_PATTERN, "maxLength": SLUG_MAX_LENGTH},
    }


def _number_parameter(name, description, minimum, maximum, default=None):
    schema = {"type": "integer", "minimum": minimum, "maximum": maximum}
    if default is not None:
        schema["default"] = default
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def _search_paths():
    kinds = list(types.type_labels())
    query = {
        "name": "q",
        "in": "query",
        "required": False,
        "description": (
            "Any Unicode text, NFC or NFD, with or without diacritics; Telex and VNI typing is "
            f"understood. Cut to {MAX_QUERY_LENGTH} characters (then `truncated` is true). "
            "Empty: the newest content."
        ),
        "schema": {"type": "string"},
    }
    search = {
        "get": {
            "operationId": "search",
            "summary": "Tìm kiếm trên cổng thông tin",
            "description": (
                "The public search as JSON: the same results, facets and pagination as /tim-kiem/. "
                f"Only the first {MAX_RESULT_WINDOW} results can be paged to (page × page_size)."
            ),
            "parameters": [
                query,
                {
                    "name": "type",
                    "in": "query",
                    "required": False,
                    "description": "Only results of this type.",
                    "schema": {"type": "string", "enum": kinds},
                },
                _slug_parameter("agency", "An agency's slug; its sub-agencies are included."),
                _slug_parameter("sector", "A sector's slug (lĩnh vực)."),
                _number_parameter("level", "Procedures of this service level.", 1, 4),
                _slug_parameter("life_event", "Procedures of this life event (sự kiện cuộc sống)."),
                _number_parameter("page", "1-based page number.", 1, MAX_RESULT_WINDOW, 1),
                _number_parameter("page_size", "Results per page.", 1, PAGE_SIZE_MAX, PAGE_SIZE_DEFAULT),
                {
                    "name": "scope",
                    "in": "query",
                    "required": False,
                    "description": "On an agency's own host name, `all` searches the whole portal.",
                    "schema": {"type": "string"},
                },
            ],
            "responses": {
                "200": {
                    "description": "A page of results.",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/SearchAnswer"}}
                    },
                },
                "400": _error("A bad parameter: a Vietnamese message and the parameter's name."),
            },
        }
    }
    suggest = {
        "get": {
            "operationId": "suggest",
            "summary": "Gợi ý khi gõ",
            "description": "Type-ahead suggestions: titles that start like the query.",
            "parameters": [
                {**query, "description": "What has been typed so far; empty gives no suggestions."}
            ],
            "responses": {
                "200": {
                    "description": "At most eight suggestions.",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["suggestions"],
                                "properties": {
                                    "suggestions": {
                                        "type": "array",
                                        "maxItems": 8,
                                        "items": {"$ref": "#/components/schemas/Suggestion"},
                                    }
                                },
                            }
                        }
                    },
                }
            },
        }
    }
    return {"/api/search/": search, "/api/search/suggest/": suggest}


def _rating_paths():
    """POST /danh-gia/ (contracts §10), described once the feedback app serves it."""
    try:
        path = reverse("rating")
    except NoReverseMatch:
        return {}
    refusal = {
        "description": "Refused, nothing stored: the message in Vietnamese and the field at fault.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RatingRefusal"}}},
    }
    rate = {
        "post": {
            "operationId": "rate",
            "summary": "Đánh giá mức độ hữu ích của một trang",
            "description": (
                "The rating form of every content page. With `Accept: application/json` the answer "
                "is JSON, as described here; otherwise a redirect back to the page, with thanks. "
                "No address or e-mail is stored; a client posting too often gets 429."
            ),
            "requestBody": {
                "required": True,
                "content": {
                    "application/x-www-form-urlencoded": {
                        "schema": {
                            "type": "object",
                            "required": ["page", "score"],
                            "properties": {
                                "page": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
                                "score": {"type": "integer", "minimum": 1, "maximum": 5},
                                "reason": {"type": "string", "description": "One of the form's reasons."},
                                "comment": {"type": "string", "maxLength": 1000, "pattern": "^[^\\u0000]*$"},
                                "website": {"type": "string", "maxLength": 0, "description": "Honeypot."},
                            },
                        }
                    }
                },
            },
            "responses": {
                "201": {
                    "description": "Stored; thanks.",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["ok", "message"],
                                "properties": {"ok": {"const": True}, "message": {"type": "string"}},
                            }
                        }
                    },
                },
                "400": refusal,
                "404": {**refusal, "description": "No such page, or it takes no ratings."},
                "409": {**refusal, "description": "This browser has rated the page already."},
                "429": {**refusal, "description": "Too many posts from this client; try later."},
            },
        }
    }
    return {path: rate}


def _components():
    kinds = list(types.type_labels())
    facet_item = {
        "type": "object",
        "required": ["value", "label", "count"],
        "properties": {
            "value": {"type": ["string", "integer"]},
            "label": {"type": "string"},
            "count": {"type": "integer", "minimum": 0},
        },
    }
    result = {
        "type": "object",
        "required": ["type", "title", "url", "agency", "level", "date", "snippet"],
        "properties": {
            "type": {"type": "string", "enum": kinds},
            "title": {"type": "string"},
            "url": {"type": "string", "description": "The page's own path."},
            "code": {**NULLABLE_STRING, "description": "Procedures: the national procedure code."},
            "number": {**NULLABLE_STRING, "description": "Legal documents: the document's number."},
            "agency": {**NULLABLE_STRING, "description": "The owning agency's slug."},
            "level": {"type": ["integer", "null"], "minimum": 1, "maximum": 4},
            "date": {"type": ["string", "null"], "format": "date"},
            "snippet": {"type": "string", "description": "Escaped HTML; matches in <mark>."},
        },
    }
    return {
        "schemas": {
            "Error": {
                "type": "object",
                "required": ["error"],
                "properties": {
                    "error": {"type": "string", "description": "What is wrong, in Vietnamese."},
                    "field": {"type": "string", "description": "The parameter or field at fault."},
                },
            },
            "SearchResult": result,
            "FacetItem": facet_item,
            "SearchAnswer": {
                "type": "object",
                "required": [
                    "query",
                    "count",
                    "page",
                    "page_size",
                    "backend",
                    "results",
                    "facets",
                    "suggestion",
                ],
                "properties": {
                    "query": {"type": "string", "description": "The query as searched (cleaned)."},
                    "count": {"type": "integer", "minimum": 0},
                    "page": {"type": "integer", "minimum": 1},
                    "page_size": {"type": "integer", "minimum": 1, "maximum": PAGE_SIZE_MAX},
                    "backend": {"type": "string", "enum": ["engine", "database"]},
                    "engine": {
                        "type": "string",
                        "description": "Which engine answered, e.g. opensearch 2.19.1.",
                    },
                    "truncated": {"type": "boolean"},
                    "results": {
                        "type": "array",
                        "maxItems": PAGE_SIZE_MAX,
                        "items": {"$ref": "#/components/schemas/SearchResult"},
                    },
                    "facets": {
                        "type": "object",
                        "additionalProperties": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/FacetItem"},
                        },
                    },
                    "suggestion": {**NULLABLE_STRING, "description": "“Bạn muốn tìm”: a better query."},
                    "few_results": {
                        "type": "object",
                        "description": "Only when little was found: ways to a procedure without its name.",
                        "required": ["life_events", "popular"],
                        "properties": {
                            "life_events": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["name", "url"],
                                    "properties": {
                                        "name": {"type": "string"},
                                        "audience": NULLABLE_STRING,
                                        "url": {"type": "string"},
                                    },
                                },
                            },
                            "popular": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["title", "url"],
                                    "properties": {"title": {"type": "string"}, "url": {"type": "string"}},
                                },
                            },
                        },
                    },
                },
            },
            "RatingRefusal": {
                "type": "object",
                "required": ["ok", "error"],
                "properties": {
                    "ok": {"const": False},
                    "error": {"type": "string"},
                    "field": {"type": "string"},
                },
            },
            "Suggestion": {
                "type": "object",
                "required": ["title", "url", "type"],
                "properties": {
                    "title": {"type": "string"},
                    "url": {"type": "string"},
                    "type": {"type": "string", "enum": kinds},
                },
            },
        }
    }


def document():
    """The OpenAPI document as a dict (built per call: the result types are registered by the apps)."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Cổng thông tin điện tử tỉnh Tiền Giang: API",
            "version": "1.0",
            "description": "Public, read-only JSON endpoints of the portal. No authentication.",
        },
        "paths": {**_search_paths(), **_rating_paths()},
        "components": _components(),
    }


@require_GET
def schema_view(request):
    return JsonResponse(document(), json_dumps_params={"ensure_ascii": False})
