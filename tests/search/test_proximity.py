"""Pages where a query's words stand close together rank above pages where they are far apart
(search/proximity.py), and hidden pages never come in that way."""

import datetime

from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from wagtail.models import PageViewRestriction

from tests import factories

from .ranking import titles

# Content words with no bearing on the query, to keep the query's words apart.
FILLER = "begroting gemeente rapport overleg planning wethouder verslag agenda " * 2


def news(indexes, title, text, published, **kwargs):
    return factories.NewsItemPageFactory(
        parent=indexes["news"],
        title=title,
        intro="Een bericht.",
        body=[("paragraph", f"<p>{text}</p>")],
        publication_date=published,
        **kwargs,
    )


def far_apart(indexes):
    """A new page with the words far apart: without the bonus it wins on recency."""
    return news(indexes, "Bericht een", f"Leerlingen {FILLER} Zeeland.", timezone.localdate())


def test_words_side_by_side_outrank_the_same_words_far_apart(indexes):
    far_apart(indexes)
    long_ago = timezone.localdate() - datetime.timedelta(days=4 * 365)
    news(indexes, "Bericht twee", f"Leerlingen Zeeland {FILLER}.", long_ago)

    assert titles("leerlingen in Zeeland") == ["Bericht twee", "Bericht een"]
    # The same words in the same numbers: without the bonus the newer page comes first.
    without = settings.SEARCH_DUTCH_FEATURES - {"proximity"}
    with override_settings(SEARCH_DUTCH_FEATURES=without):
        assert titles("leerlingen in Zeeland") == ["Bericht een", "Bericht twee"]


def test_hidden_pages_with_the_words_together_are_not_found(indexes, django_user_model):
    far_apart(indexes)
    together = f"Leerlingen Zeeland {FILLER}."
    news(indexes, "Concept", together, timezone.localdate(), live=False)
    private = news(indexes, "Alleen leden", together, timezone.localdate())
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    assert titles("leerlingen Zeeland") == ["Bericht een"]
