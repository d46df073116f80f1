from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "procedures"
    verbose_name = "Thủ tục hành chính"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from wagtail.documents.models import document_served

        from home.structure import register_agency_section, register_home_block, register_portal_section
        from portal_site.importing import register_section
        from procedures.importing import ProcedureSection
        from procedures.life_events import home_block_context, on_life_event_changed
        from procedures.signals import count_download
        from search.types import register_search_type

        register_portal_section(
            "thu-tuc-hanh-chinh", "Thủ tục hành chính", "procedures.ProcedureIndexPage", order=20
        )
        register_agency_section("thu-tuc", "Thủ tục hành chính", "procedures.ProcedureIndexPage", order=20)
        register_section(ProcedureSection, order=20)
        register_search_type("procedure", "Thủ tục hành chính", "procedures.ProcedurePage")
        document_served.connect(count_download, dispatch_uid="procedures_count_download")
        register_home_block(
            "su-kien-cuoc-song", "procedures/includes/life_events_block.html", home_block_context, order=5
        )
        for name, signal in (("saved", post_save), ("deleted", post_delete)):
            signal.connect(
                on_life_event_changed, sender="procedures.LifeEvent", dispatch_uid=f"life_event_{name}"
            )
