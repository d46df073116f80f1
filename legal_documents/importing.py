"""The "documents" section of `import_content` (contracts.md §7), and the keys its exporter writes.

Contract keys: `number`, `type` (label "Quyết định" or slug "quyet-dinh"), `agency`, `issuer`,
`signer`, `signer_title`, `issued`, `effective`, `expires` (YYYY-MM-DD or null), `status`
(hieu-luc, het-hieu-luc, het-hieu-luc-mot-phan, chua-hieu-luc), `sector` (a sector's name),
`summary`, `files` ([{title, filename}], under --files-dir), `replaces` (numbers).
Extensions, all optional: `title` (by default "<type> số <number> <summary>"), `slug` (by default
made from the number), `amends` (numbers of the documents this one amends or supplements).

Idempotent by `number` within the agency: a second run of the same file changes nothing. A
number in `replaces`/`amends` names a document of the same agency first (in the file or on the
portal), else the one document with that number anywhere. Documents are written after those they
name, so that a file may list a document before the one it replaces.
"""

from django.core.exceptions import ValidationError

from wagtail.coreutils import find_available_slug

from anyascii import anyascii

from portal_site.importing import (
    Entry,
    ImportFiles,
    child_rows,
    collection_document,
    publish,
    set_child_rows,
    set_if_changed,
)
from portal_site.text import vietnamese_slugify

KEYS = {
    "number",
    "type",
    "agency",
    "issuer",
    "signer",
    "signer_title",
    "issued",
    "effective",
    "expires",
    "status",
    "sector",
    "summary",
    "files",
    "replaces",
    "amends",
    "title",
    "slug",
}
RELATION_KEYS = {"replaces": "thay-the", "amends": "sua-doi"}


def type_slug(value):
    """'Quyết định', 'quyết định', 'quyet-dinh' -> 'quyet-dinh'; None when unknown."""
    from legal_documents.models import DOCUMENT_TYPES

    folded = vietnamese_slugify(anyascii(value or ""))
    slugs = {slug for slug, _ in DOCUMENT_TYPES}
    return folded if folded in slugs else None


class DocumentSection:
    key = "documents"
    label = "Văn bản"

    def validate(self, entries, context):
        from home.importing import known_agency_slugs
        from legal_documents.models import NUMBER_MAX_LENGTH, STATUS_CHOICES, normalize_number

        known_agencies = known_agency_slugs(entries, context)
        files = ImportFiles(context.files_dir)
        cleaned, seen = [], {}
        for index, raw in enumerate(entries):
            entry = Entry(self.key, index, raw, id_field="number")
            unknown = sorted(set(raw) - KEYS)
            if unknown:
                raise entry.error(unknown[0], f"khóa không được hỗ trợ (hỗ trợ: {', '.join(sorted(KEYS))}).")
            number = entry.text("number", required=True, max_length=NUMBER_MAX_LENGTH)
            agency = entry.slug("agency", required=True)
            if agency not in known_agencies:
                raise entry.error("agency", f'không có cơ quan "{agency}" trong tệp hoặc trong cổng.')
            key = (agency, normalize_number(number))
            if key in seen:
                raise entry.error("number", f"trùng số ký hiệu với documents[{seen[key]}] của cùng cơ quan.")
            seen[key] = index
            item = self._clean(entry, number, agency, files, STATUS_CHOICES)
            item["_entry"], item["_key"] = entry, key
            cleaned.append(item)
            context.progress("Kiểm tra văn bản", index + 1, len(entries))
        self._resolve_relations(cleaned)
        return self._ordered(cleaned)

    def _clean(self, entry, number, agency, files, status_choices):
        from legal_documents.models import DOCUMENT_TYPES, default_title

        type_text = entry.text("type", required=True)
        kind = type_slug(type_text)
        if kind is None:
            allowed = ", ".join(label for _, label in DOCUMENT_TYPES)
            raise entry.error("type", f'loại văn bản "{type_text}" không có (chọn một trong: {allowed}).')
        status = entry.text("status") or "hieu-luc"
        if status not in dict(status_choices):
            allowed = ", ".join(f'"{value}"' for value, _ in status_choices)
            raise entry.error("status", f'"{status}" không hợp lệ (chọn một trong: {allowed}).')
        issued = entry.date("issued", required=True)
        effective = entry.date("effective")
        expires = entry.date("expires")
        if effective and effective < issued:
            raise entry.error(
                "effective",
                f"ngày có hiệu lực {effective:%d/%m/%Y} trước ngày ban hành {issued:%d/%m/%Y}.",
            )
        if expires and expires < (effective or issued):
            raise entry.error("expires", "ngày hết hiệu lực trước ngày có hiệu lực.")
        summary = entry.text("summary", required=True)
        label = dict(DOCUMENT_TYPES)[kind]
        document_files = []
        for position in range(len(entry.list("files"))):
            sub = entry.sub_entry("files", position)
            filename = sub.text("filename", required=True, max_length=255)
            document_files.append(
                {
                    "title": sub.text("title", required=True, max_length=255),
                    **files.check(sub, filename, "tệp văn bản"),
                }
            )
        relations = {}
        for key in RELATION_KEYS:
            relations[key] = entry.text_list(key, max_length=50)
        return {
            "number": number,
            "agency": agency,
            "slug": entry.slug("slug"),
            "sector": entry.text("sector", max_length=255),
            "fields": {
                "title": entry.text("title", max_length=255) or default_title(label, number, summary),
                "document_type": kind,
                "issuer": entry.text("issuer", required=True, max_length=255),
                "signer": entry.text("signer", max_length=255),
                "signer_title": entry.text("signer_title", max_length=100),
                "issued": issued,
                "effective": effective,
                "expires": expires,
                "status": status,
                "summary": summary,
            },
            "files": document_files,
            "relations": relations,
        }

    def _resolve_relations(self, items):
        """Each named number -> ("file", item key) or ("portal", page id); an unknown or
        ambiguous number fails the import, naming the entry and the field."""
        from home.models import AgencyPage, nearest_agency
        from legal_documents.models import LegalDocumentPage, normalize_number

        in_file = {}
        for item in items:
            in_file.setdefault(item["_key"][1], []).append(item["_key"])
        named = {
            normalize_number(number)
            for item in items
            for numbers in item["relations"].values()
            for number in numbers
        }
        on_portal = {}
        if named:
            agencies = dict(AgencyPage.objects.values_list("path", "slug"))
            pages = LegalDocumentPage.objects.filter(number__in=_spellings(named, items)).values_list(
                "pk", "number", "path"
            )
            for pk, number, path in pages:
                agency = nearest_agency(path, agencies) or ""
                on_portal.setdefault(normalize_number(number), {})[agency] = pk
        for item in items:
            entry, agency = item["_entry"], item["agency"]
            resolved = []
            for key, kind in RELATION_KEYS.items():
                for position, number in enumerate(item["relations"][key]):
                    wanted = normalize_number(number)
                    target = self._target(wanted, agency, in_file.get(wanted, []), on_portal.get(wanted, {}))
                    if target is None:
                        raise entry.error(
                            f"{key}[{position}]", f'không có văn bản số "{number}" trong tệp hoặc trên cổng.'
                        )
                    if target == "ambiguous":
                        raise entry.error(
                            f"{key}[{position}]",
                            f'có nhiều văn bản số "{number}" của các cơ quan khác nhau; '
                            "hãy nhập văn bản đó vào cùng cơ quan.",
                        )
                    if target == ("file", item["_key"]):
                        raise entry.error(f"{key}[{position}]", "văn bản không thể liên quan đến chính nó.")
                    resolved.append((kind, target))
            item["resolved_relations"] = resolved

    @staticmethod
    def _target(number, agency, file_keys, portal):
        if (agency, number) in file_keys:
            return ("file", (agency, number))
        if agency in portal:
            return ("portal", portal[agency])
        candidates = [("file", key) for key in file_keys] + [("portal", pk) for pk in portal.values()]
        # The same document may be both in the file and already on the portal: count agencies.
        agencies = {key[0] for key in file_keys} | set(portal)
        if not candidates:
            return None
        if len(agencies) > 1:
            return "ambiguous"
        return candidates[0]

    @staticmethod
    def _ordered(items):
        """Items with every document named in the file written before the one naming it."""
        by_key = {item["_key"]: item for item in items}
        done, ordered, visiting = set(), [], set()

        def visit(item):
            key = item["_key"]
            if key in done:
                return
            if key in visiting:
                raise item["_entry"].error("replaces", "các văn bản thay thế, sửa đổi lẫn nhau thành vòng.")
            visiting.add(key)
            for _kind, (where, target) in item["resolved_relations"]:
                if where == "file":
                    visit(by_key[target])
            visiting.discard(key)
            done.add(key)
            ordered.append(item)

        for item in items:
            visit(item)
        return ordered

    def write(self, items, context, counts):
        from home.agencies import agency_collection
        from home.models import AgencyPage, nearest_agency
        from home.structure import ensure_child
        from legal_documents.models import (
            LegalDocumentFile,
            LegalDocumentIndexPage,
            LegalDocumentPage,
            LegalDocumentRelation,
            normalize_number,
        )

        # Inline children compared and written as rows: files (title, document), then relations.
        children = {
            "files": (LegalDocumentFile, ("title", "document_id")),
            "relations": (LegalDocumentRelation, ("kind", "target_id")),
        }
        agencies, sectors, documents = {}, {}, {}
        slugs = {item["agency"] for item in items}
        for slug in slugs:
            agency = context.agencies.get(slug) or AgencyPage.objects.get(slug=slug)
            section = ensure_child(agency, LegalDocumentIndexPage, "van-ban", "Văn bản")[0]
            agencies[slug] = (agency, section, agency_collection(agency))
        paths = {agency.path: slug for slug, (agency, _, _) in agencies.items()}
        existing = {}
        numbers = _spellings({item["_key"][1] for item in items}, items)
        for page in LegalDocumentPage.objects.filter(number__in=numbers).prefetch_related(
            "files", "relations"
        ):
            slug = nearest_agency(page.path, paths)
            if slug:
                existing[(slug, normalize_number(page.number))] = page
        written = {}
        for done, item in enumerate(items, start=1):
            entry = item["_entry"]
            agency, section, collection = agencies[item["agency"]]
            fields = dict(item["fields"], sector=_sector(item["sector"], sectors))
            files = [
                (file["title"], collection_document(file, collection, documents).pk) for file in item["files"]
            ]
            relations = [
                (kind, written[target].pk if where == "file" else target)
                for kind, (where, target) in item["resolved_relations"]
            ]
            rows = {"files": files, "relations": relations}
            page = existing.get(item["_key"])
            if page is None:
                page = LegalDocumentPage(number=item["number"], slug=self._free_slug(section, item), **fields)
                set_child_rows(page, children, rows)
                status = "created"
                parent = section
            else:
                changed = set_if_changed(page, dict(fields, number=item["number"]))
                if item["slug"]:
                    changed = set_if_changed(page, {"slug": item["slug"]}) or changed
                if child_rows(page, children) != rows:
                    set_child_rows(page, children, rows)
                    changed = True
                if not page.path.startswith(section.path) or page.depth != section.depth + 1:
                    page.move(section, pos="last-child")
                    page.refresh_from_db()
                    set_if_changed(page, dict(fields, number=item["number"]))
                    set_child_rows(page, children, rows)
                    changed = True
                status = "updated" if changed else "unchanged"
                parent = None
            if status != "unchanged":
                try:
                    publish(page, parent)
                except ValidationError as exc:
                    field = next(iter(getattr(exc, "error_dict", {}) or {"slug": None}))
                    raise entry.error(field, "; ".join(exc.messages)) from None
            written[item["_key"]] = page
            counts.add(status)
            context.progress(self.label, done, len(items))

    @staticmethod
    def _free_slug(section, item):
        if item["slug"]:
            return item["slug"]
        from legal_documents.models import number_slug

        return find_available_slug(section, number_slug(item["number"]) or "van-ban")


def _spellings(normalized, items):
    """Numbers as stored may differ from their normalized form in case or spacing: query the
    spellings the file uses as well as the normalized ones."""
    spellings = set(normalized)
    for item in items:
        spellings.add(item["number"])
        for numbers in item["relations"].values():
            spellings.update(numbers)
    return sorted(spellings)


def _sector(name, cache):
    """The sector of this name (made if missing), or None for no name."""
    from procedures.models import Sector

    return Sector.named(name, cache=cache) if name else None
