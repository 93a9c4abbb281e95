"""In every screen of the admin, text that people wrote is direction-isolated (inside ``dir="auto"`` or
``<bdi>``), so that a RIGHT-TO-LEFT OVERRIDE in an organisation's name cannot reorder the rest of the row.

For each ModelAdmin registered on the site, an object (and one row of each of its inlines) is made, every
free-text column of every admin model is prefixed with U+202E, and the list, add, change, history and
delete pages a superuser may open are read: each U+202E they show must sit in an isolating element.
"""

import datetime
import decimal
import importlib
import inspect
import uuid
from html.parser import HTMLParser
from pathlib import Path

import factory
import pytest
from django.contrib import admin
from django.db import models
from django.db.models.functions import Concat, Substr
from django.forms.models import _get_foreign_key
from django.urls import reverse
from django.utils import timezone

import tests
from stocktaking import reference
from tests.factories import OrganisationFactory
from wsis_portal.stakeholders.models import User

RLO, FSI, PDI = "\u202e", "\u2068", "\u2069"
# Attributes whose value a reader sees: the others (href, lang, name, data-…) are not drawn as text.
SHOWN_ATTRIBUTES = {"value", "title", "alt", "placeholder", "aria-label", "label"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# A stored password is a hash, which the admin never shows; overriding it would only break it.
NOT_TEXT = {"password"}

ADMINS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


class Exposed(HTMLParser):
    """Collects each U+202E drawn outside an element with ``dir="auto"`` and outside ``<bdi>``.

    ``<title>`` cannot hold elements: there the text must sit between FIRST STRONG ISOLATE and POP
    DIRECTIONAL ISOLATE. Scripts, styles and hidden inputs are not drawn; a list box draws each option apart
    from any other text (and an option can hold no element), so options are left out too.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []  # (tag, isolates) of the elements around the current position
        self.found = []

    def isolated(self):
        return any(isolates for _tag, isolates in self.open)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        isolates = tag == "bdi" or attrs.get("dir") == "auto"
        drawn = not (tag in ("option", "optgroup") or (tag == "input" and attrs.get("type") == "hidden"))
        if drawn and not (isolates or self.isolated()):
            self.found += [
                f"<{tag} {name}={value!r}>"
                for name, value in attrs.items()
                if name in SHOWN_ATTRIBUTES and value and RLO in value
            ]
        if tag not in VOID:
            self.open.append((tag, isolates))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        if RLO not in data:
            return
        tag = self.open[-1][0] if self.open else None
        if tag in ("script", "style", "option", "optgroup"):
            return
        if tag == "title":
            if any(data.rfind(FSI, 0, at) <= data.rfind(PDI, 0, at) for at in _positions(data)):
                self.found.append(f"<title>{data.strip()!r}")
        elif not self.isolated():
            path = " > ".join(tag for tag, _isolates in self.open[-4:])
            self.found.append(f"{path}: {data.strip()!r}")


def _positions(text):
    return [at for at, char in enumerate(text) if char == RLO]


def exposed(html):
    """``(how many U+202E the page holds, where it shows one without isolation)``."""
    parser = Exposed()
    parser.feed(html)
    parser.close()
    return html.count(RLO), parser.found


def _factories():
    """The test factories by model: the most general one of each (``EntryFactory``, not its subclasses)."""
    found = {}
    root = Path(tests.__file__).parent
    for path in sorted(root.rglob("factories.py")):
        module = importlib.import_module(".".join(["tests", *path.relative_to(root).with_suffix("").parts]))
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, factory.django.DjangoModelFactory) and value._meta.model is not None:
                model = value._meta.get_model_class()
                if model not in found or issubclass(found[model], value):
                    found[model] = value
    return found


FACTORIES = _factories()


def _value(field):
    """A valid value for a required column that has no default."""
    if field.choices:
        return field.flatchoices[0][0]
    for kind, value in (
        (models.EmailField, "someone@example.org"),
        (models.URLField, "https://example.org/"),
        (models.GenericIPAddressField, "192.0.2.1"),
        (models.CharField, "Text"),
        (models.TextField, "Text"),
        (models.BooleanField, False),
        (models.DateTimeField, timezone.now()),
        (models.DateField, datetime.date(2026, 7, 6)),
        (models.TimeField, datetime.time(9, 0)),
        (models.DurationField, datetime.timedelta(minutes=5)),
        (models.DecimalField, decimal.Decimal(1)),
        (models.FloatField, 1.0),
        (models.IntegerField, 1),
        (models.UUIDField, uuid.uuid4()),
        (models.JSONField, {}),
        (models.FileField, "file.pdf"),
        (models.BinaryField, b""),
    ):
        if isinstance(field, kind):
            return value
    raise NotImplementedError(f"No test value for {field!r}")


def make(model, fresh=False, **values):
    """An object of ``model``: from its factory, else an existing row (reference data), else built with a
    value in each required column; ``fresh`` (for one-to-one links) never reuses a row."""
    if model in FACTORIES:
        return FACTORIES[model](**values)
    if not (values or fresh) and (existing := model._base_manager.first()) is not None:
        return existing
    for field in model._meta.concrete_fields:
        if field.name in values or field.primary_key or field.has_default() or field.null:
            continue
        if field.is_relation:
            values[field.name] = make(field.related_model, fresh=field.one_to_one)
        elif not (field.blank and field.empty_strings_allowed):
            values[field.name] = _value(field)
    return model._base_manager.create(**values)


def _text_columns(model):
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not (field.primary_key or field.choices or field.name in NOT_TEXT)
    ]


def override_direction_everywhere(models_to_change):
    """Prefix every free-text column of every row of these models with U+202E (within its length)."""
    for model in models_to_change:
        changes = {
            field.attname: Concat(
                models.Value(RLO),
                Substr(field.attname, 1, (field.max_length or 10**6) - 1),
                output_field=field,
            )
            for field in _text_columns(model)
        }
        if changes:
            model._base_manager.update(**changes)


def _pages(model_admin, obj, request):
    info = f"admin:{model_admin.opts.app_label}_{model_admin.opts.model_name}"
    pages = [("changelist", ()), ("change", (obj.pk,)), ("history", (obj.pk,))]
    if model_admin.has_add_permission(request):
        pages.append(("add", ()))
    if model_admin.has_delete_permission(request, obj):
        pages.append(("delete", (obj.pk,)))
    return [(name, reverse(f"{info}_{name}", args=args)) for name, args in pages]


def _superuser(client, rf):
    superuser = User.objects.create_superuser(email="root@example.org", password="a-long-password-2026")
    client.force_login(superuser)
    request = rf.get("/")
    request.user = superuser
    return request


def _visit(client, pages):
    """Each page opened: ``({page: how many U+202E it holds}, [each one shown without isolation])``."""
    shown, problems = {}, []
    for name, url in pages:
        response = client.get(url, follow=True)
        assert response.status_code == 200, (name, url)
        shown[name], found = exposed(response.content.decode())
        problems += [f"{name}: {where}" for where in found]
    return shown, problems


@pytest.fixture(autouse=True)
def _reference_data_reloaded():
    """The stocktaking screens keep reference data (action lines, SDGs…) per process, and the override
    changes it: the pages read it afresh, and the tests after them read it unchanged."""
    loaders = (reference.action_lines, reference.sdgs, reference.gdc_objectives, reference.regions)
    for loader in loaders:
        loader.cache_clear()
    yield
    for loader in loaders:
        loader.cache_clear()


# Their screens show only dates, figures, choices and names of countries: nothing that people wrote.
NOTHING_WRITTEN = {"forum_events.Agenda", "forum_events.Invitation"}


@pytest.mark.parametrize("model, model_admin", ADMINS, ids=[model._meta.label for model, _admin in ADMINS])
def test_text_people_wrote_is_direction_isolated_in_every_admin_page(client, rf, db, model, model_admin):
    obj = make(model)
    for inline in model_admin.inlines:
        parent = _get_foreign_key(model, inline.model, fk_name=inline.fk_name)
        make(inline.model, fresh=True, **{parent.name: obj})
    override_direction_everywhere({*admin.site._registry, *(i.model for _m, a in ADMINS for i in a.inlines)})
    # Signed in after the override: the page's header (tested below) shows no override.
    request = _superuser(client, rf)

    shown, problems = _visit(client, _pages(model_admin, obj, request))

    assert not problems, "\n".join(["Not isolated:", *problems])
    # A page that showed nothing people wrote would pass: each screen but a few shows some.
    assert (shown["change"] > 0) is (model._meta.label not in NOTHING_WRITTEN)


def test_the_staff_members_name_is_direction_isolated_in_the_header(client, rf, db):
    _superuser(client, rf)
    override_direction_everywhere([User])

    shown, problems = _visit(client, [("index", reverse("admin:index"))])

    assert problems == []
    assert shown == {"index": 1}


def test_the_delete_confirmation_keeps_django_s_arabic_sentence_around_the_isolated_name(client, rf, db):
    organisation = OrganisationFactory(name="جمعية الإنترنت")
    _superuser(client, rf)

    html = client.get(f"/ar/admin/stakeholders/organisation/{organisation.pk}/delete/").content.decode()

    assert 'متأكد أنك تريد حذف العنصر المنظمة "<bdi>جمعية الإنترنت</bdi>"؟' in html
