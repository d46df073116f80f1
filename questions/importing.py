"""The "questions" section of `import_content`: answered questions, e.g. an agency's existing FAQ.

Each entry becomes a Question (status "Đã trả lời", no contact details: imported askers are not
written to) and its published QuestionPage in the answering agency's "hoi-dap" section: answers
belong to an agency, as in the admin (home.models.AgencySectionPageMixin), and the portal's
/hoi-dap/ lists them all. Found again by `code`: a second run of the same file changes nothing.

Keys: code (required, e.g. "HD-2025-000123"), title, question, answer (plain text; blank lines
separate paragraphs), name (the asker's name as published), asked_at (YYYY-MM-DD or
YYYY-MM-DDTHH:MM), agency (required slug), sector (optional sector name, created if new),
legal_references (optional list of {"number", "title"}).
"""

import datetime
import re

from django.utils import timezone

from portal_site.importing import Entry, paragraphs_html, publish, set_if_changed

KEYS = {"code", "title", "question", "answer", "name", "asked_at", "agency", "sector", "legal_references"}
CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,19}\Z")


class QuestionSection:
    key = "questions"
    label = "Hỏi đáp"

    def validate(self, entries, context):
        from home.importing import known_agency_slugs

        known = known_agency_slugs(entries, context)
        cleaned, seen = [], {}
        for position, raw in enumerate(entries):
            entry = Entry(self.key, position, raw, id_field="code")
            unknown = sorted(set(raw) - KEYS)
            if unknown:
                raise entry.error(unknown[0], f"khóa không được hỗ trợ (hỗ trợ: {', '.join(sorted(KEYS))}).")
            item = {
                "code": entry.text("code", required=True, max_length=20),
                "title": entry.text("title", required=True, max_length=200),
                "question": entry.text("question", required=True, max_length=5000),
                "answer": paragraphs_html(entry.text("answer", required=True)),
                "name": entry.text("name", required=True, max_length=120),
                "asked_at": self._datetime(entry, "asked_at"),
                "agency": entry.slug("agency", required=True),
                "sector": entry.text("sector", max_length=255),
                "legal_references": self._references(entry),
                "_entry": entry,
            }
            if not CODE_RE.match(item["code"]):
                raise entry.error("code", "chỉ gồm chữ in hoa không dấu, chữ số và gạch nối (3–20 ký tự).")
            if item["code"] in seen:
                raise entry.error("code", f"trùng với questions[{seen[item['code']]}].")
            if item["agency"] not in known:
                raise entry.error("agency", f'không có cơ quan "{item["agency"]}" trong tệp hoặc trong cổng.')
            seen[item["code"]] = position
            cleaned.append(item)
        return cleaned

    @staticmethod
    def _datetime(entry, field):
        value = entry.text(field, required=True)
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            raise entry.error(
                field, f'"{value}" không phải thời điểm hợp lệ (YYYY-MM-DD hoặc YYYY-MM-DDTHH:MM).'
            ) from None
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment

    @staticmethod
    def _references(entry):
        references = []
        for position, _ in enumerate(entry.list("legal_references")):
            child = entry.sub_entry("legal_references", position)
            references.append(
                (
                    child.text("number", required=True, max_length=100),
                    child.text("title", required=True, max_length=500),
                )
            )
        return references

    def write(self, items, context, counts):
        from home.models import AgencyPage
        from home.structure import ensure_child
        from questions.models import Question, QuestionIndexPage, QuestionLegalReference, QuestionPage

        sections, sectors = {}, {}
        questions = Question.objects.in_bulk([item["code"] for item in items], field_name="code")
        pages = {
            page.code: page
            for page in QuestionPage.objects.filter(
                code__in=[item["code"] for item in items]
            ).prefetch_related("legal_references")
        }
        for done, item in enumerate(items, start=1):
            slug = item["agency"]
            if slug not in sections:
                agency = context.agencies.get(slug) or AgencyPage.objects.get(slug=slug)
                sections[slug] = (ensure_child(agency, QuestionIndexPage, "hoi-dap", "Hỏi đáp")[0], agency)
            parent, agency = sections[slug]
            sector = _sector(item["sector"], sectors) if item["sector"] else None

            question = questions.get(item["code"])
            record = {
                "name": item["name"],
                "title": item["title"],
                "question": item["question"],
                "agency": agency,
                "sector": sector,
                "submitted_at": item["asked_at"],
                "status": Question.ANSWERED,
            }
            if question is None:
                question = Question(code=item["code"], **record)
                question.save()
            elif set_if_changed(question, record):
                question.save()

            values = {
                "title": item["title"],
                "asker_name": item["name"],
                "asked_at": item["asked_at"],
                "sector": sector,
                "question": item["question"],
                "answer": item["answer"],
                "question_record": question,
            }
            page = pages.get(item["code"])
            references = [
                QuestionLegalReference(number=number, title=title, sort_order=position)
                for position, (number, title) in enumerate(item["legal_references"])
            ]
            if page is None:
                page = QuestionPage(code=item["code"], slug=item["code"].lower(), **values)
                page.legal_references = references
                status = "created"
            else:
                changed = set_if_changed(page, values)
                current = [(ref.number, ref.title) for ref in page.legal_references.all()]
                if current != item["legal_references"]:
                    page.legal_references = references
                    changed = True
                if not page.path.startswith(parent.path) or page.depth != parent.depth + 1:
                    page.move(parent, pos="last-child")
                    page.refresh_from_db()
                    set_if_changed(page, values)
                    page.legal_references = references
                    changed = True
                status = "updated" if changed or not page.live else "unchanged"
            if status != "unchanged":
                publish(page, parent)
            counts.add(status)
            context.progress(self.label, done, len(items))


def _sector(name, cache):
    """The sector of this name (made if missing), or None for no name."""
    from procedures.models import Sector

    return Sector.named(name, cache=cache) if name else None
