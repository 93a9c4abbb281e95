"""The secretariat's screens for stakeholders, organisations, focal points and Member States."""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from wsis_portal.lifecycle.audit import AuditedModelAdmin, record
from wsis_portal.lifecycle.models import AuditEntry

from . import services
from .forms import AdminPasswordForm
from .member_states import countries_named
from .models import FocalPoint, MemberState, Organisation, User


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):
    change_password_form = AdminPasswordForm
    ordering = ("email",)
    list_display = (
        "email",
        "full_name",
        "stakeholder_type",
        "organisation",
        "country",
        "is_staff",
        "date_joined",
    )
    list_filter = ("stakeholder_type", "is_staff", "groups", "preferred_language", "is_active", "country")
    list_select_related = ("organisation",)
    search_fields = ("email", "full_name", "organisation__name")
    autocomplete_fields = ("organisation", "member_state")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Profile"),
            {
                "fields": (
                    "full_name",
                    "job_title",
                    "stakeholder_type",
                    "organisation",
                    "country",
                    "preferred_language",
                    "time_zone",
                )
            },
        ),
        (_("High-level track"), {"fields": ("member_state",)}),
        (_("Roles and access"), {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    readonly_fields = ("last_login", "date_joined")
    filter_horizontal = ("groups",)

    def has_change_permission(self, request, obj=None):
        # Staff accounts (and their passwords) are an administrator's business, not the secretariat's.
        if obj is not None and obj.is_staff and not request.user.is_superuser and obj != request.user:
            return False
        return super().has_change_permission(request, obj)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            user = self.get_object(request, id)
            record(request.user, AuditEntry.Action.CHANGED, user, {"password": ("***", "***")})
        return response

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            # Only an administrator hands out roles and staff access.
            fields += ["is_staff", "is_superuser", "groups"]
        return fields


@admin.register(Organisation)
class OrganisationAdmin(AuditedModelAdmin):
    list_display = ("name", "acronym", "stakeholder_type", "country", "is_verified", "focal_point_count")
    list_filter = ("is_verified", "stakeholder_type", "country")
    search_fields = ("name", "acronym")
    readonly_fields = ("proposed_by", "created_at")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(focal_point_count=Count("focal_points"))

    @admin.display(description=_("focal points"), ordering="focal_point_count")
    def focal_point_count(self, organisation):
        return organisation.focal_point_count


def _decide_selected(modeladmin, request, queryset, service, done_message, skipped_message=None):
    # Read the selection once, before deciding: a filtered list (e.g. status=pending) no longer matches
    # the rows once they are decided, so counting the queryset afterwards would give a wrong total.
    selected = list(queryset.select_related("user", "organisation"))
    done = sum(1 for focal_point in selected if service(focal_point, request.user))
    skipped = len(selected) - done
    modeladmin.message_user(request, done_message(done), messages.SUCCESS)
    if skipped:
        skipped_message = skipped_message or (
            lambda n: (
                ngettext(
                    "%(count)d request was already decided and was left as it was.",
                    "%(count)d requests were already decided and were left as they were.",
                    n,
                )
                % {"count": n}
            )
        )
        modeladmin.message_user(request, skipped_message(skipped), messages.WARNING)


@admin.register(FocalPoint)
class FocalPointAdmin(AuditedModelAdmin):
    list_display = ("user", "organisation", "organisation_type", "status", "requested_at", "decided_at")
    list_filter = ("status", "organisation__stakeholder_type", "organisation__country", "requested_at")
    list_select_related = ("user", "organisation")
    search_fields = ("user__email", "user__full_name", "organisation__name", "organisation__acronym")
    readonly_fields = (
        "user",
        "organisation",
        "status",
        "motivation",
        "requested_at",
        "decided_at",
        "decided_by",
        "decision_note",
        "withdrawn_at",
        "withdrawn_by",
    )
    actions = ("confirm_selected", "decline_selected", "withdraw_selected")

    @admin.display(description=_("stakeholder type"), ordering="organisation__stakeholder_type")
    def organisation_type(self, focal_point):
        return focal_point.organisation.get_stakeholder_type_display()

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Confirm the selected focal points"), permissions=["change"])
    def confirm_selected(self, request, queryset):
        _decide_selected(
            self,
            request,
            queryset,
            services.confirm_focal_point,
            lambda n: (
                ngettext("%(count)d focal point confirmed.", "%(count)d focal points confirmed.", n)
                % {"count": n}
            ),
        )

    @admin.action(description=_("Decline the selected focal points"), permissions=["change"])
    def decline_selected(self, request, queryset):
        _decide_selected(
            self,
            request,
            queryset,
            services.decline_focal_point,
            lambda n: (
                ngettext("%(count)d focal point declined.", "%(count)d focal points declined.", n)
                % {"count": n}
            ),
        )

    @admin.action(
        description=_("Withdraw the confirmation of the selected focal points"), permissions=["change"]
    )
    def withdraw_selected(self, request, queryset):
        _decide_selected(
            self,
            request,
            queryset,
            services.withdraw_focal_point,
            lambda n: (
                ngettext("%(count)d confirmation withdrawn.", "%(count)d confirmations withdrawn.", n)
                % {"count": n}
            ),
            lambda n: (
                ngettext(
                    "%(count)d focal point was not confirmed and was left as it was.",
                    "%(count)d focal points were not confirmed and were left as they were.",
                    n,
                )
                % {"count": n}
            ),
        )


class HasMinisterFilter(admin.SimpleListFilter):
    title = _("minister named")
    parameter_name = "has_minister"

    def lookups(self, request, model_admin):
        return (("yes", _("Yes")), ("no", _("No")))

    def queryset(self, request, queryset):
        # Translated fields are NULL where nothing was ever entered.
        unnamed = Q(minister_name__isnull=True) | Q(minister_name="")
        if self.value() == "yes":
            return queryset.exclude(unnamed)
        if self.value() == "no":
            return queryset.filter(unnamed)
        return queryset


@admin.register(MemberState)
class MemberStateAdmin(AuditedModelAdmin, TranslationAdmin):
    list_display = ("country", "minister_name", "ministry_name", "minister_gender", "protocol_office_email")
    list_filter = (HasMinisterFilter, "minister_gender")
    search_fields = (
        "country",
        "minister_name_en",
        "minister_name_ar",
        "ministry_name_en",
        "ministry_name_ar",
    )
    readonly_fields = ("country",)

    def get_search_results(self, request, queryset, search_term):
        # The country is stored as its code: its name, in the officer's language, is searched too.
        found, duplicates = super().get_search_results(request, queryset, search_term)
        named = countries_named(search_term)
        if named:
            found = found | queryset.filter(country__in=named)
        return found, duplicates

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
