"""The register of legal and administrative documents (văn bản), contracts.md §7.

A LegalDocumentPage lives under an agency's LegalDocumentIndexPage (`/co-quan/<agency>/van-ban/`);
the portal-wide LegalDocumentIndexPage (`/van-ban/`) lists every agency's documents. A document's
files are Wagtail documents in the agency's collection; the text inside them is extracted once
per file (ExtractedText) and copied onto the page (`file_text`) for the public search.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from home.models import (
    AgencySectionPageMixin,
    PortalPageMixin,
    PortalPageQuerySet,
    SectionIndexMixin,
)
from portal_site.text import vietnamese_slugify

# (slug used in URLs and imports, label). The slug is the label's ASCII form.
DOCUMENT_TYPES = [
    ("quyet-dinh", "Quyết định"),
    ("nghi-quyet", "Nghị quyết"),
    ("chi-thi", "Chỉ thị"),
    ("ke-hoach", "Kế hoạch"),
    ("thong-bao", "Thông báo"),
    ("cong-van", "Công văn"),
    ("bao-cao", "Báo cáo"),
    ("huong-dan", "Hướng dẫn"),
    ("chuong-trinh", "Chương trình"),
    ("de-an", "Đề án"),
    ("quy-dinh", "Quy định"),
    ("to-trinh", "Tờ trình"),
    ("luat", "Luật"),
    ("nghi-dinh", "Nghị định"),
    ("thong-tu", "Thông tư"),
]
STATUS_CHOICES = [
    ("hieu-luc", "Còn hiệu lực"),
    ("het-hieu-luc-mot-phan", "Hết hiệu lực một phần"),
    ("het-hieu-luc", "Hết hiệu lực"),
    ("chua-hieu-luc", "Chưa có hiệu lực"),
]
STATUS_LABELS = dict(STATUS_CHOICES)
RELATION_KINDS = [("thay-the", "Thay thế"), ("sua-doi", "Sửa đổi, bổ sung")]
# What the other document's page says about this one.
INVERSE_LABELS = {"thay-the": "Bị thay thế bởi", "sua-doi": "Được sửa đổi, bổ sung bởi"}
FORWARD_LABELS = {"thay-the": "Thay thế văn bản", "sua-doi": "Sửa đổi, bổ sung văn bản"}

NUMBER_MAX_LENGTH = 50
# Kept on the page for the search: the first part of long texts carries their subject.
FILE_TEXT_MAX_LENGTH = 200_000


def normalize_number(value):
    """'2665/qđ-ubnd ' -> '2665/QĐ-UBND': numbers compared as the register writes them."""
    value = unicodedata.normalize("NFC", value or "").strip()
    return re.sub(r"\s+", "", value).upper()


def number_slug(number):
    """'2665/QĐ-UBND' -> '2665-qd-ubnd', the slug of a document's page."""
    return vietnamese_slugify(re.sub(r"[/\\.]", "-", number or ""), max_length=80)


def status_on(status, effective, expires, on):
    """The status label's key on date `on`: the dates decide where they are known.

    A document past its expiry date, or marked repealed, is out of force; one whose effective
    date is still ahead is not yet in force; otherwise the editor's status holds (in force, or
    partly repealed), and "not yet in force" turns into "in force" once its date has come.
    """
    if status == "het-hieu-luc" or (expires is not None and expires <= on):
        return "het-hieu-luc"
    if effective is not None and effective > on:
        return "chua-hieu-luc"
    if status == "chua-hieu-luc":
        return "chua-hieu-luc" if effective is None else "hieu-luc"
    return status or "hieu-luc"


def status_expression(on):
    """status_on() in SQL, for filtering and counting the register by status."""
    repealed = Q(status="het-hieu-luc") | Q(expires__lte=on)
    pending = Q(effective__gt=on) | Q(status="chua-hieu-luc", effective__isnull=True)
    return Case(
        When(repealed, then=Value("het-hieu-luc")),
        When(pending, then=Value("chua-hieu-luc")),
        When(status="het-hieu-luc-mot-phan", then=Value("het-hieu-luc-mot-phan")),
        default=Value("hieu-luc"),
        output_field=models.CharField(),
    )


class LegalDocumentQuerySet(PortalPageQuerySet):
    def with_status(self, on=None):
        return self.annotate(current_status=status_expression(on or timezone.localdate()))

    def newest_first(self):
        return self.order_by("-issued", "-pk")


LegalDocumentManager = PageManager.from_queryset(LegalDocumentQuerySet)


class LegalDocumentIndexPage(SectionIndexMixin, RoutablePageMixin, PortalPageMixin, Page):
    """A register of documents ("Văn bản"): portal-wide under HomePage, or an agency's own.

    Editors add the agency's documents here; citizens filter them by type, agency, year of issue,
    sector and status. Feeds of new documents hang off it: rss/ and atom/.
    """

    intro = models.TextField("Giới thiệu", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage", "home.AgencyPage"]
    subpage_types = ["legal_documents.LegalDocumentPage"]

    class Meta:
        verbose_name = "Danh mục văn bản"
        verbose_name_plural = "Danh mục văn bản"

    def documents(self):
        return LegalDocumentPage.objects.live().public().filter(path__startswith=self.scope_path)

    def feed_documents(self, size):
        """The newest `size` documents for the feeds, with what an item shows loaded."""
        return self.documents().select_related("sector").order_by("-first_published_at", "-pk")[:size]

    @path("")
    def register(self, request):
        # The listing and its form are their own module: it queries this model, as the
        # procedure catalogue does, and imports it, not the other way round.
        from legal_documents.register import Register

        register = Register(self, request)
        response = self.render(request, context_overrides=register.context())
        if not register.is_valid:
            response.status_code = 400
        return response

    @path("rss/", name="rss")
    def rss_feed(self, request):
        from legal_documents.feeds import DocumentsRssFeed

        return DocumentsRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        from legal_documents.feeds import DocumentsAtomFeed

        return DocumentsAtomFeed(self)(request)

    def get_cached_paths(self):
        # Purged with the register: its feeds list the same documents.
        return ["/", "rss/", "atom/"]


class LegalDocumentPageForm(WagtailAdminPageForm):
    """The admin form: a new page's parent is known here before the page is in the tree."""

    def clean(self):
        cleaned = super().clean()
        number = unicodedata.normalize("NFC", cleaned.get("number") or "").strip()
        parent = self.parent_page if self.instance.pk is None else None
        if number and parent is not None:
            duplicate = same_number_in_agency(number, parent, exclude=None)
            if duplicate is not None:
                self.add_error("number", f"Cơ quan đã có văn bản số {number} (“{duplicate.title}”).")
        return cleaned


def same_number_in_agency(number, register, exclude=None):
    """Another document with this number in the agency owning `register`, or None."""
    owner = register.path[: -Page.steplen]  # the agency: its register holds the documents
    documents = LegalDocumentPage.objects.filter(path__startswith=owner, number__iexact=number)
    if exclude is not None:
        documents = documents.exclude(pk=exclude)
    return documents.only("title").first()


class LegalDocumentPage(AgencySectionPageMixin, PortalPageMixin, Page):
    """One document of the register: its metadata (number, type, issuer, signer, dates, status),
    summary (trích yếu) and files. The page title is what lists and search results show, usually
    "<type> <number> <summary>"."""

    number = models.CharField("Số ký hiệu", max_length=NUMBER_MAX_LENGTH, help_text="Ví dụ: 2665/QĐ-UBND.")
    document_type = models.CharField("Loại văn bản", max_length=20, choices=DOCUMENT_TYPES)
    issuer = models.CharField("Cơ quan ban hành", max_length=255)
    signer = models.CharField("Người ký", max_length=255, blank=True)
    signer_title = models.CharField("Chức vụ người ký", max_length=100, blank=True)
    issued = models.DateField("Ngày ban hành")
    effective = models.DateField("Ngày có hiệu lực", null=True, blank=True)
    expires = models.DateField("Ngày hết hiệu lực", null=True, blank=True)
    status = models.CharField(
        "Tình trạng hiệu lực",
        max_length=30,
        choices=STATUS_CHOICES,
        default="hieu-luc",
        help_text="Nhãn hiển thị còn tính theo ngày: trước ngày có hiệu lực là “Chưa có hiệu lực”, "
        "từ ngày hết hiệu lực là “Hết hiệu lực”.",
    )
    sector = models.ForeignKey(
        "procedures.Sector",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="legal_documents",
        verbose_name="Lĩnh vực",
    )
    summary = models.TextField("Trích yếu")
    # Filled from the files on every save (legal_documents.extraction); not edited by hand.
    file_text = models.TextField("Nội dung trích từ tệp", blank=True, editable=False)

    objects = LegalDocumentManager()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number"), FieldPanel("document_type")]),
                FieldPanel("issuer"),
                FieldRowPanel([FieldPanel("signer"), FieldPanel("signer_title")]),
                FieldRowPanel([FieldPanel("issued"), FieldPanel("effective"), FieldPanel("expires")]),
                FieldRowPanel([FieldPanel("status"), FieldPanel("sector")]),
            ],
            heading="Thông tin văn bản",
        ),
        FieldPanel("summary"),
        InlinePanel("files", heading="Tệp văn bản", label="Tệp"),
        InlinePanel("relations", heading="Văn bản liên quan", label="Văn bản"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("number"),
        index.SearchField("summary"),
        index.SearchField("issuer"),
        index.SearchField("signer"),
        index.RelatedFields("sector", [index.SearchField("name")]),
        index.FilterField("issued"),
    ]
    # The public search: the summary is the result's summary; the files' text joins the body.
    search_summary_field = "summary"
    search_text_fields = ["file_text"]

    parent_page_types = ["legal_documents.LegalDocumentIndexPage"]
    subpage_types = []
    base_form_class = LegalDocumentPageForm

    class Meta:
        verbose_name = "Văn bản"
        verbose_name_plural = "Văn bản"
        # The register reads the newest issued first: lets the database stop after one page.
        indexes = [models.Index(fields=["issued"], name="legal_doc_issued_idx")]

    def clean(self):
        super().clean()
        errors = {}
        self.number = unicodedata.normalize("NFC", self.number or "").strip()
        if self.issued and self.effective and self.effective < self.issued:
            errors["effective"] = "Ngày có hiệu lực không được trước ngày ban hành."
        start = self.effective or self.issued
        if start and self.expires and self.expires < start:
            errors["expires"] = "Ngày hết hiệu lực không được trước ngày có hiệu lực."
        if self.number and not errors.get("number"):
            duplicate = self._same_number_in_agency()
            if duplicate is not None:
                errors["number"] = f"Cơ quan đã có văn bản số {self.number} (“{duplicate.title}”)."
        if errors:
            raise ValidationError(errors)

    def _same_number_in_agency(self):
        parent = self.get_parent() if self.pk else getattr(self, "_cached_parent_obj", None)
        return same_number_in_agency(self.number, parent, exclude=self.pk) if parent is not None else None

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "file_text" in update_fields:
            from legal_documents.extraction import text_of_documents

            self.file_text = text_of_documents(
                [file.document for file in self.files.all() if file.document_id], label=self.number
            )[:FILE_TEXT_MAX_LENGTH]
        return super().save(*args, **kwargs)

    @property
    def date(self):
        """The issue date, under the name the search reads (results carry it as `date`)."""
        return self.issued

    @property
    def current_status(self):
        return status_on(self.status, self.effective, self.expires, timezone.localdate())

    @property
    def status_label(self):
        return STATUS_LABELS[self.current_status]

    @property
    def type_label(self):
        return self.get_document_type_display()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The record is kept in the fragment cache until the next publish (or the next day, as its
        # status label follows the dates); what it shows is read only when it is rebuilt.
        context["agency"] = SimpleLazyObject(lambda: self.agency)
        context["files"] = self.files.select_related("document")
        context["today"] = timezone.localdate().isoformat()
        # The register is this page's parent: its address is this one's without the last part.
        url = self.get_url(request) or ""
        context["register_url"] = url[: url.rstrip("/").rfind("/") + 1] if url else ""
        return context

    def forward_relations(self):
        """[(label, document)] of the documents this one replaces or amends, live and public."""
        visible = LegalDocumentPage.objects.live().public()
        return [
            (FORWARD_LABELS[link.kind], link.target)
            for link in self.relations.filter(target__in=visible).select_related("target")
        ]

    def inverse_relations(self):
        """[(label, document)] of the documents that replace or amend this one, newest first."""
        visible = LegalDocumentPage.objects.live().public()
        links = (
            LegalDocumentRelation.objects.filter(target=self, page__in=visible)
            .select_related("page")
            .order_by("-page__issued", "page_id")
        )
        return [(INVERSE_LABELS[link.kind], link.page) for link in links]


class LegalDocumentFile(Orderable):
    """A file of a document (toàn văn, phụ lục): a Wagtail document in the agency's collection."""

    page = ParentalKey(LegalDocumentPage, on_delete=models.CASCADE, related_name="files")
    title = models.CharField("Tên tệp", max_length=255, help_text="Ví dụ: Toàn văn, Phụ lục.")
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name="Tệp"
    )

    panels = [FieldPanel("title"), FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "Tệp văn bản"
        verbose_name_plural = "Tệp văn bản"

    def __str__(self):
        return self.title


class LegalDocumentRelation(Orderable):
    """This document replaces or amends another; the other one's page shows the inverse."""

    page = ParentalKey(LegalDocumentPage, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField("Quan hệ", max_length=20, choices=RELATION_KINDS, default="thay-the")
    target = models.ForeignKey(
        LegalDocumentPage, on_delete=models.CASCADE, related_name="+", verbose_name="Văn bản"
    )

    panels = [FieldPanel("kind"), PageChooserPanel("target", "legal_documents.LegalDocumentPage")]

    class Meta(Orderable.Meta):
        verbose_name = "Văn bản liên quan"
        verbose_name_plural = "Văn bản liên quan"

    def __str__(self):
        return f"{self.get_kind_display()} {self.target_id}"

    def clean(self):
        super().clean()
        if self.target_id and self.target_id == self.page_id:
            raise ValidationError({"target": "Văn bản không thể liên quan đến chính nó."})


class ExtractedText(models.Model):
    """The text found in one Wagtail document's file, kept so that a file is read only once
    (a new file under the same document has a new hash and is read again)."""

    OUTCOMES = [
        ("ok", "Đã trích chữ"),
        ("empty", "Không có chữ (có thể là bản quét)"),
        ("too-large", "Tệp quá lớn"),
        ("timeout", "Quá thời gian"),
        ("unsupported", "Định dạng không trích được"),
        ("error", "Tệp lỗi"),
    ]

    document = models.OneToOneField(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    file_hash = models.CharField(max_length=40, blank=True)
    text = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=OUTCOMES)
    pages = models.PositiveIntegerField(null=True, blank=True)
    seconds = models.FloatField(default=0)
    extracted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "Nội dung trích từ tệp"
        verbose_name_plural = "Nội dung trích từ tệp"

    def __str__(self):
        return f"{self.document_id}: {self.get_outcome_display()}"


def default_title(type_label, number, summary, max_length=255):
    """'Quyết định số 2665/QĐ-UBND phê duyệt Quy hoạch …', the way documents are cited."""
    summary = " ".join((summary or "").split())
    if summary[:1].isupper() and not summary[1:2].isupper():
        summary = summary[:1].lower() + summary[1:]  # "Phê duyệt …" continues the sentence
    title = f"{type_label} số {number} {summary}".strip()
    if len(title) > max_length:
        title = title[: max_length - 1].rsplit(" ", 1)[0] + "…"
    return title
