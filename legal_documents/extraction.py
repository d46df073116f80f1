"""Text inside a document's PDF and DOCX files, for the public search.

PDF through pypdf, DOCX by reading `word/document.xml` from the zip (python-docx is only a
development tool here). Each file is read once: the result is kept in ExtractedText under the
document's file hash. Limits, so that one odd upload cannot hold up a save or an import:
- files over LEGAL_DOCUMENTS_EXTRACT_MAX_BYTES are not read;
- reading stops after LEGAL_DOCUMENTS_EXTRACT_SECONDS (checked between pages and XML
  elements: pypdf cannot be interrupted inside one page) and after EXTRACT_MAX_PAGES pages;
- a DOCX whose document part unpacks to more than DOCX_MAX_XML_BYTES is refused (zip bombs).
A file that yields no text at all (a scan) is logged on `portal.legal_documents`.
"""

import io
import logging
import os
import time
import zipfile
from xml.etree.ElementTree import ParseError

from django.conf import settings

# defusedxml (a Wagtail dependency, through Willow) refuses entity expansion and external entities.
from defusedxml.ElementTree import iterparse

logger = logging.getLogger("portal.legal_documents")

EXTRACT_MAX_PAGES = 2000
DOCX_MAX_XML_BYTES = 50 * 1024 * 1024
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def max_bytes():
    return getattr(settings, "LEGAL_DOCUMENTS_EXTRACT_MAX_BYTES", 20 * 1024 * 1024)


def max_seconds():
    return getattr(settings, "LEGAL_DOCUMENTS_EXTRACT_SECONDS", 20)


class Extraction:
    """The outcome of reading one file: `outcome` is one of ExtractedText.OUTCOMES' keys."""

    def __init__(self, outcome, text="", pages=None, seconds=0.0):
        self.outcome, self.text, self.pages, self.seconds = outcome, text, pages, seconds


class _Deadline:
    def __init__(self, seconds):
        self.end = time.monotonic() + seconds

    def passed(self):
        return time.monotonic() > self.end


def extract(filename, data):
    """Read the text of a file's bytes; never raises for a bad file."""
    started = time.monotonic()
    extension = os.path.splitext(filename)[1].lstrip(".").lower()
    if len(data) > max_bytes():
        result = Extraction("too-large")
    elif extension == "pdf":
        result = _pdf(data, _Deadline(max_seconds()))
    elif extension == "docx":
        result = _docx(data, _Deadline(max_seconds()))
    else:
        result = Extraction("unsupported")
    result.text = result.text.strip()
    if result.outcome == "ok" and not result.text.strip():
        result.outcome = "empty"
    result.seconds = time.monotonic() - started
    return result


def _pdf(data, deadline):
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return Extraction("error")
        texts, count = [], 0
        for count, page in enumerate(reader.pages, start=1):
            if count > EXTRACT_MAX_PAGES:
                break
            if deadline.passed():
                return Extraction("timeout", "\n".join(texts), count - 1)
            texts.append(page.extract_text() or "")
        return Extraction("ok", "\n".join(texts), count)
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, OSError, RecursionError):
        return Extraction("error")


def _docx(data, deadline):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > DOCX_MAX_XML_BYTES:
                return Extraction("too-large")
            paragraphs, current = [], []
            with archive.open(info) as part:
                for position, (_event, element) in enumerate(iterparse(part, events=("end",))):
                    tag = element.tag
                    if tag == f"{W}t":
                        current.append(element.text or "")
                    elif tag == f"{W}tab":
                        current.append("\t")
                    elif tag in (f"{W}br", f"{W}cr"):
                        current.append("\n")
                    elif tag == f"{W}p":
                        paragraphs.append("".join(current))
                        current = []
                        element.clear()
                    if position % 1000 == 0 and deadline.passed():
                        return Extraction("timeout", "\n".join(paragraphs))
            return Extraction("ok", "\n".join(p for p in paragraphs if p.strip()))
    except (zipfile.BadZipFile, KeyError, ParseError, ValueError, OSError, RuntimeError):
        return Extraction("error")


def extract_document(document, label=""):
    """Read a Wagtail document's file and log what a search cannot find in it."""
    name = os.path.basename(document.file.name)
    try:
        with document.file.open("rb") as handle:
            data = handle.read(max_bytes() + 1)
    except OSError:
        logger.warning("legal document %s: file %r of document %s cannot be opened", label, name, document.pk)
        return Extraction("error")
    result = extract(name, data)
    if result.outcome == "empty":
        logger.warning(
            "legal document %s: no text found in %r (document %s, %s pages): probably a scan; "
            "its content is not searchable until a text version is attached",
            label,
            name,
            document.pk,
            result.pages,
        )
    elif result.outcome in ("too-large", "timeout", "error"):
        logger.warning(
            "legal document %s: text of %r (document %s) not fully read: %s after %.1f s",
            label,
            name,
            document.pk,
            result.outcome,
            result.seconds,
        )
    return result


def text_of_documents(documents, label=""):
    """The text of these documents' files joined, reading only those not read before."""
    from legal_documents.models import ExtractedText

    documents = [document for document in documents if document is not None]
    if not documents:
        return ""
    known = ExtractedText.objects.in_bulk([document.pk for document in documents])
    texts = []
    for document in documents:
        row = known.get(document.pk)
        if row is None or row.file_hash != (document.file_hash or ""):
            result = extract_document(document, label)
            row, _ = ExtractedText.objects.update_or_create(
                document=document,
                defaults={
                    "file_hash": document.file_hash or "",
                    "text": result.text,
                    "outcome": result.outcome,
                    "pages": result.pages,
                    "seconds": result.seconds,
                },
            )
            known[document.pk] = row
        if row.text:
            texts.append(row.text)
    return "\n\n".join(texts)
