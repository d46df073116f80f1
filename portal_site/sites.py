"""The Wagtail site of each request, from the fragment cache.

Wagtail finds the site for a request with one query per request (`Site.find_for_request`, kept
only on that request). Every page, search and API request needs it, and the answer changes only
when a site or a page is saved, published or moved, which the fragment cache already follows: so
the site is kept there, per host name and port, and handed to Wagtail on the request.
"""

from wagtail.models import Site

from portal_site import fragments


def _cached_site(request):
    # Both the host and the port choose the site (Wagtail matches on either); get_host() has been
    # checked against ALLOWED_HOSTS by CommonMiddleware before this runs.
    return fragments.get_or_build(
        "site", (request.get_host(), request.get_port()), lambda: Site.find_for_request(request), request
    )


class CachedSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # `_wagtail_site` is where Site.find_for_request keeps its answer for the request; Wagtail
        # offers no public way to supply it.
        request._wagtail_site = _cached_site(request)
        return self.get_response(request)
