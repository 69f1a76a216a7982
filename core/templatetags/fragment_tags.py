"""`{% fragment "name" value ... %}…{% endfragment %}`: a part of a page rendered once and then
served from the cache until anything visitors see changes (core.content_version).

The key holds the host, the content version and the values given, so a fragment must depend on
nothing else: no CSRF token, no form, nothing of the visitor's own. A value that is None means
the fragment is not to be cached this time. Previews and requests other than GET always render
afresh, so that a draft is never stored or shown from the cache.

A view that is about to render many fragments (a listing's cards) can read them all in one round
trip first with `read_fragments`: their tags then use what it found and read the cache no more.
"""

import hashlib

from django import template
from django.core.cache import cache

from core import content_version

register = template.Library()


def fragment_key(request, values):
    """The cache key of the fragment with `values` for `request`, or None when it is not to be
    cached."""
    if (
        request is None
        or request.method != "GET"
        or getattr(request, "is_preview", False)
        or None in values
    ):
        return None
    parts = [request.get_host(), content_version.for_request(request), *map(str, values)]
    return "fragment:" + hashlib.md5("|".join(parts).encode(), usedforsecurity=False).hexdigest()


def read_fragments(request, fragments):
    """Whether the cache holds each of `fragments` (the values of a `{% fragment %}` tag each),
    read in one round trip. The tags of this request then use what was read: the HTML found, or
    that they must render (and store) theirs."""
    keys = [fragment_key(request, values) for values in fragments]
    wanted = [key for key in keys if key is not None]
    found = cache.get_many(wanted) if wanted else {}
    request._fragments = {**getattr(request, "_fragments", {}), **dict.fromkeys(wanted), **found}
    return [key in found for key in keys]


class FragmentNode(template.Node):
    def __init__(self, nodelist, vary_on):
        self.nodelist = nodelist
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        key = fragment_key(request, [value.resolve(context) for value in self.vary_on])
        if key is None:
            return self.nodelist.render(context)
        read = getattr(request, "_fragments", {})
        html = read[key] if key in read else cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, content_version.FRAGMENT_SECONDS)
        return html


@register.tag
def fragment(parser, token):
    vary_on = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not vary_on:
        raise template.TemplateSyntaxError('{% fragment %} needs a name: {% fragment "footer" %}')
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, vary_on)
