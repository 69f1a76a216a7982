"""Signing up, confirming, changing preferences and leaving (docs/newsletter.md).

The sign-up response is the same whether or not an address is known: an unknown or pending
address gets a confirmation e-mail, a subscribed one gets its preferences link, and a filled-in
honeypot gets nothing. Confirming and unsubscribing happen on a POST (a button on the page the
e-mail links to), so that link scanners in mail filters do not confirm or unsubscribe anybody;
the unsubscribe URL also takes the RFC 8058 one-click POST from mail providers.
"""

import logging
import smtplib

from django.conf import settings
from django.db import OperationalError, transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from wagtail.models import Site

from core import content_version, ratelimit
from core.models import SiteSettings
from core.same_origin import same_origin_or_csrf_token
from themes.models import ThemePage

from . import emails, tokens
from .consent import CONSENT_TEXTS, CURRENT_VERSION
from .forms import PreferencesForm, SubscribeForm
from .models import Subscriber, SubscriptionCount

logger = logging.getLogger(__name__)

FORM_IDS = "nb-%s"

LINK_PROBLEMS = {
    tokens.InvalidLink: (
        "Deze link klopt niet",
        "De link is niet compleet of is veranderd. Kopieer het hele adres uit de e-mail, of "
        "meld u opnieuw aan.",
    ),
    tokens.ExpiredLink: (
        "Deze link is verlopen",
        f"Een bevestigingslink is {tokens.CONFIRM_MAX_AGE.days} dagen geldig. Meld u opnieuw "
        "aan; u krijgt dan een nieuwe link.",
    ),
    tokens.UnknownSubscriber: (
        "Dit adres staat niet (meer) op de lijst",
        "Het is afgemeld of niet op tijd bevestigd. Wilt u de nieuwsbrief ontvangen? Meld u "
        "dan opnieuw aan.",
    ),
}


def link_problem(request, problem):
    title, message = LINK_PROBLEMS[type(problem)]
    return render(
        request,
        "newsletter/message.html",
        {"title": title, "message": message, "show_signup_link": True},
        status=400 if isinstance(problem, tokens.InvalidLink) else 410,
    )


def subscription_for(token, purpose):
    try:
        return tokens.read_token(token, purpose), None
    except (tokens.InvalidLink, tokens.ExpiredLink, tokens.UnknownSubscriber) as problem:
        return None, problem


@never_cache
@same_origin_or_csrf_token  # the sign-up forms in the footer and on theme pages are cached
@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "GET":
        theme = ThemePage.objects.live().filter(slug=request.GET.get("thema", "")).first()
        initial = SubscribeForm.initial_choice([theme] if theme else None)
        return render_form(request, SubscribeForm(initial=initial, auto_id=FORM_IDS))
    form = SubscribeForm(request.POST, auto_id=FORM_IDS)
    if not form.is_valid():
        return render_form(request, form)
    limits = settings.NEWSLETTER_SIGNUP_LIMITS
    allowed_ip = ratelimit.hit("signup-ip", ratelimit.client_ip(request), *limits["per_ip"])
    allowed_email = ratelimit.hit("signup-email", form.cleaned_data["email"], *limits["per_email"])
    if not (allowed_ip and allowed_email):
        return render_form(request, form, too_many=True, status=429)
    if form.is_bot:
        return redirect("newsletter:subscribed")
    try:
        message = sign_up(form.cleaned_data)
    except OperationalError:  # the database is unreachable or busy: nothing was stored
        logger.exception("Storing a newsletter sign-up failed")
        return render_form(request, form, not_stored=True, status=503)
    try:
        message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Sending a newsletter sign-up e-mail failed")
        return render_form(request, form, send_failed=True, status=503)
    return redirect("newsletter:subscribed")


def render_form(request, form, status=200, **flags):
    context = {
        "form": form,
        "privacy_url": privacy_url(request),
        "consent_text": CONSENT_TEXTS[CURRENT_VERSION],
        "hide_signup": True,  # no second form in the footer
        **flags,
    }
    return render(request, "newsletter/subscribe.html", context, status=status)


_privacy_urls = content_version.ProcessMemory()


def privacy_url(request):
    """The address of the site's privacy statement, or None; looked up once per site and
    content version in each process (three queries), as every sign-up form links to it."""

    def look_up():
        page = SiteSettings.for_request(request).privacy_page
        return page.get_url(request) if page and page.live else None

    site = Site.find_for_request(request)
    return _privacy_urls.remembered(request, site.pk if site else None, look_up)


def sign_up(data):
    """Store or refresh a sign-up; returns the e-mail that fits, to send (the caller tells the
    visitor nothing about the address)."""
    with transaction.atomic():
        subscriber, created = Subscriber.objects.select_for_update().get_or_create(
            email=data["email"],
            defaults={
                "all_themes": data["all_themes"],
                "consent_version": CURRENT_VERSION,
                "consent_method": Subscriber.ConsentMethod.FORM,
            },
        )
        if subscriber.status == Subscriber.Status.PENDING:
            if not created:  # a new try replaces the unconfirmed one
                subscriber.all_themes = data["all_themes"]
                subscriber.created_at = timezone.now()
                subscriber.consent_version = CURRENT_VERSION
                subscriber.save(update_fields=["all_themes", "created_at", "consent_version"])
            subscriber.themes.set(data["themes"])
            SubscriptionCount.add(SubscriptionCount.Event.SIGNED_UP)
            message = emails.confirmation_message(subscriber)
        else:  # subscribed already: changes only through the preferences link
            message = emails.already_subscribed_message(subscriber)
    return message


@never_cache
def subscribed(request):
    return render(
        request,
        "newsletter/message.html",
        {
            "title": "Controleer uw e-mail",
            "message": (
                "We hebben een e-mail gestuurd naar het adres dat u invulde. Klik op de link "
                "in die e-mail om uw aanmelding te bevestigen. Ziet u niets? Kijk dan ook in uw "
                "map met ongewenste e-mail."
            ),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscriber, problem = subscription_for(token, tokens.CONFIRM)
    if problem:
        return link_problem(request, problem)
    if subscriber.status != Subscriber.Status.PENDING:
        return render(request, "newsletter/confirmed.html", {"already": True, **manage(subscriber)})
    if request.method == "GET":
        return render(request, "newsletter/confirm.html", {"subscriber": subscriber})
    subscriber.confirm()
    return render(request, "newsletter/confirmed.html", manage(subscriber))


def manage(subscriber):
    token = tokens.make_token(subscriber, tokens.MANAGE)
    return {
        "subscriber": subscriber,
        "preferences_url": reverse("newsletter:preferences", args=[token]),
        "unsubscribe_url": reverse("newsletter:unsubscribe", args=[token]),
    }


@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request, token):
    subscriber, problem = subscription_for(token, tokens.MANAGE)
    if problem:
        return link_problem(request, problem)
    form = PreferencesForm.for_subscriber(
        subscriber, request.POST if request.method == "POST" else None
    )
    saved = False
    if form.is_valid():
        update_preferences(subscriber, form.cleaned_data)
        saved = True
    context = {"form": form, "saved": saved, **manage(subscriber)}
    return render(request, "newsletter/preferences.html", context)


def update_preferences(subscriber, data):
    with transaction.atomic():
        subscriber.all_themes = data["all_themes"]
        if subscriber.status != Subscriber.Status.PENDING:
            paused = data["paused"]
            subscriber.status = Subscriber.Status.PAUSED if paused else Subscriber.Status.CONFIRMED
        subscriber.save(update_fields=["all_themes", "status"])
        subscriber.themes.set(data["themes"])


@never_cache
@csrf_exempt  # RFC 8058: mail providers POST here without a form; the signed token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    subscriber, problem = subscription_for(token, tokens.MANAGE)
    if isinstance(problem, tokens.UnknownSubscriber):
        return render(request, "newsletter/unsubscribed.html", {"already": True})
    if problem:
        return link_problem(request, problem)
    if request.method == "GET":
        return render(request, "newsletter/unsubscribe.html", manage(subscriber))
    subscriber.unsubscribe()
    return render(request, "newsletter/unsubscribed.html")
