"""The filter forms' selects are written without Django's widget templates (faster: a listing
has some sixty options): the HTML must be what Django's Select writes."""

from django import forms

from core.filters import ClassificationFilterForm, CountedSelect


def filter_forms():
    choices = {
        "themes": [("krimp", "Krimp & leegstand"), ("lerarentekort", 'De "tekort"-aanpak')],
        "sectors": [("po", "PO <primair>"), ("vo", "VO")],
        "regions": [("groningen", "Groningen")],
        "years": [2025, 2024],
        "types": [("nieuws", "Nieuws")],
    }
    plain = ClassificationFilterForm({}, **choices)
    chosen = ClassificationFilterForm(
        {"thema": "krimp", "jaar": "2024", "sector": "onbekend"}, **choices
    )
    chosen.show_counts({"thema": {"krimp": 3}, "sector": {"vo": 2}, "jaar": {"2025": 1}})
    for form in (plain, chosen):
        form.is_valid()  # an invalid value gives its select aria-invalid
    return plain, chosen


def rendered(forms_):
    return [str(field) for form in forms_ for field in form]


def test_each_select_is_the_html_django_s_select_writes(monkeypatch):
    forms_ = filter_forms()
    ours = rendered(forms_)
    monkeypatch.setattr(CountedSelect, "render", forms.Select.render)  # Django's templates
    assert ours == rendered(forms_)
    html = "".join(ours)
    assert " selected" in html and " disabled" in html and 'aria-invalid="true"' in html
    assert "Krimp &amp; leegstand (3)" in html and "&quot;tekort&quot;" in html
    assert "PO &lt;primair&gt; (0)" in html
