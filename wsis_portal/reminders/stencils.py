"""Stencils: a mail template rendered once with stand-ins where recipients differ, then filled in for each
recipient with exactly the text a plain render gives.

A sweep renders the same three templates for thousands of recipients, and most of the time goes into
what they share (the i18n tags, the layout). So the template is read once to find every variable it
uses and how:

- a variable only printed (``{{ item.title }}``, an argument of ``blocktranslate``) or only tested
  (``{% if deadline.local %}``, also under ``not``, ``and``, ``or``) gets a stand-in: a marker printed
  where its value goes (raw, or HTML-escaped where the template escapes) that is true or false like the
  value. Each recipient's value is then printed by Django's own ``render_value_in_context``, raw or
  escaped like the marker, so escaping and localisation are the plain render's;
- a variable used any other way (through one of Django's built-in filters, compared, as a filter's
  argument) keeps its real value and is part of the stencil's key, with the language, the time zone and
  the truth of the tested ones.

A template using a tag this module does not know, another library's filter or one whose result changes
with the clock or by chance (``timesince``, ``random``) is always rendered plainly, and so is a mail whose
variables cannot be looked up the same way; each new stencil is checked against the plain render of its
first mail, and a stencil that differs is not used.
"""

import logging
import re
import secrets
from datetime import date, datetime, time
from decimal import Decimal

from django.template import Context, Variable, VariableDoesNotExist, defaultfilters
from django.template.base import TextNode, TokenType, VariableNode, render_value_in_context
from django.template.defaulttags import AutoEscapeControlNode, CommentNode, IfNode, LoadNode
from django.template.loader_tags import BlockNode, ExtendsNode, IncludeNode
from django.templatetags.i18n import BlockTranslateNode, TranslateNode
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

log = logging.getLogger(__name__)

# Built-in filters whose result is not given by their value and arguments (with the language and zone).
IMPURE_FILTERS = frozenset({"random", "timesince_filter", "timeuntil_filter"})
# Values whose repr says all a filter can see of them: keyed by it. Any other value is keyed by identity.
PLAIN_TYPES = (str, int, float, bool, type(None), Decimal, datetime, date, time)
# Markers carry a nonce of this process: no text of a template, catalogue or value can look like one.
NONCE = secrets.token_hex(8)
MARKER = re.compile(f"\x00{NONCE}:(\\d+)(<|&lt;)\x00")
RAW, ESCAPED = Context(autoescape=False), Context(autoescape=True)
MISSING = object()
# Names a ``Context`` answers without its dicts: the built-in True, False, None and its own attributes.
CONTEXT_NAMES = frozenset({*Context().flatten(), *vars(Context())})


class Unsupported(Exception):
    """The template uses something a stencil cannot reproduce exactly."""


class Plain(Exception):  # noqa: N818 (a signal, not an error): this mail is rendered plainly
    """This mail's values cannot stand in a stencil; render it plainly."""


class _False(str):
    """The marker of a value that is false: ``{% if %}`` must take the same branch as for the value."""

    __slots__ = ()

    def __bool__(self):
        return False


class _Same:
    """A key part equal only to the very same object (which it keeps alive while the stencil is cached)."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value

    def __eq__(self, other):
        return isinstance(other, _Same) and other.value is self.value

    def __hash__(self):
        return id(self.value)


class _Reading:
    """Walks a compiled template, its parent and its includes, sorting the variables it uses."""

    def __init__(self):
        self.stand_in, self.tested, self.keyed, self.names = {}, set(), {}, set()

    def template(self, template):
        for node in template.nodelist:
            self.node(node, template)

    def node(self, node, template):  # noqa: C901, PLR0912 (one branch per kind of node)
        kind = type(node)
        if kind in (TextNode, CommentNode, LoadNode):
            return
        if kind is VariableNode:
            self.expression(node.filter_expression, printed=True)
        elif kind is IfNode:
            for condition, nodelist in node.conditions_nodelists:
                if condition is not None:
                    self.condition(condition)
                self.nodes(nodelist, template)
        elif kind in (BlockNode, AutoEscapeControlNode):
            self.nodes(node.nodelist, template)
        elif kind is ExtendsNode:
            self.template(self.named(node.parent_name, template))
            self.nodes(node.nodelist, template)
        elif kind is IncludeNode:
            if node.extra_context or node.isolated_context:
                raise Unsupported("include with its own context")
            self.template(self.named(node.template, template))
        elif kind is TranslateNode:
            if node.asvar:
                raise Unsupported("translate … as")
            self.expression(node.filter_expression, printed=False)
            if node.message_context:
                self.expression(node.message_context, printed=False)
        elif kind is BlockTranslateNode:
            self.block_translate(node)
        else:
            raise Unsupported(kind.__name__)

    def nodes(self, nodelist, template):
        for node in nodelist:
            self.node(node, template)

    @staticmethod
    def named(expression, template):
        """The template named by a constant ``extends`` or ``include``."""
        name = expression.var
        if expression.filters or not isinstance(name, str) or name.startswith(".") or name == template.name:
            raise Unsupported("a template named at render time")
        return template.engine.get_template(name)

    def expression(self, expression, printed):
        variable = expression.var
        if printed and not expression.filters and _is_lookup(variable) and not variable.translate:
            self.stand_in[variable.lookups] = variable
            return
        for function, _args in expression.filters:
            if function.__module__ != defaultfilters.__name__ or function.__name__ in IMPURE_FILTERS:
                raise Unsupported(f"the filter {function.__name__}")
        for each in (variable, *(arg for _f, args in expression.filters for lookup, arg in args if lookup)):
            if _is_lookup(each):
                # Its own lookup, untranslated: the template's nodes translate the real value themselves.
                self.keyed[each.lookups] = Variable(".".join(each.lookups))

    def condition(self, condition, keyed=False):
        if condition.id == "literal":
            expression = condition.value
            if keyed or expression.filters or not _is_lookup(expression.var) or expression.var.translate:
                self.expression(expression, printed=False)
            else:
                self.stand_in[expression.var.lookups] = expression.var
                self.tested.add(expression.var.lookups)
            return
        keyed = keyed or condition.id not in ("not", "and", "or")  # these only ask whether it is true
        for operand in (condition.first, condition.second):
            if operand is not None:
                self.condition(operand, keyed)

    def block_translate(self, node):
        if node.asvar or node.plural or node.counter:
            raise Unsupported("blocktranslate … as, or with a plural")
        for expression in node.extra_context.values():
            self.expression(expression, printed=True)
        for token in node.singular:
            if token.token_type == TokenType.VAR and token.contents not in node.extra_context:
                variable = Variable(token.contents)  # a name of the context, looked up without calling it
                if not _is_lookup(variable):
                    raise Unsupported("blocktranslate of a literal")
                self.stand_in[variable.lookups] = variable
                self.names.add(variable.lookups)
        if node.message_context:
            self.expression(node.message_context, printed=False)


def _is_lookup(variable):
    return isinstance(variable, Variable) and variable.lookups is not None


class Stencils:
    """Renders several templates with one context through stencils: ``render(context)`` returns what
    ``[template.render(context) for template in templates]`` returns. What a mail's templates print is
    looked up and printed once for all of them. Keep one for a batch of mails; its stencils live as long
    as it does."""

    def __init__(self, templates):
        self.templates = list(templates)
        self.stencils = {}
        self.plain = []  # whether each template is always rendered plainly
        stand_in, self.keyed, tested, self.names = {}, {}, set(), set()
        for template in self.templates:
            reading = _Reading()
            try:
                reading.template(template.template)
            except Exception as why:  # noqa: BLE001 (unsupported, or broken: the plain render says so)
                log.info("Template %s is rendered plainly: %r", template.template.name, why)
                self.plain.append(True)
                continue
            self.plain.append(False)
            stand_in.update(reading.stand_in)
            self.keyed.update(reading.keyed)
            tested |= reading.tested
            self.names |= reading.names
        self.stand_in = [variable for lookups, variable in stand_in.items() if lookups not in self.keyed]
        self.tested = [n for n, variable in enumerate(self.stand_in) if variable.lookups in tested]
        paths = sorted([*stand_in, *self.keyed])
        if any(longer[: len(shorter)] == shorter for shorter, longer in zip(paths, paths[1:], strict=False)):
            self.plain = [True] * len(self.templates)  # ``item`` and ``item.title``: no stand-in is both
        self.invalid = self.templates[0].template.engine.string_if_invalid if self.templates else ""

    def render(self, context):
        if all(self.plain):
            return [template.render(context) for template in self.templates]
        try:
            values, keyed, key = self._look_up(context)
        except Exception:  # noqa: BLE001 (a lookup Django would handle its own way: let it)
            return [template.render(context) for template in self.templates]
        stencils = self.stencils.get(key)
        if stencils is None:
            stencils = self.stencils[key] = self._make(context, values, keyed)
        printed = {}
        return [
            template.render(context) if stencil is None else self._fill(stencil, values, printed)
            for template, stencil in zip(self.templates, stencils, strict=True)
        ]

    def _look_up(self, context):
        """The values of the stand-ins, the keyed values, and the stencils' key: the language, the time
        zone, the truth of the tested values and the keyed values. Raises ``Plain`` for a mail that
        Django would look up differently."""
        values = [self._value(variable, context) for variable in self.stand_in]
        keyed, key = [], []
        for variable in self.keyed.values():
            value = self._value(variable, context)
            if value is MISSING or callable(value):  # a stand-in tree could not hold it as it is
                raise Plain
            keyed.append(value)
            key.append((type(value), repr(value)) if type(value) in PLAIN_TYPES else _Same(value))
        truth = tuple(values[n] is not MISSING and bool(values[n]) for n in self.tested)
        language, zone = translation.get_language(), timezone.get_current_timezone_name()
        return values, keyed, (language, zone, truth, tuple(key))

    def _value(self, variable, context):
        """``variable`` looked up in the dict ``context`` as the plain render's ``Context`` would."""
        root = variable.lookups[0]
        if root not in context:
            if root in CONTEXT_NAMES:  # True, False, None or an attribute of the Context itself
                raise Plain
            return MISSING
        # blocktranslate reads a name without calling it: the same value only if it is not callable.
        if variable.lookups in self.names and callable(context[root]):
            raise Plain
        try:
            return variable.resolve(context)
        except VariableDoesNotExist:
            return MISSING

    def _printed(self, value, n, escaped):
        """``value`` as the plain render prints it (a missing one as ``string_if_invalid``)."""
        if value is MISSING:
            name = self.stand_in[n].var
            value = self.invalid % name if "%s" in self.invalid else self.invalid
        return render_value_in_context(value, ESCAPED if escaped else RAW)

    def _make(self, context, values, keyed):
        """The stencils of these values' key, one per template: the parts of its text, each a string or
        a stand-in's ``(number, escaped)``; None for a template rendered plainly or whose stencil does not
        give the plain render of this first mail."""
        tree = {}
        for n, variable in enumerate(self.stand_in):
            marker = f"\x00{NONCE}:{n}<\x00"
            truth = values[n] is not MISSING and bool(values[n])
            _place(tree, variable.lookups, marker if truth else _False(marker))
        for variable, value in zip(self.keyed.values(), keyed, strict=True):
            _place(tree, variable.lookups, value)
        stencils = []
        for template, plain in zip(self.templates, self.plain, strict=True):
            try:
                stencil = None if plain else self._stencil(template.render(tree))
            except Exception:  # noqa: BLE001 (the plain render of each mail shows what is wrong)
                stencil = None
            if stencil is not None and self._fill(stencil, values, {}) != template.render(context):
                log.warning(
                    "A stencil of %s differs from its plain render: not used.", template.template.name
                )
                stencil = None
            stencils.append(stencil)
        return stencils

    @staticmethod
    def _stencil(rendered):
        pieces = MARKER.split(rendered)
        stencil = [pieces[0]]
        for start in range(1, len(pieces), 3):
            stencil += [(int(pieces[start]), pieces[start + 1] != "<"), pieces[start + 2]]
        if any(f"\x00{NONCE}" in piece for piece in stencil[::2]):
            return None  # a marker changed on its way: the template did more than print it
        return stencil

    def _fill(self, stencil, values, printed):
        parts = []
        for part in stencil:
            if part.__class__ is str:
                parts.append(part)
                continue
            text = printed.get(part)
            if text is None:
                text = printed[part] = self._printed(values[part[0]], *part)
            parts.append(text)
        return mark_safe("".join(parts))  # noqa: S308 (as safe as the plain render it equals)


def _place(tree, lookups, value):
    for bit in lookups[:-1]:
        tree = tree.setdefault(bit, {})
    tree[lookups[-1]] = value
