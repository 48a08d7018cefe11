import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from grundlag.audit.services import audit_record
from grundlag.core.rules import is_administrator

from . import selectors
from .charts import span_distribution_spec
from .forms import ChartForm, LevelFilterForm, OnDateForm, SpanOfControlForm


def _on(form) -> datetime.date:
    return (form.cleaned_data.get("on") if form.is_valid() else None) or selectors.today()


@require_GET
@login_required
def chart(request):
    form = ChartForm(request.GET or None)
    on = _on(form)
    nodes = selectors.chart_children_for_user(user=request.user, parent=None, on=on)
    query = form.cleaned_data.get("q", "") if form.is_valid() else ""
    hits = selectors.units_with_ancestors(units=selectors.units_search(query=query, on=on), on=on)
    return render(
        request,
        "organisation/chart.html",
        {
            "form": form,
            "on": on,
            "nodes": nodes,
            "query": query,
            "hits": hits,
        },
    )


@require_GET
@login_required
def chart_children(request, pk):
    unit = selectors.unit_get_for_user(user=request.user, pk=pk)
    on = _on(OnDateForm(request.GET or None))
    if not request.htmx:
        return redirect("organisation:unit", pk=unit.pk)
    return render(
        request,
        "organisation/_chart_nodes.html",
        {"nodes": selectors.chart_children(parent=unit, on=on), "on": on, "parent": unit},
    )


@require_GET
@login_required
def unit_detail(request, pk):
    unit = selectors.unit_get_for_user(user=request.user, pk=pk)
    form = OnDateForm(request.GET or None)
    on = _on(form)
    posts, hidden = selectors.unit_posts_for_user(user=request.user, unit=unit, on=on)
    return render(
        request,
        "organisation/unit_detail.html",
        {
            "unit": unit,
            "form": form,
            "on": on,
            "ancestors": selectors.unit_ancestors(unit=unit, on=on),
            "children": selectors.chart_children(parent=unit, on=on),
            "posts": posts,
            "hidden_post_count": hidden,
        },
    )


@require_GET
@login_required
def person_detail(request, pk):
    person = selectors.person_get_for_user(user=request.user, pk=pk)
    form = OnDateForm(request.GET or None)
    on = _on(form)
    if selectors.person_for_user(user=request.user) != person:
        audit_record(user=request.user, action="person.view", obj=person)
    return render(request, "organisation/person_detail.html", _person_context(person, on) | {"form": form})


@require_GET
@login_required
def leaders_below(request, pk):
    person = selectors.person_get_for_user(user=request.user, pk=pk)
    form = LevelFilterForm(request.GET or None, level_choices=_level_choices())
    on = _on(form)
    level_key = form.cleaned_data.get("level", "") if form.is_valid() else ""
    if selectors.person_for_user(user=request.user) != person:
        audit_record(user=request.user, action="person.leaders_below.view", obj=person)
    below = selectors.leaders_below_page(
        person=person, on=on, level_key=level_key, number=request.GET.get("page")
    )
    return render(
        request,
        "organisation/leaders_below.html",
        {
            "person": person,
            "form": form,
            "on": on,
            "level_key": level_key,
            "levels": below.levels,
            "page": below.page,
        },
    )


@require_GET
@login_required
def my_page(request):
    person = selectors.person_for_user(user=request.user)
    if person is None:
        return render(request, "organisation/my_page_unlinked.html")
    context = _person_context(person, selectors.today())
    context["expectations"] = [
        (post, level, selectors.expected_at_level_for_post(level=level))
        for post in context["posts"]
        if post.level and (level := selectors.level_current(level=post.level))
    ]
    return render(request, "organisation/my_page.html", context)


def _person_context(person, on) -> dict:
    posts = list(selectors.posts_active(person=person, on=on))
    below = selectors.below_summary(person=person, on=on)
    return {
        "person": person,
        "on": on,
        "posts": posts,
        "history": selectors.posts_history(person=person),
        "managers": selectors.managers_of(person=person, on=on, posts=posts),
        "chain": selectors.chain_up(person=person, on=on),
        "reports": selectors.direct_reports(person=person, on=on),
        "below_count": below.people,
        "leaders_by_level": below.leaders_by_level,
    }


@require_GET
@login_required
def span_of_control(request):
    form = SpanOfControlForm(request.GET or None, level_choices=_level_choices())
    valid = form.is_valid()
    on = _on(form)
    threshold = (form.cleaned_data.get("threshold") if valid else None) or settings.SPAN_OF_CONTROL_THRESHOLD
    level_key = form.cleaned_data.get("level", "") if valid else ""
    unit_pk = int(request.GET["unit"]) if request.GET.get("unit", "").isdigit() else None
    unit, overview = selectors.span_of_control_for_user(
        user=request.user, on=on, unit_pk=unit_pk, level_key=level_key, threshold=threshold
    )
    summaries, above = overview.summaries, overview.above
    page = Paginator(above, 50).get_page(request.GET.get("page"))
    page.object_list = selectors.leader_spans_for_rows(rows=page.object_list)
    return render(
        request,
        "organisation/span_of_control.html",
        {
            "form": form,
            "on": on,
            "unit": unit,
            "threshold": threshold,
            "summaries": summaries,
            "chart": span_distribution_spec(summaries) if summaries else None,
            "leader_count": sum(summary.leaders for summary in summaries),
            "above_page": page,
            "above_count": len(above),
            "sees_everyone": is_administrator(request.user),
        },
    )


def _level_choices() -> list[tuple[str, str]]:
    return [(level.key, level.name) for level in selectors.organisation_levels()]
