from django.template import Context, Template
from django.test import RequestFactory

TEMPLATE = Template("{% load indicator_notes %}{% unit_notes unit %}<hr>{% figure_comments unit indicator %}")


def rendered(user, unit, indicator):
    request = RequestFactory().get("/indikatorer/")
    request.user = user
    return TEMPLATE.render(Context({"request": request, "unit": unit, "indicator": indicator}))


def test_the_unit_page_shows_lis_her_notes_the_comments_and_the_ways_to_write(
    ahorn, people, wellbeing, shared_note, private_note, comment
):
    html = rendered(people["lis"].user, ahorn, wellbeing)
    assert "Interview med 6.b" in html and "Min egen iagttagelse" in html
    assert "Ny legepladsordning i foråret." in html
    assert f"/notes/unit/{ahorn.pk}/new/" in html
    assert f"/comments/unit/{ahorn.pk}/trivsel/new/" in html
    assert 'name="next" value="/indikatorer/"' in html


def test_a_leader_above_sees_the_shared_notes_and_comments_and_no_form(
    ahorn, people, administrator, wellbeing, shared_note, private_note, comment
):
    for user in (people["dorte"].user, administrator):
        html = rendered(user, ahorn, wellbeing)
        assert "Interview med 6.b" in html and "Ny legepladsordning i foråret." in html
        assert "Min egen iagttagelse" not in html and "<form" not in html and "/new/" not in html


def test_someone_who_may_not_see_the_figures_is_shown_nothing(ahorn, people, wellbeing, shared_note, comment):
    for who in ("bo", "tom", "ulla"):
        assert rendered(people[who].user, ahorn, wellbeing).strip() == "<hr>"
