from django.apps import AppConfig


class LegalDocumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "legal_documents"
    verbose_name = "Văn bản"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from home.structure import register_agency_section, register_home_block, register_portal_section
        from legal_documents.blocks import latest_documents
        from legal_documents.importing import DocumentSection
        from legal_documents.signals import purge_related
        from portal_site.importing import register_section
        from search.types import register_search_type

        register_portal_section("van-ban", "Văn bản", "legal_documents.LegalDocumentIndexPage", order=40)
        register_agency_section("van-ban", "Văn bản", "legal_documents.LegalDocumentIndexPage", order=40)
        # After agencies (10), procedures (20) and news (30): a document may name an agency of the file.
        register_section(DocumentSection, order=40)
        register_search_type("document", "Văn bản", "legal_documents.LegalDocumentPage")
        register_home_block(
            "van-ban-moi",
            "legal_documents/includes/latest_documents.html",
            context=latest_documents,
            order=40,
        )
        for signal in (page_published, page_unpublished):
            signal.connect(
                purge_related, dispatch_uid=f"legal_documents.purge_related.{signal is page_published}"
            )
