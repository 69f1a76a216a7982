"""Signed links in e-mails: confirming a sign-up (expires) and managing a subscription (does not).

A token names the subscriber and carries their secret, so it stops working when the address is
deleted, and a token for one purpose is refused for the other (each has its own salt).
"""

import datetime

from django.core import signing

from .models import Subscriber

CONFIRM = "newsletter.confirm"
MANAGE = "newsletter.manage"
CONFIRM_MAX_AGE = datetime.timedelta(days=3)


class InvalidLink(Exception):
    """The token was altered, cut short or made for another purpose."""


class ExpiredLink(Exception):
    """The token is genuine but older than its purpose allows."""


class UnknownSubscriber(Exception):
    """The token is genuine but its address has been deleted since."""


def make_token(subscriber, purpose):
    return signing.dumps([subscriber.pk, subscriber.secret], salt=purpose, compress=True)


def read_token(token, purpose):
    """The subscriber a token is for; raises InvalidLink, ExpiredLink or UnknownSubscriber."""
    max_age = CONFIRM_MAX_AGE if purpose == CONFIRM else None
    try:
        pk, secret = signing.loads(token, salt=purpose, max_age=max_age)
    except signing.SignatureExpired as error:
        raise ExpiredLink from error
    except (signing.BadSignature, TypeError, ValueError) as error:
        raise InvalidLink from error
    subscriber = Subscriber.objects.filter(pk=pk, secret=secret).first()
    if subscriber is None:
        raise UnknownSubscriber
    return subscriber
