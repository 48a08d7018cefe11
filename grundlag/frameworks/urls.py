from django.urls import path, register_converter

from . import views


class _Choice:
    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


class FormatConverter(_Choice):
    regex = "json|yaml"


class ItemKindConverter(_Choice):
    regex = "section|level|expectation|text"


class DirectionConverter(_Choice):
    regex = "up|down"


register_converter(FormatConverter, "fmt")
register_converter(ItemKindConverter, "item")
register_converter(DirectionConverter, "direction")

app_name = "frameworks"
urlpatterns = [
    path("", views.framework_list, name="list"),
    path("schema.json", views.framework_schema, name="schema"),
    path("search/", views.search, name="search"),
    path("compare/", views.frameworks_compare, name="compare"),
    path("upload/", views.framework_upload, name="upload"),
    path("<slug:slug>/", views.version_detail, name="detail"),
    path("<slug:slug>/history/", views.version_history, name="history"),
    path("<slug:slug>/drafts/", views.draft_create, name="draft_create"),
    path("<slug:slug>/v<int:number>/", views.version_detail, name="version"),
    path("<slug:slug>/v<int:number>/export.<fmt:fmt>", views.version_export, name="export"),
    path("<slug:slug>/v<int:number>/levels/compare/", views.levels_compare, name="levels_compare"),
    path("<slug:slug>/v<int:number>/levels/<slug:key>/", views.level_detail, name="level"),
    path(
        "<slug:slug>/v<int:number>/levels/<slug:key>/job-description/",
        views.job_description,
        name="job_description",
    ),
    path(
        "<slug:slug>/v<int:number>/levels/<slug:key>/job-description.pdf",
        views.job_description_pdf,
        name="job_description_pdf",
    ),
    path(
        "<slug:slug>/v<int:number>/levels/<slug:key>/job-description.docx",
        views.job_description_docx,
        name="job_description_docx",
    ),
    path("<slug:slug>/v<int:number>/edit/", views.version_edit, name="edit"),
    path("<slug:slug>/v<int:number>/edit/sections/", views.section_add, name="section_add"),
    path("<slug:slug>/v<int:number>/edit/sections/<int:pk>/", views.section_form, name="section_edit"),
    path("<slug:slug>/v<int:number>/edit/levels/", views.level_add, name="level_add"),
    path("<slug:slug>/v<int:number>/edit/levels/<int:pk>/", views.level_form, name="level_edit"),
    path(
        "<slug:slug>/v<int:number>/edit/sections/<int:section_id>/texts/",
        views.section_text_form,
        name="text_add",
    ),
    path(
        "<slug:slug>/v<int:number>/edit/sections/<int:section_id>/texts/<int:pk>/",
        views.section_text_form,
        name="text_edit",
    ),
    path(
        "<slug:slug>/v<int:number>/edit/sections/<int:section_id>/expectations/",
        views.expectation_form,
        name="expectation_add",
    ),
    path(
        "<slug:slug>/v<int:number>/edit/sections/<int:section_id>/expectations/<int:pk>/",
        views.expectation_form,
        name="expectation_edit",
    ),
    path(
        "<slug:slug>/v<int:number>/edit/<item:kind>/<int:pk>/delete/",
        views.item_delete,
        name="item_delete",
    ),
    path(
        "<slug:slug>/v<int:number>/edit/<item:kind>/<int:pk>/move/<direction:direction>/",
        views.item_move,
        name="item_move",
    ),
    path("<slug:slug>/v<int:number>/publish/", views.version_publish, name="publish"),
    path("<slug:slug>/v<int:number>/discard/", views.draft_discard, name="discard"),
]
