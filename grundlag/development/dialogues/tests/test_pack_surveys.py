"""The pack's survey totals are read by both parties of the dialogue: a block where the leader or the superior
answered counts in them only with at least k respondents besides them."""

import pytest

from grundlag.development.dialogues.pack import pack_surveys
from grundlag.development.models import Dialogue
from grundlag.evaluations.cycles import services
from grundlag.evaluations.models import Instrument
from grundlag.evaluations.reports.tests.test_surveys import run, survey
from grundlag.evaluations.tests.factories import areas_organisation
from grundlag.organisation.tests.factories import PersonFactory, PostFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(builtin_frameworks, administrator):
    """A closed conditions survey: the chief and four more chiefs in the municipality's block (5, shown to
    anyone who did not answer in it), North's six leaders (4 each) and South's two (hidden)."""
    version = builtin_frameworks["aarhus-boern-og-unge"]
    areas = areas_organisation(version)
    level = version.levels.get(key="forvaltningschef")
    for i in range(4):
        PostFactory(person=PersonFactory(name=f"Chef {i}"), unit=areas["top"], title="Chef", level=level)
    cycle = survey(builtin_frameworks, instrument=Instrument.CONDITIONS, block_depth=2, by=administrator)
    services.evaluees_add(cycle=cycle, unit=areas["top"], by=administrator)
    run(cycle, administrator, value_of=lambda i: "4" if "Nord" in i.evaluee.person.name else "1")
    # A leader in the municipality who was not asked: their pack covers every block.
    newcomer = PersonFactory(name="Ny Chef")
    PostFactory(person=newcomer, unit=areas["top"], title="Chef", level=level)
    return {"areas": areas, "newcomer": newcomer}


def _figures(surveys):
    (conditions,) = surveys
    return (
        conditions["respondents"],
        conditions["blocks_hidden"],
        [q["mean"] for q in conditions["questions"]],
    )


def test_a_block_where_neither_party_answered_counts_in_the_pack(closed):
    dialogue = Dialogue(leader=closed["newcomer"], superior=None)

    assert _figures(pack_surveys(dialogue=dialogue)) == (11, 1, [2.64, 2.64, 2.64])


def test_the_leaders_own_block_counts_only_with_k_respondents_besides_them(closed):
    dialogue = Dialogue(leader=closed["areas"]["chief"], superior=None)

    assert _figures(pack_surveys(dialogue=dialogue)) == (6, 2, [4.0, 4.0, 4.0])


def test_the_superiors_own_block_counts_only_with_k_respondents_besides_them(closed):
    dialogue = Dialogue(leader=closed["newcomer"], superior=closed["areas"]["chief"])

    assert _figures(pack_surveys(dialogue=dialogue)) == (6, 2, [4.0, 4.0, 4.0])
