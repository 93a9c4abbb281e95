"""Load the demo: the 2026 and 2027 editions, organisations of each stakeholder type, ministers, accounts.

Safe to run again: every row is found by its natural key and updated, never duplicated.
"""

import importlib
import importlib.util
from datetime import date

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wsis_portal.demo import data
from wsis_portal.editions.models import Edition, Phase
from wsis_portal.editions.schedule import geneva_time
from wsis_portal.stakeholders.models import FocalPoint, MemberState, Organisation, User


class Command(BaseCommand):
    help = "Load (or refresh) the demo data of the WSIS Forum Portal."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load even when DEBUG is off.")

    @transaction.atomic
    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Refusing to load demo accounts with DEBUG off; pass --force if you mean it.")
        editions = [self.load_edition(spec, phases) for spec, phases in data.EDITIONS]
        organisations = self.load_organisations()
        self.load_ministers()
        accounts = self.load_accounts(organisations)
        self.load_processes(accounts)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {', '.join(str(edition) for edition in editions)}, "
                f"{len(organisations)} organisations, "
                f"{len(data.MINISTERS)} ministers, {len(data.ACCOUNTS)} accounts "
                f"(password: {data.DEMO_PASSWORD})."
            )
        )

    def load_edition(self, spec, phases):
        venue_en, venue_ar = spec["venue"]
        edition, _ = Edition.objects.update_or_create(
            year=spec["year"],
            defaults={
                "starts_on": date(*spec["starts_on"]),
                "ends_on": date(*spec["ends_on"]),
                "venue": venue_en,
                "venue_en": venue_en,
                "venue_ar": venue_ar,
                "is_hybrid": spec["is_hybrid"],
            },
        )
        for process, key, english, arabic, opens, closes in phases:
            Phase.objects.update_or_create(
                edition=edition,
                process=process,
                key=key,
                defaults={
                    "name": english,
                    "name_en": english,
                    "name_ar": arabic,
                    "opens_at": geneva_time(*opens),
                    "closes_at": geneva_time(*closes) if closes else None,
                },
            )
        return edition

    def load_organisations(self):
        organisations = {}
        for name, acronym, stakeholder_type, country in data.ORGANISATIONS:
            organisations[name], _ = Organisation.objects.update_or_create(
                name=name,
                country=country,
                defaults={
                    "acronym": acronym,
                    "stakeholder_type": stakeholder_type,
                    "is_verified": True,
                    "website": f"https://example.org/{(acronym or name).lower().replace(' ', '-')}",
                },
            )
        return organisations

    def load_ministers(self):
        for code, (
            ministry_en,
            ministry_ar,
            name_en,
            name_ar,
            title_en,
            title_ar,
            gender,
        ) in data.MINISTERS.items():
            MemberState.objects.filter(country=code).update(
                ministry_name=ministry_en,
                ministry_name_en=ministry_en,
                ministry_name_ar=ministry_ar,
                minister_name=name_en,
                minister_name_en=name_en,
                minister_name_ar=name_ar,
                minister_title=title_en,
                minister_title_en=title_en,
                minister_title_ar=title_ar,
                minister_gender=gender,
                minister_email=f"minister.{code.lower()}@example.org",
                protocol_office_email=f"protocol.{code.lower()}@example.org",
                protocol_office_phone="+41 22 000 00 00",
            )

    def load_accounts(self, organisations):
        for email, (
            full_name,
            groups,
            is_staff,
            stakeholder_type,
            organisation,
            country,
        ) in data.ACCOUNTS.items():
            user, created = User.objects.update_or_create(
                email=email,
                defaults={
                    "full_name": full_name,
                    "is_staff": is_staff,
                    "stakeholder_type": stakeholder_type,
                    "organisation": organisations[organisation],
                    "country": country,
                },
            )
            if created:
                user.set_password(data.DEMO_PASSWORD)
                user.save(update_fields=["password"])
            user.groups.set(Group.objects.filter(name__in=groups))
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
        # The demo stakeholder acts for two organisations (its forms offer both, and its own name where a
        # process allows it) and waits for the secretariat on a third, so the confirmation is seen at work.
        accounts = {user.email: user for user in User.objects.filter(email__in=data.ACCOUNTS)}
        stakeholder = accounts["stakeholder@example.org"]
        secretariat = accounts["secretariat@example.org"]
        for name, status, motivation in data.DEMO_FOCAL_POINTS:
            # Confirmed in 2024, before anything the demo files for them, so all of it was filed by a
            # confirmed focal point.
            decided = {"decided_at": geneva_time(2024, 9, 2, 10), "decided_by": secretariat}
            if status == FocalPoint.Status.PENDING:
                decided = {}
            FocalPoint.objects.get_or_create(
                user=stakeholder,
                organisation=organisations[name],
                defaults={"status": status, "motivation": motivation, **decided},
            )
        return accounts

    def load_processes(self, accounts):
        """Each installed process app with a ``demo`` module loads its own demo data."""
        for config in apps.get_app_configs():
            if (
                config.name.startswith("wsis_portal")
                or importlib.util.find_spec(f"{config.name}.demo") is None
            ):
                continue
            importlib.import_module(f"{config.name}.demo").load(accounts)
