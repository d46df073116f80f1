"""Which URLconf answers a request: the public one for visitors, the whole site for editors.

A visitor without a session never reaches the admin's URLs: public pages reverse only public
names, and the userbar shows only to editors. So they are not loaded for visitors at all: some 50
modules of Wagtail's admin views and the portal's own, 3 MiB of a worker that serves only the
public site. Code that builds an admin link during a visitor's request (a mail to moderators)
uses `admin_reverse`.
"""

from django.conf import settings
from django.urls import reverse

from portal_site.security import ADMIN_PREFIX

PUBLIC_URLCONF = "portal_site.public_urls"


class VisitorURLConfMiddleware:
    """Routes requests without a session, outside the admin, through `PUBLIC_URLCONF`.

    It goes before LocaleMiddleware, which reads the request's URLconf. The public site never
    starts a session, so the session cookie is what tells an editor (or a stale sign-in, which
    the whole site serves just as well) from a visitor, without reading the session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES and not request.path_info.startswith(
            ADMIN_PREFIX
        ):
            request.urlconf = PUBLIC_URLCONF
        return self.get_response(request)


def admin_reverse(viewname, args=None, kwargs=None):
    """`reverse()` for an admin URL, also while a visitor's request is routed without the admin."""
    return reverse(viewname, args=args, kwargs=kwargs, urlconf=settings.ROOT_URLCONF)
