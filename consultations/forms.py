"""The public comment form and the listing's filter, validated by Django forms with Vietnamese
messages: a refused post or filter never reaches the database or raises."""

from django import forms

from consultations.models import STATUS_LABELS
from portal_site.forms import HoneypotMixin

COMMENT_MAX_LENGTH = 5000


class CommentForm(HoneypotMixin, forms.Form):
    name = forms.CharField(
        label="Họ và tên",
        max_length=100,
        error_messages={
            "required": "Vui lòng nhập họ và tên.",
            "max_length": "Họ và tên dài quá %(limit_value)d ký tự.",
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Thư điện tử",
        help_text="Không hiển thị công khai; chỉ cơ quan soạn thảo dùng để liên hệ khi cần.",
        error_messages={
            "required": "Vui lòng nhập địa chỉ thư điện tử.",
            "invalid": "Địa chỉ thư điện tử không hợp lệ.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    article = forms.TypedChoiceField(
        label="Góp ý cho điều",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Dự thảo không có điều đã chọn."},
    )
    comment = forms.CharField(
        label="Nội dung góp ý",
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Vui lòng nhập nội dung góp ý.",
            "max_length": "Nội dung góp ý dài quá %(limit_value)d ký tự.",
        },
    )

    def __init__(self, *args, articles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = [("", "Góp ý chung cho cả dự thảo"), *articles]
        # The honeypot last in the markup, after the fields people fill in.
        self.order_fields(["name", "email", "article", "comment", "website"])


class ListingFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Trạng thái",
        required=False,
        choices=[("", "Tất cả"), *STATUS_LABELS.items()],
        error_messages={
            "invalid_choice": (
                "Trạng thái “%(value)s” không hợp lệ; chọn sap-mo, dang-mo, het-han hoặc co-ket-qua."
            )
        },
    )
