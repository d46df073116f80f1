"""News: every agency publishes into its own section; the portal's section aggregates them all.

Tree (architecture.md): HomePage → NewsIndexPage (portal-wide) and AgencyPage → NewsIndexPage
(the agency's own) → NewsPage. A news item belongs to the agency whose subtree holds it.
"""

import calendar
import datetime
import functools

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.http import urlencode

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from home.blocks import BaseStreamBlock
from home.models import (
    AgencyPage,
    PortalPageMixin,
    PortalPageQuerySet,
    SectionIndexMixin,
    agency_for,
    exclude_private,
    nearest_agency,
)
from news.feeds import NewsAtomFeed, NewsRssFeed
from news.forms import NewsFilterForm
from portal_site import fragments
from portal_site.collation import vietnamese
from portal_site.text import is_url_slug, vietnamese_slugify

PAGE_SIZE = 12


class NewsTag(TagBase):
    """A news topic ("chủ đề"). Its own model so that slugs are plain ASCII: "Đô thị" → "do-thi"."""

    class Meta:
        verbose_name = "Chủ đề tin"
        verbose_name_plural = "Chủ đề tin"

    def slugify(self, tag, i=None):
        suffix = f"-{i}" if i is not None else ""
        max_length = self._meta.get_field("slug").max_length - len(suffix)
        return (vietnamese_slugify(tag, max_length=max_length) or "chu-de") + suffix


class NewsPageTag(ItemBase):
    """The link between a news item and one of its topics."""

    tag = models.ForeignKey(NewsTag, on_delete=models.CASCADE, related_name="tagged_news")
    content_object = ParentalKey("news.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")

    class Meta:
        verbose_name = "Chủ đề của tin"
        verbose_name_plural = "Chủ đề của tin"
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="unique_news_tag")]

    def __str__(self):
        return str(self.tag)


class NewsPageQuerySet(PortalPageQuerySet):
    def visible(self, now=None):
        """Live, public news not past its expiry, even before `publish_scheduled` has run."""
        now = now or timezone.now()
        return self.live().public().filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))

    def newest_first(self):
        return self.order_by("-date", "-first_published_at", "-pk")

    def pinned_first(self):
        return self.order_by("-pinned", "-date", "-first_published_at", "-pk")

    def under(self, path):
        """News in the subtree at this tree path (a site root, an agency); no query needed."""
        return self.filter(path__startswith=path)

    def with_cards(self):
        """What a news card needs, in one query more than the cards: the lead image joined, its
        renditions prefetched, and not the bodies (StreamField JSON no card shows)."""
        renditions = get_image_model().get_rendition_model().objects.all()
        return (
            self.defer_streamfields()
            .select_related("lead_image")
            .prefetch_related(
                models.Prefetch(
                    "lead_image__renditions", queryset=renditions, to_attr="prefetched_renditions"
                )
            )
        )


NewsPageManager = PageManager.from_queryset(NewsPageQuerySet)


def next_expiry(request=None):
    """When the next live news item expires (None if none will): a part of the cached listings'
    keys, so that an item leaves them when its time passes, not only when the scheduler runs."""
    now = timezone.now()
    cached = fragments.lookup("news-next-expiry", (), request)
    if cached is not None and (cached[0] is None or cached[0] > now):
        return cached[0]
    upcoming = NewsPage.objects.live().filter(expire_at__gt=now).order_by("expire_at")
    value = upcoming.values_list("expire_at", flat=True).first()
    fragments.store("news-next-expiry", (), value, request)
    return value


AGENCY_CARD_FIELDS = {"id", "page_ptr_id", "path", "depth", "title", "slug", "url_path", "short_name"}


@functools.cache
def _agency_card_names():
    # In the model's field order, which from_db expects.
    return [
        field.attname for field in AgencyPage._meta.concrete_fields if field.attname in AGENCY_CARD_FIELDS
    ]


def _agency_card_rows(request=None):
    """{tree path: [values of _agency_card_names()]} of every agency, kept in the fragment cache."""

    def build():
        rows = AgencyPage.objects.values_list(*_agency_card_names())
        return {row[_agency_card_names().index("path")]: list(row) for row in rows}

    return fragments.get_or_build("agency-cards", (), build, request)


def attach_agencies(pages, request=None):
    """Set `page.agency` on each page from one cached list of agencies (not one query per page).

    The agencies are AgencyPage instances with AGENCY_CARD_FIELDS, as the database gives them.
    """
    pages = list(pages)
    if not pages:
        return pages
    rows, agencies = _agency_card_rows(request), {}
    for page in pages:
        row = nearest_agency(page.path, rows)
        if row is None:
            page.agency = None
            continue
        key = row[_agency_card_names().index("path")]
        if key not in agencies:  # one instance per agency, shared by its pages
            agencies[key] = AgencyPage.from_db(AgencyPage.objects.db, _agency_card_names(), row)
        page.agency = agencies[key]
    return pages


class NewsIndexPage(SectionIndexMixin, RoutablePageMixin, PortalPageMixin, Page):
    """A news section ("Tin tức – Sự kiện"): portal-wide under HomePage, or an agency's own.

    The portal-wide section lists every agency's news; an agency's section lists its own subtree
    (a district lists its communes' news too). Editors add NewsPages under an agency's section.
    Feeds hang off it: rss/, atom/, the/<tag>/rss/, the/<tag>/atom/.
    """

    intro = models.TextField("Giới thiệu", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage", "home.AgencyPage"]
    subpage_types = ["news.NewsPage"]

    class Meta:
        verbose_name = "Chuyên mục tin tức"

    def news(self):
        return NewsPage.objects.visible().under(self.scope_path)

    def feed_news(self, tag, size):
        """The newest `size` news of this section (about `tag` if given) for its feeds, with their
        agencies and tags loaded: what news.feeds renders, which does not import the models."""
        news = self.news()
        if tag:
            news = news.filter(tagged_items__tag=tag)
        news = news.newest_first().prefetch_related("tagged_items__tag")[:size]
        return attach_agencies(news)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = NewsListing(self, request)
        # The listing is read only when its cached fragment is missing (news_index_page.html).
        context.update(fragments.lazy_context(listing.context, NewsListing.CONTEXT_NAMES))
        context["active_tag"] = listing.active_tag
        context["listing_parts"] = listing.fragment_parts()
        return context

    def get_cached_paths(self):
        # Purged with the section: its feeds list the same news (tag feeds expire on their own).
        return ["/", "rss/", "atom/"]

    @path("rss/", name="rss")
    def rss_feed(self, request):
        return NewsRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_feed(self, request):
        return NewsAtomFeed(self)(request)

    @path("the/<str:tag>/rss/", name="tag_rss")
    def tag_rss_feed(self, request, tag):
        return NewsRssFeed(self, self._tag_or_404(tag))(request)

    @path("the/<str:tag>/atom/", name="tag_atom")
    def tag_atom_feed(self, request, tag):
        return NewsAtomFeed(self, self._tag_or_404(tag))(request)

    @staticmethod
    def _tag_or_404(slug):
        tag = NewsTag.objects.filter(slug=slug).first() if is_url_slug(slug) else None
        if tag is None:
            raise Http404("Không có chủ đề tin này.")
        return tag


class NewsListing:
    """The filtered, paginated list behind a NewsIndexPage. Bad parameters never raise.

    Filters (all optional, combinable; news/forms.py): agency=<slug>, tag=<slug>, year=<yyyy>,
    month=<1-12>, page=<n>. An unknown value gives an empty list with a Vietnamese note; a page
    number out of range shows the first or last page.
    """

    def __init__(self, index, request):
        self.index, self.request = index, request
        self.form = NewsFilterForm(
            request.GET,
            agencies=AgencyPage.objects.filter(path__startswith=index.scope_path),
            tags=NewsTag.objects.all(),
        )
        self.form.is_valid()
        self.messages = self.form.notes()

    CONTEXT_NAMES = (
        "news_items",
        "page_obj",
        "query",
        "filters",
        "messages_news",
        "archive",
        "top_tags",
        "agency_choices",
        "month_choices",
    )

    @property
    def active_tag(self):
        """The NewsTag the reader filters by, or None."""
        return self.form.cleaned_data.get("tag")

    def fragment_parts(self):
        """What the listing's HTML depends on, for its cached fragment; None (rendered afresh) when
        the request has a note to show (an unknown agency, a bad date) or a page beyond
        fragments.CACHED_PAGES."""
        page = fragments.listing_page(self.request.GET.get("page"))
        if self.messages or page is None:
            return None
        data = self.form.cleaned_data
        agency, tag = data.get("agency"), data.get("tag")
        return (
            self.index.pk,
            self.index.path,
            self.request.get_host(),
            agency.slug if agency else None,
            tag.slug if tag else None,
            data.get("year"),
            data.get("month"),
            page,
            next_expiry(self.request),
        )

    def context(self):
        scope = self.index.news()
        filtered, filters = self._filter(scope)
        paginator = Paginator(filtered.with_cards().pinned_first(), PAGE_SIZE)
        page_obj = paginator.page(self._page_number(paginator))
        items = attach_agencies(page_obj.object_list, self.request)
        query = urlencode({k: v for k, v in filters.items() if v and not k.startswith("_")})
        return {
            "news_items": items,
            "page_obj": page_obj,
            "query": query,
            "filters": filters,
            "messages_news": self.messages,
            **self._sidebar(scope),
            "month_choices": [str(month) for month in range(1, 13)],
        }

    def _sidebar(self, scope):
        """The archive, topics and agency choices: the same for every visitor of this section, so
        kept in the fragment cache as plain data."""

        def build():
            tags = self._top_tags(scope)
            return {
                "archive": self._archive(scope),
                "top_tags": [{"slug": tag.slug, "name": tag.name, "count": tag.count} for tag in tags],
                "agency_choices": [
                    {"slug": agency.slug, "title": agency.title}
                    for agency in (self._agency_choices() if self.index.agency is None else [])
                ],
            }

        return fragments.get_or_build("news-sidebar", (self.index.pk, self.index.path), build, self.request)

    def _filter(self, news):
        form, data = self.form, self.form.cleaned_data
        filters = {"agency": "", "tag": "", "year": "", "month": ""}
        agency, tag = data.get("agency"), data.get("tag")
        if form.asked("agency"):
            news = news.under(agency.path) if agency else news.none()
            if agency:
                filters["agency"], filters["_agency_object"] = agency.slug, agency
        if form.asked("tag"):
            news = news.filter(tagged_items__tag=tag) if tag else news.none()
            if tag:
                filters["tag"], filters["_tag_object"] = tag.slug, tag
        year, month = data.get("year"), data.get("month")
        if year:
            news = news.filter(date__year=year)
            filters["year"] = str(year)
            if month:
                first = datetime.date(year, month, 1)
                last = first.replace(day=calendar.monthrange(year, month)[1])
                news = news.filter(date__range=(first, last))
                filters["month"] = str(month)
        return news, filters

    def _page_number(self, paginator):
        number = self.form.cleaned_data.get("page", 1)
        if number > paginator.num_pages:
            self.messages.append(
                f"Chỉ có {paginator.num_pages} trang; đang hiển thị trang cuối."
                if paginator.count
                else "Chưa có tin nào."
            )
            return paginator.num_pages
        return number

    @staticmethod
    def _archive(news):
        """[{"year", "months": [{"month", "count"}]}], newest first.

        Grouped by day in SQL and by month here: the database compares dates natively, whereas
        extracting the month runs a Python function per row on SQLite.
        """
        rows = news.order_by().values("date").annotate(count=Count("pk")).order_by("-date")
        years = []
        for row in rows:
            year, month = row["date"].year, row["date"].month
            if not years or years[-1]["year"] != year:
                years.append({"year": year, "months": []})
            months = years[-1]["months"]
            if not months or months[-1]["month"] != month:
                months.append({"month": month, "count": 0})
            months[-1]["count"] += row["count"]
        return years

    @staticmethod
    def _top_tags(news, limit=20, recent=500):
        """The topics of the most recent news: current topics, at a cost that does not grow."""
        latest = news.newest_first().values("pk")[:recent]
        return (
            NewsTag.objects.filter(tagged_news__content_object__in=latest)
            .annotate(count=Count("tagged_news"))
            .order_by("-count", "name")[:limit]
        )

    def _agency_choices(self):
        fields = ("id", "title", "slug", "path")
        return AgencyPage.objects.live().public().only(*fields).order_by(vietnamese("title"))


class NewsPage(PortalPageMixin, Page):
    """A news item ("tin"): written by an agency's editors in its own news section.

    Lives only under a NewsIndexPage; its agency is the one whose subtree holds it. Scheduled
    with the usual go-live and expiry dates; the portal lists it until it expires.
    """

    date = models.DateField("Ngày đăng", default=timezone.localdate)
    summary = models.TextField(
        "Tóm tắt", max_length=600, help_text="Một đến ba câu, hiện trong danh sách tin và nguồn tin RSS."
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Ảnh đại diện",
        help_text="Ảnh ngang, tối thiểu 1200×675 điểm ảnh (tỉ lệ 16:9); được cắt theo tỉ lệ này.",
    )
    lead_image_alt = models.CharField(
        "Mô tả ảnh (văn bản thay thế)",
        max_length=255,
        blank=True,
        help_text="Bắt buộc khi có ảnh: mô tả nội dung ảnh cho người dùng trình đọc màn hình.",
    )
    lead_image_caption = models.CharField("Chú thích ảnh", max_length=255, blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name="Nội dung", blank=True)
    tags = ClusterTaggableManager("Chủ đề", through=NewsPageTag, blank=True)
    source = models.CharField(
        "Nguồn tin", max_length=255, blank=True, help_text="Ví dụ: Báo Ấp Bắc, Mic.gov.vn, tác giả bài viết."
    )
    pinned = models.BooleanField(
        "Ghim lên đầu", default=False, help_text="Tin được ghim luôn đứng đầu danh sách tin."
    )

    objects = NewsPageManager()

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("date"), FieldPanel("pinned")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_image_alt"), FieldPanel("lead_image_caption")],
            heading="Ảnh đại diện",
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
        FieldPanel("source"),
        InlinePanel("related_procedures", heading="Thủ tục hành chính liên quan", label="Thủ tục"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
    ]
    # The public search shows this as the result's summary, apart from the body.
    search_summary_field = "summary"

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Tin tức"
        verbose_name_plural = "Tin tức"
        # Lists read the newest items first: these let the database stop after one page.
        indexes = [
            models.Index(fields=["pinned", "date"], name="news_pinned_date_idx"),
            models.Index(fields=["date"], name="news_date_idx"),
        ]

    def clean(self):
        super().clean()
        if self.lead_image_id and not self.lead_image_alt.strip():
            raise ValidationError({"lead_image_alt": "Hãy mô tả ảnh đại diện (văn bản thay thế cho ảnh)."})

    @cached_property
    def agency(self):
        """The agency publishing this news (listings set it in bulk with attach_agencies)."""
        return agency_for(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when news_page.html's cached article is missing, not on every request.
        context["section"] = SimpleLazyObject(lambda: self.section)
        context["news_tags"] = SimpleLazyObject(lambda: list(self.tags.all()))
        context["procedures"] = SimpleLazyObject(self.live_related_procedures)
        return context

    @cached_property
    def section(self):
        """The news section holding this item, read as a NewsIndexPage in one query."""
        section = NewsIndexPage.objects.filter(path=self.path[: -self.steplen]).first()
        if section is None:  # a preview placed oddly in the tree: Wagtail's own way
            return self.get_parent().specific
        # The section's agency is the item's: a news item is a leaf under its section.
        section.agency = self.agency
        return section

    def live_related_procedures(self):
        """The linked procedures citizens can open: unpublished or private ones are skipped."""
        # Links are read from the cluster (previews have unsaved ones); which of them a
        # visitor may open is asked of the database in one query, when there are any.
        procedures = [link.procedure for link in self.related_procedures.select_related("procedure")]
        if not procedures:
            return []
        visible = set(
            exclude_private(Page.objects.live())
            .filter(pk__in=[procedure.pk for procedure in procedures])
            .values_list("pk", flat=True)
        )
        return [procedure for procedure in procedures if procedure.pk in visible]


class NewsRelatedProcedure(Orderable):
    """A procedure an editor links from a news item, e.g. the registration a news item explains."""

    news = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_procedures")
    procedure = models.ForeignKey(
        "procedures.ProcedurePage", on_delete=models.CASCADE, related_name="+", verbose_name="Thủ tục"
    )

    panels = [PageChooserPanel("procedure", "procedures.ProcedurePage")]

    class Meta(Orderable.Meta):
        verbose_name = "Thủ tục liên quan"
        verbose_name_plural = "Thủ tục liên quan"
        constraints = [
            models.UniqueConstraint(fields=["news", "procedure"], name="unique_news_related_procedure")
        ]

    def __str__(self):
        return str(self.procedure)
