"""A file's name: one plain name, visible as it is."""

import unicodedata

MAX_NAME_LENGTH = 100  # the length Django's FileField allows a posted name


def plain_name(name: str) -> bool:
    """Whether a file's name is one name, visible as it is: no folder, no control, format or direction
    character, not hidden, not too long."""
    return (
        0 < len(name) <= MAX_NAME_LENGTH
        and "/" not in name
        and "\\" not in name
        and ":" not in name
        and not name.startswith(".")
        and not any(unicodedata.category(character).startswith("C") for character in name)
    )
