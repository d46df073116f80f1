"""Administrative procedures (thủ tục hành chính): the national record, its catalogue and its forms.

A ProcedurePage lives under an agency's ProcedureIndexPage (`/co-quan/<agency>/thu-tuc/<slug>/`);
the portal-wide ProcedureIndexPage (`/thu-tuc-hanh-chinh/`) lists every agency's procedures.
The ordered parts of the record (steps, channels, required documents, legal bases, forms, old
codes) are modelcluster children, so that the whole record is edited and revised as one page.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.models import AgencySectionPageMixin, PortalPageManager, PortalPageMixin
from portal_site import fragments
from portal_site.collation import vietnamese
from portal_site.text import is_url_slug, vietnamese_slugify
from procedures.levels import LEVEL_CHOICES, LEVEL_EXPLANATIONS

CODE_RE = r"^\d\.\d{6}$"
code_validator = RegexValidator(CODE_RE, "Mã thủ tục có dạng 1.001193 (một chữ số, dấu chấm, sáu chữ số).")

IMPLEMENTATION_LEVELS = [
    ("tinh", "Cấp Tỉnh"),
    ("huyen", "Cấp Huyện"),
    ("xa", "Cấp Xã"),
    ("bo", "Cấp Bộ"),
]
# The current legal classification of online public services (since Decree 42/2022).
ONLINE_SERVICE_CHOICES = [
    ("", "Chưa cung cấp trực tuyến"),
    ("mot-phan", "Dịch vụ công trực tuyến một phần"),
    ("toan-trinh", "Dịch vụ công trực tuyến toàn trình"),
]
STATUS_CHOICES = [("hieu-luc", "Đang có hiệu lực"), ("het-hieu-luc", "Hết hiệu lực")]
CHANNEL_CHOICES = [
    ("truc-tiep", "Trực tiếp"),
    ("truc-tuyen", "Trực tuyến"),
    ("buu-chinh", "Dịch vụ bưu chính"),
]


class Sector(models.Model):
    """A field of administrative procedures (lĩnh vực), e.g. Hộ tịch (G15-TP07)."""

    name = models.CharField("Tên lĩnh vực", max_length=255, unique=True)
    slug = models.SlugField(
        "Định danh", max_length=255, unique=True, blank=True, help_text="Để trống để tạo tự động từ tên."
    )
    code = models.CharField("Mã lĩnh vực", max_length=50, blank=True, help_text="Ví dụ: G15-TP07.")

    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("slug"), FieldPanel("code")])]

    class Meta:
        ordering = ["name"]
        verbose_name = "Lĩnh vực"
        verbose_name_plural = "Lĩnh vực"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = vietnamese_slugify(self.name)
        super().save(*args, **kwargs)

    @classmethod
    def named(cls, name, code="", cache=None):
        """The sector of this name, made if missing (with a free slug), its code set when given;
        imports pass a `cache` dict so that each name costs one lookup per run."""
        if cache is not None and name in cache:
            return cache[name]
        sector = cls.objects.filter(name=name).first()
        if sector is None:
            base = slug = vietnamese_slugify(name) or "linh-vuc"
            suffix = 1
            while cls.objects.filter(slug=slug).exists():
                suffix += 1
                slug = f"{base}-{suffix}"
            sector = cls.objects.create(name=name, slug=slug, code=code)
        elif code and sector.code != code:
            sector.code = code
            sector.save(update_fields=["code"])
        if cache is not None:
            cache[name] = sector
        return sector


AUDIENCES = [("cong-dan", "Công dân"), ("doanh-nghiep", "Doanh nghiệp")]


class LifeEvent(models.Model):
    """A life event (sự kiện cuộc sống) under which the national public service portal groups
    procedures for citizens ("Có con nhỏ") and businesses ("Khởi sự kinh doanh"), so that a
    person finds a procedure by what is happening to them rather than by its legal name."""

    name = models.CharField("Tên sự kiện", max_length=100, unique=True)
    slug = models.SlugField(
        "Định danh", max_length=100, unique=True, blank=True, help_text="Để trống để tạo tự động từ tên."
    )
    audience = models.CharField("Dành cho", max_length=20, choices=AUDIENCES, default="cong-dan")
    order = models.PositiveSmallIntegerField("Thứ tự", default=0, help_text="Số nhỏ hiển thị trước.")
    description = models.CharField("Mô tả ngắn", max_length=255, blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("slug"), FieldPanel("audience"), FieldPanel("order")]),
        FieldPanel("description"),
    ]

    class Meta:
        ordering = ["audience", "order", "name"]
        verbose_name = "Sự kiện cuộc sống"
        verbose_name_plural = "Sự kiện cuộc sống"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = vietnamese_slugify(self.name)
        super().save(*args, **kwargs)

    @classmethod
    def links(cls):
        """[{"name", "audience", "url"}] of every life event, for other apps (the search's
        few-results help) that show them without importing this module."""
        catalogue = portal_catalogue()
        if catalogue is None:
            return []
        labels = dict(AUDIENCES)
        return [
            {
                "name": event.name,
                "audience": labels.get(event.audience),
                "url": catalogue.life_event_url(event),
            }
            for event in cls.objects.all()
        ]

    def get_url(self):
        """The page listing its procedures on the portal-wide catalogue (None before it exists)."""
        catalogue = portal_catalogue()
        return catalogue.life_event_url(self) if catalogue else None


class ProcedureIndexPage(RoutablePageMixin, PortalPageMixin, Page):
    """A procedure catalogue ("Thủ tục hành chính"): portal-wide under HomePage, or an agency's own.

    Editors add the agency's procedures here; citizens filter them by sector, agency,
    implementation level and service level, or find them by life event: su-kien/ lists the
    life events, su-kien/<slug>/ the catalogue's procedures tagged with one.
    """

    intro = models.TextField("Giới thiệu", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage", "home.AgencyPage"]
    subpage_types = ["procedures.ProcedurePage"]

    class Meta:
        verbose_name = "Danh mục thủ tục hành chính"

    @path("", name="catalogue")
    def catalogue(self, request):
        # The tree's one import circle, on purpose: the catalogue is this page's listing and
        # queries ProcedurePage and Sector, and the page serves it. Either way out would put the
        # listing's queries into models.py or reach the models through the app registry.
        from procedures.catalogue import Catalogue

        catalogue = Catalogue(self, request.GET, request)
        response = self.render(request, catalogue=catalogue)
        if not catalogue.is_valid:
            response.status_code = 400
        return response

    def get_context(self, request, *args, catalogue=None, **kwargs):
        from procedures.catalogue import Catalogue

        context = super().get_context(request, *args, **kwargs)
        catalogue = catalogue or Catalogue(self, request.GET, request)
        # Read only when the template's cached fragment is missing.
        context.update(fragments.lazy_context(catalogue.context, Catalogue.CONTEXT_NAMES))
        context["catalogue_parts"] = catalogue.fragment_parts()
        return context

    @path("su-kien/", name="life_events")
    def life_events_view(self, request):
        return TemplateResponse(
            request,
            "procedures/life_events.html",
            {"page": self, "self": self, "life_event_groups": life_event_groups(self)},
        )

    @path("su-kien/<str:slug>/", name="life_event")
    def life_event_view(self, request, slug):
        from django.core.paginator import Paginator
        from django.http import Http404

        from procedures.catalogue import Catalogue

        event = LifeEvent.objects.filter(slug=slug).first() if is_url_slug(slug) else None
        if event is None:
            raise Http404("Không có sự kiện cuộc sống này.")
        procedures = (
            Catalogue(self, {}, request)
            .scope()
            .filter(life_events=event)
            .select_related("sector")
            .order_by(vietnamese("title"), "code")
        )
        page_obj = Paginator(procedures, 20).get_page(request.GET.get("page"))
        others = [other for other in LifeEvent.objects.filter(audience=event.audience) if other != event]
        return TemplateResponse(
            request,
            "procedures/life_event.html",
            {
                "page": self,
                "self": self,
                "event": event,
                "page_obj": page_obj,
                "procedures": page_obj.object_list,
                "other_events": [(other, self.life_event_url(other)) for other in others],
                "life_events_url": self.url + self.reverse_subpage("life_events"),
            },
        )

    def life_event_url(self, event):
        return self.url + self.reverse_subpage("life_event", kwargs={"slug": event.slug})

    def get_cached_paths(self):
        # The life-event pages list procedures too: purged with the catalogue on every publish.
        slugs = LifeEvent.objects.values_list("slug", flat=True)
        return ["/", "su-kien/", *(f"su-kien/{slug}/" for slug in slugs)]


def portal_catalogue():
    """The portal-wide ProcedureIndexPage (/thu-tuc-hanh-chinh/), whose life-event pages list
    every agency's procedures."""
    return ProcedureIndexPage.objects.live().filter(depth=3).order_by("path").first()


def life_event_groups(catalogue):
    """[(audience label, [(event, url)])] for the life-event lists (home block, su-kien/)."""
    labels = dict(AUDIENCES)
    groups = {}
    for event in LifeEvent.objects.all():
        groups.setdefault(event.audience, []).append((event, catalogue.life_event_url(event)))
    return [(labels.get(audience, audience), events) for audience, events in groups.items()]


class ProcedurePageForm(WagtailAdminPageForm):
    """Rules that need the record's children (forms), which the model cannot see before saving."""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("level") == 2 and not self._has_a_form():
            self.add_error(
                "level",
                "Thủ tục mức độ 2 phải có ít nhất một biểu mẫu tải về: thêm biểu mẫu ở mục "
                "“Biểu mẫu” hoặc chọn mức độ 1.",
            )
        return cleaned

    def _has_a_form(self):
        formset = self.formsets.get("forms")
        if formset is None:
            return False
        formset.is_valid()  # child formsets are otherwise only cleaned after this form
        return any(
            form.cleaned_data.get("document") and not form.cleaned_data.get("DELETE")
            for form in formset.forms
            if hasattr(form, "cleaned_data")
        )


class ProcedurePage(AgencySectionPageMixin, PortalPageMixin, Page):
    """One administrative procedure as published in the national database (dichvucong.gov.vn).

    Lives only under an agency's procedure section; the page title is the exact legal name.
    Editors fill in every section that Circular 32/2017 Art. 5 requires for level 1, attach the
    forms for level 2, and the national portal's link for levels 3–4.
    """

    code = models.CharField(
        "Mã thủ tục", max_length=8, unique=True, validators=[code_validator], help_text="Ví dụ: 1.001193."
    )
    local_code = models.CharField(
        "Mã thủ tục địa phương",
        max_length=50,
        blank=True,
        help_text="Mã trên cơ sở dữ liệu quốc gia kèm mã cơ quan địa phương, nếu có.",
    )
    decision_numbers = models.CharField(
        "Số quyết định công bố",
        max_length=255,
        blank=True,
        help_text="Nhiều quyết định cách nhau bởi dấu phẩy.",
    )
    sector = models.ForeignKey(
        Sector,
        null=True,
        on_delete=models.SET_NULL,
        related_name="procedures",
        verbose_name="Lĩnh vực",
    )
    implementation_level = models.CharField("Cấp thực hiện", max_length=10, choices=IMPLEMENTATION_LEVELS)
    procedure_type = models.CharField("Loại thủ tục", max_length=255, blank=True)
    level = models.PositiveSmallIntegerField(
        "Mức độ",
        choices=LEVEL_CHOICES,
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text="Thang mức độ 1–4 (Nghị định 43/2011/NĐ-CP) mà người dân quen dùng.",
    )
    online_service = models.CharField(
        "Dịch vụ công trực tuyến",
        max_length=20,
        choices=ONLINE_SERVICE_CHOICES,
        blank=True,
        help_text="Phân loại hiện hành (toàn trình / một phần), khác với thang mức độ 1–4.",
    )
    national_portal_url = models.URLField(
        "Địa chỉ nộp hồ sơ trực tuyến",
        max_length=500,
        blank=True,
        help_text="Bắt buộc với mức độ 3 và 4, ví dụ trang thủ tục trên Cổng Dịch vụ công quốc gia.",
    )
    methods_note = models.TextField(
        "Ghi chú cách thức thực hiện", blank=True, help_text="Mô tả chung, ngoài bảng hình thức nộp."
    )
    processing_time = models.TextField("Thời hạn giải quyết")
    fees = models.TextField("Phí, lệ phí", blank=True)
    applicants = models.TextField("Đối tượng thực hiện", blank=True)
    executing_agency = models.CharField("Cơ quan thực hiện", max_length=255, blank=True)
    competent_agency = models.CharField("Cơ quan có thẩm quyền", max_length=255, blank=True)
    receiving_address = models.CharField("Địa chỉ tiếp nhận hồ sơ", max_length=255, blank=True)
    coordinating_agencies = models.CharField("Cơ quan phối hợp", max_length=255, blank=True)
    result = models.TextField("Kết quả thực hiện")
    conditions = models.TextField("Yêu cầu, điều kiện thực hiện", blank=True)
    status = models.CharField("Tình trạng", max_length=20, choices=STATUS_CHOICES, default="hieu-luc")
    effective_from = models.DateField("Có hiệu lực từ ngày", null=True, blank=True)
    featured = models.BooleanField(
        "Nổi bật", default=False, help_text="Hiển thị trong mục thủ tục nổi bật trên trang chủ."
    )
    keywords = models.TextField(
        "Cách người dân thường gọi",
        blank=True,
        help_text="Mỗi dòng một cách nói thông dụng, ví dụ: làm giấy khai sinh cho con. "
        "Tìm kiếm coi trọng các cách gọi này sau tên thủ tục.",
    )
    life_events = ParentalManyToManyField(
        LifeEvent, blank=True, related_name="procedures", verbose_name="Sự kiện cuộc sống"
    )

    objects = PortalPageManager()

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("code"), FieldPanel("local_code")]),
                InlinePanel("old_codes", heading="Mã cũ", label="Mã cũ"),
                FieldPanel("decision_numbers"),
                FieldRowPanel([FieldPanel("sector"), FieldPanel("implementation_level")]),
                FieldPanel("procedure_type"),
                FieldRowPanel([FieldPanel("status"), FieldPanel("effective_from")]),
            ],
            heading="Thông tin chung",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("level"), FieldPanel("online_service")]),
                FieldPanel("national_portal_url"),
                FieldPanel("featured"),
            ],
            heading="Mức độ dịch vụ",
        ),
        MultiFieldPanel(
            [FieldPanel("life_events", widget=forms.CheckboxSelectMultiple), FieldPanel("keywords")],
            heading="Tìm theo sự kiện cuộc sống và cách gọi thông dụng",
        ),
        InlinePanel("steps", heading="Trình tự thực hiện", label="Bước", min_num=1),
        MultiFieldPanel(
            [InlinePanel("channels", label="Hình thức nộp"), FieldPanel("methods_note")],
            heading="Cách thức thực hiện",
        ),
        InlinePanel("required_documents", heading="Thành phần hồ sơ", label="Giấy tờ"),
        MultiFieldPanel(
            [
                FieldPanel("processing_time"),
                FieldPanel("fees"),
                FieldPanel("applicants"),
                FieldPanel("result"),
                FieldPanel("conditions"),
            ],
            heading="Thời hạn, phí, đối tượng và kết quả",
        ),
        MultiFieldPanel(
            [
                FieldPanel("executing_agency"),
                FieldPanel("competent_agency"),
                FieldPanel("receiving_address"),
                FieldPanel("coordinating_agencies"),
            ],
            heading="Cơ quan",
        ),
        InlinePanel("legal_bases", heading="Căn cứ pháp lý", label="Văn bản"),
        InlinePanel("forms", heading="Biểu mẫu", label="Biểu mẫu"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("code"),
        index.SearchField("result"),
        index.SearchField("conditions"),
        index.FilterField("level"),
        index.RelatedFields("old_codes", [index.SearchField("code")]),
        index.RelatedFields("sector", [index.SearchField("name")]),
        # The public search reads these two by name into fields of their own (search/indexing.py).
        index.SearchField("keywords"),
        index.RelatedFields("life_events", [index.SearchField("name")]),
    ]
    # Text a citizen searches for that search_fields (Wagtail's admin search) leaves out, for the
    # public search's body: "field", or "relation.field" on clustered children.
    search_text_fields = [
        "procedure_type",
        "applicants",
        "processing_time",
        "fees",
        "executing_agency",
        "steps.title",
        "steps.text",
        "required_documents.name",
        "channels.description",
    ]

    parent_page_types = ["procedures.ProcedureIndexPage"]
    subpage_types = []
    base_form_class = ProcedurePageForm

    class Meta:
        verbose_name = "Thủ tục hành chính"
        verbose_name_plural = "Thủ tục hành chính"

    def clean(self):
        super().clean()
        errors = {}
        if self.level in (3, 4) and not self.national_portal_url:
            errors["national_portal_url"] = "Thủ tục mức độ 3, 4 phải có địa chỉ nộp hồ sơ trực tuyến."
        if self.code and ProcedurePage.objects.filter(code=self.code).exclude(pk=self.pk).exists():
            errors["code"] = f"Đã có thủ tục khác mang mã {self.code}."
        if errors:
            raise ValidationError(errors)

    @property
    def keyword_list(self):
        """The "how people say it" wordings, one per line."""
        return [line.strip() for line in self.keywords.splitlines() if line.strip()]

    @property
    def level_explanation(self):
        return LEVEL_EXPLANATIONS.get(self.level, "")

    @property
    def is_current(self):
        return self.status == "hieu-luc" and (
            self.effective_from is None or self.effective_from <= timezone.localdate()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Lazy: the template reads these only when its cached fragment is rebuilt.
        context["agency"] = SimpleLazyObject(lambda: self.agency)
        context["related"] = (
            ProcedurePage.objects.live()
            .public()
            .filter(sector_id=self.sector_id)
            .exclude(pk=self.pk)
            .order_by(vietnamese("title"))[:5]
            if self.sector_id
            else []
        )
        context["required_document_groups"] = self.required_document_groups  # called by the template
        context["forms"] = self.forms.select_related("document")
        return context

    def required_document_groups(self):
        """[(group title, [documents])] in editor order, as the national portal's dossier tables."""
        groups = []
        # pk breaks sort_order ties (rows made in code have none), as PostgreSQL keeps no row order.
        for document in self.required_documents.select_related("form").order_by("sort_order", "pk"):
            title = document.group or "Giấy tờ phải nộp"
            if not groups or groups[-1][0] != title:
                groups.append((title, []))
            groups[-1][1].append(document)
        return groups


class ProcedureCodeAlias(Orderable):
    """An earlier code of the same procedure: codes change when a procedure is re-published."""

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="old_codes")
    code = models.CharField("Mã cũ", max_length=8, validators=[code_validator])

    panels = [FieldPanel("code")]

    class Meta(Orderable.Meta):
        verbose_name = "Mã cũ"
        verbose_name_plural = "Mã cũ"

    def __str__(self):
        return self.code


class ProcedureStep(Orderable):
    """One step of Trình tự thực hiện."""

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField("Tên bước", max_length=255, blank=True, help_text="Ví dụ: Bước 1.")
    text = models.TextField("Nội dung")

    panels = [FieldPanel("title"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "Bước thực hiện"
        verbose_name_plural = "Trình tự thực hiện"

    def __str__(self):
        return self.title or self.text[:60]


class ProcedureChannel(Orderable):
    """One row of Cách thức thực hiện: a way to submit, with its own deadline and fee."""

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="channels")
    channel = models.CharField("Hình thức nộp", max_length=20, choices=CHANNEL_CHOICES)
    processing_time = models.CharField("Thời hạn giải quyết", max_length=500, blank=True)
    fee = models.CharField("Phí, lệ phí", max_length=500, blank=True)
    description = models.TextField("Mô tả", blank=True)

    panels = [
        FieldRowPanel([FieldPanel("channel"), FieldPanel("processing_time")]),
        FieldPanel("fee"),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Hình thức nộp"
        verbose_name_plural = "Cách thức thực hiện"

    def __str__(self):
        return self.get_channel_display()


class RequiredDocument(Orderable):
    """One paper of Thành phần hồ sơ, with its quantities and, if any, its form."""

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="required_documents")
    group = models.CharField(
        "Nhóm giấy tờ",
        max_length=255,
        blank=True,
        help_text="Ví dụ: Giấy tờ phải nộp, Giấy tờ phải xuất trình, Trường hợp ủy quyền.",
    )
    name = models.TextField("Tên giấy tờ")
    originals = models.PositiveSmallIntegerField("Bản chính", default=1)
    copies = models.PositiveSmallIntegerField("Bản sao", default=0)
    form = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Mẫu đơn, tờ khai",
    )

    panels = [
        FieldPanel("group"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("originals"), FieldPanel("copies")]),
        FieldPanel("form"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Giấy tờ"
        verbose_name_plural = "Thành phần hồ sơ"

    def __str__(self):
        return self.name[:80]


class LegalBasis(Orderable):
    """One row of Căn cứ pháp lý: a legal document that regulates the procedure."""

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="legal_bases")
    number = models.CharField("Số ký hiệu", max_length=100, blank=True, help_text="Ví dụ: 60/2014/QH13.")
    summary = models.CharField("Trích yếu", max_length=500)
    issued_on = models.DateField("Ngày ban hành", null=True, blank=True)
    issuer = models.CharField("Cơ quan ban hành", max_length=255, blank=True)
    url = models.URLField("Liên kết văn bản", max_length=500, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("issued_on")]),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("issuer"), FieldPanel("url")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Căn cứ pháp lý"
        verbose_name_plural = "Căn cứ pháp lý"

    def __str__(self):
        return f"{self.number} {self.summary}".strip()


class ProcedureForm(Orderable):
    """A downloadable form (mẫu đơn, tờ khai): a Wagtail document in the agency's collection."""

    page = ParentalKey(ProcedurePage, on_delete=models.CASCADE, related_name="forms")
    title = models.CharField("Tên biểu mẫu", max_length=255)
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+", verbose_name="Tệp biểu mẫu"
    )

    panels = [FieldPanel("title"), FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "Biểu mẫu"
        verbose_name_plural = "Biểu mẫu"

    def __str__(self):
        return self.title


class FormDownload(models.Model):
    """Downloads of one document on one day: a counter, with nothing about who downloaded."""

    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="downloads")
    day = models.DateField("Ngày")
    count = models.PositiveIntegerField("Số lượt tải", default=0)

    class Meta:
        verbose_name = "Lượt tải biểu mẫu"
        verbose_name_plural = "Lượt tải biểu mẫu"
        constraints = [models.UniqueConstraint(fields=["document", "day"], name="one_counter_per_day")]

    def __str__(self):
        return f"{self.document_id} {self.day}: {self.count}"
