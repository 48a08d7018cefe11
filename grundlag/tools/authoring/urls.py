from django.urls import path

from . import views

# Under "local/": no tool's key is "local" (services._key_refusal), so these come before a tool's pages.
urlpatterns = [
    path("local/", views.authoring, name="authoring"),
    path("local/new/", views.authoring_new, name="authoring_new"),
    path("local/variant/", views.authoring_variant, name="authoring_variant"),
    path("local/<slug:key>/drafts/", views.authoring_draft_create, name="authoring_draft_create"),
    path("local/<slug:key>/v<int:number>/", views.authoring_edit, name="authoring_edit"),
    path("local/<slug:key>/v<int:number>/preview/", views.authoring_preview, name="authoring_preview"),
    path("local/<slug:key>/v<int:number>/publish/", views.authoring_publish, name="authoring_publish"),
    path("local/<slug:key>/v<int:number>/delete/", views.authoring_delete, name="authoring_delete"),
]
