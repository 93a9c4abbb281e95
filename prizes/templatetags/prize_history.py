"""``{% prize_history entry %}``: on a stocktaking entry's pages, the prize cycles its project took part in
and, for someone who can, the link to submit it for the WSIS Prizes (or to continue their draft). The
stocktaking app loads this tag and knows nothing else of the prizes."""

from django import template

from .. import stocktaking_link

register = template.Library()


@register.inclusion_tag("prizes/entry_prizes.html", takes_context=True)
def prize_history(context, entry):
    return {"prizes": stocktaking_link.for_entry(entry, context["request"].user)}
