"""The house rules of docs/architecture.md, checked on the source so that a break fails the suite.

Each test reads the Python files under grundlag/ (tests and migrations aside) with `ast` and names every
place that breaks its rule, so a failure says what to move where.
"""

import ast
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "grundlag"

# What each app may import, lowest first: an app may import the apps listed for it and nothing else.
# Domains arriving later slot in beside evaluations (they may use everything below it).
_UP_TO_DEVELOPMENT = {"core", "audit", "frameworks", "organisation", "accounts", "evaluations", "development"}
ALLOWED = {
    "core": set(),
    "audit": {"core"},
    "frameworks": {"core", "audit"},
    "organisation": {"core", "audit", "frameworks"},
    "accounts": {"core", "audit", "frameworks", "organisation"},
    "evaluations": {"core", "audit", "frameworks", "organisation", "accounts"},
    "development": {"core", "audit", "frameworks", "organisation", "accounts", "evaluations"},
    "networks": _UP_TO_DEVELOPMENT,
    "talent": _UP_TO_DEVELOPMENT | {"networks"},
    "tools": _UP_TO_DEVELOPMENT | {"networks", "talent"},
    "indicators": _UP_TO_DEVELOPMENT | {"networks", "talent", "tools"},
    "actionplans": _UP_TO_DEVELOPMENT | {"networks", "talent", "tools", "indicators"},
    "api": _UP_TO_DEVELOPMENT | {"networks", "talent", "tools", "indicators", "actionplans"},
    "demo": _UP_TO_DEVELOPMENT | {"networks", "talent", "tools", "indicators", "actionplans"},
    # Running the installation (backups): it reads every app's tables by Django's registry, imports none.
    "operations": _UP_TO_DEVELOPMENT | {"networks", "talent", "tools", "indicators", "actionplans"},
}
MAX_FUNCTION_LINES = 60
# Names that write to the database, send something or queue a task, when called as a method.
WRITE_METHODS = {
    "save",
    "delete",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
    "send",
    "enqueue",
}
QUERYSET_WRITES = {"create", "update"}  # writes when called on a manager or queryset (not on a dict)
ACCESS_CALLS = {"has_perm", "require_perm", "test_rule", "get_object_or_404"}


def source_files(*, include_tests: bool = False) -> list[Path]:
    files = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).parts
        if "migrations" in parts or (not include_tests and ("tests" in parts or path.name == "conftest.py")):
            continue
        files.append(path)
    return files


@cache
def parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: Path, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The absolute module names an import statement names, relative imports resolved."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level == 0:
        base = node.module or ""
    else:
        package = module_name(path).split(".")
        if path.name != "__init__.py":
            package = package[:-1]
        package = package[: len(package) - (node.level - 1)]
        base = ".".join(package + ([node.module] if node.module else []))
    # `from package import module` names the submodules too.
    return [base] + [f"{base}.{alias.name}" for alias in node.names]


def app_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "grundlag" else None


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_every_app_is_placed_in_the_dependency_rule():
    apps = {path.parent.name for path in PACKAGE.glob("*/apps.py")}
    assert apps == set(ALLOWED), "add the new app to ALLOWED here and to docs/architecture.md"


def test_apps_import_only_the_apps_below_them():
    breaks = []
    for path in source_files():
        app = app_of(module_name(path))
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for other in {app_of(name) for name in imported_modules(path, node)} - {None, app}:
                    if other not in ALLOWED[app]:
                        breaks.append(f"{relative(path)}:{node.lineno} {app} imports {other}")
    assert not breaks, "\n".join(breaks)


def test_no_import_of_the_project_is_hidden_inside_a_function():
    breaks = []
    for path in source_files():
        for function in ast.walk(parsed(path)):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if path.name == "apps.py" and function.name == "ready":  # connecting signals: Django's idiom
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom) and any(
                    name.startswith("grundlag") for name in imported_modules(path, node)
                ):
                    breaks.append(f"{relative(path)}:{node.lineno} in {function.name}()")
    assert not breaks, "\n".join(breaks)


def test_no_two_modules_import_each_other_even_through_others():
    modules = {module_name(path): path for path in source_files()}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in parsed(path).body:  # module level: what runs at import time
            if isinstance(node, ast.Import | ast.ImportFrom):
                graph[name] |= {other for other in imported_modules(path, node) if other in modules} - {name}
    cycles = [component for component in strongly_connected(graph) if len(component) > 1]
    # A package's __init__ that re-exports its own modules is not a cycle worth the name.
    cycles = [
        c for c in cycles if not all(m.startswith(min(c, key=len) + ".") or m == min(c, key=len) for m in c)
    ]
    assert not cycles, "\n".join(" ↔ ".join(sorted(c)) for c in cycles)


def strongly_connected(graph: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iteratively."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                components.append(component)
    return components


def test_no_function_is_longer_than_sixty_lines():
    long = [
        f"{relative(path)}:{node.lineno} {node.name} has {node.end_lineno - node.lineno + 1} lines"
        for path in [
            *source_files(),
            *sorted((ROOT / "bench").glob("*.py")),
            *sorted((ROOT / "config").glob("*.py")),
        ]
        for node in ast.walk(parsed(path))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, "\n".join(long)


def calls(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield node


def called_name(call: ast.Call) -> str:
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    if isinstance(call.func, ast.Name):
        return call.func.id
    return ""


def receiver_chain(node: ast.expr) -> str:
    """`Person.objects.filter(...).update` → 'Person.objects.filter()'."""
    if isinstance(node, ast.Attribute):
        return f"{receiver_chain(node.value)}.{node.attr}"
    if isinstance(node, ast.Call):
        return f"{receiver_chain(node.func)}()"
    if isinstance(node, ast.Name):
        return node.id
    return "?"


def is_write(call: ast.Call) -> bool:
    if not isinstance(call.func, ast.Attribute):
        return False
    name = call.func.attr
    if name in WRITE_METHODS:
        return True
    if name in QUERYSET_WRITES:
        chain = receiver_chain(call.func.value)
        return ".objects" in chain or chain.endswith(("filter()", "exclude()", "all()"))
    return False


def is_services_module(path: Path) -> bool:
    return path.name == "services.py" or path.parent.name == "services"


def test_every_write_lives_in_a_services_module():
    """Models may save themselves; tasks and commands call services; everything else only reads."""
    breaks = []
    for path in source_files():
        if is_services_module(path) or path.name == "models.py":
            continue
        breaks += [
            f"{relative(path)}:{call.lineno} {receiver_chain(call.func)}()"
            for call in calls(parsed(path))
            if is_write(call)
        ]
    assert not breaks, "\n".join(breaks)


def is_endpoint_module(path: Path) -> bool:
    """Pages (views) and the API's routers: the modules that answer requests."""
    if path.name == "views.py" or path.parent.name == "views":
        return True
    return path.parent.name == "api" and "Router(" in path.read_text(encoding="utf-8")


def test_views_and_api_ask_for_access_only_through_for_user_selectors():
    breaks = []
    for path in source_files():
        if not is_endpoint_module(path):
            continue
        for call in calls(parsed(path)):
            name = called_name(call)
            chain = receiver_chain(call.func) if isinstance(call.func, ast.Attribute) else name
            if name in ACCESS_CALLS or ".objects." in chain + ".":
                breaks.append(f"{relative(path)}:{call.lineno} {chain}()")
        breaks += [
            f"{relative(path)}:{node.lineno} raise {receiver_chain(node.exc)}"
            for node in ast.walk(parsed(path))
            if isinstance(node, ast.Raise)
            and node.exc is not None
            and "PermissionDenied" in ast.unparse(node.exc)
        ]
    assert not breaks, "\n".join(breaks)


def test_forms_are_not_defined_in_views():
    breaks = [
        f"{relative(path)}:{node.lineno} class {node.name}"
        for path in source_files()
        if path.name == "views.py" or path.parent.name == "views"
        for node in ast.walk(parsed(path))
        if isinstance(node, ast.ClassDef) and any("Form" in receiver_chain(base) for base in node.bases)
    ]
    assert not breaks, "\n".join(breaks)


@pytest.mark.parametrize("kind", ["services", "selectors"])
def test_services_and_selectors_take_keyword_only_arguments(kind):
    breaks = []
    for path in source_files():
        if path.name != f"{kind}.py" and path.parent.name != kind:
            continue
        for node in parsed(path).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_") and node.args.args:
                positional = ", ".join(argument.arg for argument in node.args.args)
                breaks.append(f"{relative(path)}:{node.lineno} {node.name}({positional}, …)")
    assert not breaks, "\n".join(breaks)
