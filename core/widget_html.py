"""Form widgets written as Django's widget templates write them, without rendering a template
per option: a listing's filter form has some sixty options, the footer's sign-up form twenty,
and each option took two template renders (docs/benchmarks.md)."""

from django.utils.html import format_html, format_html_join


def attributes(attrs):
    """A widget's attributes as Django's attrs.html writes them: bare when True, left out when
    False, otherwise name="value"."""
    return format_html_join("", "{}", ((_attribute(*item),) for item in attrs.items()))


def _attribute(name, setting):
    if setting is False:
        return ""
    return format_html(" {}", name) if setting is True else format_html(' {}="{}"', name, setting)


def select(context):
    """A `<select>` without option groups from its widget context (`Select.get_context`), as
    django/forms/widgets/select.html writes it."""
    widget = context["widget"]
    options = format_html_join(
        "",
        '\n  <option value="{}"{}>{}</option>\n',
        (
            (option["value"], attributes(option["attrs"]), option["label"])
            for _, group, _ in widget["optgroups"]
            for option in group
        ),
    )
    return format_html(
        '<select name="{}"{}>{}\n</select>', widget["name"], attributes(widget["attrs"]), options
    )
