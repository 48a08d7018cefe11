from django.urls import path

from . import views

urlpatterns = [
    path("library/", views.library, name="library"),
    path("library/documents/<int:pk>/", views.place, name="library_place"),
]
