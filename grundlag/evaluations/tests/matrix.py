"""Objects for the access matrix (grundlag/core/tests/test_access_matrix.py), made once per world."""

import datetime

from django.utils import timezone

from grundlag.evaluations.cycles import services
from grundlag.evaluations.models import Cycle, Instrument
from grundlag.evaluations.responding.services import invitation_token_issue
from grundlag.evaluations.tests.factories import CycleFactory, EvalueeFactory, InvitationFactory
from grundlag.frameworks.models import FrameworkVersion


def _cycle_objects(o: dict) -> dict:
    """For the access matrix: a draft cycle evaluating Lis (Tom among her raters), made once per world."""
    if "cycles" not in o:
        admin = o["users"]["administrator"]
        version = FrameworkVersion.objects.get(framework__slug="aarhus-boern-og-unge", number=1)
        deadline = timezone.localdate() + datetime.timedelta(days=7)
        cycle = services.cycle_create(name="Matrix", framework_version=version, deadline=deadline, by=admin)
        (evaluee,) = services.evaluees_add(cycle=cycle, people=[o["people"]["lis"]], by=admin)
        question = services.local_question_add(cycle=cycle, text="Lokalt?", by=admin)
        invitation = evaluee.invitations.get(person=o["people"]["tom"])
        o["cycles"] = {"cycle": cycle, "evaluee": evaluee, "question": question, "invitation": invitation}
    return o["cycles"]


def cycle_kwargs(*keys: str):
    """URL kwargs for the access matrix: the matrix cycle's pk and `<key>_pk` for each key asked for."""
    return lambda o: {
        "pk": _cycle_objects(o)["cycle"].pk,
        **{f"{key}_pk": _cycle_objects(o)[key].pk for key in keys},
    }


def report_kwargs(o):
    """For the access matrix: Lis in a closed cycle whose report her superior (Dorte) may see; made once."""
    if "reports_evaluee" not in o:
        cycle = CycleFactory(status=Cycle.Status.CLOSED, report_to_superior=True)
        o["reports_evaluee"] = EvalueeFactory(
            cycle=cycle, person=o["people"]["lis"], unit=o["units"]["ahorn"], superior=o["people"]["dorte"]
        )
    return {"evaluee_id": o["reports_evaluee"].pk}


def answer_kwargs(o):
    """An invitation's link token, for the answering route."""
    if "answering_token" not in o:
        o["answering_token"] = invitation_token_issue(invitation=InvitationFactory())
    return {"token": o["answering_token"]}


def mine_kwargs(o):
    """The respondent's (Ulla's) own invitation in an open cycle, for opening it from the start page."""
    if "mine" not in o:
        o["mine"] = InvitationFactory(person=o["people"]["ulla"])
    return {"pk": o["mine"].pk}


def _nominations_objects(o: dict) -> dict:
    """For the access matrix: Lis in a draft cycle, Dorte her superior, and a proposal (Bo) to decide."""
    if "nominations" not in o:
        from grundlag.evaluations.models import Invitation, RaterGroup

        cycle = CycleFactory(status=Cycle.Status.DRAFT)
        evaluee = EvalueeFactory(
            cycle=cycle, person=o["people"]["lis"], unit=o["units"]["ahorn"], superior=o["people"]["dorte"]
        )
        proposal = InvitationFactory(
            evaluee=evaluee,
            group=RaterGroup.PEER,
            person=o["people"]["bo"],
            status=Invitation.Status.PROPOSED,
        )
        o["nominations"] = {"evaluee": evaluee, "proposal": proposal}
    return o["nominations"]


def nominations_evaluee_kwargs(o):
    return {"evaluee_id": _nominations_objects(o)["evaluee"].pk}


def nominations_proposal_kwargs(o):
    return {"invitation_id": _nominations_objects(o)["proposal"].pk}


def org_report_kwargs(o):
    """For the access matrix: a closed cycle evaluating Lis at Ahorn Skole, for the organisation heatmap."""
    if "org_reports_cycle" not in o:
        cycle = CycleFactory(status=Cycle.Status.CLOSED, report_to_superior=True)
        EvalueeFactory(cycle=cycle, person=o["people"]["lis"], unit=o["units"]["ahorn"])
        o["org_reports_cycle"] = cycle
    return {"cycle_id": o["org_reports_cycle"].pk}


def survey_kwargs(o):
    """For the access matrix: a closed conditions survey of Lis alone, so one block (Ahorn Skole); made once.

    Lis (the block is her own unit), Dorte (above it) and the administrator see it; Bo, who leads another
    school, and Ulla, who leads no one, get 404.
    """
    if "survey_cycle" not in o:
        admin = o["users"]["administrator"]
        version = FrameworkVersion.objects.filter(framework__slug="ledelse-taet-paa").order_by("-number")[0]
        cycle = services.cycle_create(
            name="Matrix-vilkår",
            framework_version=version,
            deadline=timezone.localdate() + datetime.timedelta(days=7),
            instrument=Instrument.CONDITIONS,
            by=admin,
        )
        services.evaluees_add(cycle=cycle, people=[o["people"]["lis"]], by=admin)
        services.cycle_launch(cycle=cycle, by=admin)
        o["survey_cycle"] = services.cycle_close(cycle=cycle, by=admin)
    return {"cycle_id": o["survey_cycle"].pk}
