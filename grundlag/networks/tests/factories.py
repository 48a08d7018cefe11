"""Forums and events for the networks' tests."""

import datetime

import factory
from django.utils import timezone

from grundlag.networks.models import Audience, Event, Forum


class ForumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Forum

    slug = factory.Sequence(lambda n: f"forum-{n}")
    theme = factory.Sequence(lambda n: f"Lederforum {n}")
    description = "Et forum for ledere af ledere."
    audience = Audience.LEADERS_OF_LEADERS


def _in_days(days: int, hour: int = 9) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class EventFactory(factory.django.DjangoModelFactory):
    """An event a month ahead, in Kolding, with sign-up open until the day before."""

    class Meta:
        model = Event

    forum = factory.SubFactory(ForumFactory)
    title = factory.Sequence(lambda n: f"Lederforum i Kolding {n}")
    starts = factory.LazyFunction(lambda: _in_days(30, 9))
    ends = factory.LazyFunction(lambda: _in_days(30, 15))
    signup_deadline = factory.LazyFunction(lambda: _in_days(29, 12))
    town = "Kolding"
    address = "Skovvangen 42"
    capacity = 2
