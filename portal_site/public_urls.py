"""The public site's URLs: everything but the admin, which `portal_site.urls` adds."""

from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal_site import api_schema, views

urlpatterns = [
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("api/schema.json", api_schema.schema_view, name="api_schema"),
    path("", include("search.urls")),
    path("", include("feedback.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving comes last: it answers every path the patterns above did not.
urlpatterns += [path("", include(wagtail_urls))]

handler404 = "portal_site.views.page_not_found"
handler500 = "portal_site.views.server_error"
