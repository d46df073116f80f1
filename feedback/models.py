"""Satisfaction ratings of the portal's pages (Decree 224/2026 Art. 10(3)(b); contracts.md §10).

A rating is a plain row beside the content, not part of it: publishing or reverting a page never
touches its ratings. It keeps what the visitor chose and wrote, and when; never an IP address, an
e-mail or anything else that identifies the visitor.
"""

from django.db import models

# Scores 1–3 ask what was missing, 4–5 what was good: the lists differ below and above 3.5.
POSITIVE_FROM = 4
NEGATIVE_REASONS = [
    ("chua-day-du", "Thông tin chưa đầy đủ"),
    ("kho-hieu", "Khó hiểu"),
    ("chua-cap-nhat", "Thông tin đã cũ, chưa cập nhật"),
    ("kho-tim", "Khó tìm thấy điều cần tìm"),
    ("khac-chua-tot", "Lý do khác"),
]
POSITIVE_REASONS = [
    ("ro-rang", "Rõ ràng, dễ hiểu"),
    ("day-du", "Đầy đủ thông tin cần thiết"),
    ("cap-nhat", "Được cập nhật kịp thời"),
    ("de-tim", "Dễ tìm"),
    ("khac-tot", "Lý do khác"),
]
REASON_LABELS = dict(NEGATIVE_REASONS + POSITIVE_REASONS)
SCORE_CHOICES = [
    (1, "1 sao: không hữu ích"),
    (2, "2 sao: ít hữu ích"),
    (3, "3 sao: tạm được"),
    (4, "4 sao: hữu ích"),
    (5, "5 sao: rất hữu ích"),
]
COMMENT_MAX_LENGTH = 1000


def reasons_for(score):
    return POSITIVE_REASONS if score >= POSITIVE_FROM else NEGATIVE_REASONS


class Rating(models.Model):
    """One visitor's answer to "Thông tin này có hữu ích với bạn không?" on one page."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="ratings", verbose_name="Trang"
    )
    score = models.PositiveSmallIntegerField("Số sao", choices=SCORE_CHOICES)
    reason = models.CharField("Lý do", max_length=20, blank=True, choices=NEGATIVE_REASONS + POSITIVE_REASONS)
    comment = models.TextField("Góp ý", max_length=COMMENT_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField("Thời gian", auto_now_add=True, db_index=True)
    # Ratings written by import_content (the demo), so that a second run finds them again.
    imported = models.BooleanField("Nhập từ tệp", default=False, editable=False)

    class Meta:
        verbose_name = "Đánh giá"
        verbose_name_plural = "Đánh giá"
        ordering = ["-created_at", "-pk"]
        # view_rating is Django's own; resetting (deleting a scope's results) is separate.
        permissions = [("reset_rating", "Có thể xóa kết quả đánh giá")]
        constraints = [
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="rating_score_1_to_5")
        ]

    def __str__(self):
        return f"{self.score} sao – {self.page_id}"

    @property
    def reason_label(self):
        return REASON_LABELS.get(self.reason, "")
