"""The "documents" section of the import format, written back out (the importer's mirror image)."""

from pathlib import Path

from home.models import AgencyPage, nearest_agency
from legal_documents.models import LegalDocumentPage
from portal_site.importing import export_file


def export_documents(files_dir, agency=None, progress=None):
    """The "documents" entries of the register (of one agency's subtree if given), oldest first
    so that a document comes after those it replaces; copies their files into files_dir."""
    files_dir = Path(files_dir)
    files_dir.mkdir(parents=True, exist_ok=True)
    documents = (
        LegalDocumentPage.objects.select_related("sector")
        .prefetch_related("files__document", "relations__target")
        .defer("file_text")
        .order_by("issued", "pk")
    )
    if agency is not None:
        documents = documents.filter(path__startswith=agency.path)
    agencies = dict(AgencyPage.objects.values_list("path", "slug"))
    filenames, entries = {}, []
    total = documents.count()
    for done, page in enumerate(documents.iterator(chunk_size=500), start=1):
        entries.append(_entry(page, nearest_agency(page.path, agencies) or "", files_dir, filenames))
        if progress:
            progress("Văn bản", done, total)
    return entries


def _date(value):
    return value.isoformat() if value else None


def _entry(page, agency_slug, files_dir, filenames):
    relations = {"thay-the": [], "sua-doi": []}
    for relation in page.relations.all():
        relations[relation.kind].append(relation.target.number)
    return {
        "number": page.number,
        "type": page.get_document_type_display(),
        "agency": agency_slug,
        "issuer": page.issuer,
        "signer": page.signer,
        "signer_title": page.signer_title,
        "issued": _date(page.issued),
        "effective": _date(page.effective),
        "expires": _date(page.expires),
        "status": page.status,
        "sector": page.sector.name if page.sector else "",
        "summary": page.summary,
        "title": page.title,
        "slug": page.slug,
        "files": [
            {"title": file.title, "filename": export_file(file.document, files_dir, filenames)}
            for file in page.files.all()
        ],
        "replaces": relations["thay-the"],
        "amends": relations["sua-doi"],
    }
