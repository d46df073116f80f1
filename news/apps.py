from django.apps import AppConfig


class NewsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "news"
    verbose_name = "Tin tức – Sự kiện"

    def ready(self):
        from home.structure import register_agency_section, register_portal_section
        from news.importing import NewsSection
        from portal_site.importing import register_section
        from search.types import register_search_type

        register_portal_section("tin-tuc", "Tin tức – Sự kiện", "news.NewsIndexPage", order=10)
        register_agency_section("tin-tuc", "Tin tức", "news.NewsIndexPage", order=10)

        # After agencies (10) and procedures (20): news may name an agency created in the same file.
        register_section(NewsSection, order=30)
        register_search_type("news", "Tin tức", "news.NewsPage")
