import pytest
from django.db import connections

from .replica_cluster import STANDBY_MINIMA, replica_start, replica_stop


@pytest.fixture(scope="session")
def replica_cluster(django_db_setup, django_db_blocker):
    """A streaming replica of the test server on a port of its own, for this test process; stopped at the end.

    After the test databases are made (so they are in the copy), and gone before they are dropped."""
    primary = connections["default"]
    if primary.vendor != "postgresql":
        pytest.skip("A streaming replica needs PostgreSQL: DATABASE_URL is not PostgreSQL.")
    with django_db_blocker.unblock(), primary.cursor() as cursor:
        cursor.execute("SELECT name, setting FROM pg_settings WHERE name = ANY(%s)", [list(STANDBY_MINIMA)])
        standby_settings = dict(cursor.fetchall())
        major = primary.pg_version // 10000
    cluster = replica_start(primary=primary.settings_dict, standby_settings=standby_settings, major=major)
    yield cluster
    replica_stop(cluster)
