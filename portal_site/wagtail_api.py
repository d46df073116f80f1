"""Wagtail's v3 REST API, kept out of the portal's processes.

Wagtail 8's images, documents, snippets, locales and redirects apps register their routers for the
v3 API in `ready()` whether or not a project serves that API, and the redirects app imports its v2
API as well. That loads django-ninja, pydantic and Django REST framework at start-up: about 490
modules (133 MiB after `django.setup()`, 94 MiB without them). The portal serves neither API (its
own is /api/search/, contracts.md §3), so unless `wagtail.api.v3` is installed, the modules those
`ready()` methods import are replaced, before they run, by empty ones that accept the
registrations and keep nothing. PortalSiteConfig, the first installed app, does it from its own
`ready()`.

Django REST framework and pydantic still come in with the first page served, when Wagtail reads
every app's wagtail_hooks: the images and documents hooks import their admin API views (for the
page explorer) at the top. They cost some 11 MiB; a worker that has served pages holds 14 MiB less
than before (154 → 140 MiB), not 39.
"""

import sys
import types

from django.apps import apps


class _Discarded:
    """Stands for the v3 API object and its routers: registrations go nowhere."""

    def add_router(self, *args, **kwargs):
        pass


def _register_nothing():
    pass


# The module each app's ready() imports, and the names it takes from it (wagtail 8.0).
REPLACED = {
    "wagtail.api.v3.api": {"api": _Discarded()},
    "wagtail.contrib.redirects.api": {},  # its package imports the v2 API (Django REST framework)
    "wagtail.contrib.redirects.api.v3": {"router": _Discarded()},
    "wagtail.documents.api.v3.registry": {"register_content_types": _register_nothing},
    "wagtail.documents.api.v3.router": {"router": _Discarded()},
    "wagtail.images.api.v3.registry": {"register_content_types": _register_nothing},
    "wagtail.images.api.v3.router": {"router": _Discarded()},
    "wagtail.locales.api.v3": {"router": _Discarded()},
    "wagtail.snippets.api.v3": {"register_content_types": _register_nothing},
    "wagtail.snippets.api.v3.router": {"router": _Discarded()},
}


def leave_out():
    """Put the empty modules in place, unless the project serves Wagtail's v3 API or something has
    imported the real ones already."""
    if apps.is_installed("wagtail.api.v3"):
        return
    for name, attributes in REPLACED.items():
        if name in sys.modules:
            continue
        module = types.ModuleType(name, "Left out: the portal does not serve Wagtail's REST APIs.")
        module.__dict__.update(attributes)
        sys.modules[name] = module
