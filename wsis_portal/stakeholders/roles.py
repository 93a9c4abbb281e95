"""Roles as groups, with their permissions kept in code and synced after every migrate."""

from enum import Enum

from django.utils.translation import gettext_lazy as _

# app label → model → actions granted; everything else is refused. Reviewing (changing the state of) a
# submission is the "change" permission of its model; the services check it.
SECRETARIAT_PERMISSIONS = {
    "stakeholders": {
        "user": ("view", "change"),
        "organisation": ("view", "add", "change", "delete"),
        "focalpoint": ("view", "change"),
        "memberstate": ("view", "change"),
    },
    "editions": {
        "edition": ("view", "add", "change"),
        "phase": ("view", "add", "change", "delete"),
        "actionline": ("view",),
        "sustainabledevelopmentgoal": ("view",),
        "gdcobjective": ("view",),
    },
    "lifecycle": {"auditentry": ("view",)},
    "mail": {"outboundmail": ("view",)},
    # change: review; add: import legacy entries.
    "stocktaking": {"entry": ("view", "change", "add")},
    # The consultation, its meetings and topics are the secretariat's to write; what stakeholders send is
    # theirs (change: review).
    "consultations": {
        "consultation": ("view", "add", "change"),
        "meeting": ("view", "add", "change", "delete"),
        "topic": ("view", "add", "change"),
        "contribution": ("view", "change"),
        "workshoprequest": ("view", "change"),
        "speaker": ("view",),
        "facilitatornomination": ("view", "change"),
    },
    "letters": {
        "circularletter": ("view", "add", "change", "delete"),
        "letterpdf": ("view",),
        # add: start personalising a letter; change: retry a failed copy.
        "letterbatch": ("view", "add"),
        "personalletter": ("view",),
    },
    "reminders": {
        "reminderdelivery": ("view", "change"),
        "reminderrule": ("view", "change"),
        "reminderoptout": ("view",),
    },
    "forum_events": {
        "session": ("view", "add", "change", "delete"),
        "invitation": ("view", "add", "change"),
        "slotrequest": ("view", "change"),
    },
    # Projects, scores and votes are their authors'; the secretariat decides on them through the services
    # (change: nominees, winners, exclusion of a vote) and assigns the experts.
    "prizes": {
        "prizecycle": ("view", "add", "change"),
        "prizecategory": ("view",),
        "submission": ("view", "change"),
        "expertassignment": ("view", "add", "change", "delete"),
        "conflictofinterest": ("view",),
        "score": ("view",),
        "vote": ("view", "change"),
        "disposableemaildomain": ("view", "add", "change", "delete"),
        "certificate": ("view",),
    },
}


class Role(Enum):
    SECRETARIAT = ("secretariat", _("Secretariat"), SECRETARIAT_PERMISSIONS)
    REVIEWER = ("reviewer", _("Reviewer / expert"), {})

    def __init__(self, group_name, label, permissions):
        self.group_name = group_name
        self.label = label
        self.permissions = permissions

    def held_by(self, user) -> bool:
        if not user.is_authenticated:
            return False
        cache = getattr(user, "_role_names", None)
        if cache is None:
            cache = set(user.groups.values_list("name", flat=True))
            user._role_names = cache
        return self.group_name in cache


def sync_roles(sender=None, using="default", **kwargs):
    """Create the role groups and give them exactly the permissions above (idempotent)."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    if sender is not None and sender.label != "stakeholders":
        return
    # Permissions of apps migrated after this one do not exist yet at this point of post_migrate.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    for role in Role:
        group, _created = Group.objects.using(using).get_or_create(name=role.group_name)
        wanted = []
        for app_label, models in role.permissions.items():
            if app_label not in {config.label for config in apps.get_app_configs()}:
                continue
            for model, actions in models.items():
                codenames = [f"{action}_{model}" for action in actions]
                wanted.extend(
                    Permission.objects.using(using).filter(
                        content_type__app_label=app_label, codename__in=codenames
                    )
                )
        group.permissions.set(wanted)
