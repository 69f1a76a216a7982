"""`{% fragment "name" value ... %}…{% endfragment %}`: a part of a page rendered once and then
served from the cache until anything visitors see changes (core.content_version).

The key holds the host, the content version and the values given, so a fragment must depend on
nothing else: no CSRF token, no form, nothing of the visitor's own. A value that is None means
the fragment is not to be cached this time. Previews and requests other than GET always render
afresh, so that a draft is never stored or shown from the cache.
"""

import hashlib

from django import template
from django.core.cache import cache

from core import content_version

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, vary_on):
        self.nodelist = nodelist
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        values = [value.resolve(context) for value in self.vary_on]
        if (
            request is None
            or request.method != "GET"
            or getattr(request, "is_preview", False)
            or None in values
        ):
            return self.nodelist.render(context)
        parts = [request.get_host(), content_version.for_request(request), *map(str, values)]
        key = "fragment:" + hashlib.md5("|".join(parts).encode(), usedforsecurity=False).hexdigest()
        html = cache.get(key)
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
