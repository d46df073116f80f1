"""RSS 2.0 and Atom feeds of new documents in a register (its rss/ and atom/ routes).

Newest published first: a feed reader wants what is new on the portal, and a document issued
long ago may be added to the register today.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from home.models import PortalSettings
from news.feeds import xml_text

FEED_SIZE = 20


class DocumentsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, register):
        super().__init__()
        self.register = register

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def _owner(self):
        if self.register.agency:
            return self.register.agency.title
        return PortalSettings.load(request_or_site=self.request).portal_name

    def title(self):
        return xml_text(f"Văn bản mới – {self._owner()}")

    def link(self):
        return self.register.get_url(request=self.request)

    def description(self):
        return xml_text(self.register.intro) or "Văn bản mới ban hành, đăng trên cổng thông tin."

    def feed_url(self):
        suffix = "atom/" if self.feed_type is Atom1Feed else "rss/"
        return f"{self.register.get_url(request=self.request)}{suffix}"

    def author_name(self):
        return xml_text(self._owner())

    def items(self):
        return self.register.feed_documents(FEED_SIZE)

    def item_title(self, item):
        return xml_text(item.title)

    def item_description(self, item):
        issued = item.issued.strftime("%d/%m/%Y")
        return xml_text(f"{item.issuer}, ngày {issued}. {item.summary} ({item.status_label}.)")

    def item_link(self, item):
        return item.get_url(request=self.request)

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_author_name(self, item):
        return xml_text(item.issuer)

    def item_categories(self, item):
        return [xml_text(name) for name in (item.type_label, item.sector.name if item.sector else "") if name]


class DocumentsAtomFeed(DocumentsRssFeed):
    feed_type = Atom1Feed
    subtitle = DocumentsRssFeed.description
