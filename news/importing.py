"""The "news" section of `import_content` (contracts.md §1).

Each entry becomes a published NewsPage, found again by its slug (a second run of the same file
changes nothing). A news item with an agency goes into that agency's "tin-tuc" section; one
without goes into the portal's /tin-tuc/.

Keys of the contract: slug, title, date (YYYY-MM-DD), agency (optional slug), summary, body (plain
text; blank lines separate paragraphs), tags (optional list).
Extension keys, all optional:
- image: a file name under --files-dir, imported once (found again by its content hash) into the
  agency's collection as the lead image;
- image_alt: its text alternative, required with image; image_caption: its caption;
- source: the source line ("Mic.gov.vn", "Báo Ấp Bắc");
- pinned: true to pin the item to the top of the lists;
- procedures: codes of related procedures (in the same file or already on the portal), shown
  under the article as "Thủ tục hành chính liên quan".
"""

import hashlib

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile

from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.rich_text import RichText

from portal_site.importing import Entry, paragraphs_html, publish, set_if_changed

KEYS = {
    "slug",
    "title",
    "date",
    "agency",
    "summary",
    "body",
    "tags",
    "image",
    "image_alt",
    "image_caption",
    "source",
    "pinned",
    "procedures",
}


class TagCache:
    """NewsTag by name for one import, matched case-insensitively as taggit does with
    TAGGIT_CASE_INSENSITIVE: a query per distinct tag, not one per tag of every item."""

    def __init__(self):
        self.tags = {}

    def get(self, name):
        from news.models import NewsTag

        key = name.casefold()
        if key not in self.tags:
            tag = NewsTag.objects.filter(name__iexact=name).order_by("pk").first()
            self.tags[key] = tag or NewsTag.objects.create(name=name)
        return self.tags[key]


class NewsSection:
    key = "news"
    label = "Tin tức"

    def validate(self, entries, context):
        from home.models import AgencyPage
        from news.models import NewsPage

        file_agencies = {raw.get("slug") for raw in context.data.get("agencies", []) if isinstance(raw, dict)}
        cleaned, seen = [], {}
        for position, raw in enumerate(entries):
            entry = Entry(self.key, position, raw, id_field="slug")
            unknown = sorted(set(raw) - KEYS)
            if unknown:
                raise entry.error(unknown[0], f"khóa không được hỗ trợ (hỗ trợ: {', '.join(sorted(KEYS))}).")
            item = {
                "slug": entry.slug("slug", required=True),
                "title": entry.text("title", required=True, max_length=255),
                "date": entry.date("date", required=True),
                "agency": entry.slug("agency"),
                "summary": entry.text("summary", required=True, max_length=600),
                "body": paragraphs_html(entry.text("body", required=True)),
                "tags": entry.text_list("tags", max_length=100),
                "image": entry.text("image", max_length=255),
                "image_alt": entry.text("image_alt", max_length=255),
                "image_caption": entry.text("image_caption", max_length=255),
                "source": entry.text("source", max_length=255),
                "pinned": entry.boolean("pinned"),
                "procedures": entry.text_list("procedures", max_length=8),
                "_entry": entry,
            }
            if item["slug"] in seen:
                raise entry.error("slug", f"trùng với news[{seen[item['slug']]}].")
            seen[item["slug"]] = position
            if len({tag.casefold() for tag in item["tags"]}) != len(item["tags"]):
                raise entry.error("tags", "có chủ đề bị lặp lại.")
            if item["image"]:
                item["image_path"] = self._image_path(entry, item["image"], context.files_dir)
                if not item["image_alt"]:
                    raise entry.error("image_alt", "bắt buộc khi có ảnh (mô tả ảnh cho người khiếm thị).")
            cleaned.append(item)

        self._check_procedures(cleaned, context)
        referenced = {item["agency"] for item in cleaned if item["agency"]}
        known = file_agencies | set(
            AgencyPage.objects.filter(slug__in=referenced).values_list("slug", flat=True)
        )
        existing = {}
        for page in NewsPage.objects.filter(slug__in=seen):
            existing.setdefault(page.slug, []).append(page)
        for item in cleaned:
            if item["agency"] and item["agency"] not in known:
                raise item["_entry"].error(
                    "agency", f'không có cơ quan "{item["agency"]}" trong tệp hoặc trong cổng.'
                )
            if len(existing.get(item["slug"], [])) > 1:
                raise item["_entry"].error(
                    "slug", "nhiều tin trên cổng cùng định danh này; không biết cập nhật tin nào."
                )
        return cleaned

    @staticmethod
    def _check_procedures(cleaned, context):
        from procedures.models import ProcedurePage

        in_file = {raw.get("code") for raw in context.data.get("procedures", []) if isinstance(raw, dict)}
        wanted = {code for item in cleaned for code in item["procedures"]}
        known = in_file | set(ProcedurePage.objects.filter(code__in=wanted).values_list("code", flat=True))
        for item in cleaned:
            if len(set(item["procedures"])) != len(item["procedures"]):
                raise item["_entry"].error("procedures", "có mã thủ tục bị lặp lại.")
            for position, code in enumerate(item["procedures"]):
                if code not in known:
                    message = f'không có thủ tục mã "{code}" trong tệp hoặc trong cổng.'
                    raise item["_entry"].error(f"procedures[{position}]", message)

    @staticmethod
    def _image_path(entry, name, files_dir):
        path = entry.file_path("image", name, files_dir, "ảnh")
        try:
            from PIL import Image as PILImage

            with PILImage.open(path) as picture:
                picture.verify()
        except Exception:  # Pillow raises many kinds of errors for broken files
            raise entry.error("image", f'tệp "{name}" không phải ảnh hợp lệ.') from None
        return path

    def write(self, items, context, counts):
        from home.agencies import agency_collection
        from home.models import AgencyPage
        from home.structure import ensure_child, ensure_portal_sections
        from news.models import NewsIndexPage, NewsPage

        # Per agency: its news section and collection, looked up once, not once per item.
        sections = {}
        existing = {
            page.slug: page
            for page in NewsPage.objects.filter(slug__in=[item["slug"] for item in items]).prefetch_related(
                "tags", "related_procedures__procedure"
            )
        }
        tags = TagCache()
        for done, item in enumerate(items, start=1):
            entry = item["_entry"]
            slug = item["agency"]
            if slug not in sections:
                if slug:
                    agency = context.agencies.get(slug) or AgencyPage.objects.get(slug=slug)
                    section, _ = ensure_child(agency, NewsIndexPage, "tin-tuc", "Tin tức")
                    sections[slug] = (section, agency_collection(agency))
                else:
                    sections[slug] = (ensure_portal_sections()["tin-tuc"], None)
            parent, collection = sections[slug]

            values = {
                "title": item["title"],
                "date": item["date"],
                "summary": item["summary"],
                "source": item["source"],
                "pinned": item["pinned"],
                "lead_image": self._image(item, collection) if item["image"] else None,
                "lead_image_alt": item["image_alt"],
                "lead_image_caption": item["image_caption"],
            }
            page = existing.get(item["slug"])
            if page is None:
                page = NewsPage(slug=item["slug"], **values)
                self._set_children(page, item, tags)
                status = "created"
            else:
                changed = set_if_changed(page, values)
                changed = self._set_children(page, item, tags) or changed
                if not page.path.startswith(parent.path) or page.depth != parent.depth + 1:
                    page.move(parent, pos="last-child")
                    page.refresh_from_db()
                    set_if_changed(page, values)
                    self._set_children(page, item, tags)
                    changed = True
                status = "updated" if changed else "unchanged"
            if status != "unchanged":
                try:
                    publish(page, parent)
                except ValidationError as exc:
                    raise entry.error("slug", "; ".join(exc.messages)) from None
            counts.add(status)
            context.progress(self.label, done, len(items))

    @staticmethod
    def _set_children(page, item, tags):
        """Set body, tags and related procedures when they differ from the entry; True if they did."""
        from news.models import NewsRelatedProcedure
        from procedures.models import ProcedurePage

        changed = False
        current_codes = [link.procedure.code for link in page.related_procedures.all()] if page.pk else []
        if current_codes != item["procedures"]:
            by_code = ProcedurePage.objects.in_bulk(item["procedures"], field_name="code")
            page.related_procedures = [
                NewsRelatedProcedure(procedure=by_code[code], sort_order=position)
                for position, code in enumerate(item["procedures"])
            ]
            changed = True
        current_body = [(block.block_type, getattr(block.value, "source", None)) for block in page.body]
        if current_body != [("paragraph", item["body"])]:
            page.body = [("paragraph", RichText(item["body"]))]
            changed = True
        # Tags match case-insensitively (TAGGIT_CASE_INSENSITIVE), so compare them that way.
        current_tags = sorted(name.casefold() for name in page.tags.names()) if page.pk else []
        if current_tags != sorted(tag.casefold() for tag in item["tags"]):
            page.tags.set([tags.get(name) for name in item["tags"]])
            changed = True
        return changed

    @staticmethod
    def _image(item, collection):
        """The Wagtail image for this file, reused when the same content was imported before."""
        Image = get_image_model()
        data = item["image_path"].read_bytes()
        file_hash = hashlib.sha1(data, usedforsecurity=False).hexdigest()
        # Reused only from the same collection: another agency's (maybe private) image is not ours.
        collection = collection or Collection.get_first_root_node()
        image = Image.objects.filter(file_hash=file_hash, collection=collection).first()
        if image is None:
            with item["image_path"].open("rb") as handle:
                image = Image(
                    title=item["image_alt"][:255],
                    file=ImageFile(handle, name=item["image_path"].name),
                    file_hash=file_hash,
                    file_size=len(data),
                )
                image.collection = collection
                image.save()
        return image
