"""The "procedures" section of `import_content` (contracts.md §1), and its exporter's mirror.

Contract keys, as in contracts.md: `code`, `name`, `agency`, `sector`, `level`,
`implementation_level`, `steps`, `methods`, `documents`, `processing_time`, `fees`, `applicants`,
`result`, `conditions`, `legal_basis`, `forms` ([{title, filename}], files under --files-dir).

Extensions for the richer national record (all optional; `export_procedures` writes them):

- `steps`: besides one string (blank lines separate steps), a list of strings or of
  {"title", "text"} objects.
- `methods`: free text about the ways to submit; `channels`: the Cách thức thực hiện table,
  [{"channel": "truc-tiep" | "truc-tuyen" | "buu-chinh", "processing_time", "fee", "description"}].
- `documents`: items may be objects {"name", "group", "originals", "copies", "form"}, where
  `form` is the filename of one of the entry's `forms`.
- `legal_basis`: items may be objects {"number", "summary", "date" (YYYY-MM-DD), "issuer", "url"}.
- `aliases` (old codes), `local_code`, `decision_numbers`, `sector_code` (e.g. G15-TP07),
  `procedure_type`, `online_service` ("toan-trinh" | "mot-phan" | ""), `national_portal_url`,
  `executing_agency`, `competent_agency`, `receiving_address`, `coordinating_agencies`,
  `status` ("hieu-luc" | "het-hieu-luc"), `effective_from` (YYYY-MM-DD), `featured` (bool),
  `slug` (the page's slug; by default made from the name).
- `keywords`: how people say it, a list of everyday wordings ("làm giấy khai sinh cho con"),
  which the search weighs after the title; `life_events`: names of life events (snippets,
  e.g. ["Có con nhỏ"]); an unknown one fails the import.

Rules: `level` 2 needs at least one form; levels 3–4 link to online submission
(`national_portal_url`, defaulting to the national portal set in the portal's settings).
Idempotent by `code`; a form file whose bytes are already a document of the agency's collection
is reused, not uploaded again.
"""

import re

from django.core.exceptions import ValidationError

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
from procedures.models import (
    CHANNEL_CHOICES,
    CODE_RE,
    IMPLEMENTATION_LEVELS,
    ONLINE_SERVICE_CHOICES,
    STATUS_CHOICES,
    LegalBasis,
    LifeEvent,
    ProcedureChannel,
    ProcedureCodeAlias,
    ProcedureForm,
    ProcedurePage,
    ProcedureStep,
    RequiredDocument,
    Sector,
)

# Children compared (and replaced) as a whole: relation name -> (model, fields in order).
CHILDREN = {
    "old_codes": (ProcedureCodeAlias, ("code",)),
    "steps": (ProcedureStep, ("title", "text")),
    "channels": (ProcedureChannel, ("channel", "processing_time", "fee", "description")),
    "required_documents": (RequiredDocument, ("group", "name", "originals", "copies", "form_id")),
    "legal_bases": (LegalBasis, ("number", "summary", "issued_on", "issuer", "url")),
    "forms": (ProcedureForm, ("title", "document_id")),
}
TEXT_FIELDS = {
    # import key -> (model field, max length or None)
    "local_code": ("local_code", 50),
    "decision_numbers": ("decision_numbers", 255),
    "procedure_type": ("procedure_type", 255),
    "methods": ("methods_note", None),
    "processing_time": ("processing_time", None),
    "fees": ("fees", None),
    "applicants": ("applicants", None),
    "executing_agency": ("executing_agency", 255),
    "competent_agency": ("competent_agency", 255),
    "receiving_address": ("receiving_address", 255),
    "coordinating_agencies": ("coordinating_agencies", 255),
    "result": ("result", None),
    "conditions": ("conditions", None),
}
CODE = re.compile(CODE_RE)
STEP_TITLE = re.compile(r"^(Bước\s+\d+)\s*[:.]\s*", re.IGNORECASE)


def implementation_level_code(value):
    """'Cấp xã', 'cấp Xã', 'xa' -> 'xa'."""
    folded = anyascii(value).lower().replace("cap", "").strip()
    labels = {
        anyascii(label).lower().replace("cap", "").strip(): code for code, label in IMPLEMENTATION_LEVELS
    }
    return labels.get(folded) or (folded if folded in dict(IMPLEMENTATION_LEVELS) else None)


class ProcedureSection:
    key = "procedures"
    label = "Thủ tục hành chính"

    def validate(self, entries, context):
        from home.importing import known_agency_slugs

        known_agencies = known_agency_slugs(entries, context)
        files = ImportFiles(context.files_dir)
        # Life events are named as editors see them; matched on the slug of the name, so that
        # case and tone placement do not matter.
        self.life_events = {event.slug: event for event in LifeEvent.objects.all()}
        cleaned, seen = [], {}
        for index, raw in enumerate(entries):
            entry = Entry(self.key, index, raw, id_field="code")
            item = self._clean(entry, known_agencies, files)
            item["_entry"] = entry
            if item["code"] in seen:
                raise entry.error("code", f"trùng mã với procedures[{seen[item['code']]}].")
            seen[item["code"]] = index
            cleaned.append(item)
            context.progress("Kiểm tra thủ tục", index + 1, len(entries))
        return cleaned

    def _clean(self, entry, known_agencies, files):
        code = entry.text("code", required=True)
        if not CODE.match(code):
            raise entry.error("code", f'"{code}" không đúng dạng mã thủ tục (ví dụ 1.001193).')
        agency = entry.slug("agency", required=True)
        if agency not in known_agencies:
            raise entry.error("agency", f'không có cơ quan "{agency}" trong tệp hoặc trong cổng.')
        level = entry.integer("level", minimum=1, maximum=4, required=True)
        cap_text = entry.text("implementation_level", required=True)
        cap = implementation_level_code(cap_text)
        if cap is None:
            choices = ", ".join(label for _, label in IMPLEMENTATION_LEVELS)
            raise entry.error(
                "implementation_level", f'"{cap_text}" không hợp lệ (chọn một trong: {choices}).'
            )
        item = {
            "code": code,
            "agency": agency,
            "name": entry.text("name", required=True, max_length=255),
            "slug": entry.slug("slug"),
            "sector": entry.text("sector", required=True, max_length=255),
            "sector_code": entry.text("sector_code", max_length=50),
            "fields": {
                "implementation_level": cap,
                "level": level,
                "online_service": self._choice(entry, "online_service", ONLINE_SERVICE_CHOICES, ""),
                "status": self._choice(entry, "status", STATUS_CHOICES, "hieu-luc"),
                "national_portal_url": entry.url("national_portal_url"),
                "effective_from": entry.date("effective_from"),
                "featured": entry.boolean("featured"),
            },
        }
        for key, (field, max_length) in TEXT_FIELDS.items():
            item["fields"][field] = entry.text(key, max_length=max_length)
        item["fields"]["keywords"] = "\n".join(entry.text_list("keywords", max_length=200))
        item["life_events"] = self._life_events(entry)
        for key in ("processing_time", "result"):
            if not item["fields"][key]:
                raise entry.error(key, "bắt buộc phải có giá trị.")

        forms = []
        for position in range(len(entry.list("forms"))):
            form = entry.sub_entry("forms", position)
            filename = form.text("filename", required=True, max_length=255)
            forms.append(
                {
                    "title": form.text("title", required=True, max_length=255),
                    **files.check(form, filename, "biểu mẫu"),
                }
            )
        if level == 2 and not forms:
            raise entry.error("forms", "thủ tục mức độ 2 phải có ít nhất một biểu mẫu tải về.")
        form_names = {form["filename"] for form in forms}

        aliases = entry.text_list("aliases")
        for position, alias in enumerate(aliases):
            if not CODE.match(alias):
                raise entry.error(f"aliases[{position}]", f'"{alias}" không đúng dạng mã thủ tục.')
        item["children"] = {
            "old_codes": [(alias,) for alias in aliases],
            "steps": self._steps(entry),
            "channels": self._channels(entry),
            "required_documents": self._documents(entry, form_names),
            "legal_bases": self._legal_bases(entry),
            "forms": forms,
        }
        return item

    def _life_events(self, entry):
        found = []
        for position, name in enumerate(entry.text_list("life_events", max_length=100)):
            event = self.life_events.get(vietnamese_slugify(name))
            if event is None:
                known = ", ".join(f'"{event.name}"' for event in self.life_events.values())
                raise entry.error(
                    f"life_events[{position}]", f'không có sự kiện cuộc sống "{name}" (có: {known}).'
                )
            if event not in found:
                found.append(event)
        # Instances, not ids: a parental relation of an unsaved page only takes instances.
        return sorted(found, key=lambda event: event.pk)

    @staticmethod
    def _choice(entry, field, choices, default):
        value = entry.raw.get(field, default)
        if value is None:
            value = ""
        if value not in dict(choices):
            allowed = ", ".join(f'"{v}"' for v in dict(choices))
            raise entry.error(field, f'"{value}" không hợp lệ (chọn một trong: {allowed}).')
        return value

    @staticmethod
    def _steps(entry):
        raw = entry.raw.get("steps")
        if isinstance(raw, str):
            raw = [part.strip() for part in re.split(r"\n\s*\n", raw) if part.strip()]
        if not isinstance(raw, list) or not raw:
            raise entry.error("steps", "bắt buộc phải có: một đoạn văn bản hoặc danh sách các bước.")
        steps = []
        for position, step in enumerate(raw):
            if isinstance(step, str) and step.strip():
                text = step.strip()
                match = STEP_TITLE.match(text)
                steps.append((match.group(1), text[match.end() :]) if match else ("", text))
            elif isinstance(step, dict):
                sub = entry.sub_entry("steps", position)
                steps.append((sub.text("title", max_length=255), sub.text("text", required=True)))
            else:
                raise entry.error(f"steps[{position}]", "phải là chuỗi ký tự hoặc đối tượng {title, text}.")
        return steps

    @staticmethod
    def _channels(entry):
        channels = []
        for position in range(len(entry.list("channels"))):
            sub = entry.sub_entry("channels", position)
            channels.append(
                (
                    ProcedureSection._choice(sub, "channel", CHANNEL_CHOICES, None),
                    sub.text("processing_time", max_length=500),
                    sub.text("fee", max_length=500),
                    sub.text("description"),
                )
            )
        return channels

    @staticmethod
    def _documents(entry, form_names):
        documents = []
        for position, raw in enumerate(entry.list("documents")):
            if isinstance(raw, str) and raw.strip():
                documents.append(("", raw.strip(), 1, 0, None))
                continue
            if not isinstance(raw, dict):
                raise entry.error(f"documents[{position}]", "phải là chuỗi ký tự hoặc đối tượng.")
            sub = entry.sub_entry("documents", position)
            form = sub.text("form", max_length=255) or None
            if form and form not in form_names:
                raise sub.error("form", f'"{form}" không có trong danh sách "forms" của thủ tục.')
            documents.append(
                (
                    sub.text("group", max_length=255),
                    sub.text("name", required=True),
                    sub.integer("originals", minimum=0, maximum=100, default=1),
                    sub.integer("copies", minimum=0, maximum=100, default=0),
                    form,
                )
            )
        return documents

    @staticmethod
    def _legal_bases(entry):
        bases = []
        for position, raw in enumerate(entry.list("legal_basis")):
            if isinstance(raw, str) and raw.strip():
                bases.append(("", raw.strip()[:500], None, "", ""))
                continue
            if not isinstance(raw, dict):
                raise entry.error(f"legal_basis[{position}]", "phải là chuỗi ký tự hoặc đối tượng.")
            sub = entry.sub_entry("legal_basis", position)
            bases.append(
                (
                    sub.text("number", max_length=100),
                    sub.text("summary", required=True, max_length=500),
                    sub.date("date"),
                    sub.text("issuer", max_length=255),
                    sub.url("url"),
                )
            )
        return bases

    def write(self, items, context, counts):
        # run_import refreshes each written page's reference index once, at the end
        # (portal_site.importing.references_indexed_once).
        from home.agencies import agency_collection
        from home.models import AgencyPage, PortalSettings
        from home.structure import ensure_child
        from procedures.models import ProcedureIndexPage

        national_portal = PortalSettings.load().national_portal_url
        agencies, sections, sectors, documents = {}, {}, {}, {}
        existing = {
            page.code: page for page in ProcedurePage.objects.filter(code__in=[i["code"] for i in items])
        }
        for done, item in enumerate(items, start=1):
            slug = item["agency"]
            if slug not in agencies:
                agency = context.agencies.get(slug) or AgencyPage.objects.get(slug=slug)
                agencies[slug] = (agency, agency_collection(agency))
                sections[slug] = ensure_child(agency, ProcedureIndexPage, "thu-tuc", "Thủ tục hành chính")[0]
            agency, collection = agencies[slug]
            section = sections[slug]

            fields = dict(
                item["fields"],
                title=item["name"],
                sector=Sector.named(item["sector"], item["sector_code"], sectors),
            )
            if fields["level"] in (3, 4) and not fields["national_portal_url"]:
                fields["national_portal_url"] = national_portal
            forms = [
                (form["title"], collection_document(form, collection, documents).pk)
                for form in item["children"]["forms"]
            ]
            by_filename = dict(zip((f["filename"] for f in item["children"]["forms"]), forms, strict=True))
            children = dict(item["children"], forms=forms)
            children["required_documents"] = [
                (*doc[:4], by_filename[doc[4]][1] if doc[4] else None)
                for doc in children["required_documents"]
            ]

            page = existing.get(item["code"])
            if page is None:
                page = ProcedurePage(code=item["code"], slug=self._free_slug(section, item), **fields)
                set_child_rows(page, CHILDREN, children)
                page.life_events = item["life_events"]
                try:
                    publish(page, section)
                except ValidationError as exc:  # the page is validated when it is published
                    raise item["_entry"].error("slug", "; ".join(exc.messages)) from None
                existing[page.code] = page
                counts.add("created")
            else:
                changed = set_if_changed(page, fields)
                if item["slug"]:
                    changed = set_if_changed(page, {"slug": item["slug"]}) or changed
                if child_rows(page, CHILDREN) != children:
                    set_child_rows(page, CHILDREN, children)
                    changed = True
                if sorted(event.pk for event in page.life_events.all()) != [
                    e.pk for e in item["life_events"]
                ]:
                    page.life_events = item["life_events"]
                    changed = True
                if not page.path.startswith(section.path) or page.depth != section.depth + 1:
                    page.move(section, pos="last-child")
                    page.refresh_from_db()
                    changed = True
                if changed:
                    try:
                        publish(page)
                    except ValidationError as exc:  # e.g. a slug a sibling page already has
                        raise item["_entry"].error("slug", "; ".join(exc.messages)) from None
                counts.add("updated" if changed else "unchanged")
            context.progress(self.label, done, len(items))

    @staticmethod
    def _free_slug(section, item):
        if item["slug"]:
            return item["slug"]
        base = vietnamese_slugify(item["name"], max_length=80) or "thu-tuc"
        taken = section.get_children().filter(slug=base).exists()
        return f"{base}-{item['code'].replace('.', '-')}" if taken else base
