from django.urls import path

from . import views

app_name = "letters"
urlpatterns = [
    path("", views.letter_list, name="list"),
    path("<int:pk>/<str:language>.pdf", views.letter_pdf, name="pdf"),
]
