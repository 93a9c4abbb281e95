"""Direction isolation in the admin's own templates (templates/admin/): what people wrote (names, titles,
texts) is drawn inside ``dir="auto"`` or ``<bdi>``, as on the public pages, so that an Arabic name, or a
RIGHT-TO-LEFT OVERRIDE hidden in one, cannot reorder the words around it.
"""

from django import forms, template
from django.core.exceptions import FieldDoesNotExist
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from modeltranslation.fields import TranslationField

from wsis_portal.direction import FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE

register = template.Library()
# Widgets in which people type words; numbers, dates and lists of choices keep the page's direction.
TEXT_INPUTS = {"text", "email", "url", "search", "tel"}


@register.filter
def isolated_cell(cell):
    """A cell of a change list, ``<td …>…</td>`` or ``<th …>…</th>`` as Django draws it, in ``dir="auto"``."""
    if cell[:3] not in ("<td", "<th"):
        return cell
    return mark_safe(f'{cell[:3]} dir="auto"{cell[3:]}')  # noqa: S308 - Django's cell, already safe HTML


def _is_text_entry(widget):
    widget = getattr(widget, "widget", widget)  # the admin's wrapper of a related field's widget
    return isinstance(widget, forms.Textarea) or getattr(widget, "input_type", None) in TEXT_INPUTS


def _language_of(model, name):
    """The language of a model field kept in one language ("title_en" → "en"), else None."""
    try:
        field = model._meta.get_field(name) if model and name else None
    except FieldDoesNotExist:
        return None
    return field.language if isinstance(field, TranslationField) else None


@register.filter
def readonly_language(readonly_field):
    """The language of a read-only field of a change form (``AdminReadonlyField``), for its ``lang``."""
    return _language_of(readonly_field.model_admin.model, readonly_field.field.get("name"))


@register.filter
def isolated_input(bound_field):
    """A form field as ``{{ field }}`` draws it, with ``dir="auto"`` on a text widget that sets no
    direction of its own, and the ``lang`` of the language a translated field is written in."""
    widget = bound_field.field.widget
    if widget.is_hidden or "dir" in widget.attrs or not _is_text_entry(widget):
        return bound_field
    attrs = {"dir": "auto"}
    language = _language_of(
        getattr(getattr(bound_field.form, "_meta", None), "model", None), bound_field.name
    )
    if language:
        attrs["lang"] = language
    html = bound_field.as_widget(attrs=attrs)
    if bound_field.field.show_hidden_initial:
        html += bound_field.as_hidden(only_initial=True)
    return html


@register.filter
def isolated_items(items):
    """A nested list for ``unordered_list`` (the objects a deletion takes along) with each item in <bdi>."""
    return [
        isolated_items(item) if isinstance(item, list | tuple) else format_html("<bdi>{}</bdi>", item)
        for item in items
    ]


@register.filter
def isolating(text, name=None):
    """``text`` with ``name`` in it (the object's name in "Change history: …"), or all of it, in <bdi>."""
    if name is None:
        return format_html("<bdi>{}</bdi>", text)
    text, name = str(text), str(name)
    if not name or name not in text:
        return text
    before, _name, after = text.partition(name)
    return format_html("{}<bdi>{}</bdi>{}", before, name, after)


@register.filter
def isolating_text(text, name=None):
    """Plain text (a page's ``<title>``, which holds no elements) with ``name`` in it, or all of it, between
    FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: the characters that do what <bdi> does."""
    text = str(text)
    if name is None:
        return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"
    name = str(name)
    if not name or name not in text:
        return text
    before, _name, after = text.partition(name)
    return f"{before}{FIRST_STRONG_ISOLATE}{name}{POP_DIRECTIONAL_ISOLATE}{after}"
