from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "procedures"
    verbose_name = "Thủ tục hành chính"

    def ready(self):
        from wagtail.documents.models import document_served

        from home.structure import register_agency_section, register_portal_section
        from portal_site.importing import register_section
        from procedures.importing import ProcedureSection
        from procedures.signals import count_download
        from search.types import register_search_type

        register_portal_section(
            "thu-tuc-hanh-chinh", "Thủ tục hành chính", "procedures.ProcedureIndexPage", order=20
        )
        register_agency_section("thu-tuc", "Thủ tục hành chính", "procedures.ProcedureIndexPage", order=20)
        register_section(ProcedureSection, order=20)
        register_search_type("procedure", "Thủ tục hành chính", "procedures.ProcedurePage")
        document_served.connect(count_download, dispatch_uid="procedures_count_download")
