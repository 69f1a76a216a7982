from django.db import models


class EventType(models.TextChoices):
    MEETING = "bijeenkomst", "Bijeenkomst"
    WEBINAR = "webinar", "Webinar"
    CONFERENCE = "congres", "Congres"
    LEARNING_TRACK = "leergang", "Leergang"
