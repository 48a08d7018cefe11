import pytest
from django.contrib.auth import get_user_model
from django.test import Client


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in Danish: a request to an /en/ page leaves English active in the thread."""
    from django.utils import translation

    translation.activate("da")
    yield
    translation.activate("da")


@pytest.fixture
def builtin_frameworks(db):
    """Every built-in framework, imported through the real importer: {slug: FrameworkVersion}."""
    from grundlag.frameworks.services import builtin_frameworks_load

    return {version.framework.slug: version for version, _outcome in builtin_frameworks_load()}


@pytest.fixture
def administrator(db):
    return get_user_model().objects.create_user(
        username="admin",
        password="x-admin-pass-1",
        is_staff=True,
        first_name="Anne",
        last_name="Admin",
    )


@pytest.fixture
def leader(db):
    """A signed-in account with no person behind it: leads nobody, is nobody's respondent."""
    return get_user_model().objects.create_user(username="leder", password="x-leader-pass-1")


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader)
    return client


@pytest.fixture
def small_organisation(db, builtin_frameworks):
    """A fictional municipality: a director over a school chief, two school leaders and their staff.

    Kommune (director Dorte) → Skoleafdelingen (chief Carl) → Ahorn Skole (leader Lis: 3 teachers)
    and Birk Skole (leader Bo: 2 teachers). Lis, her teacher Tom, Bo, Bo's teacher Ulla and Dorte have
    user accounts.
    """
    from grundlag.organisation.tests.factories import PersonFactory, PostFactory, UnitFactory, UserFactory

    levels = {level.key: level for level in builtin_frameworks["aarhus-boern-og-unge"].levels.all()}
    municipality = UnitFactory(key="k", name="Fiktiv Kommune", kind="Kommune")
    schools = UnitFactory(key="skole", name="Skoleafdelingen", kind="Afdeling", parent=municipality)
    ahorn = UnitFactory(key="ahorn", name="Ahorn Skole", kind="Skole", parent=schools)
    birk = UnitFactory(key="birk", name="Birk Skole", kind="Skole", parent=schools)

    def person(key, name, username=None):
        user = UserFactory(username=username) if username else None
        return PersonFactory(key=key, name=name, email=f"{key}@fiktiv.example.dk", user=user)

    dorte = person("dorte", "Dorte Direktør", "dorte")
    carl = person("carl", "Carl Chef")
    lis = person("lis", "Lis Leder", "lis")
    bo = person("bo", "Bo Leder", "bo")
    PostFactory(person=dorte, unit=municipality, title="Direktør", level=levels["direktoer"])
    PostFactory(person=carl, unit=schools, title="Skolechef", level=levels["forvaltningschef"], manager=dorte)
    PostFactory(
        person=lis, unit=ahorn, title="Skoleleder", level=levels["dagtilbuds-skole-og-fu-leder"], manager=carl
    )
    PostFactory(
        person=bo, unit=birk, title="Skoleleder", level=levels["dagtilbuds-skole-og-fu-leder"], manager=carl
    )
    staff = {}
    for key, name, unit, manager, username in [
        ("tom", "Tom Lærer", ahorn, lis, "tom"),
        ("tina", "Tina Lærer", ahorn, lis, None),
        ("tage", "Tage Lærer", ahorn, lis, None),
        ("ulla", "Ulla Lærer", birk, bo, "ulla"),
        ("uffe", "Uffe Lærer", birk, bo, None),
    ]:
        staff[key] = person(key, name, username)
        PostFactory(person=staff[key], unit=unit, title="Lærer", manager=manager)
    return {
        "units": {"municipality": municipality, "schools": schools, "ahorn": ahorn, "birk": birk},
        "people": {"dorte": dorte, "carl": carl, "lis": lis, "bo": bo, **staff},
    }


# The three personas every app's tests use (healthchecks-style): the administrator above, a leader with
# staff (Lis, school leader of Ahorn Skole with three teachers) and an outsider who must see nothing of
# Lis's: Ulla, a teacher at the other school.


@pytest.fixture
def leader_with_staff(small_organisation):
    return small_organisation["people"]["lis"].user


@pytest.fixture
def outsider(small_organisation):
    return small_organisation["people"]["ulla"].user


@pytest.fixture
def lis_client(leader_with_staff):
    """Lis signed in, in a client of her own (so a test can hold several personas at once)."""
    client = Client()
    client.force_login(leader_with_staff)
    return client


@pytest.fixture
def ulla_client(outsider):
    """Ulla signed in, in a client of her own."""
    client = Client()
    client.force_login(outsider)
    return client
