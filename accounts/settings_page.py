"""Choices another app keeps that the settings page shows among the profile's fields
(notifications: the weekly e-mail), registered in that app's AppConfig.ready(). The page
edits them without importing the app, and each choice keeps its one home there."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms

from accounts.models import User


@dataclass(frozen=True)
class SettingsField:
    name: str
    field: Callable[[], forms.Field]  # a new form field for each form
    read: Callable[[User], Any]  # the stored choice: the field's initial value
    write: Callable[[User, Any], object]  # stores a choice the person changed


SETTINGS_FIELDS: list[SettingsField] = []


def settings_field_register(field: SettingsField) -> None:
    if all(known.name != field.name for known in SETTINGS_FIELDS):
        SETTINGS_FIELDS.append(field)


def settings_fields() -> tuple[SettingsField, ...]:
    return tuple(SETTINGS_FIELDS)
