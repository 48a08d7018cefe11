import factory
from django.contrib.auth import get_user_model

from grundlag.organisation.models import Person, Post, Source, Unit


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "x-test-pass-1")

    @factory.post_generation
    def save_password(user, create, extracted, **kwargs):
        if create:
            user.save(update_fields=["password"])


class UnitFactory(factory.django.DjangoModelFactory):
    """A unit with its path set as the services would set it."""

    class Meta:
        model = Unit
        skip_postgeneration_save = True

    source = Source.MANUAL
    key = factory.Sequence(lambda n: f"u{n}")
    name = factory.Sequence(lambda n: f"Enhed {n}")
    kind = "Skole"
    parent = None

    @factory.post_generation
    def set_path(unit, create, extracted, **kwargs):
        parent = unit.parent
        unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
        unit.depth = parent.depth + 1 if parent else 0
        if create:
            unit.save(update_fields=["path", "depth"])


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    source = Source.MANUAL
    key = factory.Sequence(lambda n: f"p{n}")
    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.LazyAttribute(lambda p: f"{p.key}@example.dk")


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    source = Source.MANUAL
    person = factory.SubFactory(PersonFactory)
    unit = factory.SubFactory(UnitFactory)
    title = "Pædagog"
