"""The Wagtail site of each request, from the fragment cache.

Wagtail finds the site for a request with one query per request (`Site.find_for_request`, kept
only on that request). Every page, search and API request needs it, and the answer changes only
when a site or a page is saved, published or moved, which the fragment cache already follows: so
the site is kept there, per host name and port, and handed to Wagtail on the request. A request
that never asks for its site (the API schema, a static file) makes no query for it either: the
site Wagtail found is stored when the response goes out.
"""

from portal_site import fragments

# Where Site.find_for_request keeps its answer for the request; Wagtail offers no public way to
# supply or read it.
REQUEST_ATTRIBUTE = "_wagtail_site"


class CachedSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Both the host and the port choose the site; get_host() has been checked against
        # ALLOWED_HOSTS by CommonMiddleware before this runs.
        parts = (request.get_host(), request.get_port())
        cached = fragments.lookup("site", parts, request)
        if cached is not None:
            setattr(request, REQUEST_ATTRIBUTE, cached[0])
        response = self.get_response(request)
        if cached is None and hasattr(request, REQUEST_ATTRIBUTE):
            site = getattr(request, REQUEST_ATTRIBUTE)
            if site is not None and site.root_page is not None:
                # Kept with its specific page, which routing every page request reads, whichever
                # request happened to store it (an API call does not read it).
                site.root_page.specific  # noqa: B018 (loads the cached property)
            fragments.store("site", parts, site, request)
        return response
