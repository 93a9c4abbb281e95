"""``{% asset "css/portal.css" %}``: ``{% static %}``, remembered: the layout asks for it on every page."""

from functools import lru_cache

from django import template
from django.templatetags.static import static

register = template.Library()


@register.simple_tag
@lru_cache(maxsize=64)
def asset(path):
    return static(path)
