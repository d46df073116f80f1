"""Draft consultations (góp ý dự thảo, contracts.md §8): an agency publishes a draft with its
articles and files for a comment period; citizens comment on the draft or on one article; the
agency's moderators approve the comments; after closing, editors publish the outcome report
(báo cáo tiếp thu, giải trình).

Tree: HomePage → ConsultationIndexPage (/gop-y-du-thao/, every agency's drafts) and
AgencyPage → ConsultationIndexPage (its own) → ConsultationPage. Comments are plain models,
never pages: they are not published through the workflow but moderated one by one.
"""

import datetime
import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags

from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from home.models import (
    AgencySectionPageMixin,
    PortalPageMixin,
    PortalPageQuerySet,
    SectionIndexMixin,
)

# Status slugs (the listing's `status` filter) and their labels, in the order a draft goes through.
UPCOMING, OPEN, CLOSED, OUTCOME = "sap-mo", "dang-mo", "het-han", "co-ket-qua"
STATUS_LABELS = {
    UPCOMING: "Sắp lấy ý kiến",
    OPEN: "Đang lấy ý kiến",
    CLOSED: "Đã hết hạn",
    OUTCOME: "Đã có báo cáo tiếp thu",
}
ARTICLE_NUMBER_RE = re.compile(r"^\s*Điều\s+(\d+)\s*[.:]?\s*(.*)$", re.IGNORECASE | re.DOTALL)


def today():
    """The date in the portal's time zone (Asia/Ho_Chi_Minh): a comment period ends at local midnight."""
    return timezone.localdate()


def has_text(html):
    return bool(strip_tags(html or "").strip())


class ConsultationQuerySet(PortalPageQuerySet):
    def visible(self):
        return self.live().public()

    def with_status(self, status, on=None):
        """Drafts whose status (from the dates and the outcome) is `status` on the day `on`."""
        on = on or today()
        no_outcome = Q(outcome="")
        return self.filter(
            {
                UPCOMING: no_outcome & Q(opens__gt=on),
                OPEN: no_outcome & Q(opens__lte=on, closes__gte=on),
                CLOSED: no_outcome & Q(closes__lt=on),
                OUTCOME: ~no_outcome,
            }[status]
        )

    def newest_first(self):
        return self.order_by("-opens", "-closes", "-pk")


ConsultationManager = PageManager.from_queryset(ConsultationQuerySet)


class ConsultationIndexPage(SectionIndexMixin, PortalPageMixin, Page):
    """A list of drafts open for comment ("Góp ý dự thảo"): portal-wide under the home page
    (every agency's drafts, /gop-y-du-thao/) or an agency's own section. Editors add
    ConsultationPages under their agency's section."""

    intro = models.TextField("Giới thiệu", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage", "home.AgencyPage"]
    subpage_types = ["consultations.ConsultationPage"]

    class Meta:
        verbose_name = "Chuyên mục góp ý dự thảo"
        verbose_name_plural = "Chuyên mục góp ý dự thảo"

    def consultations(self):
        return ConsultationPage.objects.visible().filter(path__startswith=self.scope_path)

    def serve(self, request, *args, **kwargs):
        from consultations.listing import serve_listing

        return serve_listing(self, request)


class ConsultationPageForm(WagtailAdminPageForm):
    """The outcome report may be written only once the comment period is over; the files of the
    outcome are in a formset, which the model's clean() does not see, hence the form."""

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens"), cleaned.get("closes")
        if opens and closes and closes < opens:
            self.add_error("closes", "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu lấy ý kiến.")
        outcome_files = self.formsets.get("outcome_files")
        has_files = outcome_files is not None and any(
            form.cleaned_data and not form.cleaned_data.get("DELETE") for form in outcome_files.forms
        )
        if (has_text(cleaned.get("outcome")) or has_files) and closes and closes >= today():
            self.add_error(
                "outcome",
                f"Chỉ nhập báo cáo tiếp thu, giải trình sau khi hết hạn lấy ý kiến (ngày {closes:%d/%m/%Y}).",
            )
        return cleaned


class ConsultationPage(AgencySectionPageMixin, PortalPageMixin, Page):
    """A draft document put out for public comment by the agency whose section holds it: its
    comment period, summary, full text, the articles citizens comment on, the draft's files and,
    after closing, the outcome report with its files."""

    opens = models.DateField("Ngày bắt đầu lấy ý kiến")
    closes = models.DateField("Ngày kết thúc lấy ý kiến", help_text="Ý kiến được nhận đến hết ngày này.")
    summary = models.TextField(
        "Tóm tắt", help_text="Mục đích, phạm vi của dự thảo, hiển thị trong danh sách."
    )
    body = RichTextField("Nội dung", blank=True)
    receiving_unit = models.CharField(
        "Đơn vị tiếp nhận ý kiến",
        max_length=255,
        blank=True,
        help_text="Để trống nếu là chính cơ quan soạn thảo.",
    )
    receiving_email = models.EmailField("Thư điện tử nhận ý kiến", blank=True)
    outcome = RichTextField(
        "Báo cáo tiếp thu, giải trình",
        blank=True,
        help_text="Chỉ nhập sau khi hết hạn lấy ý kiến; hiển thị khi trang được xuất bản.",
    )

    objects = ConsultationManager()

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")], heading="Thời gian lấy ý kiến"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("receiving_unit"), FieldPanel("receiving_email")]),
        InlinePanel("articles", heading="Các điều của dự thảo", label="Điều"),
        InlinePanel("files", heading="Tệp dự thảo", label="Tệp"),
        MultiFieldPanel(
            [FieldPanel("outcome"), InlinePanel("outcome_files", label="Tệp báo cáo")],
            heading="Kết quả lấy ý kiến",
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("outcome"),
        index.RelatedFields("articles", [index.SearchField("heading"), index.SearchField("text")]),
        index.FilterField("opens"),
        index.FilterField("closes"),
    ]
    # The public search shows the summary; comments (with citizens' names) are never indexed.
    search_summary_field = "summary"

    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = []
    base_form_class = ConsultationPageForm

    class Meta:
        verbose_name = "Dự thảo lấy ý kiến"
        verbose_name_plural = "Dự thảo lấy ý kiến"

    def clean(self):
        super().clean()
        if not has_text(self.outcome):
            self.outcome = ""  # an emptied editor leaves "<p></p>": no outcome, for the status filter

    @property
    def status(self):
        if has_text(self.outcome):
            return OUTCOME
        on = today()
        if self.opens > on:
            return UPCOMING
        return OPEN if self.closes >= on else CLOSED

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def is_open(self):
        return self.status == OPEN

    def article_choices(self):
        return [(str(article.number), str(article)) for article in self.articles.all()]

    def get_context(self, request, *args, comment_form=None, **kwargs):
        from consultations.views import comment_context

        context = super().get_context(request, *args, **kwargs)
        context.update(comment_context(self, request, form=comment_form))
        return context

    def serve(self, request, *args, **kwargs):
        from consultations.views import serve_consultation

        return serve_consultation(self, request, super().serve)

    def seconds_until_status_changes(self):
        """How long the page's status label stays right: until the next local midnight at which
        the draft opens or closes; None once nothing will change with the clock."""
        if self.status == UPCOMING:
            change = self.opens
        elif self.status == OPEN:
            change = self.closes + datetime.timedelta(days=1)
        else:
            return None
        moment = timezone.make_aware(datetime.datetime.combine(change, datetime.time()))
        return max(int((moment - timezone.now()).total_seconds()), 1)


class ConsultationArticle(Orderable):
    """One article (điều) of a draft: citizens may attach their comment to it."""

    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="articles")
    number = models.PositiveIntegerField("Số điều")
    heading = models.CharField("Tên điều", max_length=255)
    text = models.TextField("Nội dung điều", blank=True)

    panels = [FieldRowPanel([FieldPanel("number"), FieldPanel("heading")]), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "Điều"
        verbose_name_plural = "Các điều"

    def __str__(self):
        return f"Điều {self.number}. {self.heading}"


class ConsultationFile(Orderable):
    """A file of the draft (its full text, an explanatory report), a document of the agency's
    collection."""

    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="files")
    title = models.CharField("Tên tệp", max_length=255)
    document = models.ForeignKey(
        get_document_model_string(), on_delete=models.CASCADE, related_name="+", verbose_name="Tệp"
    )

    panels = [FieldPanel("title"), FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "Tệp dự thảo"
        verbose_name_plural = "Tệp dự thảo"

    def __str__(self):
        return self.title


class ConsultationOutcomeFile(Orderable):
    """A file of the outcome report (the báo cáo tiếp thu itself, a table of comments received)."""

    page = ParentalKey(ConsultationPage, on_delete=models.CASCADE, related_name="outcome_files")
    title = models.CharField("Tên tệp", max_length=255)
    document = models.ForeignKey(
        get_document_model_string(), on_delete=models.CASCADE, related_name="+", verbose_name="Tệp"
    )

    panels = [FieldPanel("title"), FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "Tệp báo cáo tiếp thu"
        verbose_name_plural = "Tệp báo cáo tiếp thu"

    def __str__(self):
        return self.title


class ConsultationComment(models.Model):
    """A citizen's comment on a draft, or on one of its articles (by the article's number, which
    survives the article rows being replaced by a new revision or a re-import). Held until the
    agency's moderators approve it; shown publicly with the name only, never the e-mail."""

    PENDING, APPROVED, REJECTED = "cho-duyet", "da-duyet", "tu-choi"
    STATUS_CHOICES = [(PENDING, "Chờ duyệt"), (APPROVED, "Đã duyệt"), (REJECTED, "Từ chối")]

    consultation = models.ForeignKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="comments", verbose_name="Dự thảo"
    )
    article_number = models.PositiveIntegerField("Điều", null=True, blank=True)
    name = models.CharField("Họ và tên", max_length=100)
    email = models.EmailField("Thư điện tử", blank=True)
    text = models.TextField("Nội dung góp ý")
    status = models.CharField("Trạng thái", max_length=10, choices=STATUS_CHOICES, default=PENDING)
    created_at = models.DateTimeField("Ngày gửi", default=timezone.now)
    moderated_at = models.DateTimeField("Ngày duyệt", null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Người duyệt",
    )

    class Meta:
        verbose_name = "Góp ý dự thảo"
        verbose_name_plural = "Góp ý dự thảo"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["consultation", "status"])]

    def __str__(self):
        return f"{self.name}: {self.text[:60]}"

    @property
    def article_label(self):
        if self.article_number is None:
            return "Góp ý chung"
        article = next((a for a in self.consultation.articles.all() if a.number == self.article_number), None)
        return str(article) if article else f"Điều {self.article_number}"

    def moderate(self, status, user):
        """Approve or reject; the page's cached copies go, since they list the approved comments."""
        from portal_site.frontcache import purge_pages

        was_shown = self.status == self.APPROVED
        self.status, self.moderated_at, self.moderated_by = status, timezone.now(), user
        self.save(update_fields=["status", "moderated_at", "moderated_by"])
        if was_shown or status == self.APPROVED:
            purge_pages([self.consultation])
