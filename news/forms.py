"""The news listing's query string, validated as the catalogue's and the search's are."""

from django import forms

from portal_site.text import is_url_slug

NOTHING_SHOWN = "; không có tin nào để hiển thị."
NO_AGENCY = "Không tìm thấy cơ quan «{}»" + NOTHING_SHOWN
NO_TAG = "Không có chủ đề «{}»" + NOTHING_SHOWN
BAD_PAGE = "Số trang «{}» không hợp lệ; đang hiển thị trang đầu."
BAD_DATE = "Năm hoặc tháng không hợp lệ (tháng từ 1 đến 12); hiển thị mọi thời gian."


def _slug_field(not_found):
    # A NUL byte fails Django's own validator first: the reader gets the same note, unechoed.
    return forms.CharField(
        required=False, error_messages={"null_characters_not_allowed": not_found.format("…")}
    )


class NewsFilterForm(forms.Form):
    """agency=<slug>, tag=<slug>, year=<yyyy>, month=<1-12>, page=<n>, all optional.

    Each field fails on its own, with the note the listing shows: an unknown agency or topic
    empties the list (the reader asked for it), a bad year or month is ignored, a bad page number
    shows the first page. `agencies` and `tags` are the querysets the slugs are looked up in."""

    agency = _slug_field(NO_AGENCY)
    tag = _slug_field(NO_TAG)
    year = forms.IntegerField(required=False, min_value=1900, max_value=2999)
    month = forms.IntegerField(required=False, min_value=1, max_value=12)
    page = forms.CharField(
        required=False, error_messages={"null_characters_not_allowed": BAD_PAGE.format("…")}
    )

    def __init__(self, data, *, agencies, tags):
        super().__init__(data)
        self.agencies, self.tags = agencies, tags

    def clean_agency(self):
        return self._named(self.cleaned_data["agency"], self.agencies, NO_AGENCY)

    def clean_tag(self):
        return self._named(self.cleaned_data["tag"], self.tags, NO_TAG)

    @staticmethod
    def _named(slug, queryset, not_found):
        if not slug:
            return None
        found = queryset.filter(slug=slug).first() if is_url_slug(slug) else None
        if found is None:
            # Never echo markup-like junk back into the page.
            raise forms.ValidationError(not_found.format(slug if is_url_slug(slug) else "…"))
        return found

    def clean_page(self):
        raw = self.cleaned_data["page"] or "1"
        try:
            number = int(raw)
        except ValueError:
            raise forms.ValidationError(BAD_PAGE.format(raw[:20])) from None
        if number < 1:
            raise forms.ValidationError("Số trang phải từ 1 trở lên; đang hiển thị trang đầu.")
        return number

    def clean(self):
        data = super().clean()
        if "year" in self.errors or "month" in self.errors:
            # One note for both, and no date filter.
            self.errors.pop("year", None)
            self.errors.pop("month", None)
            data["year"] = data["month"] = None
            self.add_error(None, BAD_DATE)
        elif data.get("month") and not data.get("year"):
            data["month"] = None
            self.add_error(None, "Hãy chọn cả năm khi lọc theo tháng; hiển thị mọi thời gian.")
        return data

    def asked(self, name):
        """Whether the reader gave this parameter at all: an unknown agency or topic still filters."""
        return bool(self.data.get(name, "").strip())

    def notes(self):
        """The Vietnamese notes for the page: agency, topic, dates, page."""
        notes = [*self.errors.get("agency", []), *self.errors.get("tag", []), *self.non_field_errors()]
        return notes + list(self.errors.get("page", []))
