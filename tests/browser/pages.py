"""The portal's page types and an address of each, shared by the axe tests and scripts/screenshots.py.

Every Wagtail page model counts as a page type, so that a section another app adds (legal
documents, consultations, questions, schedule, life events) is checked as soon as its model and
demo content exist; the views that are not pages (search, 404, admin login) are listed by hand.
"""

from django.apps import apps

from wagtail.models import Page, get_page_models

# Views that are not Wagtail pages: (name, path). The search is shown with results, with none and
# with a parameter error (what its form says back to the visitor).
OTHER_VIEWS = [
    # The catalogue's life events (procedures' RoutablePage views).
    ("life-events", "/thu-tuc-hanh-chinh/su-kien/"),
    ("life-event", "/thu-tuc-hanh-chinh/su-kien/co-con-nho/"),
    # The questions section's forms (its RoutablePage views).
    ("question-form", "/hoi-dap/gui-cau-hoi/"),
    ("question-lookup", "/hoi-dap/tra-cuu/"),
    ("search-results", "/tim-kiem/?q=khai+sinh"),
    ("search-no-results", "/tim-kiem/?q=xqzvw+kkjjh"),
    ("search-error", "/tim-kiem/?q=khai+sinh&level=9"),
    ("not-found", "/khong-co-trang-nay/"),
    ("admin-login", "/admin/login/"),
]

# The demo content's example of a type, where one address reads better than the first by path.
PREFERRED_SLUGS = {
    "procedures.ProcedurePage": "dang-ky-khai-sinh",
    "home.AgencyPage": "so-tu-phap",
    "home.StandardPage": "gioi-thieu",
}


def page_models():
    """The labels ("app.Model") of every concrete page model but Wagtail's root Page."""
    return sorted(model._meta.label for model in get_page_models() if model is not Page)


def example_page(label):
    """A live, public page of that model (the preferred demo page, else the first by tree path)."""
    model = apps.get_model(label)
    pages = model.objects.live().public().exact_type(model).order_by("path")
    preferred = PREFERRED_SLUGS.get(label)
    return (preferred and pages.filter(slug=preferred).first()) or pages.first()


def tag_listing_path():
    """The portal-wide news section filtered by the tag of a live news item."""
    news_page = apps.get_model("news.NewsPage")
    page = news_page.objects.live().public().filter(tags__isnull=False).order_by("path").first()
    if page is None:
        return None
    return f"/tin-tuc/?tag={page.tags.order_by('slug').first().slug}"


def all_page_types():
    """[(name, path or None)]: each page model, the tag listing and the other views."""
    types = []
    for label in page_models():
        page = example_page(label)
        types.append((label, page.get_url() if page else None))
    types.append(("news-tag-listing", tag_listing_path()))
    return types + OTHER_VIEWS
