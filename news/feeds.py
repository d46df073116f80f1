"""RSS 2.0 and Atom feeds of a news section, optionally narrowed to one topic.

Served by NewsIndexPage routes (rss/, atom/, the/<tag>/rss/, the/<tag>/atom/) through Django's
syndication framework, which writes well-formed, escaped XML.
"""

import datetime
import re

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from home.models import PortalSettings

FEED_SIZE = 20
# XML 1.0 forbids these control characters; the feed writer refuses them rather than escaping.
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_text(value):
    return _XML_INVALID.sub("", value or "")


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index, tag=None):
        super().__init__()
        self.index, self.tag = index, tag

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def _owner(self):
        """The agency whose section this is, or the portal (its name from the portal settings)."""
        if self.index.agency:
            return self.index.agency.title
        return PortalSettings.load(request_or_site=self.request).portal_name

    def title(self):
        title = f"Tin tức – {self._owner()}"
        return xml_text(f"{title} – Chủ đề: {self.tag.name}" if self.tag else title)

    def link(self):
        url = self.index.get_url(request=self.request)
        return f"{url}?tag={self.tag.slug}" if self.tag else url

    def description(self):
        return xml_text(self.index.intro) or "Tin tức, sự kiện mới nhất."

    def feed_url(self):
        suffix = "atom/" if self.feed_type is Atom1Feed else "rss/"
        tag_part = f"the/{self.tag.slug}/" if self.tag else ""
        return f"{self.index.get_url(request=self.request)}{tag_part}{suffix}"

    def author_name(self):
        return xml_text(self._owner())

    def items(self):
        return self.index.feed_news(self.tag, FEED_SIZE)

    def item_title(self, item):
        return xml_text(item.title)

    def item_description(self, item):
        return xml_text(item.summary)

    def item_link(self, item):
        return item.get_url(request=self.request)

    def item_pubdate(self, item):
        # The editorial date is a day; publication time breaks ties when it falls on that day.
        published = item.first_published_at
        if published and timezone.localtime(published).date() == item.date:
            return published
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(7, 0)))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        return xml_text(item.agency.title) if item.agency else None

    def item_categories(self, item):
        return [xml_text(tagged.tag.name) for tagged in item.tagged_items.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
