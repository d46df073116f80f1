from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Trang chủ và cơ quan"

    def ready(self):
        from django.db.models.signals import post_delete

        from wagtail.signals import page_published

        from home.agencies import rename_agency_access, retire_agency_access
        from home.importing import AgencySection, register_section
        from home.models import AgencyAccess, AgencyPage

        register_section(AgencySection, order=10)
        page_published.connect(rename_agency_access, sender=AgencyPage, dispatch_uid="home.rename_agency")
        post_delete.connect(retire_agency_access, sender=AgencyAccess, dispatch_uid="home.retire_agency")
