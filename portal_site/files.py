"""Checks on document files: the bytes must be the office document their extension promises.

Used by the admin's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE) and by every import of
attachments (procedure forms, legal documents, drafts: portal_site.importing.ImportFiles), so
that a renamed executable posing as a .pdf is refused by both.
"""

import io
import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat

from wagtail.documents.forms import BaseDocumentForm

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# Inside an OLE2 compound file the stream names are stored in UTF-16LE.
OLE2_STREAMS = {"doc": ["WordDocument"], "xls": ["Workbook", "Book"]}
OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
ODF_MIMETYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
ALLOWED_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods"]
TYPE_NAMES = {
    "pdf": "PDF",
    "doc": "Word 97–2003",
    "xls": "Excel 97–2003",
    "docx": "Word",
    "xlsx": "Excel",
    "odt": "OpenDocument văn bản",
    "ods": "OpenDocument bảng tính",
}


def check_form_file(filename, data):
    """Raise ValidationError (Vietnamese) unless `data` (bytes) is a well-formed file of its extension."""
    extension = os.path.splitext(filename)[1].lstrip(".").lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            f"Tệp “{filename}” không được chấp nhận: chỉ nhận {', '.join(ALLOWED_EXTENSIONS)}.",
            code="extension",
        )
    limit = settings.PROCEDURES_FORM_MAX_SIZE
    if len(data) > limit:
        raise ValidationError(
            f"Tệp “{filename}” quá lớn ({filesizeformat(len(data))}); "
            f"dung lượng tối đa {filesizeformat(limit)}.",
            code="size",
        )
    if not data:
        raise ValidationError(f"Tệp “{filename}” rỗng.", code="empty")
    if not _content_matches(extension, data):
        raise ValidationError(
            f"Nội dung tệp “{filename}” không phải là tệp {TYPE_NAMES[extension]} hợp lệ "
            f"(phần mở rộng .{extension} không khớp với nội dung tệp).",
            code="content",
        )


def _content_matches(extension, data):
    if extension == "pdf":
        # Readers accept a PDF header anywhere in the first kilobyte.
        return b"%PDF-" in data[:1024]
    if extension in OLE2_STREAMS:
        return data.startswith(OLE2_MAGIC) and any(
            name.encode("utf-16-le") in data for name in OLE2_STREAMS[extension]
        )
    if not data.startswith(ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if extension in OOXML_PARTS:
                return "[Content_Types].xml" in names and OOXML_PARTS[extension] in names
            if "mimetype" not in names or archive.getinfo("mimetype").file_size > 100:
                return False
            return archive.read("mimetype").decode("ascii", "replace").strip() == ODF_MIMETYPES[extension]
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, RuntimeError):
        return False


class ValidatedDocumentForm(BaseDocumentForm):
    """The admin's document upload form, refusing files whose bytes do not match their type."""

    def clean_file(self):
        # Wagtail's document field has already refused a file over WAGTAILDOCS_MAX_UPLOAD_SIZE
        # by its size, before anything reads it into memory.
        uploaded = self.cleaned_data.get("file")
        if isinstance(uploaded, UploadedFile):
            uploaded.seek(0)
            check_form_file(uploaded.name, uploaded.read())
            uploaded.seek(0)
        return uploaded
