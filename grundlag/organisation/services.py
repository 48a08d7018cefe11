"""Writes to the organisation that are not imports: keeping the unit tree's paths."""

from django.db import transaction

from .models import Unit


@transaction.atomic
def unit_paths_rebuild() -> int:
    """Recompute every unit's path and depth from the parent links; returns how many changed.

    Imports call this once after writing, so a subtree stays one prefix query. A cycle cannot reach
    here: the importer refuses it, and a unit whose parent chain loops is left at the top.
    """
    parents = dict(Unit.objects.values_list("pk", "parent_id"))
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in parents.items():
        children.setdefault(parent_id, []).append(pk)
    paths: dict[int, tuple[str, int]] = {}
    stack = [(pk, "/", 0) for pk in children.get(None, [])]
    while stack:
        pk, prefix, depth = stack.pop()
        path = f"{prefix}{pk}/"
        paths[pk] = (path, depth)
        stack.extend((child, path, depth + 1) for child in children.get(pk, []))
    for pk in parents.keys() - paths.keys():  # only reachable through a cycle
        paths[pk] = (f"/{pk}/", 0)
    changed = [
        Unit(pk=pk, path=path, depth=depth)
        for (pk, old_path, old_depth) in Unit.objects.values_list("pk", "path", "depth")
        for path, depth in [paths[pk]]
        if (path, depth) != (old_path, old_depth)
    ]
    Unit.objects.bulk_update(changed, ["path", "depth"], batch_size=2000)
    return len(changed)
