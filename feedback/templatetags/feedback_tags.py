"""`{% rating_form %}`: the rating form under a content page (base.html includes it on every page)."""

from django import template

from wagtail.models import Page

from feedback.models import NEGATIVE_REASONS, POSITIVE_REASONS, SCORE_CHOICES
from feedback.rules import accepts_ratings
from feedback.views import THANKS, THANKS_ANCHOR

register = template.Library()


@register.inclusion_tag("feedback/includes/rating_form.html", takes_context=True)
def rating_form(context):
    """The same HTML for every visitor (it is in publicly cached pages): no token, no session."""
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or page.pk is None or getattr(request, "is_preview", False):
        return {"show": False}
    if not accepts_ratings(page):
        return {"show": False}
    return {
        "show": True,
        "page_id": page.pk,
        "scores": SCORE_CHOICES,
        "negative_reasons": NEGATIVE_REASONS,
        "positive_reasons": POSITIVE_REASONS,
        "thanks": THANKS,
        "thanks_anchor": THANKS_ANCHOR,
    }
