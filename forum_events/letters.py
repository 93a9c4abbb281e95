"""The ministers of the Member States invited to an edition's high-level track, as an audience of
personalised circular letters: each copy names and greets the minister with the right form of address
(``wsis_portal.letters.greetings``) and carries a link to the Member State's invitation, issued when the
batch starts. The link the protocol office already uses keeps working: the letter's is one more link to
the same invitation."""

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from wsis_portal.letters import greetings
from wsis_portal.letters.audiences import Audience, PersonalisationError, Recipient, register
from wsis_portal.stakeholders.models import MemberState

from .high_level import add_letter_link, invitation_link
from .models import Invitation

Gender = MemberState.Gender


def recipients(letter, by):
    """One copy per Member State invited to the letter's edition, in its invitation's language, each with a
    link of its own to the invitation; every link given before keeps working."""
    if letter.edition_id is None:
        raise ValidationError(
            _("Link the letter to a Forum edition: its ministers are those invited to its high-level track.")
        )
    invited = Invitation.objects.filter(edition=letter.edition).select_related("member_state")
    found = []
    for invitation in sorted(invited, key=lambda invitation: invitation.member_state.country.code):
        state = invitation.member_state
        link = invitation_link(invitation, add_letter_link(invitation, by), invitation.language)
        found.append(Recipient(state.country.code, str(state), invitation.language, {"link": link}))
    if not found:
        raise ValidationError(_("No Member State is invited to the high-level track of this edition yet."))
    return found


def _in(state, field, language):
    """``field`` of ``state`` in ``language``, else in the other language of the portal."""
    other = "en" if language == "ar" else "ar"
    return getattr(state, f"{field}_{language}", "") or getattr(state, f"{field}_{other}", "") or ""


def form_of_address(gender):
    """How the addressee block names a minister, in the active language: Arabic distinguishes a man
    (صاحب المعالي) from a woman (صاحبة المعالي)."""
    if gender == Gender.WOMAN:
        return pgettext("minister who is a woman", "Her Excellency")
    if gender == Gender.MAN:
        return pgettext("minister who is a man", "His Excellency")
    return pgettext("minister whose form of address is not recorded", "Excellency")


def personalise(key, kept, language):
    state = MemberState.objects.filter(country=key).first()
    if state is None:
        raise PersonalisationError(gettext("This Member State is no longer known to the portal."))
    name = _in(state, "minister_name", language)
    if not name:
        raise PersonalisationError(
            gettext("No minister's name is recorded for %(state)s: add it to the Member State, then retry.")
            % {"state": state}
        )
    with translation.override(language):
        greeting = greetings.to_minister(state.minister_gender)
        address = [
            f"{form_of_address(state.minister_gender)} {name}",
            _in(state, "minister_title", language),
            _in(state, "ministry_name", language),
        ]
        return {
            "address": [line for line in [*address, str(state.country.name)] if line],
            "salutation": greeting.salutation,
            "closing": greeting.closing,
            "link": kept.get("link", ""),
            "link_intro": gettext(
                "Your Member State's own link to confirm the invitation and request a speaking slot:"
            ),
        }


register(Audience("ministers", _("Ministers of the invited Member States"), recipients, personalise))
