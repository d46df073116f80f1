from django import forms

from feedback.models import COMMENT_MAX_LENGTH, NEGATIVE_REASONS, POSITIVE_REASONS, SCORE_CHOICES, reasons_for
from portal_site.forms import HoneypotMixin


class RatingForm(HoneypotMixin, forms.Form):
    """What the rating form on every content page posts to /danh-gia/ (contracts.md §10)."""

    page = forms.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        error_messages={"required": "Thiếu trang được đánh giá.", "invalid": "Trang không hợp lệ."},
    )
    score = forms.TypedChoiceField(
        choices=SCORE_CHOICES,
        coerce=int,
        error_messages={
            "required": "Vui lòng chọn số sao (từ 1 đến 5).",
            "invalid_choice": "Số sao phải từ 1 đến 5.",
        },
    )
    reason = forms.ChoiceField(
        choices=[("", "")] + NEGATIVE_REASONS + POSITIVE_REASONS,
        required=False,
        error_messages={"invalid_choice": "Lý do không có trong danh sách."},
    )
    comment = forms.CharField(
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        error_messages={
            "max_length": "Góp ý dài tối đa %(limit_value)d ký tự (hiện có %(show_value)d).",
            "null_characters_not_allowed": "Góp ý có ký tự không hợp lệ.",
        },
    )

    def clean(self):
        cleaned = super().clean()
        score, reason = cleaned.get("score"), cleaned.get("reason")
        if score and reason and reason not in dict(reasons_for(score)):
            self.add_error(
                "reason",
                "Lý do đã chọn không khớp với số sao: với 1–3 sao hãy chọn điều chưa tốt, "
                "với 4–5 sao hãy chọn điều bạn thấy tốt.",
            )
        return cleaned

    def first_error(self):
        return next(error for errors in self.errors.values() for error in errors)
