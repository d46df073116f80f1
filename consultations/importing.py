"""The "consultations" section of `import_content` (contracts.md §8).

Contract keys: slug, title, agency, opens, closes (YYYY-MM-DD), summary, body (plain text; blank
lines separate paragraphs), articles (strings such as "Điều 1. Phạm vi điều chỉnh"), files
([{title, filename}] under --files-dir, checked like procedure forms and stored as documents of
the agency's collection). Idempotent by slug within the agency; all or nothing.

Extensions, all optional:
- articles may be objects {"number", "heading", "text"}; a string without "Điều N." is numbered
  by its position;
- receiving_unit, receiving_email: who receives the comments, if not the drafting agency;
- outcome: {"text", "files"}: the outcome report of a closed draft (refused while it is open);
- comments: [{"name", "article" (number, optional), "comment"}]: comments already moderated
  elsewhere, imported as approved and without e-mail (the demo's);
- opens/closes may be "today", "today+N" or "today-N" (days from the import day), so that sample
  files such as the demo keep a draft open whenever they are loaded.
"""

import datetime
import re

from django.core.exceptions import ValidationError

from consultations.models import (
    ARTICLE_NUMBER_RE,
    ConsultationArticle,
    ConsultationComment,
    ConsultationFile,
    ConsultationIndexPage,
    ConsultationOutcomeFile,
    ConsultationPage,
    today,
)
from portal_site.importing import (
    Entry,
    ImportFiles,
    child_rows,
    collection_document,
    paragraphs_html,
    publish,
    set_child_rows,
    set_if_changed,
)

RELATIVE_DATE = re.compile(r"^today(?:([+-])(\d{1,4}))?$")
CHILDREN = {
    "articles": (ConsultationArticle, ("number", "heading", "text")),
    "files": (ConsultationFile, ("title", "document_id")),
    "outcome_files": (ConsultationOutcomeFile, ("title", "document_id")),
}


def _date(entry, field):
    value = entry.raw.get(field)
    if isinstance(value, str) and (match := RELATIVE_DATE.match(value.strip())):
        days = int(match.group(2) or 0) * (-1 if match.group(1) == "-" else 1)
        return today() + datetime.timedelta(days=days)
    return entry.date(field, required=True)


class DraftFiles(ImportFiles):
    """The drafts' and outcomes' files: {"title", "filename"} objects in a list field."""

    def check(self, entry, field, position):
        sub = entry.sub_entry(field, position)
        filename = sub.text("filename", required=True, max_length=255)
        title = sub.text("title", required=True, max_length=255)
        return {"title": title, **super().check(sub, filename, "tệp dự thảo")}


class ConsultationSection:
    key = "consultations"
    label = "Góp ý dự thảo"

    def validate(self, entries, context):
        from home.models import AgencyPage

        known = {raw.get("slug") for raw in context.data.get("agencies", []) if isinstance(raw, dict)}
        wanted = {raw.get("agency") for raw in entries if isinstance(raw, dict)} - known
        known |= set(
            AgencyPage.objects.filter(slug__in=[s for s in wanted if isinstance(s, str)]).values_list(
                "slug", flat=True
            )
        )
        files = DraftFiles(context.files_dir)
        cleaned, seen = [], {}
        for index, raw in enumerate(entries):
            entry = Entry(self.key, index, raw, id_field="slug")
            item = self._clean(entry, known, files)
            item["_entry"] = entry
            key = (item["agency"], item["slug"])
            if key in seen:
                raise entry.error("slug", f"trùng định danh với consultations[{seen[key]}] của cùng cơ quan.")
            seen[key] = index
            cleaned.append(item)
            context.progress("Kiểm tra dự thảo", index + 1, len(entries))
        return cleaned

    def _clean(self, entry, known_agencies, files):
        agency = entry.slug("agency", required=True)
        if agency not in known_agencies:
            raise entry.error("agency", f'không có cơ quan "{agency}" trong tệp hoặc trong cổng.')
        opens, closes = _date(entry, "opens"), _date(entry, "closes")
        if closes < opens:
            raise entry.error("closes", "ngày kết thúc lấy ý kiến phải sau hoặc trùng ngày bắt đầu.")
        articles = self._articles(entry)
        numbers = {article[0] for article in articles}
        item = {
            "slug": entry.slug("slug", required=True),
            "agency": agency,
            "fields": {
                "title": entry.text("title", required=True, max_length=255),
                "opens": opens,
                "closes": closes,
                "summary": entry.text("summary", required=True),
                "body": paragraphs_html(entry.text("body")),
                "receiving_unit": entry.text("receiving_unit", max_length=255),
                "receiving_email": entry.email("receiving_email"),
                "outcome": "",
            },
            "articles": articles,
            "files": [files.check(entry, "files", i) for i in range(len(entry.list("files")))],
            "outcome_files": [],
            "comments": self._comments(entry, numbers),
        }
        outcome = entry.raw.get("outcome")
        if outcome is not None:
            if not isinstance(outcome, dict):
                raise entry.error("outcome", "phải là một đối tượng JSON {text, files}.")
            if closes >= today():
                raise entry.error(
                    "outcome", f"chỉ có báo cáo tiếp thu sau khi hết hạn lấy ý kiến (ngày {closes:%d/%m/%Y})."
                )
            sub = Entry(self.key, entry.index, outcome, prefix="outcome.")
            sub.label = entry.label
            item["fields"]["outcome"] = paragraphs_html(sub.text("text", required=True))
            item["outcome_files"] = [files.check(sub, "files", i) for i in range(len(sub.list("files")))]
        return item

    @staticmethod
    def _articles(entry):
        articles, numbers = [], set()
        for position, raw in enumerate(entry.list("articles")):
            if isinstance(raw, str) and raw.strip():
                match = ARTICLE_NUMBER_RE.match(raw.strip())
                number, heading, text = (
                    (int(match.group(1)), match.group(2).strip() or raw.strip(), "")
                    if match
                    else (position + 1, raw.strip(), "")
                )
                if len(heading) > 255:
                    raise entry.error(f"articles[{position}]", "tên điều dài quá 255 ký tự.")
            elif isinstance(raw, dict):
                sub = entry.sub_entry("articles", position)
                number = sub.integer("number", minimum=1, maximum=10000, default=position + 1)
                heading = sub.text("heading", required=True, max_length=255)
                text = sub.text("text")
            else:
                raise entry.error(
                    f"articles[{position}]", "phải là chuỗi ký tự hoặc đối tượng {number, heading, text}."
                )
            if number in numbers:
                raise entry.error(f"articles[{position}]", f"trùng số điều {number}.")
            numbers.add(number)
            articles.append((number, heading, text))
        return articles

    @staticmethod
    def _comments(entry, numbers):
        comments = []
        for position in range(len(entry.list("comments"))):
            sub = entry.sub_entry("comments", position)
            article = sub.integer("article", minimum=1)
            if article is not None and article not in numbers:
                raise sub.error("article", f"dự thảo không có điều {article}.")
            comments.append(
                (sub.text("name", required=True, max_length=100), article, sub.text("comment", required=True))
            )
        return comments

    def write(self, items, context, counts):
        from home.agencies import agency_collection
        from home.models import AgencyPage
        from home.structure import ensure_child

        agencies, documents = {}, {}
        for done, item in enumerate(items, start=1):
            slug = item["agency"]
            if slug not in agencies:
                agency = context.agencies.get(slug) or AgencyPage.objects.get(slug=slug)
                section = ensure_child(agency, ConsultationIndexPage, "gop-y-du-thao", "Góp ý dự thảo")[0]
                agencies[slug] = (agency, section, agency_collection(agency))
            agency, section, collection = agencies[slug]
            children = {
                "articles": item["articles"],
                "files": [
                    (f["title"], collection_document(f, collection, documents).pk) for f in item["files"]
                ],
                "outcome_files": [
                    (f["title"], collection_document(f, collection, documents).pk)
                    for f in item["outcome_files"]
                ],
            }
            page = (
                ConsultationPage.objects.filter(slug=item["slug"])
                .descendant_of(agency)
                .order_by("depth")
                .first()
            )
            if page is None:
                page = ConsultationPage(slug=item["slug"], **item["fields"])
                set_child_rows(page, CHILDREN, children)
                try:
                    publish(page, section)
                except ValidationError as exc:  # the page is validated when it is published
                    raise item["_entry"].error("slug", "; ".join(exc.messages)) from None
                status = "created"
            else:
                changed = set_if_changed(page, item["fields"])
                if child_rows(page, CHILDREN) != children:
                    set_child_rows(page, CHILDREN, children)
                    changed = True
                if changed:
                    publish(page)
                status = "updated" if changed else "unchanged"
            if self._add_comments(page, item["comments"]) and status == "unchanged":
                status = "updated"
            counts.add(status)
            context.progress(self.label, done, len(items))

    @staticmethod
    def _add_comments(page, comments):
        """Create the approved comments not there yet (by name and text); True if any was."""
        existing = set(page.comments.values_list("name", "text"))
        new = [
            ConsultationComment(
                consultation=page,
                name=name,
                article_number=article,
                text=text,
                status=ConsultationComment.APPROVED,
            )
            for name, article, text in comments
            if (name, text) not in existing
        ]
        ConsultationComment.objects.bulk_create(new)
        return bool(new)
