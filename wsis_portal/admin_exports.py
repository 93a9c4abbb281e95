"""The secretariat's lists exported as CSV or XLSX from the admin: the selected rows (two actions) and the
whole list as filtered and searched on the change list (``export/<fmt>/`` with the same query string). An
admin names only what is its own: the columns, the row function, the file name and the sheet name."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path

from . import exports as tables


def export_actions(csv_description, xlsx_description):
    """The actions ``export_csv`` and ``export_xlsx`` of an ``ExportListMixin`` admin, in its own words
    ("Export the selected entries as CSV")."""

    @admin.action(description=csv_description)
    def export_csv(modeladmin, request, queryset):
        return modeladmin.export_response(queryset, "csv")

    @admin.action(description=xlsx_description)
    def export_xlsx(modeladmin, request, queryset):
        return modeladmin.export_response(queryset, "xlsx")

    return export_csv, export_xlsx


class ExportListMixin:
    """A ModelAdmin whose rows are downloaded as a table: ``export_columns`` heads it, ``export_rows``
    gives a queryset's rows (sequences of values in that order), the file is ``<export_filename>.<fmt>``
    and an XLSX file's sheet is ``export_sheet``."""

    export_columns = ()
    export_filename = None
    export_sheet = "rows"

    def export_rows(self, queryset):
        raise NotImplementedError

    def export_response(self, queryset, fmt):
        return tables.response(
            fmt,
            self.export_columns,
            self.export_rows(queryset),
            self.export_filename,
            self.export_sheet,
        )


class ExportFilteredListMixin(ExportListMixin):
    """Adds ``export/<fmt>/`` (named ``<app>_<model>_export``): the whole list as the change list shows
    it to whoever may view it, with the same filters and search (the link repeats its query string)."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_export"
        return [
            path("export/<str:fmt>/", self.admin_site.admin_view(self.export_view), name=name),
            *super().get_urls(),
        ]

    def export_view(self, request, fmt):
        if not self.has_view_permission(request):
            raise PermissionDenied
        if fmt not in tables.FORMATS:
            raise Http404
        queryset = self.get_changelist_instance(request).get_queryset(request)
        return self.export_response(queryset, fmt)
