"""Template tags for agency subsites."""

from django import template

from wagtail.models import Page

from home.models import agency_for

register = template.Library()


@register.inclusion_tag("home/agency_historical_notice.html", takes_context=True)
def historical_notice(context):
    """A note on every page of a dissolved agency's subtree: archived, and who took over.

    Called once in base.html so that news, procedures and standard pages of the agency get it too.
    """
    page = context.get("page")
    if not isinstance(page, Page) or page.depth < 3:
        return {}
    # News sections, news and procedures know their agency already (their templates show it).
    agency = page.agency if hasattr(type(page), "agency") else agency_for(page)
    if agency is None or not agency.is_historical:
        return {}
    return {"agency": agency, "is_agency_page": agency.pk == page.pk, "request": context.get("request")}
