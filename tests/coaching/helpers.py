from __future__ import annotations

from typing import Any


def change_form_data(response: Any, **changes: Any) -> dict[str, Any]:
    """The POST that the admin change page would send as rendered, with `changes` on top."""
    data: dict[str, Any] = {}

    def add(form: Any) -> None:
        for name in form.fields:
            value = form[name].value()
            if value is not None and value is not False and value != "":
                data[form.add_prefix(name)] = value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    data.update(changes)
    return data
