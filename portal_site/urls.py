"""The whole site: the admin, then the public site (`portal_site.public_urls`).

Visitors who are not signed in are served from the public URLconf alone
(`portal_site.urlconf.VisitorURLConfMiddleware`), so a worker that serves only them never loads
the admin's URLs.
"""

from django.urls import include, path

from wagtail.admin import urls as wagtailadmin_urls

from portal_site import public_urls
from portal_site.security import ADMIN_PREFIX

urlpatterns = [path(ADMIN_PREFIX.strip("/") + "/", include(wagtailadmin_urls)), *public_urls.urlpatterns]

handler404 = public_urls.handler404
handler500 = public_urls.handler500
