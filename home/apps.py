from django.apps import AppConfig


class HomeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "home"
    verbose_name = "Trang chủ và cơ quan"

    def ready(self):
        from home.importing import AgencySection, register_section

        register_section(AgencySection, order=10)
