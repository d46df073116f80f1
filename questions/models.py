"""Citizens' questions and their published answers (hỏi đáp, contracts.md §9).

A question a citizen sends is a `Question` row: it holds the asker's contact details, which are
private, and is worked on in the admin (routed to the chosen agency, or triaged by the portal's
editors when none was chosen). Its answer is a `QuestionPage` in the agency's "hoi-dap" section,
written and published through the agency's review workflow like its news; publishing it marks
the question answered and tells the asker by e-mail. The page carries only what is public (code,
asker's name, question, answer, legal references), so nothing private reaches the page's
revisions, the search index or the cached HTML.

Tree: HomePage → QuestionIndexPage (/hoi-dap/, every agency's answers) and AgencyPage →
QuestionIndexPage (the agency's FAQ list) → QuestionPage.
"""

import secrets
import unicodedata

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags

from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from home.models import (
    AgencyPage,
    AgencySectionPageMixin,
    PortalPageMixin,
    PortalPageQuerySet,
    SectionIndexMixin,
)

# An alphabet without look-alikes (0/O, 1/I/L), so a code read over the phone is typed right.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_RANDOM_LENGTH = 6


def new_code():
    """HD-<year>-<6 random characters>: random, so that codes cannot be guessed one after another."""
    random_part = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_RANDOM_LENGTH))
    return f"HD-{timezone.localdate().year}-{random_part}"


def normalise_code(value):
    return "".join((value or "").split()).upper()


class Question(models.Model):
    """A citizen's question as received: private contact details, routing and status.

    Not a page and never indexed for the public: editors find it in the admin ("Câu hỏi của
    công dân"), where each agency sees only the questions routed to it.
    """

    WAITING, IN_PROGRESS, ANSWERED, CLOSED = "cho-tra-loi", "dang-xu-ly", "da-tra-loi", "da-dong"
    STATUS_CHOICES = [
        (WAITING, "Chờ trả lời"),
        (IN_PROGRESS, "Đang xử lý"),
        (ANSWERED, "Đã trả lời"),
        (CLOSED, "Đã đóng"),
    ]
    OPEN_STATUSES = (WAITING, IN_PROGRESS)

    code = models.CharField("Mã câu hỏi", max_length=20, unique=True, editable=False)
    name = models.CharField("Họ và tên người hỏi", max_length=120)
    email = models.EmailField("Thư điện tử người hỏi", blank=True)
    phone = models.CharField("Điện thoại người hỏi", max_length=20, blank=True)
    agency = models.ForeignKey(
        AgencyPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Cơ quan trả lời",
        help_text="Để trống: ban biên tập cổng sẽ chuyển câu hỏi đến cơ quan phù hợp.",
    )
    sector = models.ForeignKey(
        "procedures.Sector",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Lĩnh vực",
    )
    title = models.CharField("Tiêu đề", max_length=200)
    question = models.TextField("Nội dung câu hỏi", max_length=5000)
    status = models.CharField("Trạng thái", max_length=20, choices=STATUS_CHOICES, default=WAITING)
    note = models.TextField(
        "Ghi chú nội bộ", blank=True, help_text="Chỉ cán bộ xử lý thấy; không hiển thị công khai."
    )
    submitted_at = models.DateTimeField("Thời điểm gửi", default=timezone.now)
    answered_at = models.DateTimeField("Thời điểm trả lời", null=True, blank=True)
    asker_notified_at = models.DateTimeField("Đã báo người hỏi lúc", null=True, blank=True, editable=False)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name", read_only=True),
                FieldRowPanel([FieldPanel("email", read_only=True), FieldPanel("phone", read_only=True)]),
            ],
            heading="Người hỏi (không công khai thư điện tử, điện thoại)",
        ),
        FieldPanel("title", read_only=True),
        FieldPanel("question", read_only=True),
        FieldPanel("submitted_at", read_only=True),
        # Routing is the portal editors' triage; an agency cannot hand its questions on by itself.
        FieldPanel("agency", permission="questions.triage_question"),
        FieldRowPanel([FieldPanel("sector"), FieldPanel("status")]),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = "Câu hỏi của công dân"
        verbose_name_plural = "Câu hỏi của công dân"
        ordering = ["-submitted_at"]
        permissions = [("triage_question", "Điều phối câu hỏi chưa có cơ quan trả lời")]
        indexes = [models.Index(fields=["status", "submitted_at"], name="question_status_idx")]

    def __str__(self):
        return f"{self.code}: {self.title}"

    def save(self, *args, **kwargs):
        if not self.code:
            self.code = self._unused_code()
        super().save(*args, **kwargs)

    @staticmethod
    def _unused_code():
        while True:
            code = new_code()
            if not Question.objects.filter(code=code).exists():
                return code

    @cached_property
    def answer_page(self):
        return QuestionPage.objects.filter(question_record=self).first()

    def working_days_waited(self, today=None):
        from questions.workdays import working_days_between

        today = today or timezone.localdate()
        return working_days_between(timezone.localdate(self.submitted_at), today)

    def deadline(self):
        from questions.workdays import SLA_WORKING_DAYS, add_working_days

        return add_working_days(timezone.localdate(self.submitted_at), SLA_WORKING_DAYS)


class QuestionIndexPage(SectionIndexMixin, RoutablePageMixin, PortalPageMixin, Page):
    """A "Hỏi đáp" section: portal-wide under HomePage (every agency's answers, the question form
    and the lookup by code), or an agency's own FAQ list. Answers are QuestionPages under an
    agency's section, created from a question in the admin."""

    intro = models.TextField("Giới thiệu", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage", "home.AgencyPage"]
    subpage_types = ["questions.QuestionPage"]
    page_size = 10

    class Meta:
        verbose_name = "Chuyên mục hỏi đáp"

    def answers(self):
        return QuestionPage.objects.live().public().filter(path__startswith=self.scope_path)

    def get_cached_paths(self):
        # The form and the lookup are never cached (views.py), so only the listing is purged.
        return ["/"]

    @path("")
    def index(self, request):
        from questions.views import answer_list

        return answer_list(self, request)

    @path("gui-cau-hoi/", name="ask")
    def ask(self, request):
        from questions.views import ask

        return ask(self, request)

    @path("tra-cuu/", name="lookup")
    def lookup(self, request):
        from questions.views import lookup

        return lookup(self, request)


QuestionPageManager = PageManager.from_queryset(PortalPageQuerySet)


class AnswerPageForm(WagtailAdminPageForm):
    """A draft may be saved half-written; submitting it for review or publishing needs the answer."""

    def clean(self):
        cleaned = super().clean()
        finishing = any(key in self.data for key in ("action-submit", "action-publish"))
        if finishing and not strip_tags(cleaned.get("answer") or "").strip():
            self.add_error("answer", "Hãy viết câu trả lời trước khi gửi duyệt hoặc xuất bản.")
        return cleaned


class QuestionPage(AgencySectionPageMixin, PortalPageMixin, Page):
    """A published answer to a citizen's question, in the answering agency's "hoi-dap" section.

    Created from the question in the admin with the question's public parts copied in; the
    editor writes the answer and its legal references and submits it to the agency's workflow.
    Holds no e-mail or phone: those stay on the Question.
    """

    # An FAQ entry an editor writes without a citizen's question gets a code of its own.
    code = models.CharField("Mã câu hỏi", max_length=20, db_index=True, default=new_code)
    asker_name = models.CharField("Người hỏi", max_length=120)
    asked_at = models.DateTimeField("Thời điểm hỏi", default=timezone.now)
    sector = models.ForeignKey(
        "procedures.Sector",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Lĩnh vực",
    )
    question = models.TextField("Nội dung câu hỏi", max_length=5000)
    answer = RichTextField(
        "Trả lời", blank=True, features=["bold", "italic", "link", "ol", "ul", "blockquote"]
    )
    question_record = models.OneToOneField(
        Question,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Câu hỏi gốc",
        editable=False,
    )

    objects = QuestionPageManager()

    base_form_class = AnswerPageForm
    content_panels = [
        FieldPanel("title", heading="Tiêu đề câu hỏi"),
        FieldRowPanel([FieldPanel("code", read_only=True), FieldPanel("asked_at", read_only=True)]),
        FieldRowPanel([FieldPanel("asker_name"), FieldPanel("sector")]),
        FieldPanel("question"),
        FieldPanel("answer"),
        InlinePanel("legal_references", heading="Căn cứ pháp lý", label="Văn bản"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("question"),
        index.SearchField("answer"),
        index.SearchField("code"),
        index.FilterField("asked_at"),
    ]
    # The public search shows the question as the result's summary; the answer is its body.
    search_summary_field = "question"
    search_text_fields = ["legal_references.number", "legal_references.title"]

    parent_page_types = ["questions.QuestionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Câu hỏi – trả lời"
        verbose_name_plural = "Câu hỏi – trả lời"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["section"] = self.get_parent().specific
        context["references"] = linked_references(list(self.legal_references.all()))
        return context


class QuestionLegalReference(Orderable):
    """A legal document the answer rests on (số ký hiệu and trích yếu), linked to the portal's
    register of documents when it holds one with this number."""

    page = ParentalKey(QuestionPage, on_delete=models.CASCADE, related_name="legal_references")
    number = models.CharField("Số, ký hiệu", max_length=100, help_text="Ví dụ: 2665/QĐ-UBND.")
    title = models.CharField("Tên, trích yếu", max_length=500)

    panels = [FieldRowPanel([FieldPanel("number"), FieldPanel("title")])]

    class Meta(Orderable.Meta):
        verbose_name = "Căn cứ pháp lý"
        verbose_name_plural = "Căn cứ pháp lý"

    def __str__(self):
        return f"{self.number} {self.title}".strip()


def legal_document_model():
    """The register's page model (legal_documents app), or None while that app has no model."""
    from django.apps import apps

    try:
        return apps.get_model("legal_documents", "LegalDocumentPage")
    except LookupError:
        return None


def linked_references(references):
    """[(reference, live public register page or None)], the pages read in one query."""
    model = legal_document_model()

    def key(reference):  # the register keeps numbers in NFC, as typed numbers may not be
        return unicodedata.normalize("NFC", reference.number).strip()

    numbers = {key(reference) for reference in references if key(reference)}
    found = {}
    if model is not None and numbers:
        for document in model.objects.live().public().filter(number__in=numbers):
            found.setdefault(document.number, document)
    return [(reference, found.get(key(reference))) for reference in references]


def notify_asker(question, page):
    """E-mail the asker that the answer is published (once per question)."""
    from django.core.mail import send_mail

    if not question.email or question.asker_notified_at:
        return False
    url = page.get_full_url() or page.url_path
    send_mail(
        subject=f"Câu hỏi {question.code} đã được trả lời",
        message=(
            f"Kính gửi {question.name},\n\n"
            f"Câu hỏi “{question.title}” (mã {question.code}) bạn gửi đến cổng thông tin điện tử "
            f"đã được {page.agency.title if page.agency else 'cơ quan chức năng'} trả lời.\n"
            f"Xem câu trả lời tại: {url}\n\n"
            "Thư này được gửi tự động, vui lòng không trả lời thư."
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[question.email],
    )
    return True


def mark_answered(sender, instance, **kwargs):
    """page_published receiver: the question of a published answer is answered; its asker is told."""
    page = instance.specific_deferred if hasattr(instance, "specific_deferred") else instance
    if not isinstance(page, QuestionPage) or page.question_record_id is None:
        return
    question = Question.objects.filter(pk=page.question_record_id).first()
    if question is None:
        return
    now = timezone.now()
    question.status = Question.ANSWERED
    question.answered_at = question.answered_at or now
    if notify_asker(question, page):
        question.asker_notified_at = now
    question.save(update_fields=["status", "answered_at", "asker_notified_at"])


def mark_unanswered(sender, instance, **kwargs):
    """page_unpublished receiver: a withdrawn answer puts its question back in progress."""
    if not isinstance(instance, QuestionPage) or instance.question_record_id is None:
        return
    Question.objects.filter(pk=instance.question_record_id, status=Question.ANSWERED).update(
        status=Question.IN_PROGRESS
    )
