"""The front cache keeps a document's page until a publish purges it; a document's page also
shows the documents that replace or amend it, so publishing one purges those it names."""

from django.apps import apps

from portal_site.frontcache import purge_pages


def purge_related(sender, instance, **kwargs):
    page_model = apps.get_model("legal_documents", "LegalDocumentPage")
    if not isinstance(instance, page_model):
        return
    relation_model = apps.get_model("legal_documents", "LegalDocumentRelation")
    linked = set(relation_model.objects.filter(page=instance).values_list("target_id", flat=True))
    linked |= set(relation_model.objects.filter(target=instance).values_list("page_id", flat=True))
    if linked:
        purge_pages(page_model.objects.filter(pk__in=linked))
