from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Trang chủ và cơ quan"

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate

        from wagtail.signals import page_published

        from home.agencies import rename_agency_access, retire_agency_access
        from home.importing import AgencySection
        from home.models import AgencyAccess, AgencyPage
        from home.structure import create_portal_sections, register_portal_section
        from portal_site.importing import register_section
        from search.types import register_search_type

        register_section(AgencySection, order=10)
        register_portal_section("co-quan", "Cơ quan – Đơn vị", "home.AgencyIndexPage", order=30)
        register_search_type("page", "Trang thông tin", "home.AgencyPage", "home.StandardPage")
        # The portal's sections come from post_migrate rather than a data migration: a migration
        # sees only historical models (no Wagtail tree or publishing methods) and runs once, while
        # the sections are a registry that apps installed later add to; post_migrate runs after
        # every `migrate`, when all tables exist, and creates only what is missing.
        post_migrate.connect(create_portal_sections, sender=self, dispatch_uid="home.portal_sections")
        page_published.connect(rename_agency_access, sender=AgencyPage, dispatch_uid="home.rename_agency")
        post_delete.connect(retire_agency_access, sender=AgencyAccess, dispatch_uid="home.retire_agency")
