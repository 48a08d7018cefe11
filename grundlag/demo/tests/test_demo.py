from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import Client, RequestFactory

from grundlag.development.models import Dialogue
from grundlag.evaluations.models import Cycle, Response
from grundlag.evaluations.reports.leader import leader_report
from grundlag.evaluations.reports.selectors import reports_for_user
from grundlag.frameworks.models import Framework
from grundlag.indicators.models import DataType, Observation
from grundlag.networks.models import Event, Forum
from grundlag.organisation.models import Post, Unit
from grundlag.tools.documents.workflows import WORKFLOWS
from grundlag.tools.models import ToolDocument


@pytest.mark.django_db
def test_demo_setup_imports_the_organisation_once_and_prints_a_working_login_for_each_role(settings):
    settings.DEBUG = True
    settings.NETWORKS_CONSULTANTS = ["demo-lederkonsulent"]  # as scripts/start sets it
    out = StringIO()
    call_command("demo_setup", stdout=out)
    logins = dict(
        line.split("username")[-1].split("password")
        for line in out.getvalue().splitlines()
        if "username" in line and "password" in line
    )
    logins = {username.strip(): password.strip() for username, password in logins.items()}
    # Login throttling (django-axes) needs the request a login comes with.
    request = RequestFactory().post("/login/")
    users = {
        username: authenticate(request, username=username, password=password)
        for username, password in logins.items()
    }
    assert users["demo-admin"].is_staff
    assert Framework.objects.count() == 6
    # The demo organisation's people sign in as a school leader, the leader's manager and a teacher.
    head = Post.objects.get(person__user=users["demo-skoleleder"], title="Skoleleder")
    assert head.manager.user == users["demo-skolechef"]
    assert Post.objects.filter(manager=head.person).exists()
    assert Post.objects.get(person__user=users["demo-laerer"]).level is None
    units = Unit.objects.count()
    assert units > 300
    # Evaluations: the school leader has reports of two closed cycles with figures, and the teacher's
    # printed link opens the open cycle's questionnaire.
    reports = reports_for_user(user=users["demo-skoleleder"])
    assert len(reports) == 2 and all(e.cycle.status == Cycle.Status.CLOSED for e in reports)
    report = leader_report(evaluee=reports[0], viewer=users["demo-skoleleder"])
    assert report.sections and Response.objects.filter(evaluee=reports[0]).count() >= 5
    link = next(line.strip() for line in out.getvalue().splitlines() if "/evaluations/answer/" in line)
    client = Client()
    assert "Evaluering af" in client.get(link.split("8000", 1)[-1], follow=True).content.decode()
    # Each login lands on a start page of its own role: the teacher's open evaluation to answer, the
    # school leader's expectations and the evaluation of them, the administrator's open cycle.
    for username, expected in [
        ("demo-laerer", "Besvar om "),
        ("demo-skoleleder", "Hvad der forventes af dig"),
        ("demo-skoleleder", "Mine rapporter"),
        ("demo-admin", "Åbne for svar"),
        ("demo-admin", "Seneste import af organisationen"),
        ("demo-skoleleder", "Din næste lederudviklingssamtale er med"),
        ("demo-admin", "LUS 20"),
    ]:
        client = Client()
        client.force_login(users[username])
        assert expected in client.get("/").content.decode(), (username, expected)
    # Development: the school chief holds the round's dialogues with the school leaders of the department.
    client = Client()
    client.force_login(users["demo-skolechef"])
    held = client.get("/development/").content.decode()
    assert "Samtaler, jeg holder som overordnet leder" in held and head.person.name in held
    # Networks: source 001's three forums, the first one's events in Kolding and Ballerup in November; the
    # chief is offered a freed place in Ballerup; the consultant has the chief's request for advice.
    assert set(Forum.objects.values_list("theme", flat=True)) == {
        "Evalueringskultur og datainformeret ledelse",
        "Ledelse af skole-fritidsområdet",
        "Ledelseskommissionens anbefalinger",
    }
    november = {
        (event.town, event.starts.month, event.starts.day) for event in Event.objects.filter(starts__month=11)
    }
    assert {("Kolding", 11, 5), ("Ballerup", 11, 13)} <= november
    assert "Du er tilbudt en plads" in client.get("/").content.decode()
    consultant = Client()
    consultant.force_login(users["demo-lederkonsulent"])
    assert (
        "Sparring om en svær omstrukturering" in consultant.get("/networks/advice/requests/").content.decode()
    )
    # Tools: the school leader's documents of every tool with a workflow, the meeting's next meeting planned
    # with its unfinished item carried, and the administrator's published variant of the feedback model.
    leader = Client()
    leader.force_login(users["demo-skoleleder"])
    documents = leader.get("/tools/documents/").content.decode()
    for title in (
        "Drift og fornyelse i indskolingen",
        "Relationer omkring trivselsindsatsen",
        "Ledelsesteammøde",
    ):
        assert title in documents, title
    owned = ToolDocument.objects.filter(owner=head.person)
    assert {document.tool.key for document in owned} >= set(WORKFLOWS) - {"feedbackmodel-lokal"}
    meetings = owned.filter(tool__key="moedeplanlaegning").order_by("pk")
    assert meetings.count() == 2 and meetings[1].data["agenda"][0]["carried_from"]
    assert "Værktøjsdokumenter" in leader.get("/").content.decode()
    assert "Egelund Kommunes udgave" in leader.get("/tools/").content.decode()
    chief = Client()
    chief.force_login(users["demo-skolechef"])
    assert "Fælles overlevering mellem SFO" in chief.get("/tools/library/?q=overlevering").content.decode()
    for document in owned:
        assert leader.get(f"/tools/documents/{document.pk}/").status_code == 200, document.tool.key
    # Indicators: five school years of the four data types for the demo municipality's schools, imported.
    demo_figures = Observation.objects.filter(indicator__key__startswith="demo-")
    assert set(demo_figures.values_list("indicator__data_type", flat=True)) == set(DataType.values)
    assert demo_figures.values("period").distinct().count() == 5
    assert demo_figures.filter(unit=head.unit).exists()
    cycles, dialogues = Cycle.objects.count(), Dialogue.objects.count()
    tool_documents = ToolDocument.objects.count()
    observations = Observation.objects.count()
    assert dialogues > 1

    call_command("demo_setup", stdout=StringIO())

    assert Unit.objects.count() == units and Cycle.objects.count() == cycles
    assert Dialogue.objects.count() == dialogues
    assert ToolDocument.objects.count() == tool_documents
    assert Observation.objects.count() == observations
    assert authenticate(request, username="demo-skoleleder", password=logins["demo-skoleleder"]) is None
