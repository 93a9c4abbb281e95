"""The page behind the "stop these reminders" link: a GET asks, a POST records (link previews never do)."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from . import services


@require_http_methods(["GET", "POST"])
def opt_out(request, token):
    named = services.read_opt_out_token(token)
    if named is None:
        raise Http404
    email, rule = named
    done = request.method == "POST"
    if done:
        services.opt_out(email, rule.key)
    return render(request, "reminders/opt_out.html", {"email": email, "rule": rule, "done": done})
