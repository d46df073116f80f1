"""Factories for what the tests build: pages (wagtail-factories on factory_boy), their images and
documents, the records they hang from, and the agencies' people (`agency_user`).

Every page factory takes `parent=<page>`. The page is added there, given one revision and, unless
`publish=False`, published through that revision, as an editor's "Xuất bản" does: the
`page_published` receivers (search, front cache, fragments, answered questions) run as in the
admin. A scheduled page passes `live=False` with a future `go_live_at`, and its publish waits.
The factory returns the instance it added, as the old hand-built fixtures did: publishing saves
a copy from the revision, so `refresh_from_db()` before reading `live_revision` and the like.

Slugs come from `vietnamese_slugify` ("Đăng ký khai sinh" → "dang-ky-khai-sinh"; Django's slugify
would drop "đ" and every accented letter), with "-2", "-3"... when a sibling holds one already.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.coreutils import find_available_slug
from wagtail.models import Collection
from wagtail.rich_text import RichText

import factory
import wagtail_factories

from consultations.models import ConsultationArticle, ConsultationPage, today
from home.models import AgencyAccess, AgencyPage, StandardPage, agency_for
from legal_documents.models import LegalDocumentPage, default_title, number_slug
from news.models import NewsPage
from portal_site.text import vietnamese_slugify
from procedures.models import ProcedurePage, ProcedureStep, Sector
from questions.models import Question, QuestionPage


def free_slug(parent, title):
    """The title's slug, numbered past the ones `parent`'s children already hold."""
    base = vietnamese_slugify(title, max_length=200) or "trang"
    if parent is None or parent.pk is None:
        return base
    return find_available_slug(parent, base)


def agency_user(agency, role, username=None):
    """A user in the agency's editors ("editors") or moderators ("moderators") group, with an
    e-mail address (`<username>@example.org`; the username is `<agency slug>-<role>` by default)."""
    access = AgencyAccess.objects.get(agency=agency)
    username = username or f"{agency.slug}-{role}"
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "mat-khau-thu")
    user.groups.add(getattr(access, role))
    return user


class PortalPageFactory(wagtail_factories.PageFactory):
    """Adds the page under `parent`, saves a revision and publishes it (`publish=False`: a draft)."""

    title = factory.Sequence(lambda n: f"Trang thử {n}")
    slug = factory.LazyAttribute(lambda page: free_slug(page.parent, page.title))
    publish = True
    live = factory.SelfAttribute("publish")

    class Meta:
        abstract = True

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        kwargs.pop("parent", None)
        kwargs.pop("publish", None)
        return cls._new_page(model_class, kwargs)

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        if parent is None:
            raise ValueError(f"{cls.__name__} needs parent=<page>: the tests never make a root page")
        publish = kwargs.pop("publish")
        page = cls._new_page(model_class, kwargs)
        parent.add_child(instance=page)
        revision = page.save_revision(user=page.owner)
        if publish:
            revision.publish()
        return page

    @classmethod
    def _new_page(cls, model_class, kwargs):
        """The unsaved page, with what must be on it before add_child saves it."""
        return model_class(**kwargs)


class StandardPageFactory(PortalPageFactory):
    title = factory.Sequence(lambda n: f"Trang nội dung {n}")
    intro = factory.LazyAttribute(lambda page: f"Giới thiệu {page.title}.")

    class Meta:
        model = StandardPage


class AgencyPageFactory(PortalPageFactory):
    """A bare agency page under the directory (/co-quan/). It has no sections, groups or workflow:
    the `make_agency` fixture (home.agencies.setup_agency) makes a working agency."""

    title = factory.Sequence(lambda n: f"Ủy ban nhân dân xã Số {n:02d}")
    kind = "ubnd-xa"

    class Meta:
        model = AgencyPage


class NewsPageFactory(PortalPageFactory):
    """`tags=["Đô thị", ...]` names the item's topics (NewsTag gives them ASCII slugs)."""

    title = factory.Sequence(lambda n: f"Tin số {n}")
    date = datetime.date(2025, 6, 1)
    summary = factory.LazyAttribute(lambda page: f"Tóm tắt: {page.title}")
    body = factory.LazyAttribute(lambda page: [("paragraph", RichText(f"<p>Nội dung tin {page.title}.</p>"))])
    lead_image = None
    lead_image_alt = factory.LazyAttribute(
        lambda page: f"Ảnh minh họa cho tin {page.title}" if page.lead_image else ""
    )
    tags = ()

    class Meta:
        model = NewsPage

    @classmethod
    def _new_page(cls, model_class, kwargs):
        tags = kwargs.pop("tags")
        page = model_class(**kwargs)
        page.tags.set(list(tags))  # taggit's cluster manager: saved with the page
        return page


class SectorFactory(factory.django.DjangoModelFactory):
    name = "Hộ tịch"

    class Meta:
        model = Sector
        django_get_or_create = ("name",)


class ProcedurePageFactory(PortalPageFactory):
    """A level-1 procedure with one step; its parent is an agency's `thu-tuc` section."""

    title = factory.Sequence(lambda n: f"Thủ tục thử số {n}")
    code = factory.Sequence(lambda n: f"9.{n:06d}")
    sector = factory.SubFactory(SectorFactory)
    implementation_level = "xa"
    level = 1
    processing_time = "Ngay trong ngày tiếp nhận hồ sơ"
    result = "Giấy khai sinh"
    steps = factory.LazyFunction(
        lambda: [ProcedureStep(title="Bước 1", text="Nộp hồ sơ tại Bộ phận Một cửa.")]
    )

    class Meta:
        model = ProcedurePage


class LegalDocumentPageFactory(PortalPageFactory):
    """A decision in force from its issue date; its parent is an agency's `van-ban` register.
    Title and slug follow the number, as the register's import makes them."""

    number = factory.Sequence(lambda n: f"{n + 1}/QĐ-UBND")
    issued = datetime.date(2020, 1, 1)
    document_type = "quyet-dinh"
    issuer = "Ủy ban nhân dân tỉnh Tiền Giang"
    summary = factory.LazyAttribute(lambda page: f"Về việc thử nghiệm văn bản {page.number}")
    status = "hieu-luc"
    effective = factory.SelfAttribute("issued")
    title = factory.LazyAttribute(lambda page: default_title("Quyết định", page.number, page.summary))
    slug = factory.LazyAttribute(lambda page: number_slug(page.number))

    class Meta:
        model = LegalDocumentPage


class ConsultationPageFactory(PortalPageFactory):
    """A draft open for comments from five days ago to five days ahead, with `articles=3` articles;
    its parent is an agency's `gop-y-du-thao` section."""

    title = factory.Sequence(lambda n: f"Dự thảo thử số {n}")
    summary = factory.LazyAttribute(lambda page: f"Tóm tắt {page.title.lower()}.")
    opens = factory.LazyFunction(lambda: today() - datetime.timedelta(days=5))
    closes = factory.LazyFunction(lambda: today() + datetime.timedelta(days=5))
    articles = factory.LazyAttribute(
        lambda page: [
            ConsultationArticle(number=n, heading=f"Nội dung điều {n}", text=f"Văn bản của điều {n}.")
            for n in range(1, page.article_count + 1)
        ]
    )

    class Params:
        article_count = 3

    class Meta:
        model = ConsultationPage


class QuestionFactory(factory.django.DjangoModelFactory):
    """A citizen's question (a record, never a page); its code is drawn when it is saved."""

    title = "Thủ tục đăng ký khai sinh cho con"
    name = "Nguyễn Văn An"
    email = "an.nguyen@example.org"
    phone = "0912 345 678"
    question = "Con tôi sinh ở bệnh viện tỉnh, đăng ký khai sinh ở đâu?"
    submitted_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = Question


class QuestionPageFactory(PortalPageFactory):
    """The published answer to `question_record` (a new Question by default): it takes the
    question's code (its slug too), asker, time and wording. Its parent is an agency's `hoi-dap`."""

    question_record = factory.SubFactory(
        QuestionFactory,
        title=factory.SelfAttribute("..title"),
        sector=factory.SelfAttribute("..sector"),
        agency=factory.LazyAttribute(lambda question: agency_for(question.factory_parent.parent)),
    )
    title = "Đăng ký khai sinh ở đâu?"
    sector = None
    slug = factory.LazyAttribute(lambda page: page.question_record.code.lower())
    code = factory.SelfAttribute("question_record.code")
    asker_name = factory.SelfAttribute("question_record.name")
    asked_at = factory.SelfAttribute("question_record.submitted_at")
    question = factory.SelfAttribute("question_record.question")
    answer = "<p>Đăng ký tại UBND cấp xã nơi cư trú của cha hoặc mẹ.</p>"
    # Added as a draft, then published through its revision, as the workflow's approval does.
    live = False

    class Meta:
        model = QuestionPage


class ImageFactory(wagtail_factories.ImageFactory):
    """A PNG drawn by Pillow (`file__width`, `file__height`, `file__color`), in the root collection
    (wagtail-factories would make a new root collection for every image)."""

    title = "Ảnh thử"
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(
        filename="anh-thu.png", format="PNG", width=1600, height=900, color=(165, 14, 36)
    )


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A document from `file__data` (bytes) and `file__filename`, with the size and hash stored
    as the admin's upload form stores them. `collection=agency_collection(agency)` files it there."""

    title = "Toàn văn"
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.FileField(filename="toan-van.pdf", data=b"%PDF-1.4\n%%EOF\n")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        document = super()._create(model_class, *args, **kwargs)
        # Wagtail's public getters compute and store what the upload form would have set.
        document.get_file_size()
        document.get_file_hash()
        return document
