from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from .text import fold


class Synonym(index.Indexed, models.Model):
    """A citizens' wording and the official term it stands for ("sổ đỏ" → "giấy chứng
    nhận quyền sử dụng đất"). Applied when a query is searched, so a change takes effect
    immediately, without rebuilding the index."""

    colloquial = models.CharField(
        "Cách gọi thông dụng",
        max_length=100,
        unique=True,
        help_text="Cách người dân hay gõ, ví dụ: sổ đỏ, hộ khẩu, CMND.",
    )
    official = models.CharField(
        "Thuật ngữ chính thức",
        max_length=200,
        help_text="Tên gọi trong thủ tục hành chính, ví dụ: giấy chứng nhận quyền sử dụng đất. "
        "Nhiều thuật ngữ cách nhau bởi dấu chấm phẩy, ví dụ: cấp; đăng ký.",
    )
    note = models.CharField("Ghi chú", max_length=255, blank=True)
    source = models.CharField(
        "Nguồn",
        max_length=255,
        blank=True,
        help_text="Nơi lấy cách gọi hoặc thuật ngữ, ví dụ: Luật Cư trú 2020, domain.md §4.6.",
    )

    panels = [FieldPanel("colloquial"), FieldPanel("official"), FieldPanel("note"), FieldPanel("source")]
    search_fields = [index.SearchField("colloquial"), index.SearchField("official")]

    class Meta:
        ordering = ["colloquial"]
        verbose_name = "Từ đồng nghĩa"
        verbose_name_plural = "Từ đồng nghĩa"

    def __str__(self):
        return f"{self.colloquial} → {self.official}"

    @staticmethod
    def terms(official):
        """The official terms of one row ("cấp; đăng ký" -> ["cấp", "đăng ký"])."""
        return [term.strip() for term in official.split(";") if term.strip()]


class SearchDocumentQuerySet(SearchableQuerySetMixin, models.QuerySet):
    pass


class SearchDocument(index.Indexed, models.Model):
    """The database copy of one indexed page, kept in step with the engine's index.

    The public search answers from it (through Wagtail's database search backend) when
    no engine is configured or the engine is down. Its text is pre-folded (no
    diacritics, đ→d), so that "dang ky" finds "đăng ký" there too.
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    type = models.CharField(max_length=20)
    title = models.CharField(max_length=255)
    title_folded = models.CharField(max_length=255)
    code = models.CharField(max_length=50, blank=True)
    summary = models.TextField(blank=True)
    text = models.TextField(blank=True, help_text="Summary and body, normalised, for snippets.")
    text_folded = models.TextField(blank=True)
    # "How people say it" and the names of the page's life events, folded, one per line.
    keywords_folded = models.TextField(blank=True)
    agency = models.CharField(max_length=255, blank=True)
    # The owning agency and every agency above it, space-separated and space-padded, so
    # that " so-tu-phap " matches a whole slug.
    agencies = models.CharField(max_length=1000, blank=True)
    sector = models.CharField(max_length=255, blank=True)
    sector_name = models.CharField(max_length=255, blank=True)
    # Life-event slugs, space-separated and space-padded like `agencies`.
    life_events = models.CharField(max_length=1000, blank=True)
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    url = models.CharField(max_length=500)

    objects = SearchDocumentQuerySet.as_manager()

    search_fields = [
        index.SearchField("title_folded", boost=5),
        index.SearchField("code", boost=3),
        index.SearchField("keywords_folded", boost=3),
        index.SearchField("text_folded"),
        index.FilterField("type"),
        index.FilterField("agencies"),
        index.FilterField("sector"),
        index.FilterField("level"),
        index.FilterField("published_at"),
    ]

    class Meta:
        verbose_name = "Bản sao chỉ mục tìm kiếm"
        verbose_name_plural = "Bản sao chỉ mục tìm kiếm"

    def __str__(self):
        return self.title

    @classmethod
    def from_source(cls, page_id, source):
        """A row from the engine document built by `search.documents.document_source`."""
        text = " ".join(part for part in (source["summary"], source["body"]) if part)
        return cls(
            page_id=page_id,
            type=source["type"],
            title=source["display_title"][:255],
            title_folded=fold(source["title"])[:255],
            code=source["code"] or "",
            summary=source["summary"],
            text=text,
            text_folded=fold(text),
            keywords_folded=fold(
                "\n".join([*source.get("keywords", ()), *source.get("life_event_names", ())])
            ),
            agency=source["agency"] or "",
            agencies=f" {' '.join(source['agencies'])} " if source["agencies"] else "",
            sector=source["sector"] or "",
            sector_name=source["sector_name"] or "",
            life_events=f" {' '.join(source['life_events'])} " if source.get("life_events") else "",
            level=source["level"],
            date=source["date"],
            published_at=source["published_at"],
            url=source["url"],
        )


class PendingIndexUpdate(models.Model):
    """A page whose engine entry could not be updated because the engine was unreachable.

    `sync_search_index` brings each such page's entry in line with the database (index
    it if it is live and public, remove it otherwise) and deletes the row.
    """

    page_id = models.PositiveIntegerField(unique=True)
    reason = models.CharField(max_length=50)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = "Cập nhật chỉ mục đang chờ"
        verbose_name_plural = "Cập nhật chỉ mục đang chờ"

    def __str__(self):
        return f"trang {self.page_id}: {self.reason}"


class SearchedPage(models.Model):
    """How many searches on one day had this page as their first result: the portal's own
    measure of what people search for most, shown when a search finds little. A counter per
    page and day, with nothing about who searched or what they typed."""

    # A plain id, as in PendingIndexUpdate: the engine may name a page deleted moments ago, and
    # the list shown keeps only pages that are in the index's database copy.
    page_id = models.PositiveIntegerField()
    day = models.DateField("Ngày")
    count = models.PositiveIntegerField("Số lượt tìm", default=0)

    class Meta:
        verbose_name = "Lượt tìm kiếm trang"
        verbose_name_plural = "Lượt tìm kiếm trang"
        constraints = [models.UniqueConstraint(fields=["page_id", "day"], name="one_search_counter_per_day")]

    def __str__(self):
        return f"{self.page_id} {self.day}: {self.count}"
