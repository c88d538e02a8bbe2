"""The public catalogue: exercises, progressions, the hip self-check and when to seek help.

Every page works logged out. Texts come from modeltranslation in the active language."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from modeltranslation.utils import build_localized_fieldname, get_language

from accounts.requests import signed_in_user
from accounts.services import profile_set_hip_level
from exercises.forms import CatalogueFilterForm, HipCheckForm, SetHipLevelForm
from exercises.models import Category, Exercise, Progression, ProgressionStep

CATEGORY_ORDER = list(Category.values)


def _in_category_order(queryset: QuerySet[Exercise]) -> QuerySet[Exercise]:
    rank = Case(
        *[When(category=code, then=Value(i)) for i, code in enumerate(CATEGORY_ORDER)],
        default=Value(len(CATEGORY_ORDER)),
    )
    return queryset.order_by(rank, "level", "order", "slug")


def _search(queryset: QuerySet[Exercise], text: str) -> QuerySet[Exercise]:
    language = get_language()
    name = build_localized_fieldname("name", language)
    purpose = build_localized_fieldname("purpose", language)
    return queryset.filter(Q(**{f"{name}__icontains": text}) | Q(**{f"{purpose}__icontains": text}))


def catalogue(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET or None)
    filters = form.filters()
    exercises: QuerySet[Exercise] = Exercise.objects.all()
    if "category" in filters:
        code = filters["category"]
        exercises = exercises.filter(Q(category=code) | Q(secondary_category=code))
    if "level" in filters:
        exercises = exercises.filter(level=int(filters["level"]))
    if "q" in filters:
        exercises = _search(exercises, filters["q"])
    found = list(_in_category_order(exercises))

    # An exercise of two categories shows in both, unless one category is chosen.
    shown = [filters["category"]] if "category" in filters else CATEGORY_ORDER
    groups = []
    for code in shown:
        members = [e for e in found if e.category == code]
        members += [e for e in found if e.secondary_category == code]
        if members:
            groups.append({"label": Category(code).label, "code": code, "exercises": members})

    return render(
        request,
        "exercises/list.html",
        {
            "form": form,
            "filtered": bool(filters),
            "groups": groups,
            "count": len(found),
            "progressions": Progression.objects.all(),
        },
    )


def exercise_detail(request: HttpRequest, slug: str) -> HttpResponse:
    steps = ProgressionStep.objects.select_related("progression").order_by(
        "progression__category", "progression__order", "number"
    )
    exercise: Exercise = get_object_or_404(
        Exercise.objects.prefetch_related(Prefetch("steps", queryset=steps)), slug=slug
    )
    progressions = list(
        {step.progression_id: step.progression for step in exercise.steps.all()}.values()
    )
    return render(
        request,
        "exercises/detail.html",
        {"exercise": exercise, "progressions": progressions},
    )


def progression_list(request: HttpRequest) -> HttpResponse:
    progressions = Progression.objects.annotate(step_count=Count("steps"))
    return render(request, "exercises/progression_list.html", {"progressions": progressions})


def progression_detail(request: HttpRequest, slug: str) -> HttpResponse:
    steps = ProgressionStep.objects.select_related("exercise").order_by("number")
    progression: Progression = get_object_or_404(
        Progression.objects.prefetch_related(Prefetch("steps", queryset=steps)), slug=slug
    )
    return render(request, "exercises/progression_detail.html", {"progression": progression})


def hip_check(request: HttpRequest) -> HttpResponse:
    # POST, not GET: the answers are about complaints and do not belong in URLs or logs.
    form = HipCheckForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = {"level": form.starting_level(), "yes_answers": form.yes_answers()}
        result["complaint_now"] = form.cleaned_data["complaint_now"] == "yes"
    current_level = None
    if request.user.is_authenticated:
        current_level = request.user.profile.hip_level
    return render(
        request,
        "exercises/hip_check.html",
        {"form": form, "result": result, "current_level": current_level},
    )


@require_POST
@login_required
def hip_check_set_level(request: HttpRequest) -> HttpResponse:
    form = SetHipLevelForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("level", []):
            messages.error(request, str(error))
        return redirect("exercises:hip_check")
    level = form.cleaned_data["level"]
    user = signed_in_user(request)  # login_required
    profile_set_hip_level(profile=user.profile, level=level)
    messages.success(
        request,
        _("Your hip level is now level %(level)d. These are its exercises.") % {"level": level},
    )
    query = urlencode({"category": Category.HIP, "level": level})
    return redirect(f"{reverse('exercises:list')}?{query}")


def seek_help(request: HttpRequest) -> HttpResponse:
    return render(request, "exercises/seek_help.html")
