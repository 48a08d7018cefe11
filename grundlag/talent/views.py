"""The talent pipeline's pages: the pipeline page (mine, the talents I lead or mentor), a nomination and a
sign-up, one talent's page with the consent, the self-reflection, the conversation, the decision and the
assessments, and the administrator's programmes, cohorts, enrolment and overview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from grundlag.core.outcomes import service_run

from . import overview as overview_selectors
from . import selectors, services
from .forms import (
    ActivityForm,
    AssessmentForm,
    AssignmentForm,
    CohortForm,
    ConversationForm,
    DecisionForm,
    EnrolForm,
    NominationForm,
    ProgrammeForm,
    ReflectionForm,
    SignUpForm,
)
from .models import Stage

YEARS_AHEAD = 3


def _status(request) -> int:
    return 422 if request.method == "POST" else 200


@require_GET
@login_required
def home(request):
    return render(
        request,
        "talent/home.html",
        {
            "mine": selectors.talents_of_person_for_user(user=request.user),
            "led": selectors.talents_led_for_user(user=request.user),
            "mentored": selectors.talents_mentored_for_user(user=request.user),
            "may_sign_up": selectors.may_sign_up_for_user(user=request.user),
            "may_nominate": selectors.may_nominate_for_user(user=request.user),
        },
    )


@login_required
def nominate(request):
    form = NominationForm(
        request.POST or None, nominees=selectors.nominee_choices_for_user(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            talent = services.talent_nominate(
                nominee=form.person(), reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(name)s is nominated. The nomination becomes active when they consent.")
                % {"name": talent.person.name},
            )
            return redirect("talent:detail", pk=talent.pk)
    return render(request, "talent/nominate.html", {"form": form}, status=_status(request))


@login_required
def sign_up(request):
    person = selectors.person_in_pipeline_for_user(user=request.user)
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            talent = services.talent_sign_up(
                person=person, motivation=form.cleaned_data["motivation"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("You are signed up. Begin with your self-reflection."))
            return redirect("talent:detail", pk=talent.pk)
    return render(request, "talent/sign_up.html", {"form": form}, status=_status(request))


@require_GET
@login_required
def detail(request, pk):
    view = selectors.talent_get_for_user(user=request.user, pk=pk)
    talent = view.talent
    return render(
        request,
        "talent/detail.html",
        {
            "view": view,
            "talent": talent,
            "reflection": selectors.reflection_for_view(view=view),
            "activities": selectors.activities_for_view(view=view),
            "decision_form": DecisionForm() if view.role == selectors.TALENT else None,
            "Stage": Stage,
        },
    )


@require_POST
@login_required
def consent(request, pk):
    view = selectors.talent_as_get_for_user(user=request.user, pk=pk, roles=(selectors.TALENT,))
    service_run(
        request,
        lambda: services.talent_consent(talent=view.talent, by=request.user),
        _("Thank you: your nomination is active. Begin with your self-reflection."),
    )
    return redirect("talent:detail", pk=pk)


@require_POST
@login_required
def decline(request, pk):
    view = selectors.talent_as_get_for_user(user=request.user, pk=pk, roles=(selectors.TALENT,))
    if service_run(
        request,
        lambda: services.talent_decline(talent=view.talent, by=request.user),
        _("You declined the nomination. It is deleted with its reason; only a count remains."),
    ):
        return redirect("talent:home")
    return redirect("talent:detail", pk=pk)


@login_required
def reflection(request, pk):
    view = selectors.talent_as_get_for_user(user=request.user, pk=pk, roles=(selectors.TALENT,))
    sections = selectors.level_expectations(level=view.talent.level)
    form = ReflectionForm(
        request.POST or None, sections=sections, initial=selectors.reflection_initial(talent=view.talent)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.reflection_save(
                talent=view.talent,
                answers=form.answers(),
                text=form.cleaned_data["reflection"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your self-reflection was saved."))
            return redirect("talent:detail", pk=pk)
    return render(request, "talent/reflection.html", {"view": view, "form": form}, status=_status(request))


@login_required
def conversation(request, pk):
    view = selectors.talent_as_get_for_user(user=request.user, pk=pk, roles=(selectors.LEADER,))
    talent = view.talent
    initial = {
        "held_on": talent.conversation_held_on or timezone.localdate(),
        "notes": talent.conversation_notes,
    }
    form = ConversationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.conversation_record(talent=talent, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The conversation is recorded."))
            return redirect("talent:detail", pk=pk)
    return render(
        request,
        "talent/conversation.html",
        {"view": view, "form": form, "reflection": selectors.reflection_for_view(view=view)},
        status=_status(request),
    )


@require_POST
@login_required
def decide(request, pk):
    view = selectors.talent_as_get_for_user(user=request.user, pk=pk, roles=(selectors.TALENT,))
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("talent:detail", pk=pk)
    service_run(
        request,
        lambda: services.talent_decide(talent=view.talent, by=request.user, **form.cleaned_data),
        _("Your decision is recorded."),
    )
    return redirect("talent:detail", pk=pk)


@login_required
def assess(request, pk, assignment_pk):
    view = selectors.talent_get_for_user(user=request.user, pk=pk)
    row = selectors.assignment_get_for_user(user=request.user, view=view, pk=assignment_pk)
    form = AssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_give(
                talent=view.talent, assignment=row.assignment, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Your assessment of »%(title)s« is recorded.") % {"title": row.assignment.title}
            )
            return redirect("talent:detail", pk=pk)
    mine = row.assessments.get(view.assessor_role or "")
    return render(
        request,
        "talent/assess.html",
        {"view": view, "row": row, "form": form, "mine": mine},
        status=_status(request),
    )


# --- The administrator ---------------------------------------------------------------------------------


@login_required
def enrol(request, pk):
    talent = selectors.enrolment_for_user(user=request.user, pk=pk)
    form = EnrolForm(
        request.POST or None,
        cohorts=selectors.cohort_choices(),
        mentors=selectors.mentor_candidates(talent=talent),
        initial={"cohort": talent.cohort_id, "mentor": talent.mentor_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.talent_enrol(talent=talent, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s is placed in the cohort.") % {"name": talent.person.name})
            return redirect("talent:detail", pk=pk)
    return render(request, "talent/enrol.html", {"talent": talent, "form": form}, status=_status(request))


@require_GET
@login_required
def overview(request):
    years = request.GET.get("years", "")
    years_ahead = int(years) if years.isdigit() and 1 <= int(years) <= 10 else YEARS_AHEAD
    shown = overview_selectors.overview_for_user(user=request.user, years=years_ahead)
    return render(request, "talent/overview.html", {"overview": shown, "year_choices": range(1, 11)})


@login_required
def programmes(request):
    listed = selectors.programmes_for_user(user=request.user)
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The programme »%(name)s« was made.") % {"name": programme.name})
            return redirect("talent:programme", pk=programme.pk)
    return render(
        request, "talent/programmes.html", {"programmes": listed, "form": form}, status=_status(request)
    )


def _programme_page(request, programme, *, cohort_form=None, assignment_form=None, status=200):
    sections = selectors.level_expectations(level=programme.level)
    return render(
        request,
        "talent/programme.html",
        {
            "programme": programme,
            "assignments": selectors.programme_assignments(programme=programme),
            "cohorts": programme.cohorts.all(),
            "cohort_form": cohort_form or CohortForm(prefix="cohort"),
            "assignment_form": assignment_form or AssignmentForm(prefix="assignment", sections=sections),
        },
        status=status,
    )


@require_GET
@login_required
def programme(request, pk):
    return _programme_page(request, selectors.programme_get_for_user(user=request.user, pk=pk))


@require_POST
@login_required
def cohort_create(request, pk):
    programme = selectors.programme_get_for_user(user=request.user, pk=pk)
    form = CohortForm(request.POST, prefix="cohort")
    if form.is_valid():
        try:
            cohort = services.cohort_create(programme=programme, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The cohort »%(name)s« was made.") % {"name": cohort.name})
            return redirect("talent:cohort", pk=cohort.pk)
    return _programme_page(request, programme, cohort_form=form, status=422)


@require_POST
@login_required
def assignment_add(request, pk):
    programme = selectors.programme_get_for_user(user=request.user, pk=pk)
    sections = selectors.level_expectations(level=programme.level)
    form = AssignmentForm(request.POST, prefix="assignment", sections=sections)
    if form.is_valid():
        try:
            services.assignment_add(
                programme=programme,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                expectation=form.chosen_expectation(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The practice assignment was added."))
            return redirect("talent:programme", pk=pk)
    return _programme_page(request, programme, assignment_form=form, status=422)


def _cohort_page(request, cohort, *, form=None, status=200):
    return render(
        request,
        "talent/cohort.html",
        {
            "cohort": cohort,
            "talents": selectors.cohort_talents(cohort=cohort),
            "activities": selectors.cohort_activities(cohort=cohort),
            "form": form or ActivityForm(events=selectors.event_choices()),
        },
        status=status,
    )


@require_GET
@login_required
def cohort(request, pk):
    return _cohort_page(request, selectors.cohort_get_for_user(user=request.user, pk=pk))


@require_POST
@login_required
def activity_add(request, pk):
    cohort = selectors.cohort_get_for_user(user=request.user, pk=pk)
    form = ActivityForm(request.POST, events=selectors.event_choices())
    if form.is_valid():
        try:
            services.activity_add(cohort=cohort, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The activity was added."))
            return redirect("talent:cohort", pk=pk)
    return _cohort_page(request, cohort, form=form, status=422)
