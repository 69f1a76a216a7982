from django.db import models


class ThemeScope(models.TextChoices):
    """What a subscriber follows: every theme (also themes added later) or the ones ticked."""

    ALL = "alle", "Alle thema's, ook thema's die later bij komen"
    CHOSEN = "gekozen", "Alleen de thema's die ik aanvink"
