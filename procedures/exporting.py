"""The procedures part of contracts.md §1, written back out (the importer's mirror image)."""

from pathlib import Path

from home.models import AgencyPage, nearest_agency
from portal_site.importing import export_file
from procedures.models import ProcedurePage


def export_procedures(files_dir, progress=None):
    """Return the "procedures" entries of every procedure and copy their form files into files_dir."""
    files_dir = Path(files_dir)
    files_dir.mkdir(parents=True, exist_ok=True)
    procedures = (
        ProcedurePage.objects.select_related("sector")
        .prefetch_related(
            "old_codes",
            "steps",
            "channels",
            "required_documents",
            "legal_bases",
            "forms__document",
            "life_events",
        )
        .order_by("code")
    )
    agencies = {agency.path: agency.slug for agency in AgencyPage.objects.only("path", "slug")}
    filenames, entries = {}, []
    total = procedures.count()
    for done, page in enumerate(procedures.iterator(chunk_size=500), start=1):
        forms = []
        for form in page.forms.all():
            forms.append({"title": form.title, "filename": export_file(form.document, files_dir, filenames)})
        entries.append(_entry(page, nearest_agency(page.path, agencies) or "", forms, filenames))
        if progress:
            progress("Thủ tục hành chính", done, total)
    return entries


def _entry(page, agency_slug, forms, filenames):
    entry = {
        "code": page.code,
        "name": page.title,
        "slug": page.slug,
        "agency": agency_slug,
        "sector": page.sector.name if page.sector else "",
        "sector_code": page.sector.code if page.sector else "",
        "level": page.level,
        "implementation_level": page.get_implementation_level_display(),
        "online_service": page.online_service,
        "national_portal_url": page.national_portal_url,
        "aliases": [alias.code for alias in page.old_codes.all()],
        "local_code": page.local_code,
        "decision_numbers": page.decision_numbers,
        "procedure_type": page.procedure_type,
        "steps": [{"title": step.title, "text": step.text} for step in page.steps.all()],
        "methods": page.methods_note,
        "channels": [
            {
                "channel": channel.channel,
                "processing_time": channel.processing_time,
                "fee": channel.fee,
                "description": channel.description,
            }
            for channel in page.channels.all()
        ],
        "documents": [
            {
                "group": document.group,
                "name": document.name,
                "originals": document.originals,
                "copies": document.copies,
                "form": filenames.get(document.form_id, "") if document.form_id else "",
            }
            for document in page.required_documents.all()
        ],
        "processing_time": page.processing_time,
        "fees": page.fees,
        "applicants": page.applicants,
        "executing_agency": page.executing_agency,
        "competent_agency": page.competent_agency,
        "receiving_address": page.receiving_address,
        "coordinating_agencies": page.coordinating_agencies,
        "result": page.result,
        "conditions": page.conditions,
        "legal_basis": [
            {
                "number": basis.number,
                "summary": basis.summary,
                "date": basis.issued_on.isoformat() if basis.issued_on else "",
                "issuer": basis.issuer,
                "url": basis.url,
            }
            for basis in page.legal_bases.all()
        ],
        "forms": forms,
        "status": page.status,
        "effective_from": page.effective_from.isoformat() if page.effective_from else "",
        "featured": page.featured,
        "keywords": page.keyword_list,
        "life_events": [event.name for event in page.life_events.all()],
    }
    return entry
