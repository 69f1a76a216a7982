"""Logging site searches without personal data.

``normalise_query`` turns what a visitor typed into the text that is stored: lower case, one space
between words, no control characters, at most 200 characters, and with e-mail addresses, postcodes
and long numbers (phone numbers, BSN, account numbers) replaced by placeholders. ``log_search``
adds one search to today's row for that text. Nothing else is stored: no IP address, no user, no
session, no time of day.

The search view calls ``log_search(query, result_count)`` once per search (on the first results
page only, like ``Query.add_hit()``), with the total number of results.
"""

import datetime
import logging
import re
import unicodedata
from zoneinfo import ZoneInfo

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F

from .models import QUERY_MAX_LENGTH, SearchQueryDay

logger = logging.getLogger(__name__)

LOG_TIME_ZONE = ZoneInfo("Europe/Amsterdam")

EMAIL_PLACEHOLDER = "[e-mail]"
NUMBER_PLACEHOLDER = "[nummer]"
POSTCODE_PLACEHOLDER = "[postcode]"
PLACEHOLDERS = (EMAIL_PLACEHOLDER, NUMBER_PLACEHOLDER, POSTCODE_PLACEHOLDER)

# Work on a bounded prefix of the input: enough that scrubbing happens before the final cut (a
# number cut in half could otherwise slip under the digit threshold), small enough to stay cheap.
_INPUT_LIMIT = 4 * QUERY_MAX_LENGTH
_MIN_NUMBER_DIGITS = 6

_EMAIL = re.compile(r"\S+@\S+")
# Dutch postcode: four digits (not starting with 0) and two letters, with or without a space.
_POSTCODE = re.compile(r"(?<![\w@])([1-9]\d{3})( ?)([a-z]{2})(?![\w@])")
# "2024 en", "2023 po": a year followed by a short word is not a postcode. These two-letter words
# are only taken as postcode letters when written without the space ("1234en").
_NOT_POSTCODE_LETTERS = frozenset({
    "af", "al", "bo", "de", "dr", "en", "er", "ga", "ik", "in", "is", "ja", "je", "mr", "na",
    "nu", "of", "ok", "om", "op", "po", "so", "te", "uw", "vo", "we", "wo", "ze", "zo",
})  # fmt: skip
# Digits with separators as written in phone numbers, BSN and account numbers: "06-12345678",
# "+31 (0)6 1234 5678", "123.456.789", "nl91 abna 0417 1643 00".
_DIGIT_RUN = re.compile(r"\+?(?<!\d)\d(?:[ ./()-]{0,3}\d)*(?!\d)")
_YEAR = re.compile(r"(?:19|20)\d\d")


def _clean_characters(text):
    """Unicode-normalise, turn any whitespace into a space and drop other control characters."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(
        " " if char.isspace() else char
        for char in text
        if char.isspace() or not unicodedata.category(char).startswith("C")
    )


def _is_years(groups):
    """True for "2023-2024", "2023/24", "2024 2025": school years, not personal numbers."""
    if not _YEAR.fullmatch(groups[0]):
        return False
    rest = groups[1:]
    if len(rest) == 1 and len(rest[0]) == 2:
        return True
    return all(_YEAR.fullmatch(group) for group in rest)


def _scrub_number(match):
    text = match.group()
    groups = re.findall(r"\d+", text)
    if sum(len(group) for group in groups) < _MIN_NUMBER_DIGITS or _is_years(groups):
        return text
    return NUMBER_PLACEHOLDER


def _scrub_postcode(match):
    digits, space, letters = match.groups()
    if space and letters in _NOT_POSTCODE_LETTERS:
        return match.group()
    return POSTCODE_PLACEHOLDER


def _collapse(text):
    return " ".join(text.split())


def _cap(text):
    """Cut to the maximum length, dropping a placeholder that the cut would leave half."""
    capped = text[:QUERY_MAX_LENGTH]
    start = capped.rfind("[")
    if start != -1 and any(
        text.startswith(placeholder, start) and start + len(placeholder) > QUERY_MAX_LENGTH
        for placeholder in PLACEHOLDERS
    ):
        capped = capped[:start]
    return capped.strip()


def normalise_query(text: str | None) -> str:
    """Return the text to store for a search query: "" when nothing is left to log.

    Lower case, whitespace collapsed to single spaces, control characters removed, at most 200
    characters; e-mail addresses become "[e-mail]", Dutch postcodes "[postcode]" and runs of six or
    more digits (phone numbers, BSN, account numbers; separators allowed) "[nummer]". Year ranges
    such as "2024-2025" are kept.
    """
    if not text:
        return ""
    text = _collapse(_clean_characters(str(text)[:_INPUT_LIMIT]).lower())
    text = _EMAIL.sub(EMAIL_PLACEHOLDER, text)
    text = _POSTCODE.sub(_scrub_postcode, text)
    text = _DIGIT_RUN.sub(_scrub_number, text)
    return _cap(_collapse(text))


def log_date() -> datetime.date:
    """Today in Europe/Amsterdam: the day a search is counted on."""
    return datetime.datetime.now(tz=LOG_TIME_ZONE).date()


def _record(query, date, result_count):
    zero = int(result_count == 0)
    rows = SearchQueryDay.objects.filter(query=query, date=date)
    changes = {
        "searches": F("searches") + 1,
        "zero_result_searches": F("zero_result_searches") + zero,
        "last_result_count": result_count,
    }
    # The usual case: today's row exists and one UPDATE increments it in the database, so
    # concurrent requests never lose a count.
    if rows.update(**changes):
        return
    try:
        with transaction.atomic():  # a savepoint: the IntegrityError must not break the caller
            SearchQueryDay.objects.create(
                query=query,
                date=date,
                searches=1,
                zero_result_searches=zero,
                last_result_count=result_count,
            )
    except IntegrityError:
        # Another request created the row between our UPDATE and INSERT: count on it instead.
        rows.update(**changes)


def log_search(query: str | None, result_count: int) -> bool:
    """Count one search for ``query`` today; return whether it was logged.

    The query is normalised first (see ``normalise_query``) and not logged when nothing is left.
    A database error is logged and swallowed: the search page must not fail because of its log.
    """
    text = normalise_query(query)
    if not text:
        return False
    result_count = max(int(result_count), 0)
    try:
        with transaction.atomic():
            _record(text, log_date(), result_count)
    except DatabaseError:
        logger.exception("Could not log a search query")
        return False
    return True
