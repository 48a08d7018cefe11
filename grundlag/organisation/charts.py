"""Chart specs for the organisation pages."""

import altair as alt
from django.utils.translation import gettext as _

from .selectors import LevelSpanSummary


def span_distribution_spec(summaries: list[LevelSpanSummary]) -> dict:
    """Leaders per span-of-control interval, one small bar chart per level."""
    values = [
        {"level": s.level_name or _("No level"), "span": bucket, "leaders": count}
        for s in summaries
        for bucket, count in s.buckets
    ]
    order = [bucket for bucket, _count in summaries[0].buckets] if summaries else []
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_bar(color="#0059b3")
        .encode(
            x=alt.X("span:O", sort=order, title=_("Direct reports")),
            y=alt.Y("leaders:Q", title=_("Leaders"), axis=alt.Axis(tickMinStep=1, format="d")),
        )
        .properties(width=220, height=140)
        .facet(facet=alt.Facet("level:N", title=None, sort=[s.level_name for s in summaries]), columns=3)
    )
    return chart.to_dict(validate=False)
