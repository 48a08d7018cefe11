from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("accounts/people/<int:pk>/invite/", views.person_invite, name="person_invite"),
    path("accounts/people/<int:pk>/export/", views.person_export, name="person_export"),
    path("accounts/people/<int:pk>/erase/", views.person_erase, name="person_erase"),
    path("accounts/users/", views.users_list, name="users"),
    path("accounts/users/<int:pk>/role/", views.user_role, name="user_role"),
    path("accounts/users/<int:pk>/active/", views.user_active, name="user_active"),
]
