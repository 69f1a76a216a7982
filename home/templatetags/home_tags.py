"""Template tags for the pages of the home app."""

from django import template

from core.templatetags.navigation_tags import current_site

from ..models import ContentPage

register = template.Library()


@register.simple_tag(takes_context=True)
def footer_links(context):
    """Live content pages directly below the home page: about us, contact, privacy and so on."""
    site = current_site(context)
    if site is None:
        return []
    return (
        ContentPage.objects.child_of(site.root_page)
        .live()
        .only("title", "url_path", "path", "depth")
    )
