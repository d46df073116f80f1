"""The schedule's GET parameters, checked by Django forms: a bad value answers 400 in Vietnamese."""

from django import forms

from home.models import AgencyPage
from portal_site.text import is_url_slug
from schedule.week import Week

KIND_FILTERS = {"cong-tac": "Lịch công tác", "tiep-cong-dan": "Lịch tiếp công dân"}


class ScheduleFilterForm(forms.Form):
    tuan = forms.CharField(
        required=False,
        max_length=8,
        label="Tuần",
        error_messages={"max_length": "Tuần không hợp lệ: hãy ghi theo dạng 2026-W49 (năm-W số tuần)."},
    )
    agency = forms.CharField(
        required=False,
        max_length=255,
        label="Cơ quan",
        error_messages={"max_length": "Cơ quan không hợp lệ."},
    )
    loai = forms.ChoiceField(
        required=False,
        choices=[("", "Mọi loại lịch"), *KIND_FILTERS.items()],
        label="Loại lịch",
        error_messages={"invalid_choice": "Loại lịch không hợp lệ (cong-tac hoặc tiep-cong-dan)."},
    )

    def clean_tuan(self):
        text = self.cleaned_data["tuan"].strip()
        if not text:
            return None
        week = Week.parse(text)
        if week is None:
            raise forms.ValidationError(
                f"Tuần “{text}” không hợp lệ: hãy ghi theo dạng 2026-W49 (năm-W số tuần)."
            )
        return week

    def clean_agency(self):
        slug = self.cleaned_data["agency"].strip()
        if not slug:
            return None
        agency = AgencyPage.objects.live().filter(slug=slug).first() if is_url_slug(slug) else None
        if agency is None:
            raise forms.ValidationError(f"Không có cơ quan “{slug}” trên cổng.")
        return agency

    def first_error(self):
        return next(error for errors in self.errors.values() for error in errors)


class ICalFilterForm(ScheduleFilterForm):
    """The export takes the same agency and kind; weeks do not apply to a subscription."""

    tuan = None
