"""Which page models are public search results, and the result type each one gives.

Each app registers its page models from its AppConfig.ready() with `register_search_type`, so
that `search/` names no app's models: the indexer, the rebuild, the `type` parameter and the
type facet's labels all read this registry. The home page and the index pages are not results.
"""

_labels: dict[str, str] = {}  # result type -> facet label
_kinds: dict[str, str] = {}  # "app.Model" -> result type


def register_search_type(kind, label, *models):
    """Make the page models ("app.Model") search results of type `kind`, labelled `label`."""
    _labels[kind] = label
    for model in models:
        _kinds[model] = kind


def type_labels():
    """{result type: Vietnamese label}, in registration order."""
    return dict(_labels)


def kind_of(model_label):
    return _kinds.get(model_label)


def model_labels():
    return list(_kinds)
