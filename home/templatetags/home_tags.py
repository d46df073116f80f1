"""`{% home_block block %}`: one of the blocks that apps register for the home page."""

from django import template
from django.template.loader import render_to_string

register = template.Library()


@register.simple_tag(takes_context=True)
def home_block(context, block):
    values = context.flatten()
    if block.context is not None:
        values.update(block.context(values))
    return render_to_string(block.template, values, request=context.get("request"))
