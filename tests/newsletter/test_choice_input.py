"""The theme choice's radio buttons and checkboxes are written by `{% choice_input %}` (faster
than a widget template per option): the HTML must be what Django's widgets write."""

import pytest

from newsletter.forms import PreferencesForm, SubscribeForm
from newsletter.templatetags.newsletter_tags import choice_input
from tests import factories


@pytest.fixture
def themes(indexes):
    return [
        factories.ThemePageFactory(parent=indexes["themes"], title=title)
        for title in ["Krimp", "Lerarentekort", "Huisvesting"]
    ]


def forms(themes):
    options = [(theme.pk, theme.title) for theme in themes]
    yield SubscribeForm(auto_id="footer-nb-%s", theme_options=options)
    yield SubscribeForm(initial=SubscribeForm.initial_choice([themes[1].pk]), theme_options=options)
    yield SubscribeForm({"email": "x", "scope": "alle", "themes": [str(themes[0].pk)]})
    yield SubscribeForm({"email": "x", "scope": "onbekend", "themes": ["9x"]})
    yield PreferencesForm(initial=PreferencesForm.initial_choice(all_themes=True))


def test_each_option_is_the_input_django_s_widget_writes(themes):
    written = []
    for form in forms(themes):
        if form.is_bound:
            form.is_valid()  # a field with errors has aria-invalid on each option
        for name in ["scope", "themes"]:
            for option in form[name]:
                assert str(choice_input(option)) == str(option.tag())
                written.append(str(option.tag()))
    assert len(written) == 5 * (2 + len(themes))
    assert any(" checked" in html for html in written)
    assert any('aria-invalid="true"' in html for html in written)
