"""The agency directory's filters and its exports: CSV for spreadsheets, vCard for address books.

The directory is the province's published list of official e-mail addresses (issue 5), so the
exports carry the same rows as the page, under the same filters.
"""

import csv
import io
import uuid

from django import forms
from django.http import HttpResponse
from django.utils import timezone

from portal_site.text import escape_text_value
from search.text import fold

# A fixed namespace, so that an agency or leader keeps its vCard UID across exports and
# address books update contacts instead of duplicating them.
VCARD_NAMESPACE = uuid.UUID("6f1d2c3a-8e4b-5a7c-9d10-2b3c4d5e6f70")


class DirectoryFilterForm(forms.Form):
    """The directory's filters; every field is optional and the default shows current agencies.

    `kinds` are AgencyPage.KIND_CHOICES, passed by the directory page: this module serves the page
    and does not import it back.
    """

    q = forms.CharField(label="Tên cơ quan", max_length=100, required=False)
    loai = forms.ChoiceField(
        label="Loại cơ quan",
        choices=[("", "Tất cả")],
        required=False,
        error_messages={"invalid_choice": "Loại cơ quan “%(value)s” không có trong danh sách."},
    )
    giai_the = forms.BooleanField(label="Gồm cả cơ quan đã giải thể, sáp nhập", required=False)

    def __init__(self, data=None, *, kinds):
        super().__init__(data)
        self.fields["loai"].choices = [("", "Tất cả"), *kinds]

    def select(self, agencies):
        """Filter agencies (ordered by tree path) in Python: a province has hundreds, not millions,
        and folding diacritics in Python works the same on SQLite and PostgreSQL."""
        by_path = {agency.path: agency for agency in agencies}
        # The direct parent, not nearest_agency: an agency under an unpublished one gets none.
        for agency in agencies:
            agency.parent_in_directory = by_path.get(agency.path[: -agency.steplen])
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        text = fold(data.get("q") or "")
        kind = data.get("loai")
        selected = []
        for agency in agencies:
            if agency.is_historical and not data.get("giai_the"):
                continue
            if kind and agency.kind != kind:
                continue
            if text and text not in fold(f"{agency.title} {agency.short_name}"):
                continue
            selected.append(agency)
        return selected


def directory_rows(agencies):
    """One row per agency followed by one per leader: what a mail merge or a phone list needs."""
    for agency in agencies:
        parent = agency.parent_in_directory
        status = "Đang hoạt động"
        if agency.is_historical:
            status = f"Giải thể/sáp nhập từ {agency.valid_to:%d/%m/%Y}"
            if agency.successor:
                status += f"; kế thừa: {agency.successor.title}"
        common = {
            "Cơ quan": agency.title,
            "Tên viết tắt": agency.short_name,
            "Trực thuộc": parent.title if parent else "",
            "Loại cơ quan": agency.get_kind_display(),
            "Địa chỉ": agency.address,
            "Trang thông tin": agency.website,
            "Tình trạng": status,
        }
        yield {
            **common,
            "Họ và tên": "",
            "Chức vụ": "",
            "Thư điện tử": agency.email,
            "Điện thoại": agency.phone,
        }
        for leader in agency.leaders.all():
            yield {
                **common,
                "Họ và tên": leader.name,
                "Chức vụ": leader.title,
                "Thư điện tử": leader.email,
                "Điện thoại": leader.phone,
                "Địa chỉ": leader.address or agency.address,
            }


CSV_COLUMNS = [
    "Cơ quan",
    "Tên viết tắt",
    "Trực thuộc",
    "Loại cơ quan",
    "Họ và tên",
    "Chức vụ",
    "Thư điện tử",
    "Điện thoại",
    "Địa chỉ",
    "Trang thông tin",
    "Tình trạng",
]


def _spreadsheet_safe(value):
    # A cell starting with = + - @ would run as a formula in Excel (CSV injection).
    return f"'{value}" if value and value[0] in "=+-@" else value


def _filename(stem, extension):
    return f"{stem}-{timezone.localdate():%Y-%m-%d}.{extension}"


def csv_response(agencies, request):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in directory_rows(agencies):
        writer.writerow({key: _spreadsheet_safe(value) for key, value in row.items()})
    # The byte-order mark makes Excel read the file as UTF-8 rather than the ANSI code page.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("danh-ba-co-quan", "csv")}"'
    return response


def _fold_line(line):
    """Fold a content line at 75 octets without splitting a UTF-8 character (RFC 6350 §3.2)."""
    parts, current, size = [], "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > 75:
            parts.append(current)
            current, size = " ", 1
        current += ch
        size += width
    parts.append(current)
    return "\r\n".join(parts)


def _card(version, uid, lines):
    body = ["BEGIN:VCARD", f"VERSION:{version}", f"UID:urn:uuid:{uid}", *lines, "END:VCARD"]
    return "".join(_fold_line(line) + "\r\n" for line in body)


def _contact_lines(version, email, phone, address):
    lines = []
    if email:
        lines.append(f"EMAIL;TYPE=INTERNET,WORK:{email}" if version == "3.0" else f"EMAIL;TYPE=work:{email}")
    if phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{phone}" if version == "3.0" else f"TEL;TYPE=work,voice:{phone}")
    if address:
        label = "TYPE=WORK" if version == "3.0" else "TYPE=work"
        lines.append(f"ADR;{label}:;;{escape_text_value(address)};;;;Việt Nam")
    return lines


def agency_cards(agencies, request, version):
    """One card per agency (an organisation) and one per leader (a person in that organisation)."""
    for agency in agencies:
        organisation = escape_text_value(agency.title)
        url = agency.get_full_url(request)
        lines = [f"FN:{organisation}", f"ORG:{organisation}"]
        # Address books show a card without N as a company; 4.0 says so with KIND.
        lines.append("N:;;;;" if version == "3.0" else "KIND:org")
        if version == "3.0":
            lines.append("X-ABShowAs:COMPANY")
        lines += _contact_lines(version, agency.email, agency.phone, agency.address)
        if url:
            lines.append(f"URL:{url}")
        if agency.is_historical:
            lines.append(f"NOTE:{escape_text_value(f'Đã giải thể/sáp nhập từ {agency.valid_to:%d/%m/%Y}')}")
        yield _card(version, uuid.uuid5(VCARD_NAMESPACE, f"agency:{agency.slug}"), lines)

        for leader in agency.leaders.all():
            # Vietnamese names run family, middle, given: "Phạm Quốc Bảo" is N:Phạm;Bảo;Quốc.
            words = leader.name.split()
            family, middle, given = (
                (words[0], " ".join(words[1:-1]), words[-1]) if len(words) > 1 else ("", "", leader.name)
            )
            lines = [
                f"FN:{escape_text_value(leader.name)}",
                f"N:{escape_text_value(family)};{escape_text_value(given)};{escape_text_value(middle)};;",
                f"ORG:{organisation}",
                f"TITLE:{escape_text_value(leader.title)}",
                *_contact_lines(version, leader.email, leader.phone, leader.address or agency.address),
            ]
            if version == "4.0":
                lines.insert(0, "KIND:individual")
            uid = uuid.uuid5(VCARD_NAMESPACE, f"leader:{agency.slug}:{leader.name}:{leader.title}")
            yield _card(version, uid, lines)


def vcard_response(agencies, request, version):
    response = HttpResponse(
        "".join(agency_cards(agencies, request, version)), content_type="text/vcard; charset=utf-8"
    )
    stem = "danh-ba-co-quan" if version == "3.0" else "danh-ba-co-quan-vcard4"
    response["Content-Disposition"] = f'attachment; filename="{_filename(stem, "vcf")}"'
    return response
