from django.apps import AppConfig


class PortalSiteConfig(AppConfig):
    name = "portal_site"
    verbose_name = "Cổng thông tin"

    def ready(self):
        # First, before Wagtail's apps are ready (this app is installed first): their REST API
        # registrations, which the portal does not serve, would load 39 MiB per worker.
        from portal_site import wagtail_api

        wagtail_api.leave_out()

        # Registers the Vietnamese collation on every new SQLite connection.
        from portal_site import collation, fragments, frontcache  # noqa: F401

        # Purges the front cache when pages change (no-op without WAGTAILFRONTENDCACHE), and
        # makes the cached fragments stale.
        frontcache.connect()
        fragments.connect()
