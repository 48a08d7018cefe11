"""Chart specs for the organisation pages."""

import copy
import functools

import altair as alt
from django.utils.translation import gettext as _

from .selectors import LevelSpanSummary


def span_distribution_spec(summaries: list[LevelSpanSummary]) -> dict:
    """Leaders per span-of-control interval, one small bar chart per level."""
    values = tuple(
        (s.level_name or _("No level"), bucket, count) for s in summaries for bucket, count in s.buckets
    )
    order = tuple(bucket for bucket, _count in summaries[0].buckets) if summaries else ()
    levels = tuple(s.level_name for s in summaries)
    titles = (_("Direct reports"), _("Leaders"))
    return copy.deepcopy(_span_spec(values, order, levels, titles))


# Altair builds a spec in about 10 ms; a page shows the same distribution to everyone until the data change.
@functools.lru_cache(maxsize=256)
def _span_spec(values: tuple, order: tuple, levels: tuple, titles: tuple[str, str]) -> dict:
    chart = (
        alt.Chart(alt.Data(values=[{"level": lv, "span": bucket, "leaders": n} for lv, bucket, n in values]))
        .mark_bar(color="#0059b3")
        .encode(
            x=alt.X("span:O", sort=list(order), title=titles[0]),
            y=alt.Y("leaders:Q", title=titles[1], axis=alt.Axis(tickMinStep=1, format="d")),
        )
        .properties(width=220, height=140)
        .facet(facet=alt.Facet("level:N", title=None, sort=list(levels)), columns=3)
    )
    return chart.to_dict(validate=False)
