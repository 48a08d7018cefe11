"""The settings are read from the environment, and .env.example documents every variable they read."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def variables_read_by_settings() -> set[str]:
    """Every string literal passed as the first argument to os.environ.get/[] or an env_* helper."""
    names = set()
    for node in ast.walk(ast.parse((ROOT / "config" / "settings.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            reader = (isinstance(func, ast.Attribute) and func.attr in {"get", "getenv"}) or (
                isinstance(func, ast.Name) and func.id.startswith("env")
            )
            if reader and isinstance(node.args[0].value, str) and node.args[0].value.isupper():
                names.add(node.args[0].value)
        elif (
            isinstance(node, ast.Subscript)
            and isinstance(node.slice, ast.Constant)
            and isinstance(node.value, ast.Attribute)
            and node.value.attr == "environ"
        ):
            names.add(node.slice.value)
    return names


def test_env_example_lists_every_variable_the_settings_read():
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", example, flags=re.MULTILINE))
    read = variables_read_by_settings()
    assert len(read) > 30  # the reader above found the settings' variables at all
    assert read - listed == set(), "add these to .env.example with a comment on what they do"
    assert listed - read == set(), ".env.example lists variables the settings no longer read"
