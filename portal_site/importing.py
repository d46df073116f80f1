"""The content importer behind `manage.py import_content` (contracts.md §1).

Each app contributes a section (agencies, procedures, news) registered in its AppConfig.ready().
An import first validates every section of the file, then writes them all in one transaction:
any error names the entry and the field, and nothing is written.
"""

import datetime
import re
from collections import defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.html import escape

from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail.signals import page_published

from portal_site.text import ASCII_SLUG_RE

_registry: list[tuple[int, type]] = []


class ImportFailed(Exception):
    """A validation or write error; the message names the entry and the field, in Vietnamese."""


def register_section(section_class, order):
    if all(cls is not section_class for _, cls in _registry):
        _registry.append((order, section_class))
        _registry.sort(key=lambda item: item[0])


def registered_sections():
    return [cls() for _, cls in _registry]


class Counts:
    """Created / updated / unchanged tallies for one section."""

    def __init__(self):
        self.created = self.updated = self.unchanged = 0

    def add(self, status):
        setattr(self, status, getattr(self, status) + 1)

    def __str__(self):
        return f"{self.created} tạo mới, {self.updated} cập nhật, {self.unchanged} không đổi"


class ImportContext:
    """What sections share during one import: the files folder and what earlier sections made."""

    def __init__(self, data, files_dir=None, progress: Callable[[str, int, int], None] | None = None):
        self.data = data
        self.files_dir = files_dir
        self.progress = progress or (lambda label, done, total: None)
        self.agencies = {}  # slug -> AgencyPage, filled by the agencies section


class Entry:
    """Reads and checks the fields of one entry, raising ImportFailed that names entry and field."""

    def __init__(self, section, index, raw, id_field=None, prefix=""):
        self.section, self.index, self.raw, self.prefix = section, index, raw, prefix
        ident = raw.get(id_field) if isinstance(raw, dict) and id_field else None
        self.label = f"{section}[{index}]" + (
            f" {id_field} {ident}" if isinstance(ident, str) and ident else ""
        )
        if not isinstance(raw, dict):
            raise ImportFailed(f"{self.label}: mục phải là một đối tượng JSON.")

    def error(self, field, message):
        return ImportFailed(f'{self.label}: trường "{self.prefix}{field}": {message}')

    def text(self, field, required=False, max_length=None, default=""):
        value = self.raw.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self.error(field, "bắt buộc phải có giá trị.")
            return default
        if not isinstance(value, str):
            raise self.error(field, "phải là chuỗi ký tự.")
        value = value.strip()
        if max_length and len(value) > max_length:
            raise self.error(field, f"dài quá {max_length} ký tự.")
        return value

    def slug(self, field, required=False):
        value = self.text(field, required=required, max_length=255)
        if value and not ASCII_SLUG_RE.match(value):
            raise self.error(
                field, f'"{value}" không phải là định danh hợp lệ (chỉ chữ thường không dấu, số, gạch nối).'
            )
        return value

    def integer(self, field, minimum=None, maximum=None, required=False, default=None):
        value = self.raw.get(field)
        if value is None:
            if required:
                raise self.error(field, "bắt buộc phải có giá trị.")
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(field, "phải là số nguyên.")
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            raise self.error(field, f"phải nằm trong khoảng {minimum}–{maximum}, nhận được {value}.")
        return value

    def boolean(self, field):
        """true or false; absent means false, anything else (null, "có", 1) is refused."""
        value = self.raw.get(field, False)
        if not isinstance(value, bool):
            raise self.error(field, "phải là true hoặc false.")
        return value

    def date(self, field, required=False):
        value = self.text(field, required=required)
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise self.error(field, f'"{value}" không phải ngày hợp lệ (định dạng YYYY-MM-DD).') from None

    def email(self, field):
        value = self.text(field, max_length=254)
        if value:
            try:
                validate_email(value)
            except ValidationError:
                raise self.error(field, f'"{value}" không phải địa chỉ thư điện tử hợp lệ.') from None
        return value

    def url(self, field):
        value = self.text(field, max_length=500)
        if value:
            try:
                URLValidator(schemes=["http", "https"])(value)
            except ValidationError:
                raise self.error(field, f'"{value}" không phải địa chỉ web hợp lệ.') from None
        return value

    def file_path(self, field, name, files_dir, kind):
        """The resolved path of file `name` under the --files-dir folder, which must hold it.

        `kind` names what the folder holds ("ảnh", "biểu mẫu") in the messages. Whether the
        file's content is what the section expects is the section's own check.
        """
        if not files_dir:
            raise self.error(field, f"cần chỉ ra thư mục chứa {kind} bằng tùy chọn --files-dir.")
        base = Path(files_dir).resolve()
        path = (base / name).resolve()
        if not path.is_relative_to(base):
            raise self.error(field, f'"{name}" nằm ngoài thư mục {kind} {files_dir}.')
        if not path.is_file():
            raise self.error(field, f'không tìm thấy tệp {kind} "{name}" trong thư mục {files_dir}.')
        return path

    def list(self, field, required=False):
        value = self.raw.get(field)
        if value is None:
            if required:
                raise self.error(field, "bắt buộc phải có danh sách.")
            return []
        if not isinstance(value, list):
            raise self.error(field, "phải là một danh sách.")
        return value

    def text_list(self, field, required=False, max_length=None):
        items = self.list(field, required=required)
        cleaned = []
        for position, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                raise self.error(f"{field}[{position}]", "phải là chuỗi ký tự không rỗng.")
            if max_length and len(item.strip()) > max_length:
                raise self.error(f"{field}[{position}]", f"dài quá {max_length} ký tự.")
            cleaned.append(item.strip())
        return cleaned

    def sub_entry(self, field, position):
        """Reader for a nested object, e.g. leaders[0], reporting as 'agencies[3] ...: leaders[0].email'."""
        raw = self.raw[field][position]
        if not isinstance(raw, dict):
            raise self.error(f"{field}[{position}]", "phải là một đối tượng JSON.")
        child = Entry(self.section, self.index, raw, prefix=f"{self.prefix}{field}[{position}].")
        child.label = self.label
        return child


class ImportFiles:
    """The attachments an import names under --files-dir: each checked once (its bytes must be
    the document its extension promises, portal_site.files), hashed, and never read twice."""

    def __init__(self, files_dir):
        self.files_dir = files_dir
        self.checked = {}

    def check(self, entry, filename, what="tệp đính kèm"):
        """{"filename", "path", "hash"} of the entry's `filename`; an entry error if it is
        missing or not what its name says (`what` names it in the message)."""
        from wagtail.utils.file import hash_filelike

        from portal_site.files import check_form_file

        path = entry.file_path("filename", filename, self.files_dir, what)
        if path not in self.checked:
            try:
                check_form_file(path.name, path.read_bytes())
            except ValidationError as exc:
                raise entry.error("filename", exc.messages[0]) from None
            with open(path, "rb") as handle:
                self.checked[path] = hash_filelike(handle)
        return {"filename": filename, "path": str(path), "hash": self.checked[path]}


def collection_document(file, collection, cache):
    """The collection's Wagtail document with the checked file's bytes (ImportFiles.check plus a
    "title"), or a new one made from it; `cache` keeps one lookup per file and collection."""
    from django.core.files import File

    from wagtail.documents import get_document_model

    key = (collection.pk, file["hash"])
    if key not in cache:
        Document = get_document_model()
        document = Document.objects.filter(collection=collection, file_hash=file["hash"]).first()
        if document is None:
            with open(file["path"], "rb") as handle:
                document = Document(title=file["title"], collection=collection)
                document.file.save(Path(file["filename"]).name, File(handle), save=False)
                # Set on the fields themselves: the hash was computed when the entry was checked,
                # and get_file_size()/get_file_hash() would each save the row again.
                document.file_size = document.file.size
                document.file_hash = file["hash"]
                document.save()
        cache[key] = document
    return cache[key]


def export_file(document, files_dir, filenames):
    """Copy a Wagtail document into an export's files folder once; its file name there (a name
    another document already took gets the document's id in front)."""
    import shutil

    if document.pk not in filenames:
        name = Path(document.file.name).name
        if name in filenames.values():
            name = f"{document.pk}-{name}"
        with document.file.open("rb") as source, open(Path(files_dir) / name, "wb") as target:
            shutil.copyfileobj(source, target)
        filenames[document.pk] = name
    return filenames[document.pk]


def child_rows(page, spec):
    """{relation: [one tuple of the named fields per inline child]} of a page, for the relations
    `spec` names ({relation: (model, field names)}): equal to an import's rows when unchanged."""
    return {
        relation: [tuple(getattr(child, name) for name in names) for child in getattr(page, relation).all()]
        for relation, (_model, names) in spec.items()
    }


def set_child_rows(page, spec, rows):
    """Replace the page's inline children (modelcluster relations) with `rows`, in their order."""
    for relation, (model, names) in spec.items():
        setattr(
            page,
            relation,
            [
                model(sort_order=i, **dict(zip(names, row, strict=True)))
                for i, row in enumerate(rows[relation])
            ],
        )


def paragraphs_html(text):
    """Plain text to rich-text HTML: blank lines separate paragraphs, single newlines become <br>."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)


def set_if_changed(obj, values):
    """Assign values to obj; return True if any of them differed (what makes an import idempotent)."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def publish(page, parent=None):
    """Create (under parent) or update a page and publish it as a new revision."""
    if page.pk is None and not (page.go_live_at and page.go_live_at > timezone.now()):
        return _publish_new(page, parent)
    if page.pk is None:  # scheduled: Wagtail's own path keeps it a draft until go_live_at
        parent.add_child(instance=page)
    page.save_revision(log_action=True).publish()
    return page


# Set by Wagtail, not read from an import file: checking that they exist costs a query each.
WAGTAIL_SET_FIELDS = ["content_type", "locale"]


def _publish_new(page, parent):
    """What `add_child` and `save_revision().publish()` leave behind for a page that did not
    exist: a live page in the tree whose first revision is its live one, the history entries
    "created" and "published", and `page_published` (which search indexing, the front cache
    and agency set-up follow).

    Those three calls save the page three times, validate it three times, and the publish
    action reloads the page from its revision and checks the workflow, aliases, comments,
    scheduling and earlier revisions, none of which a new page has: that was most of an
    import's time. Here the page is validated and saved once, its revision is stored as
    save_revision() stores it, both are linked with one UPDATE and the history written with
    one INSERT. tests/home/test_import.py checks that the result is the same.
    """
    from wagtail.log_actions import get_active_log_context, registry
    from wagtail.models import Page, Revision

    now = timezone.now()
    page.live, page.has_unpublished_changes = True, False
    page.first_published_at = page.last_published_at = page.latest_revision_created_at = now
    _add_child(parent, page)
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        content=page.serializable_data(),
        object_str=str(page),
    )
    published = {"latest_revision": revision, "live_revision": revision}
    for name in ("latest_revision_created_at", "first_published_at", "last_published_at"):
        published[name] = revision.created_at
    Page.objects.filter(pk=page.pk).update(**published)
    for name, value in published.items():
        setattr(page, name, value)

    # The entries Page.save() and the publish action log (wagtail.log_actions.log), in one INSERT.
    context = get_active_log_context()
    entry_model = registry.get_log_model_for_instance(page)
    common = {
        "page": page,
        "content_type": ContentType.objects.get_for_model(page, for_concrete_model=False),
        "label": page.get_admin_display_title(),
        "timestamp": revision.created_at,
        "data": {},
        "user": context.user,
        "uuid": context.uuid,
        "content_changed": True,
    }
    entry_model.objects.bulk_create(
        [
            entry_model(action="wagtail.create", **common),
            entry_model(action="wagtail.publish", revision=revision, **common),
        ]
    )
    page_published.send(sender=page.specific_class, instance=page, revision=revision)
    return page


def _add_child(parent, page):
    """treebeard's `parent.add_child(instance=page)`, saving the page without the history
    entry Page.save() writes (see `_publish_new`) and validating it as a live page."""
    from wagtail.models import Page

    locked = Page.objects.select_for_update().get(pk=parent.pk)  # as treebeard: lock, re-read
    page.depth = locked.depth + 1
    if locked.numchild:
        page.path = locked.get_last_child()._inc_path()
    else:
        page.path = Page._get_path(locked.path, page.depth, 1)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
    parent.numchild = locked.numchild + 1
    page._cached_parent_obj = parent
    page.full_clean(exclude=WAGTAIL_SET_FIELDS)
    page.save(clean=False, log_action=None)


@contextmanager
def references_indexed_once():
    """Wagtail refreshes an object's reference index (its "usage" listing) on every save of
    the object and of each of its clustered children, several times per published page.
    Inside this block, collect what was saved and refresh each object once, at the end."""
    from wagtail.models import Page, ReferenceIndex
    from wagtail.signal_handlers import disable_reference_index_auto_update

    saved = defaultdict(set)

    def collect(sender, instance, raw=False, **kwargs):
        if raw or sender not in ReferenceIndex.tracked_models:  # what Wagtail's own handler follows
            return
        parental = next((f for f in sender._meta.get_fields() if isinstance(f, ParentalKey)), None)
        if parental is not None:  # a clustered child: its parent holds the references
            sender, pk = parental.related_model, getattr(instance, parental.attname)
        else:
            pk = instance.pk
        if pk is not None and ReferenceIndex.is_indexed(sender):
            saved[Page if issubclass(sender, Page) else sender].add(pk)

    post_save.connect(collect, weak=False, dispatch_uid="home.import_references")
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid="home.import_references")
    if Page in saved:  # by specific type, with the clustered children the index reads
        page_types = Page.objects.filter(pk__in=saved.pop(Page)).values_list("pk", "content_type")
        for pk, content_type in page_types:
            saved[ContentType.objects.get_for_id(content_type).model_class()].add(pk)
    for model, pks in saved.items():
        children = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
        pks = sorted(pks)
        for start in range(0, len(pks), 500):  # bounded: SQLite limits query parameters
            objects = model.objects.filter(pk__in=pks[start : start + 500]).prefetch_related(*children)
            for obj in objects:
                ReferenceIndex.create_or_update_for_object(obj)


def run_import(data, files_dir=None, progress=None):
    """Validate then write every section; return {section key: Counts}. All or nothing."""
    if not isinstance(data, dict):
        raise ImportFailed("Tệp nhập phải là một đối tượng JSON ở cấp cao nhất.")
    sections = registered_sections()
    known = {section.key for section in sections}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ImportFailed(
            f"Khóa không được hỗ trợ: {', '.join(unknown)} (hỗ trợ: {', '.join(sorted(known))})."
        )
    for key in data:
        if not isinstance(data[key], list):
            raise ImportFailed(f'Mục "{key}" phải là một danh sách.')

    from search.indexing import deferred_indexing

    context = ImportContext(data, files_dir=files_dir, progress=progress)
    cleaned = {section.key: section.validate(data.get(section.key, []), context) for section in sections}
    results = {}
    # Search indexing and reference indexing run once, in bulk, after every section wrote
    # (still inside the transaction; the engine is sent its bulk requests after commit).
    with transaction.atomic(), deferred_indexing("import"), references_indexed_once():
        for section in sections:
            if section.key in data:
                counts = Counts()
                section.write(cleaned[section.key], context, counts)
                results[section.key] = counts
    return results
