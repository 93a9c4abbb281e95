"""The portal's form renderer writes common widgets in Python: character for character what Django's own
widget templates give, for any label, value and attribute, and for the real forms of the portal; a widget
whose template is overridden still uses its template."""

from datetime import date

import pytest
from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consultations.forms import ContributionForm, NominationForm, SpeakerForm, WorkshopRequestForm
from consultations.models import Contribution, FacilitatorNomination, WorkshopRequest
from prizes.forms import SubmissionForm
from prizes.models import Submission
from stocktaking.forms import EntryForm
from stocktaking.models import Entry
from tests.consultations.factories import ConsultationFactory
from tests.factories import FocalPointFactory, OrganisationFactory, PrizeCycleFactory, UserFactory
from tests.hostile.strategies import hostile_text
from wsis_portal.forms import PortalFormRenderer
from wsis_portal.stakeholders.forms import ProfileForm


class TemplatesOnly(TemplatesSetting):
    """The same templates, every widget drawn through Django's templates."""

    form_template_name = PortalFormRenderer.form_template_name
    field_template_name = PortalFormRenderer.field_template_name


FAST, SLOW = PortalFormRenderer(), TemplatesOnly()
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))

attribute_value = st.one_of(
    hostile_text, st.booleans(), st.integers(-5, 5), st.none(), st.just(mark_safe("<b>safe</b>"))
)
attributes = st.dictionaries(st.sampled_from(["id", "class", "dir", "placeholder", "data-x", "required"]),
                             attribute_value, max_size=4)  # fmt: skip
choices = st.lists(st.tuples(st.one_of(hostile_text, st.integers(0, 99)), hostile_text), max_size=6)
grouped = st.lists(st.tuples(hostile_text, choices), min_size=1, max_size=3)
WIDGETS = [
    forms.TextInput,
    forms.EmailInput,
    forms.URLInput,
    forms.NumberInput,
    forms.HiddenInput,
    forms.DateInput,
    forms.Textarea,
    forms.CheckboxInput,
    lambda attrs: forms.PasswordInput(attrs, render_value=True),
]
CHOICE_WIDGETS = [forms.Select, forms.SelectMultiple, forms.RadioSelect, forms.CheckboxSelectMultiple]


def both(widget, name, value):
    assert FAST.python_widget(widget.template_name, widget.get_context(name, value, None)) is not None
    fast, slow = (widget.render(name, value, renderer=renderer) for renderer in (FAST, SLOW))
    assert fast == slow
    return fast


@given(kind=st.sampled_from(WIDGETS), name=hostile_text, value=st.one_of(hostile_text, st.none()),
       attrs=attributes)  # fmt: skip
@FUZZ
def test_an_input_is_drawn_as_its_template_draws_it(kind, name, value, attrs):
    both(kind(attrs), name, value)


@given(kind=st.sampled_from(CHOICE_WIDGETS), name=hostile_text, options=st.one_of(choices, grouped),
       attrs=attributes, picked=st.lists(hostile_text, max_size=2))  # fmt: skip
@FUZZ
def test_a_list_of_choices_is_drawn_as_its_template_draws_it(kind, name, options, attrs, picked):
    widget = kind(attrs, choices=options)
    both(widget, name, picked + [value for value, _label in options[:1] if not isinstance(_label, list)])


def test_lazy_labels_and_values_are_translated_at_drawing():
    widget = forms.RadioSelect(
        {"id": "id_kind"}, choices=[("a", gettext_lazy("Organization")), (3, gettext_lazy("Topics"))]
    )
    with override("ar"):
        html = both(widget, "kind", 3)
    assert "المنظمة" in html
    assert 'value="3" id="id_kind_1" checked' in html


def test_an_overridden_widget_template_is_still_used(settings, tmp_path):
    folder = tmp_path / "django" / "forms" / "widgets"
    folder.mkdir(parents=True)
    (folder / "input.html").write_text('<input class="overridden" name="{{ widget.name }}">')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    assert forms.TextInput().render("title", "x", renderer=PortalFormRenderer()) == (
        '<input class="overridden" name="title">'
    )


@pytest.fixture
def user(db):
    organisation = OrganisationFactory(name="Nile Digital Inclusion Forum", country="EG")
    user = UserFactory(full_name="Amina Diallo", organisation=organisation)
    FocalPointFactory(user=user, organisation=organisation, status="confirmed")
    return user


BAD = {"title": "<script>alert(1)</script>", "text": "", "language": "xx", "topics": ["nope"]}


def portal_forms(user):
    """The stakeholders' own forms, blank and filled in wrong (their errors drawn too)."""
    consultation = ConsultationFactory()
    cycle = PrizeCycleFactory()
    yield lambda data, r: ProfileForm(data, instance=user, renderer=r)
    for form, model in (
        (ContributionForm, Contribution),
        (WorkshopRequestForm, WorkshopRequest),
        (NominationForm, FacilitatorNomination),
    ):
        yield lambda data, r, form=form, model=model: form(
            data, instance=model(consultation=consultation), user=user, renderer=r
        )
    yield lambda data, r: SpeakerForm(data, prefix="speakers-0", renderer=r)
    yield lambda data, r: EntryForm(data, instance=Entry(), user=user, renderer=r)
    yield lambda data, r: SubmissionForm(data, instance=Submission(cycle=cycle), user=user, renderer=r)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_portal_forms_are_drawn_as_their_templates_draw_them(user, language):
    with override(language):
        for make in portal_forms(user):
            for data in (None, BAD, {**BAD, "preferred_day": date(2026, 7, 8), "countries": ["EG", "??"]}):
                fast, slow = (str(make(data, renderer)) for renderer in (FAST, SLOW))
                assert fast == slow
