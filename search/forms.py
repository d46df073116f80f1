"""The search's GET parameters (contracts §2), validated by one Django form for the page and the API."""

from django import forms

from portal_site.text import is_url_slug

from . import types
from .queries import MAX_RESULT_WINDOW, PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX
from .text import clean_query


class WholeNumberField(forms.IntegerField):
    """A positive whole number written in ASCII digits: "1.0", "١" or "+2" are refused, not read."""

    def to_python(self, value):
        value = (value or "").strip()
        # Ten digits at most: every bound here is far smaller, and int() refuses (ValueError)
        # strings past Python's digit limit instead of reading them.
        if value and not (value.isascii() and value.isdigit() and len(value) <= 10):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return int(value) if value else None


class UrlSlugField(forms.Field):
    """A slug read from the URL (Unicode allowed, as Wagtail's own); a plain Field, so that a NUL
    byte gets this field's Vietnamese message rather than CharField's own."""

    def to_python(self, value):
        return (value or "").strip()

    def validate(self, value):
        super().validate(value)
        if value and not is_url_slug(value):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


def _messages(message):
    return dict.fromkeys(("invalid", "invalid_choice", "min_value", "max_value"), message)


class SearchForm(forms.Form):
    # Declared in the order in which errors are reported: the first bad field is named.
    q = forms.Field(required=False)  # any text: clean_query() makes it safe
    # The result types are registered by the apps (search/types.py), hence the callable.
    type = forms.ChoiceField(
        required=False, choices=lambda: [("", ""), *((kind, kind) for kind in types.type_labels())]
    )
    agency = UrlSlugField(required=False, error_messages=_messages("Mã cơ quan không hợp lệ."))
    sector = UrlSlugField(required=False, error_messages=_messages("Mã lĩnh vực không hợp lệ."))
    life_event = UrlSlugField(required=False, error_messages=_messages("Mã sự kiện cuộc sống không hợp lệ."))
    level = WholeNumberField(
        required=False, min_value=1, max_value=4, error_messages=_messages("Mức độ phải là số từ 1 đến 4.")
    )
    page_size = WholeNumberField(
        required=False,
        min_value=1,
        max_value=PAGE_SIZE_MAX,
        error_messages=_messages(f"Số kết quả mỗi trang phải từ 1 đến {PAGE_SIZE_MAX}."),
    )
    page = WholeNumberField(
        required=False,
        min_value=1,
        max_value=MAX_RESULT_WINDOW,
        error_messages=_messages("Số trang phải là số nguyên dương."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = list(types.type_labels())
        listed = ", ".join(kinds[:-1]) + f" hoặc {kinds[-1]}" if len(kinds) > 1 else "".join(kinds)
        self.fields["type"].error_messages.update(_messages(f"Loại kết quả không hợp lệ: chọn {listed}."))

    def clean_q(self):
        return clean_query(self.cleaned_data["q"] or "")

    def clean(self):
        data = super().clean()
        data["type"] = data.get("type") or None
        data["agency"] = (data.get("agency") or "").strip() or None
        data["sector"] = (data.get("sector") or "").strip() or None
        data["life_event"] = (data.get("life_event") or "").strip() or None
        data["page_size"] = data.get("page_size") or PAGE_SIZE_DEFAULT
        data["page"] = data.get("page") or 1
        if not self.errors and data["page"] * data["page_size"] > MAX_RESULT_WINDOW:
            limit = f"{MAX_RESULT_WINDOW:_}".replace("_", ".")
            self.add_error("page", f"Chỉ xem được {limit} kết quả đầu tiên; hãy thu hẹp tìm kiếm.")
        return data

    def first_error(self):
        """(field, message) of the first field, in declaration order, that failed."""
        for name in self.fields:
            if name in self.errors:
                return name, self.errors[name][0]
        return None
