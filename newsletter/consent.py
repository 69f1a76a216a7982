"""The consent text subscribers agree to, by version.

Never change a text that has been used: add a new version and make it CURRENT_VERSION, so that
every subscriber's consent can still be shown word for word (`newsletter_subscriber export`).
"""

CONSENT_TEXTS = {
    "2026-11": (
        "Ik wil de nieuwsbrief per e-mail ontvangen. Mijn e-mailadres en thema's worden alleen "
        "daarvoor gebruikt; afmelden kan altijd."
    ),
}
CURRENT_VERSION = "2026-11"
