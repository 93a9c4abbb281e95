"""``{% isolated_list session.language_names %}``, ``{% isolated_list person.name person.title
person.organisation %}``: values of either direction on one line, each in <bdi>, joined by the active
language's list separator (``wsis_portal.direction``). The admin's own templates: ``admin_direction``."""

from django import template
from django.db.models import QuerySet

from wsis_portal import direction

register = template.Library()


@register.simple_tag
def isolated_list(*values):
    """The values given, and the items of a value that is a list, isolated and joined."""
    items = []
    for value in values:
        if isinstance(value, list | tuple | QuerySet):
            items.extend(value)
        else:
            items.append(value)
    return direction.isolated_list(items)
