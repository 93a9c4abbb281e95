"""manage.py import_stocktaking FILE.csv: import legacy entries (all or nothing; bad rows reported)."""

import csv

from django.core.management.base import BaseCommand, CommandError

from stocktaking.imports import COLUMNS, import_csv


class Command(BaseCommand):
    help = f"Import legacy stocktaking entries from a UTF-8 CSV file with the columns: {', '.join(COLUMNS)}."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, path, **options):
        try:
            with open(path, encoding="utf-8-sig", newline="") as handle:
                report = import_csv(csv.DictReader(handle))
        except UnicodeDecodeError:
            raise CommandError(
                "The file is not UTF-8 text: save it as “CSV UTF-8”; nothing was imported."
            ) from None
        except OSError as error:
            raise CommandError(str(error)) from None
        for line, message in report.errors:
            self.stderr.write(f"line {line}: {message}")
        if not report.ok:
            raise CommandError(f"{len(report.errors)} bad row(s); nothing was imported.")
        self.stdout.write(self.style.SUCCESS(f"{report.created} created, {report.updated} updated."))
