"""The indicators' part of a development dialogue's data pack: the latest key figures of the units the leader
leads, through the publication gate, as the leader's start page shows them. Both parties read the pack, so a
unit is in it only where the superior too may see its figures: where the superior holds a leadership post in
the unit or in a unit above it (the manager chain and the unit tree can differ)."""

from typing import Any

from grundlag.development.dialogues.pack import pack_part
from grundlag.development.models import Dialogue
from grundlag.organisation.models import Unit
from grundlag.organisation.selectors import posts_active, unit_ancestors

from .start import key_figures


@pack_part(key="indicators", template="indicators/_pack_figures.html", order=10)
def pack_indicators(*, dialogue: Dialogue) -> list[dict[str, Any]]:
    """Per unit the leader holds a leadership post in: its key figures, a withheld one by its reason only."""
    led = set(
        posts_active(person=dialogue.leader).filter(level__isnull=False).values_list("unit_id", flat=True)
    )
    superior = dialogue.superior
    above = (
        set(posts_active(person=superior).filter(level__isnull=False).values_list("unit_id", flat=True))
        if superior is not None
        else set()
    )
    led = {
        pk
        for pk, unit in Unit.objects.in_bulk(led).items()
        if pk in above or any(a.pk in above for a in unit_ancestors(unit=unit))
    }
    return [
        {
            "unit": item.unit.name,
            "figures": [
                {
                    "indicator": key.indicator.name,
                    "period": key.period.label,
                    "value": None if key.point.value is None else str(key.point.value),
                    "decimals": key.indicator.decimals,
                    "unit_of_measure": key.indicator.unit_of_measure,
                    "reason": "" if key.point.shown else str(key.point.reason),
                    "credit": key.indicator.credit,
                }
                for key in item.figures
            ],
        }
        for item in key_figures(unit_ids=list(led))
    ]
