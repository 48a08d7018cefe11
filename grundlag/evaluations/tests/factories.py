import datetime

import factory
from django.utils import timezone

from grundlag.evaluations.models import (
    Answer,
    Comment,
    Cycle,
    Evaluee,
    Invitation,
    Question,
    QuestionKind,
    RaterGroup,
    Response,
)
from grundlag.frameworks.models import FrameworkVersion
from grundlag.organisation.tests.factories import PersonFactory, PostFactory, UnitFactory, UserFactory


class CycleFactory(factory.django.DjangoModelFactory):
    """A cycle on the Aarhus foundation's published version (load the built-in frameworks first)."""

    class Meta:
        model = Cycle

    name = factory.Sequence(lambda n: f"Ledelsesevaluering {n}")
    framework_version = factory.LazyFunction(
        lambda: (
            FrameworkVersion.objects.filter(framework__slug="aarhus-boern-og-unge")
            .order_by("-number")
            .first()
        )
    )
    deadline = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    status = Cycle.Status.LAUNCHED


class EvalueeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluee

    cycle = factory.SubFactory(CycleFactory)
    person = factory.SubFactory(PersonFactory)
    unit = factory.SubFactory(UnitFactory)
    level_key = "dagtilbuds-skole-og-fu-leder"
    level_name = "Dagtilbuds-, skole- og FU-leder"


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    cycle = factory.SubFactory(CycleFactory)
    position = factory.Sequence(lambda n: n)
    section_key = "jeg-skal-lykkes-med"
    section_title = "Jeg skal lykkes med"
    kind = QuestionKind.SCALE
    rater_text = factory.Sequence(lambda n: f"Min leder lykkes med opgave {n}")
    self_text = factory.Sequence(lambda n: f"Jeg lykkes med opgave {n}")


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    evaluee = factory.SubFactory(EvalueeFactory)
    group = RaterGroup.EMPLOYEE
    person = factory.SubFactory(PersonFactory)
    email = factory.LazyAttribute(lambda i: i.person.email if i.person else "")


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    evaluee = factory.SubFactory(EvalueeFactory)
    group = RaterGroup.EMPLOYEE


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory)
    question = factory.SubFactory(QuestionFactory)
    value = 4


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    evaluee = factory.SubFactory(EvalueeFactory)
    group = RaterGroup.EMPLOYEE
    question = factory.SubFactory(QuestionFactory, kind=QuestionKind.OPEN)
    text = "Tydelig retning."


SCHOOL_LEADER = "dagtilbuds-skole-og-fu-leder"


def areas_organisation(version):
    """A municipality with two areas under one chief: North has 6 schools, South 2; each school leader
    leads as many teachers as the school's number (1, 2, …). The chief and North's first leader log in."""
    levels = {level.key: level for level in version.levels.all()}
    top = UnitFactory(name="Fiktiv Kommune", kind="Kommune")
    chief = PersonFactory(name="Chris Chef", user=UserFactory(username="chris"))
    PostFactory(person=chief, unit=top, title="Skolechef", level=levels["forvaltningschef"])
    world = {"top": top, "chief": chief, "areas": {}, "leaders": {}, "teachers": {}}
    for area_name, schools in [("Nord", 6), ("Syd", 2)]:
        area = UnitFactory(name=f"Område {area_name}", kind="Område", parent=top)
        world["areas"][area_name] = area
        for number in range(1, schools + 1):
            school = UnitFactory(name=f"{area_name} Skole {number}", parent=area)
            user = UserFactory(username=f"leder-{area_name}-{number}") if number == 1 else None
            leader = PersonFactory(name=f"Leder {area_name} {number}", user=user)
            PostFactory(
                person=leader, unit=school, title="Skoleleder", level=levels[SCHOOL_LEADER], manager=chief
            )
            world["leaders"][(area_name, number)] = leader
            for t in range(number):
                teacher = PersonFactory(name=f"Lærer {area_name} {number}-{t}")
                PostFactory(person=teacher, unit=school, title="Lærer", manager=leader)
                world["teachers"].setdefault((area_name, number), []).append(teacher)
    return world
