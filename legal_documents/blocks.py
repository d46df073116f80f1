"""The home page's "Văn bản mới" block (home/structure.py: register_home_block)."""

from django.apps import apps

LATEST_COUNT = 6


def latest_documents(context):
    """The newest documents of the whole portal and the portal's register, for the block."""
    page_model = apps.get_model("legal_documents", "LegalDocumentPage")
    index_model = apps.get_model("legal_documents", "LegalDocumentIndexPage")
    home = context.get("page")
    documents = page_model.objects.live().public().defer("file_text").newest_first()
    register = None
    if home is not None:
        documents = documents.filter(path__startswith=home.path)
        register = index_model.objects.child_of(home).live().first()
    return {"latest_documents": list(documents[:LATEST_COUNT]), "documents_register": register}
