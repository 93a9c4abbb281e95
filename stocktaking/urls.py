from django.urls import path

from .views import participant, public

app_name = "stocktaking"
urlpatterns = [
    path("", public.search_page, name="search"),
    path("entries/<int:pk>/", public.entry_page, name="entry"),
    path("entries/<int:pk>/attachment/", public.attachment, name="attachment"),
    path("statistics/", public.statistics, name="statistics"),
    path("export.csv", public.export, {"fmt": "csv"}, name="export_csv"),
    path("export.json", public.export, {"fmt": "json"}, name="export_json"),
    path("mine/", participant.my_entries, name="mine"),
    path("mine/new/", participant.edit, name="new"),
    path("mine/<int:pk>/", participant.mine_detail, name="mine_detail"),
    path("mine/<int:pk>/edit/", participant.edit, name="edit"),
    path("mine/<int:pk>/submit/", participant.submit, name="submit"),
]
