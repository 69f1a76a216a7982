"""The sign-up form (footer, theme pages, /nieuwsbrief/) and the preferences form."""

from django import forms

from themes.models import ThemePage

from .enums import ThemeScope
from .models import Subscriber

MAX_ID = 2**63 - 1  # the largest primary key SQLite and PostgreSQL (bigint) can hold


def theme_choices():
    return ThemePage.objects.live().public().order_by("title")


class PageIdsField(forms.ModelMultipleChoiceField):
    """Chosen pages by id. A value that is no id a database can hold (text, a NUL byte, a number
    out of range) is a form error before the database is asked: SQLite and PostgreSQL would
    fail on it instead of finding nothing."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk).strip()
            if not (text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class ThemeChoiceMixin(forms.Form):
    """All themes or the ticked ones, never both.

    Nothing is chosen beforehand on the general forms. A visitor who only ticks themes gets
    those themes (without JavaScript the choice "alleen de thema's die ik aanvink" cannot follow
    the ticks); "alle thema's" together with ticked themes is an error, so what is stored is
    always what the visitor saw chosen. site/static/js/theme-choice.js keeps the two in step.
    """

    scope = forms.ChoiceField(
        label="Waarover wilt u e-mail ontvangen?",
        choices=ThemeScope.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Kies alle thema's of de thema's die u aanvinkt."},
    )
    themes = PageIdsField(
        label="Thema's",
        queryset=ThemePage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "Een van de gekozen thema's bestaat niet (meer). Kies opnieuw.",
            "invalid_pk_value": "Een van de gekozen thema's bestaat niet (meer). Kies opnieuw.",
        },
    )

    def __init__(self, *args, theme_options=None, **kwargs):
        """`theme_options`: [(pk, title), ...] already read, for a form that is only shown."""
        super().__init__(*args, **kwargs)
        if theme_options is None:
            self.fields["themes"].queryset = theme_choices()
        else:
            self.fields["themes"].choices = theme_options

    def clean(self):
        cleaned = super().clean()
        if "scope" not in cleaned or "themes" not in cleaned:
            return cleaned  # the field's own error says what is wrong
        scope, themes = cleaned["scope"], cleaned["themes"]
        if scope == ThemeScope.ALL and themes:
            self.add_error(
                "themes",
                "U koos voor alle thema's en vinkte ook thema's aan. Kies ‘alleen de thema's "
                "die ik aanvink’, of haal de vinkjes weg.",
            )
        elif scope != ThemeScope.ALL and not themes:
            self.add_error("themes", "Kies alle thema's, of vink ten minste één thema aan.")
        cleaned["all_themes"] = scope == ThemeScope.ALL
        if cleaned["all_themes"]:
            cleaned["themes"] = []
        return cleaned

    @staticmethod
    def initial_choice(themes=None, all_themes=False):
        """The initial data for a form that shows `themes` ticked, or "alle thema's"."""
        if all_themes:
            return {"scope": ThemeScope.ALL, "themes": []}
        if themes:
            return {"scope": ThemeScope.CHOSEN, "themes": list(themes)}
        return {}


class SubscribeForm(ThemeChoiceMixin):
    email = forms.EmailField(
        label="E-mailadres",
        max_length=254,
        error_messages={
            "required": "Vul uw e-mailadres in.",
            "invalid": "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        error_messages={"required": "Geef toestemming om de nieuwsbrief te kunnen ontvangen."},
    )
    # A field people do not see and bots fill in; a filled-in form is quietly ignored.
    website = forms.CharField(label="Laat dit veld leeg", required=False)

    field_order = ["email", "scope", "themes", "consent", "website"]

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    @property
    def is_bot(self):
        return bool(self.cleaned_data.get("website"))


class PreferencesForm(ThemeChoiceMixin):
    paused = forms.BooleanField(
        label="Pauzeer de nieuwsbrief: tijdelijk geen e-mail, uw keuzes blijven bewaard",
        required=False,
    )

    @classmethod
    def for_subscriber(cls, subscriber, data=None):
        initial = {
            **cls.initial_choice(subscriber.themes.all(), subscriber.all_themes),
            "paused": subscriber.status == Subscriber.Status.PAUSED,
        }
        return cls(data, initial=initial)
