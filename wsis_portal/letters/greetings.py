"""How a letter opens and closes, chosen by whom it is addressed to, in the active language.

As the secretariat's letters do: stakeholders are greeted "Dear Sir/Madam," (in Arabic حضرات السادة
والسيدات followed by تحية طيبة وبعد), ministers "Excellency," — in Arabic صاحب المعالي for a man, صاحبة
المعالي for a woman, both forms when the letter does not name one minister — and the closing names them
again. A salutation may hold several lines (Arabic adds its greeting line).
"""

from dataclasses import dataclass

from django.utils.translation import pgettext

from wsis_portal.stakeholders.models import MemberState

from .models import AddresseeGroup

Gender = MemberState.Gender
# Groups a letter to ministers may also name: the ministers' governments.
MINISTERIAL = {AddresseeGroup.MINISTERS, AddresseeGroup.GOVERNMENTS}


@dataclass(frozen=True)
class Greeting:
    salutation: str
    closing: str

    @property
    def salutation_lines(self):
        return [line for line in self.salutation.splitlines() if line.strip()]


def to_stakeholders() -> Greeting:
    return Greeting(
        pgettext("salutation of a letter", "Dear Sir/Madam,"),
        pgettext("closing of a letter", "Yours faithfully,"),
    )


def to_minister(gender="") -> Greeting:
    """The greeting of a minister whose form of address is ``gender`` (a ``MemberState.Gender``, or empty
    when it is not recorded or the letter goes to many ministers)."""
    if gender == Gender.WOMAN:
        return Greeting(
            pgettext("salutation of a letter to a minister who is a woman", "Excellency,"),
            pgettext(
                "closing of a letter to a minister who is a woman",
                "Please accept, Excellency, the assurances of my highest consideration.",
            ),
        )
    if gender == Gender.MAN:
        return Greeting(
            pgettext("salutation of a letter to a minister who is a man", "Excellency,"),
            pgettext(
                "closing of a letter to a minister who is a man",
                "Please accept, Excellency, the assurances of my highest consideration.",
            ),
        )
    return Greeting(
        pgettext("salutation of a letter to ministers", "Excellency,"),
        pgettext(
            "closing of a letter to ministers",
            "Please accept, Excellency, the assurances of my highest consideration.",
        ),
    )


def for_letter(letter) -> Greeting:
    """The greeting of a letter that names no one recipient: the ministers' when it goes to ministers (and
    perhaps their governments) only, else the stakeholders'."""
    groups = set(letter.addressees)
    if AddresseeGroup.MINISTERS in groups and groups <= MINISTERIAL:
        return to_minister()
    return to_stakeholders()
