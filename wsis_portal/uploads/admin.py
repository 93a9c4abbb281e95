"""Files in private storage, in the admin: they have no public address, so an admin that shows them names
them in ``private_files`` and gets a download for each (``<pk>/<field>/``, named
``<app>_<model>_<field>``) that checks the view permission, a file input that links to it, and a
read-only value that links to it."""

from dataclasses import dataclass
from functools import partial

from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import PermissionDenied
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html


def download_url(stored):
    """The admin's download of ``stored`` (a model's FieldFile in private storage)."""
    meta = stored.instance._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{stored.field.name}", args=[stored.instance.pk])


def download_link(stored):
    """A read-only value: the stored file's name, linked to its download; a dash when there is none."""
    if not stored:
        return "—"
    return format_html('<a href="{}">{}</a>', download_url(stored), stored.name.rsplit("/", 1)[-1])


@dataclass(frozen=True)
class StoredFile:
    """What the file input shows of a stored file: its name, linked to ``url``."""

    name: str
    url: str

    def __str__(self):
        return self.name


class PrivateFileInput(AdminFileWidget):
    """The admin's file input for a file in private storage: the stored file links to its download."""

    def is_initial(self, value):
        return isinstance(value, FieldFile) and bool(value) and value.instance.pk is not None

    def format_value(self, value):
        return StoredFile(value.name, download_url(value)) if self.is_initial(value) else None


class PrivateFilesAdminMixin:
    """A ModelAdmin whose ``private_files`` (field names) are downloaded through the admin, by whoever may
    view the objects; ``private_file_name`` names the download."""

    private_files = ()

    def private_file_name(self, obj, field):
        return getattr(obj, field).name.rsplit("/", 1)[-1]

    def get_urls(self):
        meta = self.opts
        return [
            *(
                path(
                    f"<int:pk>/{field}/",
                    self.admin_site.admin_view(partial(self.private_file_view, field=field)),
                    name=f"{meta.app_label}_{meta.model_name}_{field}",
                )
                for field in self.private_files
            ),
            *super().get_urls(),
        ]

    def private_file_view(self, request, pk, field):
        if not self.has_view_permission(request):
            raise PermissionDenied
        obj = get_object_or_404(self.model, pk=pk)
        stored = getattr(obj, field)
        if not stored:
            raise Http404
        return FileResponse(
            stored.open("rb"), as_attachment=True, filename=self.private_file_name(obj, field)
        )
