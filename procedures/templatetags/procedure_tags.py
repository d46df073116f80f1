"""Procedure snippets for any template: the level badge and the home page's featured procedures."""

from django import template
from django.db.models import Sum
from django.db.models.functions import Coalesce

from procedures.models import LEVEL_CHOICES, LEVEL_EXPLANATIONS, ProcedurePage

register = template.Library()


@register.inclusion_tag("procedures/includes/level_badge.html")
def level_badge(level):
    return {
        "level": level,
        "label": dict(LEVEL_CHOICES).get(level, ""),
        "explanation": LEVEL_EXPLANATIONS.get(level),
    }


@register.inclusion_tag("procedures/includes/featured_procedures.html", takes_context=True)
def featured_procedures(context, count=6):
    """Editors' featured procedures first, then the most downloaded forms, then the newest."""
    procedures = (
        ProcedurePage.objects.live()
        .public()
        .select_related("sector")
        .annotate(downloads=Coalesce(Sum("forms__document__downloads__count"), 0))
        .order_by("-featured", "-downloads", "-first_published_at", "title")
    )
    return {"procedures": list(procedures[:count]), "request": context.get("request")}
