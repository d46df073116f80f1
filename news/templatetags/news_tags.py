"""`{% latest_news 6 %}`: the newest news of every agency, for the home page."""

from django import template

from wagtail.models import Site

from news.models import NewsIndexPage, NewsPage, attach_agencies

register = template.Library()

MAX_ITEMS = 24


@register.inclusion_tag("news/includes/latest_news.html", takes_context=True)
def latest_news(context, count=6):
    try:
        count = min(max(int(count), 1), MAX_ITEMS)
    except (TypeError, ValueError):
        count = 6
    request = context.get("request")
    site = Site.find_for_request(request) if request else Site.objects.filter(is_default_site=True).first()
    if site is None:
        return {"news_items": [], "news_index": None}
    root = site.root_page
    news = NewsPage.objects.visible().under(root.path).with_cards().newest_first()[:count]
    news_index = NewsIndexPage.objects.child_of(root).live().first()
    return {"news_items": attach_agencies(news, request), "news_index": news_index, "request": request}
