import pytest

from grundlag.tools.services import tools_builtin_load


@pytest.fixture
def builtin_tools(db):
    """The built-in toolbox, loaded: each tool's version by its key."""
    return {version.tool.key: version for version, _outcome in tools_builtin_load()}
