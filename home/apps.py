from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Trang chủ và cơ quan"

    def ready(self):
        from wagtail.signals import page_published

        from home.agencies import rename_agency_access
        from home.importing import AgencySection, register_section
        from home.models import AgencyPage

        register_section(AgencySection, order=10)
        page_published.connect(rename_agency_access, sender=AgencyPage, dispatch_uid="home.rename_agency")
