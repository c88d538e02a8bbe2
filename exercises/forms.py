from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from exercises.models import Category

HIP_LEVEL_CHOICES = [
    ("1", _("Level 1: activation")),
    ("2", _("Level 2: strength")),
    ("3", _("Level 3: dynamic")),
]


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100, widget=forms.SearchInput)
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *Category.choices],
    )
    level = forms.ChoiceField(
        label=_("Hip level"),
        required=False,
        choices=[("", _("All levels")), *HIP_LEVEL_CHOICES],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"class": "form-control", "placeholder": _("Name or purpose")}
        )
        self.fields["category"].widget.attrs["class"] = "form-select"
        self.fields["level"].widget.attrs["class"] = "form-select"

    def filters(self) -> dict[str, str]:
        """The valid filters only: a tampered value is ignored, never an error page."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data[name].strip() for name in ("q", "category", "level") if data.get(name)}


YES_NO = [("yes", _("Yes")), ("no", _("No"))]

# The five signs that hip stability may be a missing link, and a sixth question that keeps a
# runner with a complaint right now at level 1.
HIP_CHECK_QUESTIONS = [
    ("pelvis_drops", _("Does your pelvis drop on one side when you stand on one leg?")),
    ("knee_moves_in", _("Does your knee move inward when you do a single-leg squat?")),
    (
        "side_complaints",
        _("Do you regularly have ITB, outer-hip or knee complaints?"),
    ),
    (
        "technique_fades",
        _("Does your running technique fall apart after about 6 to 10 km?"),
    ),
    (
        "feel_it_at_the_side",
        _('On hills or descents, do you feel "everything at the side" of your hips and legs?'),
    ),
    ("complaint_now", _("Do you have a running complaint right now?")),
]


class HipCheckForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, question in HIP_CHECK_QUESTIONS:
            self.fields[name] = forms.ChoiceField(
                label=question,
                choices=YES_NO,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                error_messages={"required": _("Please answer yes or no.")},
            )

    def questions(self) -> list[forms.BoundField]:
        return [self[name] for name, _question in HIP_CHECK_QUESTIONS]

    def yes_answers(self) -> list[str]:
        return [
            str(question)
            for name, question in HIP_CHECK_QUESTIONS
            if self.cleaned_data.get(name) == "yes"
        ]

    def starting_level(self) -> int:
        """Any yes starts at level 1: control comes before strength. Six times no starts at
        level 2. Nobody starts at level 3; that is reached through the level-2 gate."""
        return 1 if self.yes_answers() else 2


class SetHipLevelForm(forms.Form):
    level = forms.IntegerField(widget=forms.HiddenInput)

    def clean_level(self) -> int:
        level: int = self.cleaned_data["level"]
        if level == 3:
            raise forms.ValidationError(
                _(
                    "Level 3 cannot be chosen here: you get there after three good weeks at "
                    "level 2."
                ),
                code="level_3",
            )
        if level not in (1, 2):
            raise forms.ValidationError(_("Choose level 1 or 2."), code="invalid_level")
        return level
