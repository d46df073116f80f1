from django.apps import AppConfig


class PortalSiteConfig(AppConfig):
    name = "portal_site"
    verbose_name = "Cổng thông tin"

    def ready(self):
        # Registers the Vietnamese collation on every new SQLite connection.
        from portal_site import collation, fragments, frontcache  # noqa: F401

        # Purges the front cache when pages change (no-op without WAGTAILFRONTENDCACHE), and
        # makes the cached fragments stale.
        frontcache.connect()
        fragments.connect()
