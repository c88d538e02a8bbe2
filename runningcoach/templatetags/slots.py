"""`{% slot "name" %}`: the templates other apps registered for this place in the page
(runningcoach/slots.py), each rendered as `{% include %}` would with the page's context."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from runningcoach.slots import slot_templates

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context: template.Context, name: str) -> SafeString:
    page = context.template
    assert page is not None  # set while a template renders
    parts = []
    for template_name in slot_templates(name):
        part = page.engine.get_template(template_name)
        with context.push():  # what a part sets stays in it, as with an include
            parts.append(part.render(context))
    return mark_safe("".join(parts))  # rendered templates, escaped by their own rules
