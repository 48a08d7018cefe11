import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from grundlag.accounts.services import audit_record
from grundlag.core.permissions import is_administrator, require_perm

from . import selectors
from .charts import span_distribution_spec
from .forms import ChartForm, LevelFilterForm, OnDateForm, SpanOfControlForm
from .models import Post


def _on(form) -> datetime.date:
    return (form.cleaned_data.get("on") if form.is_valid() else None) or selectors.today()


@require_GET
@login_required
def chart(request):
    require_perm(request, "organisation.view_chart")
    form = ChartForm(request.GET or None)
    on = _on(form)
    query = form.cleaned_data.get("q", "") if form.is_valid() else ""
    hits = selectors.units_with_ancestors(selectors.units_search(query=query, on=on), on=on)
    return render(
        request,
        "organisation/chart.html",
        {
            "form": form,
            "on": on,
            "nodes": selectors.chart_children(parent=None, on=on),
            "query": query,
            "hits": hits,
        },
    )


@require_GET
@login_required
def chart_children(request, pk):
    require_perm(request, "organisation.view_chart")
    unit = selectors.unit_get(pk=pk)
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
    require_perm(request, "organisation.view_chart")
    unit = selectors.unit_get(pk=pk)
    form = OnDateForm(request.GET or None)
    on = _on(form)
    posts = Post.objects.active_on(on).filter(unit=unit)
    hidden = 0
    if not is_administrator(request.user):
        visible = selectors.people_visible_to(user=request.user, on=on)
        hidden = posts.exclude(person__in=visible).count()
        posts = posts.filter(person__in=visible)
    posts = posts.select_related("person", "level", "manager").order_by("level__position", "person__name")
    return render(
        request,
        "organisation/unit_detail.html",
        {
            "unit": unit,
            "form": form,
            "on": on,
            "ancestors": selectors.unit_ancestors(unit, on=on),
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
    if selectors.person_for_user(request.user) != person:
        audit_record(user=request.user, action="person.view", obj=person)
    return render(request, "organisation/person_detail.html", _person_context(person, on) | {"form": form})


@require_GET
@login_required
def leaders_below(request, pk):
    person = selectors.person_get_for_user(user=request.user, pk=pk)
    form = LevelFilterForm(request.GET or None, level_choices=_level_choices())
    on = _on(form)
    level_key = form.cleaned_data.get("level", "") if form.is_valid() else ""
    if selectors.person_for_user(request.user) != person:
        audit_record(user=request.user, action="person.leaders_below.view", obj=person)
    page = Paginator(selectors.leaders_below(person=person, on=on, level_key=level_key), 50)
    return render(
        request,
        "organisation/leaders_below.html",
        {
            "person": person,
            "form": form,
            "on": on,
            "level_key": level_key,
            "levels": selectors.leaders_below_by_level(person=person, on=on),
            "page": page.get_page(request.GET.get("page")),
        },
    )


@require_GET
@login_required
def my_page(request):
    person = selectors.person_for_user(request.user)
    if person is None:
        return render(request, "organisation/my_page_unlinked.html")
    context = _person_context(person, selectors.today())
    context["expectations"] = [
        (post, level, selectors.expected_at_level_for_post(level=level))
        for post in context["posts"]
        if post.level and (level := selectors.level_current(post.level))
    ]
    return render(request, "organisation/my_page.html", context)


def _person_context(person, on) -> dict:
    posts = list(selectors.posts_active(person=person, on=on))
    return {
        "person": person,
        "on": on,
        "posts": posts,
        "history": person.posts.select_related("unit", "level", "manager").order_by("-start_date", "-id"),
        "managers": selectors.managers_of(person=person, on=on),
        "chain": selectors.chain_up(person=person, on=on),
        "reports": selectors.direct_reports(person=person, on=on),
        "below_count": selectors.people_below_count(person=person, on=on),
        "leaders_by_level": selectors.leaders_below_by_level(person=person, on=on),
    }


@require_GET
@login_required
def span_of_control(request):
    require_perm(request, "organisation.view_span_of_control")
    form = SpanOfControlForm(request.GET or None, level_choices=_level_choices())
    valid = form.is_valid()
    on = _on(form)
    threshold = (form.cleaned_data.get("threshold") if valid else None) or settings.SPAN_OF_CONTROL_THRESHOLD
    level_key = form.cleaned_data.get("level", "") if valid else ""
    unit = None
    if request.GET.get("unit", "").isdigit():
        unit = selectors.unit_get(pk=int(request.GET["unit"]))
    scope = {"user": request.user, "on": on, "unit": unit, "level_key": level_key}
    overview = selectors.span_overview(**scope, threshold=threshold)
    summaries, above = overview.summaries, overview.above
    page = Paginator(above, 50).get_page(request.GET.get("page"))
    page.object_list = selectors.leader_spans_for_rows(page.object_list)
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
