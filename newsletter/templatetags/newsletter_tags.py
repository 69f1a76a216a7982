"""The newsletter sign-up form in the footer and on theme pages (`{% newsletter_signup %}`), and
`rich_text_as_plain` for plain-text e-mails."""

import re
from html import unescape

from django import template
from django.urls import reverse
from django.utils.html import format_html, strip_tags

from wagtail.rich_text import expand_db_html

from core import content_version
from core.widget_html import attributes
from newsletter.consent import CONSENT_TEXTS, CURRENT_VERSION
from newsletter.content import absolute
from newsletter.forms import SubscribeForm, theme_choices
from newsletter.views import privacy_url

register = template.Library()

LINK = re.compile(r'<a\s[^>]*href="(?P<href>[^"]*)"[^>]*>(?P<text>.*?)</a>', re.S)
BREAKS = re.compile(r"<br\s*/?>|</p>|</li>|</h\d>", re.I)


@register.filter
def rich_text_as_plain(value):
    """Rich text for a plain-text e-mail: paragraphs on their own lines, links as `text (url)`."""
    html = expand_db_html(str(value or ""))
    html = LINK.sub(lambda match: f"{match['text']} ({absolute(match['href'])})", html)
    html = BREAKS.sub("\n", html)
    lines = (line.strip() for line in unescape(strip_tags(html)).splitlines())
    return "\n".join(line for line in lines if line)


@register.inclusion_tag("newsletter/includes/signup_section.html", takes_context=True)
def newsletter_signup(context, place, theme=None):
    """The sign-up form in the footer (`place="footer"`) or on a theme page (that theme chosen).

    Not shown on the sign-up page itself, which has the full form. The same for every visitor,
    without a CSRF token, so that it can be cached: the sign-up view accepts it by its Origin
    header (core.same_origin).
    """
    request = context.get("request")
    if request is None or context.get("hide_signup"):
        return {"show": False}
    initial = SubscribeForm.initial_choice([theme.pk] if theme is not None else None)
    form = SubscribeForm(
        initial=initial, auto_id=f"{place}-nb-%s", theme_options=request_theme_options(request)
    )
    return {
        "show": True,
        "place": place,
        "theme": theme,
        "form": form,
        "privacy_url": privacy_url(request),
        "consent_text": CONSENT_TEXTS[CURRENT_VERSION],
        "action": reverse("newsletter:subscribe"),
        "request": request,
    }


@register.simple_tag
def choice_input(choice):
    """The radio button or checkbox of one option of a choice field (a `BoundWidget`), as
    Django's widget templates write it, without rendering a template per option: the footer's
    twenty themes took 3 ms that way, on every page after a publish."""
    data = choice.data
    value = "" if data["value"] is None else format_html(' value="{}"', data["value"])
    attrs = attributes(data["attrs"])
    return format_html('<input type="{}" name="{}"{}{}>', data["type"], data["name"], value, attrs)


_theme_options = content_version.ProcessMemory()


def request_theme_options(request):
    """The themes to choose from: read once per content version in each process, however many
    forms the pages show."""
    return _theme_options.remembered(
        request, "themes", lambda: list(theme_choices().values_list("pk", "title"))
    )
