from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "consultations"
    verbose_name = "Góp ý dự thảo"

    def ready(self):
        from consultations.blocks import open_consultations
        from consultations.importing import ConsultationSection
        from home.structure import register_agency_section, register_home_block, register_portal_section
        from portal_site.importing import register_section
        from search.types import register_search_type

        register_portal_section(
            "gop-y-du-thao", "Góp ý dự thảo", "consultations.ConsultationIndexPage", order=50
        )
        register_agency_section(
            "gop-y-du-thao", "Góp ý dự thảo", "consultations.ConsultationIndexPage", order=50
        )
        register_home_block(
            "dang-lay-y-kien",
            "consultations/blocks/open_consultations.html",
            context=open_consultations,
            order=50,
        )
        # After agencies (10): a draft may name an agency created in the same file.
        register_section(ConsultationSection, order=50)
        register_search_type("consultation", "Góp ý dự thảo", "consultations.ConsultationPage")
