"""`{% fragment "name" value ... %}…{% endfragment %}`: a part of a page rendered once and then
served from the cache until anything visitors see changes (core.content_version).

How it is keyed and read: core/fragments.py.
"""

from django import template
from django.core.cache import cache

from core import content_version
from core.fragments import cached_fragment, fragment_key

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, vary_on):
        self.nodelist = nodelist
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        key = fragment_key(request, [value.resolve(context) for value in self.vary_on])
        if key is None:
            return self.nodelist.render(context)
        html = cached_fragment(request, key)
        if html is None:
            html = self.render_and_store(request, key, context)
        return html

    def render_and_store(self, request, key, context):
        """Render the fragment and store it with the fragments rendered inside it (a listing's
        cards) in one round trip to the cache, rather than one per fragment."""
        pending = getattr(request, "_fragments_to_store", None)
        outermost = pending is None
        if outermost:
            pending = request._fragments_to_store = {}
        try:
            pending[key] = html = self.nodelist.render(context)
        finally:
            if outermost:
                del request._fragments_to_store
        if outermost:
            cache.set_many(pending, content_version.FRAGMENT_SECONDS)
        return html


@register.tag
def fragment(parser, token):
    vary_on = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not vary_on:
        raise template.TemplateSyntaxError('{% fragment %} needs a name: {% fragment "footer" %}')
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, vary_on)
