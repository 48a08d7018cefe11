"""Writes to the organisation that are not imports: keeping the unit tree's paths and its history."""

import datetime

from django.db import transaction

from .models import Unit, UnitPlacement


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


@transaction.atomic
def unit_moves_record(*, moves: list[tuple[Unit, int | None]], on: datetime.date) -> int:
    """Keep the history of units moving to a new parent from `on`; call before `parent` is changed.

    The unit's placement until the day before is kept (its first placement opens when the unit
    does), and a new open placement starts on `on`. A move on a unit's first day keeps no history.
    Returns how many placements were written.
    """
    if not moves:
        return 0
    day_before = on - datetime.timedelta(days=1)
    open_placements = {
        p.unit_id: p
        for p in UnitPlacement.objects.filter(unit__in=[u for u, _p in moves], end_date__isnull=True)
    }
    new, ended, dropped = [], [], []
    for unit, new_parent_id in moves:
        current = open_placements.get(unit.pk)
        if current is None:
            if unit.start_date is None or unit.start_date <= day_before:
                new.append(
                    UnitPlacement(
                        unit=unit, parent_id=unit.parent_id, start_date=unit.start_date, end_date=day_before
                    )
                )
        elif current.start_date is not None and current.start_date > day_before:
            dropped.append(current.pk)  # moved again on the day it moved: the earlier move never held
        else:
            current.end_date = day_before
            ended.append(current)
        new.append(UnitPlacement(unit=unit, parent_id=new_parent_id, start_date=on))
    UnitPlacement.objects.filter(pk__in=dropped).delete()
    UnitPlacement.objects.bulk_update(ended, ["end_date"], batch_size=2000)
    UnitPlacement.objects.bulk_create(new, batch_size=2000)
    return len(new) + len(ended)
