"""The demo's toolbox: the demo school leader's documents of every tool with a workflow, filled in as a leader
would fill in the pages (each through the tool's own form, then saved by the documents' services), some
shared with the school's leadership team or with the school chief, a meeting with its minutes and the next
meeting planned from it, a knowledge-sharing document in the organisation's library, and the
administrator's local variant of the feedback model, published.

Made once: a second start finds the school leader's documents and leaves them alone.
"""

import datetime
from collections.abc import Callable
from typing import Any

import yaml
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import timezone

from grundlag.organisation.models import Person, Post
from grundlag.tools.authoring.forms import definition_yaml
from grundlag.tools.authoring.services import tool_draft_publish, tool_draft_save, tool_variant_create
from grundlag.tools.documents.forms import document_form
from grundlag.tools.documents.selectors import foundation_sections_to_link
from grundlag.tools.documents.services import (
    document_create,
    document_save,
    document_sections_link,
    document_share,
)
from grundlag.tools.library.services import library_place
from grundlag.tools.meetings.services import meeting_next_plan, meeting_template_apply
from grundlag.tools.models import LibraryAudience, Tool, ToolDocument


class DemoToolError(Exception):
    """A demo document did not pass its tool's form: the demo's words no longer fit the workflow."""


def _post(document: ToolDocument, values: dict[str, Any], parts: dict[str, list[dict[str, Any]]]) -> dict:
    """What the document's page would post: its title and revision, the fields and each part's rows."""
    data: dict[str, Any] = {"title": document.title, "revision": str(document.revision)}
    data.update({key: value for key, value in values.items() if value is not False})
    for name, rows in parts.items():
        # As the page renders it: the rows the document holds are the formset's initial forms.
        initial = min(len(rows), len(document.data.get(name) or []))
        data.update({f"{name}-TOTAL_FORMS": str(len(rows)), f"{name}-INITIAL_FORMS": str(initial)})
        for number, row in enumerate(rows):
            data.update(
                {
                    f"{name}-{number}-{key}": "on" if value is True else value
                    for key, value in row.items()
                    if value
                }
            )
    return data


def _fill(
    document: ToolDocument,
    by: User | None,
    values: dict[str, Any],
    parts: dict[str, list[dict[str, Any]]] | None = None,
) -> ToolDocument:
    """Fill a document in through its tool's form and save it, as the page does."""
    form = document_form(document=document, data=_post(document, values, parts or {}))
    if not form.is_valid():
        raise DemoToolError(f"{document.tool.key}: {form.errors.as_json()}")
    for _part, formset in form.formsets.values():
        if not formset.is_valid():
            raise DemoToolError(f"{document.tool.key}: {formset.errors}")
    return document_save(
        document=document, data=form.document_data(), expected_revision=document.revision, by=by
    )


def _start(key: str, owner: Person, title: str) -> ToolDocument:
    return document_create(tool=Tool.objects.get(key=key), owner=owner, title=title, by=owner.user)


def tools_demo_create(
    *,
    leader: Person,
    chief: Person,
    teacher: Person | None,
    admin: User,
    report: Callable[[str], object],
) -> None:
    """The school leader's documents and the administrator's local variant (see the module's docstring)."""
    if leader.user is None or ToolDocument.objects.filter(owner=leader).exists():
        return
    today = timezone.localdate()
    team = _leadership_team(leader)
    _feedback(leader, teacher, today)
    _paradox(leader)
    _meetings(leader, team, today)
    _relations(leader, chief, teacher)
    _consultant(leader, today)
    _distributed(leader, team)
    _knowledge(leader)
    notes = _start("noter", leader, "Noter til skolebestyrelsesmødet")
    _fill(notes, leader.user, {"noter": "Husk: budgetopfølgning, trivselsmålingen og skolefesten i juni."})
    _variant(admin)
    report(
        f"  tools: {ToolDocument.objects.filter(owner=leader).count()} documents of the demo school leader"
    )


def _leadership_team(leader: Person) -> list[Person]:
    """The school leader's leadership team: the leaders who report to them directly."""
    posts = Post.objects.active_on(timezone.localdate()).filter(manager=leader, level__isnull=False)
    return [post.person for post in posts.select_related("person").order_by("person__name")[:3]]


def _feedback(leader: Person, teacher: Person | None, today: datetime.date) -> None:
    name = teacher.name if teacher is not None else "en lærer"
    document = _start("feedbackmodel", leader, f"Feedback til {name} efter observation i 7.b")
    _fill(
        document,
        leader.user,
        {
            "purpose": "record",
            "recipient": name,
            "given_on": (today - datetime.timedelta(days=6)).isoformat(),
            "iagttagelse": "Jeg lægger mærke til, at du starter timen med at skrive dagens mål på "
            "tavlen, og at eleverne går i gang uden at spørge.",
            "oplevelse": "Jeg oplever en rolig og tryg start på timen.",
            "fortolkning": "Jeg tænker, at den faste struktur hjælper især de elever, der har svært "
            "ved at komme i gang.",
            "forslag": "Jeg foreslår, at du viser din opstart for årgangsteamet på næste teammøde.",
        },
    )


def _paradox(leader: Person) -> None:
    document = _start("paradoksmodel", leader, "Drift og fornyelse i indskolingen")
    _fill(
        document,
        leader.user,
        {
            "pole_1_quadrant": "fokuseret-indadvendt",
            "pole_1_name": "Sikker drift",
            "pol-1-fordele": "Forudsigelige skemaer\nFaste procedurer for overlevering",
            "pole_2_quadrant": "fleksibel-udadvendt",
            "pole_2_name": "Nye læringsmiljøer",
            "pol-2-fordele": "Udeskole og værkstedsundervisning\nLærerne udvikler sammen",
            "spoergsmaal": "Hvordan kan vi afprøve nye læringsmiljøer, så overleveringen mellem "
            "teams stadig er sikker?",
            "mulige-veje": "Et forsøg i én årgang med faste overleveringsmøder.",
            "beslutning": "Vi prøver udeskole i 2. årgang fra februar og evaluerer før sommerferien.",
        },
    )
    sections = foundation_sections_to_link()[:2]
    if sections:
        document_sections_link(document=document, sections=sections, by=leader.user)


def _meetings(leader: Person, team: list[Person], today: datetime.date) -> None:
    """A leadership team meeting held a week ago from the template, with minutes, and the next one planned
    from it (the unfinished items carried over); shared with the leadership team."""
    document = _start("moedeplanlaegning", leader, "Ledelsesteammøde")
    document_share(document=document, team_members=team, shared_with_superior=False, by=leader.user)
    document = meeting_template_apply(
        document=document,
        template_key="ledelsesteammoede",
        expected_revision=document.revision,
        by=leader.user,
    )
    agenda = [dict(row) for row in document.data.get("agenda", [])]
    for number, row in enumerate(agenda):
        row.pop("carried_from", None)
        if number < len(agenda) - 1:
            row["decision"] = (
                "Drøftet og besluttet som foreslået." if number else "Dagsordenen blev godkendt."
            )
            row["finished"] = True
    minutes = sum(int(row.get("tid") or 0) for row in agenda) or 60
    values = {
        "date": (today - datetime.timedelta(days=7)).isoformat(),
        "start": "08:00",
        "length": str(max(minutes, 60)),
        "place": "Ledelseskontoret",
        "deltagere": "Skolens ledelsesteam",
        "roller": "Skolelederen leder mødet; viceskolelederen tager referat.",
    }
    _fill(document, leader.user, values, {"agenda": agenda})
    try:
        meeting_next_plan(document=ToolDocument.objects.get(pk=document.pk), by=leader.user)
    except ValidationError:
        return


def _relations(leader: Person, chief: Person, teacher: Person | None) -> None:
    document = _start("relationsanalysen", leader, "Relationer omkring trivselsindsatsen")
    rows: list[dict[str, Any]] = [
        {"picked": f"person:{chief.pk}", "share": "15"},
        {"name": "Forældrerådet i udskolingen", "kind": "team", "share": "25"},
    ]
    if teacher is not None:
        rows.insert(0, {"picked": f"person:{teacher.pk}", "share": "40"})
    _fill(document, leader.user, {"plan": "Handleplan for trivsel i udskolingen"}, {"relations": rows})


def _consultant(leader: Person, today: datetime.date) -> None:
    document = _start("konsulentroller", leader, "Samarbejdet med 8. årgangs team")
    entries = [
        (120, "understoettende", "Jeg lyttede og hjalp teamet med at sætte ord på deres mål.", "udfordrende"),
        (60, "udfordrende", "Jeg spurgte ind til, hvad målene betyder for eleverne.", "udfordrende"),
        (10, "retningsgivende", "Jeg gav en klar ramme for holddannelsen.", "understoettende"),
    ]
    _fill(
        document,
        leader.user,
        {"collaboration": "Holddannelse og trivsel i 8. årgang"},
        {
            "entries": [
                {
                    "date": (today - datetime.timedelta(days=days)).isoformat(),
                    "role": role,
                    "did": did,
                    "worked": "Teamet tog ejerskab.",
                    "next_role": next_role,
                }
                for days, role, did, next_role in entries
            ]
        },
    )


def _distributed(leader: Person, team: list[Person]) -> None:
    """Who holds which role in the school: the leadership team's roles in the four task areas."""
    school = Post.objects.active_on(timezone.localdate()).filter(person=leader, level__isnull=False).first()
    if school is None:
        return
    document = _start("distribueret-ledelse", leader, "Roller i skolens ledelse")
    areas = ["kerneopgaven", "administrative-opgaver", "langsigtede-maal", "hr-opgaverne"]
    roles = [
        "Pædagogisk leder af indskolingen",
        "Skemalægger",
        "Tovholder på skolens strategi",
        "Rekruttering",
    ]
    rows: list[dict[str, Any]] = [
        {"area": area, "role": role, "person": str(person.pk)}
        for area, role, person in zip(areas, roles, [*team, leader, leader, leader], strict=False)
    ]
    rows.append({"area": "kerneopgaven", "role": "Læsevejleder", "person_name": "Skolens læsevejleder"})
    _fill(document, leader.user, {"unit": str(school.unit_id)}, {"roles": rows})


def _knowledge(leader: Person) -> None:
    """Knowledge shared with every leader in the organisation's library."""
    document = _start("videndeling", leader, "Fælles overlevering mellem SFO og indskoling")
    document = _fill(
        document,
        leader.user,
        {
            "beskriv": "På vores skole holder SFO og indskolingens lærere et kort overleveringsmøde hver "
            "fredag. Vi aftaler, hvilke børn der har brug for ekstra opmærksomhed i weekenden og mandag "
            "morgen. Det har givet færre konflikter i skolestarten.",
            "omsaet": "Andre skoler kan prøve et kvarters fast overlevering om ugen, med de samme tre "
            "spørgsmål hver gang.",
            "subject_words": "overlevering, SFO, indskoling, samarbejde",
        },
    )
    library_place(document=document, audience=LibraryAudience.ORGANISATION, unit=None, by=leader.user)


def _variant(admin: User) -> None:
    """The administrator's local variant of the feedback model, published."""
    if Tool.objects.filter(variant_of__key="feedbackmodel").exists():
        return
    draft = tool_variant_create(
        builtin=Tool.objects.get(key="feedbackmodel"),
        key="feedbackmodel-lokal",
        name="Feedbackmodel – Egelund Kommunes udgave",
        by=admin,
    )
    definition = yaml.safe_load(definition_yaml(version=draft))
    definition["content"]["texts"] = [
        *definition["content"].get("texts", []),
        {
            "kind": "note",
            "text": "I Egelund Kommune bruger vi feedbackmodellen efter hver klasseobservation og i "
            "ledelsesteamets egen sparring.",
        },
    ]
    text = yaml.safe_dump(definition, allow_unicode=True, sort_keys=False)
    tool_draft_publish(version=tool_draft_save(version=draft, text=text, by=admin), by=admin)
