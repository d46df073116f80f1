"""The public forms of the questions section: asking, looking up by code, filtering the answers."""

from django import forms
from django.core.validators import RegexValidator

from home.models import AgencyPage
from portal_site.collation import vietnamese
from portal_site.forms import HoneypotMixin
from portal_site.text import is_url_slug

REQUIRED = {"required": "Vui lòng điền thông tin này."}
PHONE = RegexValidator(
    r"^\+?[0-9 .()-]{8,20}$", "Số điện thoại chỉ gồm chữ số (có thể có dấu cách, dấu chấm, gạch nối)."
)


def agency_choices():
    agencies = AgencyPage.objects.live().public().current().order_by(vietnamese("title"))
    return [("", "Chưa rõ – để ban biên tập cổng chuyển đến cơ quan phù hợp")] + [
        (slug, title) for slug, title in agencies.values_list("slug", "title")
    ]


class AskForm(HoneypotMixin, forms.Form):
    name = forms.CharField(label="Họ và tên", max_length=120, error_messages=REQUIRED)
    email = forms.EmailField(
        label="Thư điện tử",
        max_length=254,
        help_text="Để nhận thông báo khi câu hỏi được trả lời; không hiển thị công khai.",
        error_messages={**REQUIRED, "invalid": "Địa chỉ thư điện tử không hợp lệ."},
    )
    phone = forms.CharField(
        label="Điện thoại (không bắt buộc)",
        max_length=20,
        required=False,
        validators=[PHONE],
        help_text="Không hiển thị công khai.",
    )
    agency = forms.ChoiceField(label="Gửi đến cơ quan", required=False)
    title = forms.CharField(label="Tiêu đề câu hỏi", max_length=200, error_messages=REQUIRED)
    question = forms.CharField(
        label="Nội dung câu hỏi",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages=REQUIRED,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.error_messages["max_length"] = "Dài quá %(limit_value)d ký tự (hiện có %(show_value)d)."
            if name in ("name", "email", "phone"):
                field.widget.attrs["autocomplete"] = {"name": "name", "email": "email", "phone": "tel"}[name]
        self.fields["agency"].choices = agency_choices()
        self.fields["agency"].error_messages["invalid_choice"] = "Không có cơ quan này trên cổng."

    def clean_agency(self):
        slug = self.cleaned_data["agency"]
        return AgencyPage.objects.filter(slug=slug).first() if slug else None

    def clean(self):
        cleaned = super().clean()
        for name in ("name", "title", "question"):
            value = cleaned.get(name)
            if isinstance(value, str) and any(ord(char) < 32 and char not in "\n\r\t" for char in value):
                self.add_error(name, "Nội dung có ký tự điều khiển không hợp lệ.")
        return cleaned


class LookupForm(forms.Form):
    ma = forms.CharField(
        label="Mã câu hỏi",
        max_length=30,
        error_messages={**REQUIRED, "max_length": "Mã câu hỏi không dài quá %(limit_value)d ký tự."},
    )


class AnswerFilterForm(forms.Form):
    """Filters of an answers list; any bad value is refused with a Vietnamese message (400)."""

    agency = forms.CharField(label="Cơ quan", required=False, max_length=255)
    sector = forms.CharField(label="Lĩnh vực", required=False, max_length=255)
    q = forms.CharField(
        label="Từ khóa",
        required=False,
        max_length=200,
        error_messages={"max_length": "Từ khóa không dài quá %(limit_value)d ký tự."},
    )
    page = forms.IntegerField(
        label="Trang",
        required=False,
        min_value=1,
        max_value=100000,
        error_messages={
            "invalid": "Số trang phải là số nguyên.",
            "min_value": "Số trang phải từ 1 trở lên.",
            "max_value": "Số trang quá lớn.",
        },
    )

    def __init__(self, *args, scope_path="", **kwargs):
        super().__init__(*args, **kwargs)
        self.scope_path = scope_path

    def clean_agency(self):
        slug = self.cleaned_data["agency"].strip()
        if not slug:
            return None
        agency = None
        if is_url_slug(slug):
            agency = AgencyPage.objects.filter(slug=slug, path__startswith=self.scope_path).first()
        if agency is None:
            raise forms.ValidationError("Không có cơ quan này.")
        return agency

    def clean_sector(self):
        from procedures.models import Sector

        slug = self.cleaned_data["sector"].strip()
        if not slug:
            return None
        sector = Sector.objects.filter(slug=slug).first() if is_url_slug(slug) else None
        if sector is None:
            raise forms.ValidationError("Không có lĩnh vực này.")
        return sector

    def clean_q(self):
        value = " ".join(self.cleaned_data["q"].split())
        if any(ord(char) < 32 for char in value):
            raise forms.ValidationError("Từ khóa có ký tự không hợp lệ.")
        return value
