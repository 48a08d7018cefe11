"""The indicators' part of a development dialogue's data pack: the latest key figures of the units the leader
leads, through the publication gate, as the leader's start page shows them. Both parties may see them: the
leader leads the units, and the superior leads the leader (so a unit above them)."""

from typing import Any

from grundlag.development.dialogues.pack import pack_part
from grundlag.development.models import Dialogue
from grundlag.organisation.selectors import posts_active

from .start import key_figures


@pack_part(key="indicators", template="indicators/_pack_figures.html", order=10)
def pack_indicators(*, dialogue: Dialogue) -> list[dict[str, Any]]:
    """Per unit the leader holds a leadership post in: its key figures, a withheld one by its reason only."""
    led = posts_active(person=dialogue.leader).filter(level__isnull=False).values_list("unit_id", flat=True)
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
