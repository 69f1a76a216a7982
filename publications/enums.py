from django.db import models


class PublicationType(models.TextChoices):
    WHITEPAPER = "whitepaper", "Whitepaper"
    REPORT = "rapport", "Rapport"
    GUIDE = "handreiking", "Handreiking"
    TEMPLATE = "format", "Format of sjabloon"
    RESEARCH = "onderzoek", "Onderzoek"
