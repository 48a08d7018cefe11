import pytest
from django.contrib.auth import get_user_model


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
    return get_user_model().objects.create_user(username="leder", password="x-leader-pass-1")


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def leader_client(client, leader):
    client.force_login(leader)
    return client
