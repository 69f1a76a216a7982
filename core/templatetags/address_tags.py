"""`{% absolute_url path %}`: a path on the site's own address (core/addresses.py)."""

from django import template

from core.addresses import absolute_url as on_site_address

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    return on_site_address(path, context.get("request"))
