"""The admin form of classified pages."""

from wagtail.admin.forms import WagtailAdminPageForm

THEME_REQUIRED = (
    "Kies ten minste één thema. Zonder thema verschijnt de pagina niet op een themapagina "
    "en niet in de themafilters."
)


class ClassifiedPageForm(WagtailAdminPageForm):
    """Requires a theme, with a message that says why. Like Wagtail's other required fields,
    the theme may be left open while a draft is saved; it is required to publish the page or
    to submit it for moderation."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "themes" in self.fields:
            self.fields["themes"].error_messages["required"] = THEME_REQUIRED
