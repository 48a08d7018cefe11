import csv
import io
from collections import Counter

import pytest
from django.core.management import call_command

from grundlag.organisation.generator import (
    COLUMNS,
    municipality_names,
    organisation_csv,
    organisation_generate,
)
from grundlag.organisation.imports.services.applying import org_import, organisation_import_generated
from grundlag.organisation.models import Person, Post, Source, Unit

AARHUS_LEVELS = {
    "direktoer",
    "boern-og-ungechef",
    "forvaltningschef",
    "dagtilbuds-skole-og-fu-leder",
    "kontorchef",
    "leder-af-medarbejder",
}
# Denmark's 98 municipalities (ADM_KOMMUNE_NAVN in STIL's institution register), short names.
# fmt: off
REAL_MUNICIPALITIES = {
    "Aabenraa", "Aalborg", "Aarhus", "Albertslund", "Allerød", "Assens", "Ballerup", "Billund", "Bornholm",
    "Brøndby", "Brønderslev", "Dragør", "Egedal", "Esbjerg", "Faaborg-Midtfyn", "Fanø",
    "Favrskov", "Faxe", "Fredensborg", "Fredericia", "Frederiksberg", "Frederikshavn", "Frederikssund",
    "Furesø", "Gentofte", "Gladsaxe", "Glostrup", "Greve", "Gribskov", "Guldborgsund", "Haderslev",
    "Halsnæs", "Hedensted", "Helsingør", "Herlev", "Herning", "Hillerød", "Hjørring", "Holbæk", "Holstebro",
    "Horsens", "Hvidovre", "Høje-Taastrup", "Hørsholm", "Ikast-Brande", "Ishøj", "Jammerbugt", "Kalundborg",
    "Kerteminde", "Kolding", "Københavns", "Køge", "Langeland", "Lejre", "Lemvig", "Lolland",
    "Lyngby-Taarbæk", "Læsø", "Mariagerfjord", "Middelfart", "Morsø", "Norddjurs", "Nordfyns", "Nyborg",
    "Næstved", "Odder", "Odense", "Odsherred", "Randers", "Rebild", "Ringkøbing-Skjern", "Ringsted",
    "Roskilde", "Rudersdal", "Rødovre", "Samsø", "Silkeborg", "Skanderborg", "Skive", "Slagelse", "Solrød",
    "Sorø", "Stevns", "Struer", "Svendborg", "Syddjurs", "Sønderborg", "Thisted", "Tårnby", "Tønder",
    "Vallensbæk", "Varde", "Vejen", "Vejle", "Vesthimmerlands", "Viborg", "Vordingborg", "Ærø"
}
# fmt: on


@pytest.fixture(scope="module")
def municipality():
    return organisation_generate(scale="municipality", seed=1)


def _units(rows):
    return {row["unit_id"]: row["parent_unit_id"] for row in rows}


def _people(rows):
    return {row["person_id"] for row in rows if row["person_id"]}


def _leaders(rows):
    return {row["person_id"] for row in rows if row["level"]}


def test_the_same_seed_gives_the_same_rows_and_another_seed_other_rows(municipality):
    assert organisation_generate(scale="municipality", seed=1) == municipality
    assert organisation_generate(scale="municipality", seed=2) != municipality
    assert organisation_generate(scale="school", seed=7) == organisation_generate(scale="school", seed=7)


def test_it_refuses_an_unknown_scale():
    with pytest.raises(ValueError, match="region"):
        organisation_generate(scale="region")


@pytest.mark.parametrize("seed", [1, 2])
def test_a_municipality_has_about_400_units_1000_leaders_and_13000_people(seed, municipality):
    rows = municipality if seed == 1 else organisation_generate(scale="municipality", seed=seed)
    people, leaders = _people(rows), _leaders(rows)
    assert 350 <= len(_units(rows)) <= 450
    assert 900 <= len(leaders) <= 1100
    assert 11_000 <= len(people - leaders) <= 13_500
    assert 12_000 <= len(people) <= 14_500


def test_a_school_has_a_leader_two_or_three_deputies_and_about_40_staff():
    for seed in range(1, 6):
        rows = organisation_generate(scale="school", seed=seed)
        kinds = {row["unit_kind"] for row in rows}
        titles = Counter(row["title"] for row in rows if row["person_id"])
        levels = Counter(row["level"] for row in rows if row["person_id"])
        assert kinds == {"Kommune", "Skole"}
        assert titles["Skoleleder"] == 1 and levels["dagtilbuds-skole-og-fu-leder"] == 1
        assert 2 <= levels["leder-af-medarbejder"] <= 3
        assert 38 <= titles["Lærer"] + titles["Pædagog"] <= 44
        assert titles["Skolesekretær"] == 1


@pytest.mark.parametrize("scale", ["school", "municipality"])
def test_the_units_form_a_tree_where_every_parent_exists_and_nothing_is_its_own_ancestor(scale, municipality):
    rows = municipality if scale == "municipality" else organisation_generate(scale=scale)
    parents = _units(rows)
    for unit in parents:
        seen = {unit}
        parent = parents[unit]
        while parent:
            assert parent in parents, f"{unit} has the unknown parent {parent}"
            assert parent not in seen, f"{unit} is its own ancestor"
            seen.add(parent)
            parent = parents[parent]
    assert sum(1 for parent in parents.values() if not parent) == 1


def test_each_unit_has_one_name_kind_and_parent_on_all_its_rows(municipality):
    assert len(
        {(r["unit_id"], r["unit_name"], r["parent_unit_id"], r["unit_kind"]) for r in municipality}
    ) == len(_units(municipality))
    assert len({(r["person_id"], r["name"], r["email"]) for r in municipality if r["person_id"]}) == len(
        _people(municipality)
    )


def test_no_one_manages_themself_and_every_manager_is_a_leader_in_the_file(municipality):
    leaders = _leaders(municipality)
    for row in municipality:
        if row["manager_person_id"]:
            assert row["manager_person_id"] != row["person_id"]
            assert row["manager_person_id"] in leaders
    tops = [row for row in municipality if row["level"] and not row["manager_person_id"]]
    assert [row["level"] for row in tops] == ["direktoer"]


def test_levels_are_keys_of_the_aarhus_framework_and_every_level_is_used(municipality):
    used = {row["level"] for row in municipality if row["level"]}
    assert used == AARHUS_LEVELS


def test_spans_of_control_vary_with_some_leaders_above_20_direct_reports(municipality):
    spans = Counter(
        r["manager_person_id"] for r in municipality if r["manager_person_id"] and not r["end_date"]
    )
    assert min(spans.values()) <= 3
    assert sum(1 for span in spans.values() if span > 20) >= 20
    assert max(spans.values()) >= 40


def test_it_includes_ended_posts_and_people_with_two_posts(municipality):
    ended = [row for row in municipality if row["end_date"]]
    active = Counter(row["person_id"] for row in municipality if row["person_id"] and not row["end_date"])
    assert len(ended) >= 100
    assert all(row["start_date"] <= row["end_date"] for row in ended)
    assert sum(1 for count in active.values() if count > 1) >= 50
    assert len({row["start_date"][:4] for row in municipality if row["person_id"]}) >= 25


def test_e_mails_are_unique_and_on_a_fictional_example_domain(municipality):
    emails = {row["person_id"]: row["email"] for row in municipality if row["person_id"]}
    assert all(email.endswith("@egelund.example.dk") for email in emails.values())
    assert len(set(emails.values())) == len(emails)


def test_no_fictional_municipality_has_a_real_municipality_name():
    names = set(municipality_names())
    assert len(names) >= 98 and len(REAL_MUNICIPALITIES) == 98 and "Egedal" in REAL_MUNICIPALITIES
    assert not names & REAL_MUNICIPALITIES
    assert not {name.lower() for name in names} & {name.lower() for name in REAL_MUNICIPALITIES}
    assert "Egelund" in names


def test_the_national_scale_has_about_46000_leaders_in_98_municipalities_and_no_employees():
    rows = organisation_generate(scale="national", seed=1)
    municipalities = {
        row["unit_name"].removesuffix(" Kommune") for row in rows if row["unit_kind"] == "Kommune"
    }
    assert len(municipalities) == 98
    assert not municipalities & REAL_MUNICIPALITIES
    assert all(row["level"] for row in rows if row["person_id"])
    assert 44_000 <= len(_people(rows)) <= 48_000
    assert all(row["email"].endswith(".example.dk") for row in rows if row["person_id"])


def test_the_csv_has_the_import_columns_and_round_trips_the_rows():
    rows = organisation_generate(scale="school", seed=3)
    data = organisation_csv(rows)
    read = list(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert data.decode("utf-8").splitlines()[0] == ",".join(COLUMNS)
    assert read == rows


def test_a_generated_school_imports_cleanly_through_the_importer(builtin_frameworks):
    rows = organisation_generate(scale="school", seed=1)

    outcome = organisation_import_generated(scale="school", seed=1)

    assert outcome.problems == []
    assert outcome.applied
    assert outcome.new == {"units": 2, "people": len(_people(rows)), "posts": len(_people(rows))}
    assert Unit.objects.filter(source=Source.GENERATOR).count() == 2
    assert Person.objects.filter(source=Source.GENERATOR).count() == len(_people(rows))
    head = Post.objects.get(title="Skoleleder")
    assert head.level.key == "dagtilbuds-skole-og-fu-leder" and head.unit.parent.name == "Egelund Kommune"
    assert Post.objects.filter(manager=head.person).count() == len(
        [row for row in rows if row["manager_person_id"] == head.person.key]
    )
    assert organisation_import_generated(scale="school", seed=1).new == dict.fromkeys(outcome.new, 0)


def test_the_municipality_passes_the_importers_checks_without_a_problem(builtin_frameworks, municipality):
    outcome = org_import(
        data=organisation_csv(municipality),
        filename="municipality.csv",
        source="generator",
        framework_slug="aarhus-boern-og-unge",
        dry_run=True,
    )

    assert [str(problem) for problem in outcome.problems] == []
    assert outcome.new["units"] == len(_units(municipality))
    assert outcome.new["people"] == len(_people(municipality))
    assert outcome.new["posts"] == sum(1 for row in municipality if row["person_id"])


def test_the_command_writes_the_csv_file(tmp_path):
    output = tmp_path / "school.csv"

    call_command(
        "org_generate", "--scale", "school", "--seed", "4", "--output", str(output), stderr=io.StringIO()
    )

    assert output.read_bytes() == organisation_csv(organisation_generate(scale="school", seed=4))


def test_the_command_imports_through_the_importer(builtin_frameworks):
    call_command("org_generate", "--scale", "school", "--import", stderr=io.StringIO())

    assert Post.objects.filter(source=Source.GENERATOR, title="Skoleleder").get().unit.kind == "Skole"
    assert Unit.objects.filter(source=Source.GENERATOR).count() == 2
