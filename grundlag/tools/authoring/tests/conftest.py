import pytest

from grundlag.tools.services import tools_builtin_load

LOCAL_TOOL = """\
format: grundlag.tool/1
key: tjekliste-skolestart
name: Tjekliste til skolestart
source:
  title: Ahorn Skoles egne værktøjer
  publisher: Fiktiv Kommune
credits:
  - Ledelsesteamet på Ahorn Skole, 2026
content:
  texts:
    - kind: introduction
      text: Gå listen igennem i ledelsesteamet inden skolestart.
  fields:
    - key: skemaer
      label: Er skemaerne lagt?
    - key: velkomst
      label: Hvem byder de nye kolleger velkommen?
"""


@pytest.fixture
def builtin_tools(db):
    """The built-in toolbox, loaded: each tool's version by its key."""
    return {version.tool.key: version for version, _outcome in tools_builtin_load()}


@pytest.fixture
def lis(small_organisation):
    """Lis, a school leader: she reads the toolbox."""
    return small_organisation["people"]["lis"].user
