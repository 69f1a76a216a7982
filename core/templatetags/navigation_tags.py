"""Site chrome: main navigation, breadcrumbs and the site name.

Each tag costs at most one query: the current Site (with its root page) is found once per request
by `Site.find_for_request`, which caches it on the request.
"""

from django import template

from wagtail.models import Page, Site

from core import content_version, naming

register = template.Library()


def current_site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request is not None else None


@register.simple_tag(takes_context=True)
def site_name(context):
    """The name of the current site, falling back to WAGTAIL_SITE_NAME."""
    return naming.site_name(current_site(context))


@register.simple_tag(takes_context=True)
def menu_section(context):
    """What decides how the main navigation looks on the current page: its ancestor in the
    menu (a child of the site root), and whether it is that page itself. Every page of a
    section shares one cached navigation instead of each drawing its own."""
    path = getattr(context.get("page"), "path", "")
    site = current_site(context)
    if not path or site is None:
        return ""
    length = len(site.root_page.path) + Page.steplen
    return f"{path[:length]}:{len(path) == length}"


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    """Live children of the site root with "show in menus" on; the current section is marked."""
    site = current_site(context)
    current_path = getattr(context.get("page"), "path", "")
    items = []
    if site is not None:
        for page in site.root_page.get_children().live().in_menu():
            if current_path == page.path:
                current = "page"
            elif current_path.startswith(page.path):
                current = "true"
            else:
                current = None
            items.append({"page": page, "current": current})
    return {"items": items, "request": context.get("request")}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page=None, current_label=None):
    """The trail from the home page to the current page (or to a view without a page).

    `current_label` names the last crumb for views that are not pages, such as search.
    """
    page = page or context.get("page")
    site = current_site(context)
    ancestors = []
    if page is not None and getattr(page, "path", None):
        ancestors = _ancestors(context.get("request"), site, page)
        current_label = current_label or page.title
    elif site is not None and current_label:
        ancestors = [site.root_page]
    return {
        "ancestors": ancestors,
        "current_label": current_label,
        "request": context.get("request"),
    }


_trails = content_version.ProcessMemory()


def _ancestors(request, site, page):
    """The page's ancestors from the site root down: read once per parent and content version
    in each process, as every news item has the same."""
    root_depth = site.root_page.depth if site is not None else 2

    def look_up():
        return list(page.get_ancestors().filter(depth__gte=root_depth))

    if request is None:
        return look_up()
    return _trails.remembered(request, (page.path[: -Page.steplen], root_depth), look_up)
