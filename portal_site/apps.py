from django.apps import AppConfig


class PortalSiteConfig(AppConfig):
    name = "portal_site"
    verbose_name = "Cổng thông tin"

    def ready(self):
        # Registers the Vietnamese collation on every new SQLite connection.
        from portal_site import collation  # noqa: F401
