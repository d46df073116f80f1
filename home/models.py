"""Portal-level pages and the agency tree.

The tree (architecture.md): HomePage → NewsIndexPage / ProcedureIndexPage / AgencyIndexPage /
StandardPage; AgencyIndexPage → AgencyPage → (sub-agencies, its own news and procedure sections,
standard pages). A page belongs to the nearest AgencyPage above it.
"""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models.functions import Coalesce, Length, Substr
from django.http import Http404, HttpResponseBadRequest
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, PageViewRestriction, Site
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.directory import DirectoryFilterForm, csv_response, vcard_response
from home.structure import home_blocks
from portal_site import fragments
from portal_site.collation import vi_sort_key, vietnamese
from procedures.levels import SERVICE_LEVEL_LINKS


class ContactFieldsMixin(models.Model):
    """Official contact details, shared by agencies and their leaders."""

    email = models.EmailField("Thư điện tử công vụ", blank=True)
    phone = models.CharField("Điện thoại", max_length=50, blank=True)
    address = models.CharField("Địa chỉ", max_length=255, blank=True)

    contact_panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]), FieldPanel("address")],
            heading="Thông tin liên hệ",
        )
    ]

    class Meta:
        abstract = True


# The tree rules put agencies under the directory (depth 3): the shallowest agency is at depth 4.
AGENCY_MIN_DEPTH = 4


def agency_for(page):
    """The AgencyPage a page belongs to (itself or its nearest agency ancestor), or None."""
    page = page.specific_deferred if hasattr(page, "specific_deferred") else page
    if isinstance(page, AgencyPage):
        return page
    if page.depth <= AGENCY_MIN_DEPTH:
        return None  # its ancestors are all above the shallowest agency: no query needed
    return AgencyPage.objects.ancestor_of(page).order_by("-depth").first()


def ancestor_paths(path, inclusive=False):
    """Tree paths of the pages above `path`, nearest first (`path` itself first if inclusive).

    Treebeard's materialised paths: each ancestor's path is a prefix, one Page.steplen shorter per level.
    """
    start = len(path) if inclusive else len(path) - Page.steplen
    for end in range(start, 0, -Page.steplen):
        yield path[:end]


# The tree rules put some pages two levels below what they belong to, with a section between:
# home → co-quan → agency, agency → thu-tuc → procedure. The three forms of that one step:


def in_sections_of(owner):
    """Filter for the pages in `owner`'s own sections, two levels below it (its grandchildren)."""
    return {"path__startswith": owner.path, "depth": owner.depth + 2}


def section_owner_path(path):
    """Tree path of what a page in a section belongs to: its grandparent, found without a query."""
    return path[: -2 * Page.steplen]


def section_owner_path_expression():
    """section_owner_path in SQL, on each row's own path: for counting pages by their owner."""
    return Substr("path", 1, (models.F("depth") - 2) * Page.steplen)


def nearest_agency(path, agencies_by_path, inclusive=False):
    """The entry of `agencies_by_path` ({tree path: agency}) nearest above `path`, or None.

    agency_for without a query per page: listings load the agencies once and look up every page
    here. Pass inclusive=True to count an agency as its own, as agency_for does.
    """
    for ancestor in ancestor_paths(path, inclusive):
        if ancestor in agencies_by_path:
            return agencies_by_path[ancestor]
    return None


def agency_tree(agencies):
    """Nest agencies (ordered by tree path) as [{"agency", "children"}] in one pass, no extra queries."""
    roots, nodes = [], {}
    for agency in agencies:
        node = {"agency": agency, "children": []}
        nodes[agency.path] = node
        # The direct parent, not nearest_agency: an agency whose parent the filters left out is a root.
        parent = nodes.get(agency.path[: -agency.steplen])
        (parent["children"] if parent else roots).append(node)
    for node in nodes.values():
        node["children"].sort(key=lambda child: vi_sort_key(child["agency"].title))
    roots.sort(key=lambda child: vi_sort_key(child["agency"].title))
    return roots


def exclude_private(queryset):
    """Wagtail's `public()` inside the listing's own query: pages under no view restriction.

    Wagtail's version first reads every restriction, one more query per listing; here the
    database checks the (tiny) restrictions table itself.
    """
    restricting = PageViewRestriction.objects.filter(
        page__path=Substr(models.OuterRef("path"), 1, Length("page__path"))
    )
    return queryset.exclude(models.Exists(restricting))


class PortalPageQuerySet(PageQuerySet):
    def public(self):
        return exclude_private(self)


PortalPageManager = PageManager.from_queryset(PortalPageQuerySet)


# Set by DirectRoutingMixin on a page it served from the fragment cache with no view restriction
# on it or above it: for that request only, so the admin and Wagtail's own actions never see it.
PUBLIC_ATTRIBUTE = "_portal_known_public"


class PortalPageMixin:
    """What every portal page type shares: its view restrictions checked in one query.

    Wagtail reads the page's ancestors, then their restrictions, on every page served; this asks
    both at once, with Wagtail's rule for aliases (an alias follows its source's restrictions).
    """

    def get_view_restrictions(self):
        if getattr(self, PUBLIC_ATTRIBUTE, False):  # routing found none, from the fragment cache
            return PageViewRestriction.objects.none()
        paths = list(ancestor_paths(self.path, inclusive=True))
        pages = Page.objects.filter(path__in=paths).values(source=Coalesce("alias_of_id", "id"))
        return PageViewRestriction.objects.filter(page_id__in=pages)


class SectionIndexMixin:
    """An index page that is an agency's own section or the portal-wide one of its kind (news,
    documents, drafts, answers): it lists the pages under its agency, or under the whole site."""

    @cached_property
    def agency(self):
        """The agency owning this section, or None for the portal-wide section."""
        return agency_for(self)

    @property
    def scope_path(self):
        """Tree path whose subtree this section lists: the agency's, or the whole site's."""
        return self.agency.path if self.agency else self.path[: -self.steplen]


class AgencySectionPageMixin:
    """A page that only an agency's own section holds (a procedure, a legal document, a draft,
    an answer): it belongs to that agency, whose editors and workflow handle it. The portal-wide
    section of the same type lists every agency's pages but holds none."""

    @cached_property
    def agency(self):
        """The agency whose subtree holds this page."""
        return agency_for(self)

    @classmethod
    def can_create_at(cls, parent):
        return super().can_create_at(parent) and in_agency_section(parent)

    def can_move_to(self, parent):
        return super().can_move_to(parent) and in_agency_section(parent)


def in_agency_section(parent):
    """Whether `parent` is a section of an agency (its page's child)."""
    grandparent = parent.get_parent()
    return grandparent is not None and issubclass(grandparent.specific_class or Page, AgencyPage)


def _answers_subpath(page_class, components):
    """Whether a routable page class has a sub-URL (a feed, an export) for these components."""
    try:
        page_class.get_resolver().resolve("/" + "/".join(components) + "/")
    except Http404:
        return False
    return True


def _is_visitor(request):
    """Whether the request comes from someone not signed in: routed from the fragment cache."""
    user = getattr(request, "user", None)
    return user is not None and not user.is_authenticated


class DirectRoutingMixin:
    """Routing from a site root in two queries, whatever the depth of the page asked for.

    Wagtail reads each level's child and then its specific page: nine queries for a procedure at
    /co-quan/<agency>/thu-tuc/<slug>/. Here every page along the path is read at once by its
    url_path, then the last one's specific page. As in Wagtail, a live routable page on the way
    answers its own sub-URLs first, and a page type with its own `route` decides for itself.
    """

    def route(self, request, path_components):
        if not path_components:
            if _is_visitor(request):  # whether this root is public, as for the pages below
                public = fragments.get_or_build(
                    "public", (self.pk,), lambda: not self.get_view_restrictions().exists(), request
                )
                setattr(self, PUBLIC_ATTRIBUTE, public)
            return super().route(request, path_components)
        specific = self._page_answering(request, path_components)
        if specific is None:
            return super().route(request, path_components)
        if specific.depth == self.depth + 1:
            specific._cached_parent_obj = self  # as Wagtail's route does, saving get_parent() a query
        return specific.route(request, path_components[specific.depth - self.depth :])

    def _page_answering(self, request, path_components):
        """The specific page that routes `path_components` on, or None if no page lies on that path.

        For visitors who are not signed in, a page's own URL is answered from the fragment cache,
        with whether a view restriction applies to it: no query at all. Publishing, moving or
        deleting a page, or changing a restriction, makes it stale.
        """
        cacheable = _is_visitor(request)
        parts = (self.pk, tuple(path_components))
        cached = fragments.lookup("route", parts, request) if cacheable else None
        if cached is not None:
            specific, public = cached[0]
            setattr(specific, PUBLIC_ATTRIBUTE, public)
            return specific
        prefixes = [
            self.url_path + "/".join(path_components[: end + 1]) + "/" for end in range(len(path_components))
        ]
        # The slug index narrows the rows; url_path (a prefix of each one's own) picks this path.
        chain = list(
            Page.objects.filter(slug__in=set(path_components), url_path__in=prefixes).order_by("depth")
        )
        if not chain:
            return None
        target = chain[-1]
        for page in chain:
            page_class = page.specific_class or Page
            if page_class.route in (Page.route, DirectRoutingMixin.route):
                continue
            if page_class.route is RoutablePageMixin.route:
                remaining = path_components[page.depth - self.depth :]
                if not (remaining and page.live and _answers_subpath(page_class, remaining)):
                    continue
            target = page
            break
        specific = target.specific
        # Only a page's own URL is kept (sub-URLs and mistyped paths would be unbounded).
        if cacheable and len(chain) == len(path_components):
            public = not specific.get_view_restrictions().exists()
            fragments.store("route", parts, (specific, public), request)
            setattr(specific, PUBLIC_ATTRIBUTE, public)
        return specific


class HomePage(DirectRoutingMixin, PortalPageMixin, Page):
    """The portal's front page: search first, then news, procedures and agencies. The site root."""

    intro = models.CharField(
        "Lời giới thiệu",
        max_length=255,
        blank=True,
        help_text="Một câu ngắn hiển thị dưới ô tìm kiếm.",
    )
    body = StreamField(BaseStreamBlock(), verbose_name="Nội dung thêm", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["wagtailcore.Page"]
    # The portal sections (home/structure.py) by name, so that an administrator can also add one.
    subpage_types = [
        "news.NewsIndexPage",
        "procedures.ProcedureIndexPage",
        "home.AgencyIndexPage",
        "legal_documents.LegalDocumentIndexPage",
        "consultations.ConsultationIndexPage",
        "questions.QuestionIndexPage",
        "schedule.SchedulePage",
        "home.StandardPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "Trang chủ"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Both are read only when the template's cached fragments are rebuilt.
        context["agencies"] = (
            AgencyPage.objects.live()
            .public()
            .current()
            .filter(**in_sections_of(self))
            .order_by(vietnamese("title"))
        )
        # Quick links to public services by the 2011 level scale that citizens still use.
        context["service_levels"] = SERVICE_LEVEL_LINKS
        context["procedure_index"] = SimpleLazyObject(self._procedure_index)
        context["home_blocks"] = home_blocks()  # the other apps' blocks (home/structure.py)
        return context

    def _procedure_index(self):
        index_type = apps.get_model("procedures", "ProcedureIndexPage")
        return self.get_children().live().type(index_type).first()


class StandardPage(PortalPageMixin, Page):
    """A free-form page (introduction, contact, an agency's functions or organisation chart)."""

    intro = models.TextField("Tóm tắt", blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name="Nội dung", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    # The public search shows this as the result's summary, apart from the body.
    search_summary_field = "intro"

    parent_page_types = ["home.HomePage", "home.AgencyPage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = "Trang nội dung"
        verbose_name_plural = "Trang nội dung"


class AgencyIndexPage(RoutablePageMixin, PortalPageMixin, Page):
    """The agency directory ("Cơ quan – Đơn vị"): every agency, its contacts and leaders.

    The province's published list of official e-mail addresses, filterable, downloadable as CSV
    (spreadsheets) and vCard (address books). Sits once under the home page; agencies live below it.
    """

    intro = models.TextField("Giới thiệu", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.AgencyPage"]
    max_count = 1
    roots_per_page = 50

    class Meta:
        verbose_name = "Danh bạ cơ quan"

    def directory(self, request):
        """The filter form and the agencies it selects (current ones unless asked otherwise)."""
        form = self._filter_form(request)
        return form, form.select(self._agencies())

    @staticmethod
    def _filter_form(request):
        return DirectoryFilterForm(request.GET or None, kinds=AgencyPage.KIND_CHOICES)

    def _agencies(self):
        agencies = AgencyPage.objects.descendant_of(self).live().public().order_by("path")
        return list(agencies.select_related("successor").prefetch_related("leaders"))

    @path("")
    def index(self, request):
        form = self._filter_form(request)

        def listing():
            agencies = form.select(self._agencies())
            # Pages of top-level agencies, each with its sub-agencies, so a district stays whole.
            page_obj = Paginator(agency_tree(agencies), self.roots_per_page).get_page(request.GET.get("page"))
            query = request.GET.copy()
            query.pop("page", None)
            return {
                "agency_tree": page_obj.object_list,
                "page_obj": page_obj,
                "agency_count": len(agencies),
                "query_string": query.urlencode(),
            }

        # The unfiltered directory is cached (per page, and per day: dissolutions take effect by
        # date); a filtered one is rendered afresh, as the visitor's own text is part of it.
        page = fragments.listing_page(request.GET.get("page"))
        cached = set(request.GET) <= {"page"} and page is not None
        context = {
            "filter_form": form,
            # Read only when the template's cached fragment is missing.
            **fragments.lazy_context(listing, ("agency_tree", "page_obj", "agency_count", "query_string")),
            "directory_parts": (self.pk, request.get_host(), timezone.localdate(), page) if cached else None,
        }
        response = self.render(request, context_overrides=context)
        if form.errors:
            response.status_code = 400
        return response

    def get_cached_paths(self):
        # Purged with the directory: the exports list the same agencies.
        return ["/", "xuat/csv/", "xuat/vcard/", "xuat/vcard4/"]

    @path("xuat/csv/", name="csv")
    def export_csv(self, request):
        return self._export(request, lambda agencies: csv_response(agencies, request))

    @path("xuat/vcard/", name="vcard")
    def export_vcard(self, request):
        """vCard 3.0: what most address books and phones import."""
        return self._export(request, lambda agencies: vcard_response(agencies, request, "3.0"))

    @path("xuat/vcard4/", name="vcard4")
    def export_vcard4(self, request):
        return self._export(request, lambda agencies: vcard_response(agencies, request, "4.0"))

    def _export(self, request, respond):
        """An export of what the listing shows; bad filters are refused as on the listing,
        rather than silently exporting everything."""
        form, agencies = self.directory(request)
        if form.errors:
            message = "; ".join(error for errors in form.errors.values() for error in errors)
            return HttpResponseBadRequest(
                f"Bộ lọc không hợp lệ: {message}", content_type="text/plain; charset=utf-8"
            )
        return respond(agencies)


class AgencyQuerySet(PortalPageQuerySet):
    def current(self, on=None):
        """Agencies not dissolved on the given date (today by default)."""
        on = on or timezone.localdate()
        return self.filter(models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=on))


AgencyPageManager = PageManager.from_queryset(AgencyQuerySet)


class AgencyPage(DirectRoutingMixin, PortalPageMixin, ContactFieldsMixin, Page):  # noqa: DJ008 (Page provides __str__)
    """An agency's subsite home (sở, ban, ngành, UBND huyện/xã); its editors' whole world.

    Lives in the directory or under its parent agency; holds the agency's own news and procedure
    sections and standard pages. Dissolved agencies keep their pages and point to a successor.
    """

    KIND_CHOICES = [
        ("so-nganh", "Sở, ban, ngành"),
        ("ubnd-huyen", "UBND cấp huyện"),
        ("ubnd-xa", "UBND cấp xã"),
        ("don-vi", "Đơn vị trực thuộc"),
        ("khac", "Cơ quan khác"),
    ]

    short_name = models.CharField("Tên viết tắt", max_length=50, blank=True)
    kind = models.CharField("Loại cơ quan", max_length=20, choices=KIND_CHOICES, default="so-nganh")
    website = models.URLField("Trang thông tin riêng", blank=True)
    functions = RichTextField(
        "Chức năng, nhiệm vụ", blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Biểu trưng",
        help_text="Ảnh vuông, tối thiểu 200×200 điểm ảnh.",
    )
    valid_from = models.DateField("Hoạt động từ ngày", null=True, blank=True)
    valid_to = models.DateField(
        "Giải thể / sáp nhập ngày",
        null=True,
        blank=True,
        help_text="Để trống nếu cơ quan đang hoạt động.",
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Thư mục tài liệu",
        help_text="Thư mục chứa tài liệu và hình ảnh của cơ quan; tạo tự động.",
    )
    successor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        verbose_name="Cơ quan kế thừa",
    )

    objects = AgencyPageManager()

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("short_name"), FieldPanel("kind")]),
        *ContactFieldsMixin.contact_panels,
        FieldPanel("website"),
        FieldPanel("functions"),
        FieldPanel("logo"),
        InlinePanel("leaders", heading="Lãnh đạo", label="Lãnh đạo"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")]), FieldPanel("successor")],
            heading="Hiệu lực và kế thừa",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("short_name"),
        index.SearchField("functions"),
        index.SearchField("address"),
    ]

    parent_page_types = ["home.AgencyIndexPage", "home.AgencyPage"]
    subpage_types = [
        "home.AgencyPage",
        "news.NewsIndexPage",
        "procedures.ProcedureIndexPage",
        "legal_documents.LegalDocumentIndexPage",
        "consultations.ConsultationIndexPage",
        "questions.QuestionIndexPage",
        "home.StandardPage",
    ]

    class Meta:
        verbose_name = "Cơ quan, đơn vị"
        verbose_name_plural = "Cơ quan, đơn vị"

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "Ngày giải thể phải sau ngày bắt đầu hoạt động."})
        if self.successor_id and self.successor_id == self.pk:
            raise ValidationError({"successor": "Cơ quan không thể kế thừa chính nó."})
        # Imports, the search API and create_agency name agencies by slug, so it is portal-wide.
        if AgencyPage.objects.filter(slug=self.slug).exclude(pk=self.pk).exists():
            raise ValidationError({"slug": "Định danh này đã được một cơ quan khác dùng."})

    @property
    def is_historical(self):
        return self.valid_to is not None and self.valid_to < timezone.localdate()

    @property
    def parent_agency(self):
        # One query for the parent as an agency, rather than the parent and then its specific page.
        return AgencyPage.objects.filter(path=self.path[: -self.steplen]).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Sub-agencies and sections from one query over the children; agencies in Vietnamese order.
        # Lazy: agency_page.html reads them only when its cached fragment is rebuilt.
        children = SimpleLazyObject(lambda: list(exclude_private(self.get_children().live())))
        context["sub_agencies"] = SimpleLazyObject(
            lambda: sorted(
                (child for child in children if issubclass(child.specific_class or Page, AgencyPage)),
                key=lambda child: vi_sort_key(child.title),
            )
        )
        context["sections"] = SimpleLazyObject(lambda: [child for child in children if child.show_in_menus])
        return context


class AgencyLeader(Orderable, ContactFieldsMixin):
    """A leader of an agency, edited on the agency's own admin page."""

    agency = ParentalKey(AgencyPage, on_delete=models.CASCADE, related_name="leaders")
    name = models.CharField("Họ và tên", max_length=255)
    title = models.CharField("Chức vụ", max_length=255)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("title")]), *ContactFieldsMixin.contact_panels]

    class Meta(Orderable.Meta):
        verbose_name = "Lãnh đạo"
        verbose_name_plural = "Lãnh đạo"

    def __str__(self):
        return f"{self.title} {self.name}"


class AgencyAccess(models.Model):
    """Who works on an agency's pages: its editors' and moderators' groups and its review workflow.

    Made and kept in step by home.agencies.setup_agency. Kept apart from AgencyPage so that
    reverting or copying a page revision never changes who may edit or approve.
    """

    agency = models.OneToOneField(
        AgencyPage, on_delete=models.CASCADE, related_name="access", verbose_name="Cơ quan"
    )
    editors = models.ForeignKey(
        "auth.Group",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Nhóm biên tập viên",
    )
    moderators = models.ForeignKey(
        "auth.Group",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Nhóm phê duyệt",
    )
    workflow = models.ForeignKey(
        "wagtailcore.Workflow",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Quy trình duyệt",
    )

    class Meta:
        verbose_name = "Phân quyền cơ quan"
        verbose_name_plural = "Phân quyền cơ quan"

    def __str__(self):
        return f"Phân quyền: {self.agency.title}"


@register_setting(icon="site")
class PortalSettings(BaseGenericSetting):
    """Province-wide values: name, logo, footer contact, links to the national service portal."""

    province_name = models.CharField("Tên tỉnh", max_length=100, default="Tiền Giang")
    portal_name = models.CharField(
        "Tên cổng thông tin", max_length=255, default="Cổng thông tin điện tử tỉnh Tiền Giang"
    )
    owner = models.CharField("Cơ quan chủ quản", max_length=255, default="Ủy ban nhân dân tỉnh Tiền Giang")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Biểu trưng",
        help_text="Quốc huy hoặc biểu trưng của tỉnh, ảnh vuông tối thiểu 128×128 điểm ảnh.",
    )
    responsible_person = models.CharField("Người chịu trách nhiệm", max_length=255, blank=True)
    address = models.CharField("Địa chỉ", max_length=255, blank=True)
    phone = models.CharField("Điện thoại", max_length=50, blank=True)
    email = models.EmailField("Thư điện tử", blank=True)
    licence = models.CharField("Giấy phép", max_length=255, blank=True)
    national_portal_url = models.URLField("Cổng Dịch vụ công quốc gia", default="https://dichvucong.gov.vn")
    provincial_portal_url = models.URLField("Cổng dịch vụ công của tỉnh", blank=True)

    panels = [
        MultiFieldPanel(
            [FieldPanel("province_name"), FieldPanel("portal_name"), FieldPanel("owner"), FieldPanel("logo")],
            heading="Cổng thông tin",
        ),
        MultiFieldPanel(
            [
                FieldPanel("responsible_person"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
                FieldPanel("licence"),
            ],
            heading="Chân trang",
        ),
        MultiFieldPanel(
            [FieldPanel("national_portal_url"), FieldPanel("provincial_portal_url")],
            heading="Dịch vụ công trực tuyến",
        ),
    ]

    class Meta:
        verbose_name = "Thông tin cổng"

    @classmethod
    def load(cls, request_or_site=None):
        """Wagtail's load; for a request, the row comes from the fragment cache: every page shows it.

        Kept on the request as Wagtail does, so `settings.home.PortalSettings` in templates uses it.
        Without a request (imports, commands) the database is read as usual.
        """
        if request_or_site is None or isinstance(request_or_site, Site):
            return super().load(request_or_site)
        attribute = cls.get_cache_attr_name()
        if not hasattr(request_or_site, attribute):
            setattr(request_or_site, attribute, cls._from_values(cls._cached_values(request_or_site)))
        return getattr(request_or_site, attribute)

    @classmethod
    def _cached_values(cls, request):
        def build():
            row = cls._get_or_create()
            return {field.attname: getattr(row, field.attname) for field in cls._meta.concrete_fields}

        return fragments.get_or_build("portal-settings", (), build, request)

    @classmethod
    def _from_values(cls, values):
        # Only the fields this code knows: a value cached before a deploy may lack or add one.
        names = [field.attname for field in cls._meta.concrete_fields if field.attname in values]
        return cls.from_db(cls.objects.db, names, [values[name] for name in names])
