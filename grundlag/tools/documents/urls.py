from django.urls import path

from . import views

urlpatterns = [
    path("", views.toolbox, name="toolbox"),
    path("documents/", views.documents, name="documents"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("documents/<int:pk>/share/", views.document_share, name="share"),
    path("documents/<int:pk>/history/", views.document_history, name="history"),
    path("documents/<int:pk>/delete/", views.document_delete, name="delete"),
    path("documents/<int:pk>/foundation/", views.document_foundation, name="foundation"),
    path("documents/<int:pk>/pdf/", views.document_pdf, name="pdf"),
    path("documents/<int:pk>/docx/", views.document_docx, name="docx"),
]

# Last: a tool by its key (any sub-package's own paths come before these).
tool_urlpatterns = [
    path("<slug:key>/", views.tool, name="tool"),
    path("<slug:key>/start/", views.tool_start, name="start"),
]
