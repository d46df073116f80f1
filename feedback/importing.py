"""The "ratings" section of `import_content`: satisfaction ratings, as the demo carries them.

An entry names the page by its path on the portal (`/co-quan/so-tu-phap/thu-tuc/dang-ky-khai-sinh/`)
and gives `score` (1–5), optional `reason` (one of the list that fits the score), `comment`
(≤ 1,000 characters) and `date` (YYYY-MM-DD, default: the day of the import).

Ratings have no identity of their own, so the section is idempotent by content: it brings the
number of imported ratings with the same page, score, reason, comment and date up to the number
of such entries in the file, and never touches the ratings that visitors gave.
Pages are looked up when writing, since the same file may create them (news, procedures ...).
"""

import datetime
from collections import Counter

from django.utils import timezone

from feedback.models import COMMENT_MAX_LENGTH, Rating, reasons_for
from feedback.rules import accepts_ratings
from portal_site.importing import Entry

KEYS = {"page", "score", "reason", "comment", "date"}


class RatingSection:
    key = "ratings"
    label = "Đánh giá"

    def validate(self, entries, context):
        cleaned = []
        for position, raw in enumerate(entries):
            entry = Entry(self.key, position, raw, id_field="page")
            unknown = sorted(set(raw) - KEYS)
            if unknown:
                raise entry.error(unknown[0], f"khóa không được hỗ trợ (hỗ trợ: {', '.join(sorted(KEYS))}).")
            path = entry.text("page", required=True, max_length=500)
            if not path.startswith("/"):
                raise entry.error("page", f'"{path}" phải là đường dẫn trên cổng, bắt đầu bằng "/".')
            score = entry.integer("score", minimum=1, maximum=5, required=True)
            reason = entry.text("reason", max_length=20)
            if reason and reason not in dict(reasons_for(score)):
                allowed = ", ".join(value for value, _ in reasons_for(score))
                raise entry.error(
                    "reason", f'"{reason}" không hợp với {score} sao (chọn một trong: {allowed}).'
                )
            cleaned.append(
                {
                    "path": path.rstrip("/") + "/",
                    "score": score,
                    "reason": reason,
                    "comment": entry.text("comment", max_length=COMMENT_MAX_LENGTH),
                    "date": entry.date("date") or timezone.localdate(),
                    "_entry": entry,
                }
            )
        return cleaned

    def write(self, items, context, counts):
        from wagtail.models import Page, Site

        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        root_url_path = site.root_page.url_path if site else "/"
        pages = {}
        wanted = Counter()
        for item in items:
            if item["path"] not in pages:
                url_path = root_url_path.rstrip("/") + item["path"]
                page = Page.objects.filter(url_path=url_path).first()
                if page is None or not accepts_ratings(page):
                    raise item["_entry"].error("page", f'không có trang nhận đánh giá tại "{item["path"]}".')
                pages[item["path"]] = page
            wanted[
                (pages[item["path"]].pk, item["score"], item["reason"], item["comment"], item["date"])
            ] += 1

        existing = Counter()
        for rating in Rating.objects.filter(imported=True, page__in=list(pages.values())):
            day = timezone.localtime(rating.created_at).date()
            existing[(rating.page_id, rating.score, rating.reason, rating.comment, day)] += 1
        done = 0
        for key, number in wanted.items():
            page_id, score, reason, comment, day = key
            missing = number - existing[key]
            for _ in range(max(missing, 0)):
                rating = Rating.objects.create(
                    page_id=page_id, score=score, reason=reason, comment=comment, imported=True
                )
                # auto_now_add ignores a given value: set the day afterwards (noon, local time).
                moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
                Rating.objects.filter(pk=rating.pk).update(created_at=moment)
                counts.add("created")
            for _ in range(min(number, existing[key])):
                counts.add("unchanged")
            done += number
            context.progress(self.label, done, len(items))
