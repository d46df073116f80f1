"""The front cache (Varnish, contracts.md §6): what may be cached, and what to purge when pages change.

Django decides cacheability: anonymous GETs of public pages get `Cache-Control: public` with an
`s-maxage` for Varnish and a short `max-age` for browsers; everything else is left uncacheable.
Publishing, unpublishing, moving or deleting a page, or changing who may see it, purges the page
and every page that shows it through wagtail.contrib.frontend_cache's configured backends
(`WAGTAILFRONTENDCACHE`), once the transaction has committed, so that a request arriving in
between cannot put the old page back in the cache.

The purge hooks live here rather than in wagtail.contrib.frontend_cache's own signal handlers
(that app is not installed): those purge only the page itself, on publish and unpublish, before
commit; a portal page is also shown by its section, its agency, the home page and the portal-wide
listings, and moves and privacy changes must purge too.
"""

import logging
from urllib.parse import quote

from django.conf import settings
from django.db import transaction
from django.utils.cache import add_never_cache_headers, patch_cache_control

logger = logging.getLogger("portal.frontcache")

NEVER_CACHED_PREFIXES = ("/admin/", "/documents/", "/_util/")
SEARCH_PREFIXES = ("/tim-kiem/", "/api/search/")
FEED_SUFFIXES = ("/rss/", "/atom/", ".xml", "/ical/")


def _lifetime(kind):
    return settings.PORTAL_CACHE_SECONDS[kind]


def _kind(request, response):
    path = request.path
    if response.status_code == 404:
        return "not_found"
    if path.startswith(SEARCH_PREFIXES):
        return "search"
    if path.endswith(FEED_SUFFIXES):
        return "feed"
    return "page"


class CacheControlMiddleware:
    """Mark anonymous public GETs as cacheable by the front cache; mark the rest uncacheable.

    Views that decide for themselves (a `Cache-Control` already set, e.g. the admin's never_cache)
    are left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        if (
            request.path.startswith(NEVER_CACHED_PREFIXES)
            or (user is not None and user.is_authenticated)
            or response.cookies
        ):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
            return response
        if response.status_code not in (200, 301, 404):
            return response
        lifetime = _lifetime(_kind(request, response))
        patch_cache_control(
            response, public=True, max_age=min(lifetime, _lifetime("browser")), s_maxage=lifetime
        )
        return response


# --- Purging --------------------------------------------------------------------------------------


def _site_paths(tree_path, url_path, sites):
    """A page's path on every site whose root holds it (by tree path): an agency's page is served
    on the portal's host and, when the agency has its own host name, on that one too."""
    return [
        url_path[len(root_url_path) - 1 :] or "/"
        for root_path, root_url_path in sites
        if tree_path.startswith(root_path)
    ]


def _sites():
    """(tree path, url_path) of every site's root page."""
    from wagtail.models import Site

    sites = Site.objects.select_related("root_page")
    return [(site.root_page.path, site.root_page.url_path) for site in sites]


def pages_showing(page):
    """The live pages that show `page` besides itself: its ancestors (section, agency, directory,
    home) and the portal's top-level sections, which list pages from the whole tree."""
    from wagtail.models import Page

    ancestors = list(Page.objects.ancestor_of(page).filter(depth__gt=1).live())
    home = next((ancestor for ancestor in ancestors if ancestor.depth == 2), None)
    sections = list(home.get_children().live()) if home else []
    return ancestors + sections


def purge_paths(page, sites=None, url_path=None, tree_path=None):
    """Every cached path of `page`: its URL on each site, plus the routes it declares
    (`get_cached_paths`, e.g. a news section's feeds). `url_path` and `tree_path` give where the
    page was before a move or a new slug; the page itself is never changed."""
    sites = sites if sites is not None else _sites()
    specific = page.specific_deferred
    routes = specific.get_cached_paths() if hasattr(specific, "get_cached_paths") else ["/"]
    paths = []
    for base in _site_paths(tree_path or page.path, url_path or page.url_path, sites):
        # Percent-encoded, as browsers send them (and Varnish compares them): slugs may be Unicode.
        paths.extend(quote(base.rstrip("/") + "/" + route.lstrip("/"), safe="/") for route in routes)
    return paths


def purge_pages(pages, extra_paths=()):
    """Purge `pages` (and `extra_paths`) from the front cache after the current transaction commits."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    pages = list(pages)
    extra_paths = list(extra_paths)

    def send():
        from wagtail.contrib.frontend_cache.utils import PurgeBatch
        from wagtail.models import Page

        sites = _sites()
        paths = set(extra_paths)
        # Read the pages as committed: a publish may have changed the slug after the signal's copy
        # was made. A deleted page keeps the copy the signal carried.
        current = Page.objects.in_bulk([page.pk for page in pages])
        for page in pages:
            paths.update(purge_paths(current.get(page.pk, page), sites))
        # Varnish bans by path on every host; the host only has to be a valid one.
        batch = PurgeBatch(f"http://{_purge_host()}{path}" for path in sorted(paths))
        try:
            batch.purge()
        except Exception:  # a purge failure must never fail a publish
            logger.exception("front cache: purge failed for %d paths", len(paths))

    transaction.on_commit(send)


def _purge_host():
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return site.hostname if site else "localhost"


def _purge_page_and_showing(page):
    if settings.WAGTAILFRONTENDCACHE:  # no queries for the pages showing it without a front cache
        purge_pages([page, *pages_showing(page)])


def on_page_published(sender, instance, **kwargs):
    _purge_page_and_showing(instance)


def on_page_unpublished(sender, instance, **kwargs):
    _purge_page_and_showing(instance)


def _old_paths(page, url_path_before, place_before, sites):
    """Where `page` and its descendants were cached before their url_path changed from
    `url_path_before` (a move, or a new slug): the same URLs with the old prefix, on the sites
    that held `place_before` (the old parent, or the page before the change)."""
    prefix = len(page.url_path)
    paths = []
    for each in [page, *page.get_descendants()]:
        old_url_path = url_path_before + each.url_path[prefix:]
        paths.extend(purge_paths(each, sites, url_path=old_url_path, tree_path=place_before.path))
    return paths


def on_post_page_move(sender, instance, parent_page_before, url_path_before, **kwargs):
    if not settings.WAGTAILFRONTENDCACHE:
        return
    old_paths = _old_paths(instance, url_path_before, parent_page_before, _sites())
    old_showing = [parent_page_before, *pages_showing(parent_page_before)]
    purge_pages([instance, *instance.get_descendants(), *old_showing, *pages_showing(instance)], old_paths)


def on_page_slug_changed(sender, instance, instance_before, **kwargs):
    if not settings.WAGTAILFRONTENDCACHE:
        return
    # The new URL is purged with the publish; the old ones (page and subtree) go here.
    purge_pages([], _old_paths(instance, instance_before.url_path, instance_before, _sites()))


def on_view_restriction_changed(sender, instance, **kwargs):
    if not settings.WAGTAILFRONTENDCACHE:
        return
    # Adding a restriction must take the public copies of the page and its subtree out at once.
    page = instance.page
    purge_pages([page, *page.get_descendants(), *pages_showing(page)])


def connect():
    """Called from PortalSiteConfig.ready()."""
    from django.db.models.signals import post_delete, post_save

    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    page_published.connect(on_page_published, dispatch_uid="portal_frontcache_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="portal_frontcache_unpublished")
    page_slug_changed.connect(on_page_slug_changed, dispatch_uid="portal_frontcache_slug_changed")
    post_page_move.connect(on_post_page_move, dispatch_uid="portal_frontcache_post_move")
    for signal in (post_save, post_delete):
        signal.connect(
            on_view_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"portal_frontcache_restriction_{signal is post_save}",
        )
