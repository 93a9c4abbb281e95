"""The form renderer: every form of the portal, allauth's included, renders through templates/forms/.

Django draws each widget, and each option of a list of choices, through a template of its own (an input
is three nested templates, a list of 30 check boxes about a hundred): that was half the time of a form page.
The renderer writes the common widgets in Python instead, character for character what Django's templates
give (tests/test_form_rendering.py compares both on every form of the portal). A widget whose template a
project or app overrides, or that the renderer does not know, still goes through its template.
"""

from pathlib import Path

import django.forms
from django.forms.renderers import TemplatesSetting
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.timezone import template_localtime

WIDGETS = "django/forms/widgets/"
DJANGO_WIDGETS = str(Path(django.forms.__file__).parent / "templates" / WIDGETS)
INPUTS = ("text", "email", "url", "number", "password", "hidden", "date", "datetime", "time", "search", "tel",
          "color", "checkbox")  # fmt: skip


def text(value):
    """``{{ value }}`` in a template: local time and format, escaped unless safe."""
    value = localize(template_localtime(value))
    return conditional_escape(value if isinstance(value, str) else str(value))


def attributes(attrs):
    """``django/forms/widgets/attrs.html``: ``{{ value|stringformat:'s' }}`` escapes unless safe."""
    return "".join(
        f" {text(name)}" if value is True else f' {text(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def input_tag(widget):
    """``input.html``, with the line end the template file has."""
    value = "" if widget["value"] is None else f' value="{conditional_escape(widget["value"])}"'
    name = f'type="{text(widget["type"])}" name="{text(widget["name"])}"'
    return f"<input {name}{value}{attributes(widget['attrs'])}>\n"


def input_option(option):
    """``checkbox_option.html`` and ``radio_option.html``: each includes ``input_option.html``."""
    if not option["wrap_label"]:
        return input_tag(option) + "\n\n"
    target = option["attrs"].get("id")
    target = f' for="{text(target)}"' if target else ""
    return f"<label{target}>{input_tag(option)} {text(option['label'])}</label>\n\n"


def select_option(option):
    return (
        f'<option value="{conditional_escape(option["value"])}"{attributes(option["attrs"])}>'
        f"{text(option['label'])}</option>\n"
    )


def multiple_input(widget, option_html):
    """``checkbox_select.html`` and ``radio.html``: each includes ``multiple_input.html``."""
    attrs = widget["attrs"]
    parts = ["<div"]
    if attrs.get("id"):
        parts.append(f' id="{text(attrs["id"])}"')
    if attrs.get("class"):
        parts.append(f' class="{text(attrs["class"])}"')
    parts.append(">")
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{text(group)}</label>")
        parts.extend(f"<div>\n    {option_html(option)}</div>" for option in options)
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>")
    return "".join(parts)


def select(widget, option_html):
    parts = [f'<select name="{text(widget["name"])}"{attributes(widget["attrs"])}>']
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f'\n  <optgroup label="{text(group)}">')
        parts.extend(f"\n  {option_html(option)}" for option in options)
        if group:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


def textarea(widget):
    value = text(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{text(widget["name"])}"{attributes(widget["attrs"])}>\n{value}</textarea>'


# A list's template -> (its function, its options' template, the function drawing one option).
LISTS = {
    "checkbox_select": (multiple_input, "checkbox_option", input_option),
    "radio": (multiple_input, "radio_option", input_option),
    "select": (select, "select_option", select_option),
}
OWN = {**{name: input_tag for name in INPUTS}, "textarea": textarea}
# The templates each Python function stands for: if any of them is overridden, the template is used.
TEMPLATES = {
    **{name: (name, "input", "attrs") for name in INPUTS},
    "textarea": ("textarea", "attrs"),
    "checkbox_select": ("checkbox_select", "multiple_input"),
    "radio": ("radio", "multiple_input"),
    "select": ("select", "attrs"),
    "checkbox_option": ("checkbox_option", "input_option", "input", "attrs"),
    "radio_option": ("radio_option", "input_option", "input", "attrs"),
    "select_option": ("select_option", "attrs"),
}


class PortalFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"

    def __init__(self):
        super().__init__()
        self._django_own = {}

    def is_django_own(self, name):
        """Whether every template that ``name`` (short, e.g. ``"radio"``) stands for is Django's own."""
        if name not in self._django_own:
            self._django_own[name] = all(
                self.get_template(f"{WIDGETS}{part}.html").origin.name.startswith(DJANGO_WIDGETS)
                for part in TEMPLATES[name]
            )
        return self._django_own[name]

    def render(self, template_name, context, request=None):
        draw = self.python_widget(template_name, context)
        if draw is None:
            return super().render(template_name, context, request)
        return draw().strip()

    def python_widget(self, template_name, context):
        """A function drawing the widget of ``context`` in Python, or None to use its template."""
        name = template_name.removeprefix(WIDGETS).removesuffix(".html")
        widget = context.get("widget") if len(context) == 1 else None
        if widget is None or WIDGETS + name + ".html" != template_name or name not in TEMPLATES:
            return None
        if name in OWN:
            return (lambda: OWN[name](widget)) if self.is_django_own(name) else None
        if name not in LISTS:
            return None
        function, option_name, option_html = LISTS[name]
        options_drawn_here = all(
            option["template_name"] == f"{WIDGETS}{option_name}.html"
            for _group, options, _index in widget["optgroups"]
            for option in options
        )
        if not (options_drawn_here and self.is_django_own(name) and self.is_django_own(option_name)):
            return None
        return lambda: function(widget, option_html)
