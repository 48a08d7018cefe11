"""Units, people and posts, read-only, under the same rules as the organisation pages."""

import datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from grundlag.organisation.models import Person, Post, Unit
from grundlag.organisation.selectors import (
    people_with_posts_for_user,
    person_get_for_user,
    post_get_for_user,
    posts_for_user,
    today,
    unit_ancestors,
    unit_child_count,
    unit_get_for_user,
    units_for_user,
)

from .common import (
    NO_NUL,
    OBJECT_ERRORS,
    PAGE_ERRORS,
    READ_ERRORS,
    Day,
    Id,
    Pagination,
    api_audit,
    api_user,
    id_path,
)

router = Router(tags=["organisation"])

ON_DESCRIPTION = "Only what is active on this day (ISO 8601 date); today when left out."


# --- Schemas -------------------------------------------------------------------------------------


class UnitOut(Schema):
    id: int
    key: str = Field(description="The unit's identifier in its source.")
    source: str
    name: str
    kind: str
    parent: int | None = Field(description="The parent unit's id; null at the top.")
    start_date: datetime.date | None
    end_date: datetime.date | None

    @staticmethod
    def resolve_parent(unit: Unit) -> int | None:
        return unit.parent_id


class UnitDetailOut(UnitOut):
    path: list[int] = Field(description="The ids of the units above, top first.")
    child_count: int = Field(description="Units directly below that are active today.")

    @staticmethod
    def resolve_path(unit: Unit) -> list[int]:
        return [ancestor.pk for ancestor in unit_ancestors(unit=unit)]

    @staticmethod
    def resolve_child_count(unit: Unit) -> int:
        return unit_child_count(unit=unit)


class PostLevelOut(Schema):
    id: int
    key: str
    name: str


class PostOut(Schema):
    id: int
    person: int
    unit: int
    title: str
    level: PostLevelOut | None = Field(
        description="The leadership level; null for a post that is not leadership."
    )
    manager: int | None = Field(description="The manager's person id.")
    start_date: datetime.date | None
    end_date: datetime.date | None
    is_leadership: bool

    @staticmethod
    def resolve_person(post: Post) -> int:
        return post.person_id

    @staticmethod
    def resolve_unit(post: Post) -> int:
        return post.unit_id

    @staticmethod
    def resolve_manager(post: Post) -> int | None:
        return post.manager_id

    @staticmethod
    def resolve_is_leadership(post: Post) -> bool:
        return post.is_leadership_post


class PersonOut(Schema):
    id: int
    key: str = Field(description="The person's identifier in its source.")
    source: str
    name: str
    email: str
    language: str


class PersonDetailOut(PersonOut):
    posts: list[PostOut] = Field(description="All of the person's posts, past ones included.")

    @staticmethod
    def resolve_posts(person: Person) -> list[Post]:
        return list(person.posts.select_related("level").order_by("start_date", "id"))


class UnitFilters(Schema):
    parent: Id | None = Field(None, description="Only units directly below this unit.")
    kind: str | None = Field(None, max_length=100, pattern=NO_NUL, description="Only units of this kind.")
    q: str | None = Field(None, max_length=200, pattern=NO_NUL, description="Name contains (any case).")
    on: Day | None = Field(None, description=ON_DESCRIPTION)


class PersonFilters(Schema):
    unit: Id | None = Field(None, description="Only people with a post in this unit.")
    on: Day | None = Field(
        None, description="Only people with a post active on this day; today when left out."
    )


class PostFilters(Schema):
    unit: Id | None = Field(None, description="Only posts in this unit.")
    person: Id | None = Field(None, description="Only this person's posts.")
    leadership: bool | None = Field(None, description="true: only leadership posts; false: only the others.")
    on: Day | None = Field(None, description=ON_DESCRIPTION)


# --- Units ---------------------------------------------------------------------------------------


@router.get(
    "/units", response={200: list[UnitOut], **PAGE_ERRORS}, url_name="unit_list", operation_id="unit_list"
)
@paginate(Pagination)
def unit_list(request: HttpRequest, filters: Query[UnitFilters]):
    """Units active on a day, for administrators and leaders."""
    return units_for_user(
        user=api_user(request),
        on=filters.on or today(),
        parent=filters.parent,
        kind=filters.kind or "",
        query=filters.q or "",
    )


@router.get(
    "/units/{unit_id}",
    response={200: UnitDetailOut, **OBJECT_ERRORS},
    url_name="unit_detail",
    operation_id="unit_detail",
)
def unit_detail(request: HttpRequest, unit_id: int = id_path("The unit's id.")):
    """One unit with where it sits in the tree."""
    return unit_get_for_user(user=api_user(request), pk=unit_id)


# --- People --------------------------------------------------------------------------------------


@router.get(
    "/people",
    response={200: list[PersonOut], **READ_ERRORS},
    url_name="person_list",
    operation_id="person_list",
)
@paginate(Pagination, audit_action="api.person.list")
def person_list(request: HttpRequest, filters: Query[PersonFilters]):
    """The people the caller may see (who that is follows today's chain) with a post active on a day."""
    return people_with_posts_for_user(user=api_user(request), on=filters.on or today(), unit=filters.unit)


@router.get(
    "/people/{person_id}",
    response={200: PersonDetailOut, **OBJECT_ERRORS},
    url_name="person_detail",
    operation_id="person_detail",
)
def person_detail(request: HttpRequest, person_id: int = id_path("The person's id.")):
    """One person the caller may see, with their posts; anyone else is not found."""
    person = person_get_for_user(user=api_user(request), pk=person_id)
    api_audit(request, action="api.person.view", obj=person)
    return person


# --- Posts ---------------------------------------------------------------------------------------


@router.get(
    "/posts", response={200: list[PostOut], **READ_ERRORS}, url_name="post_list", operation_id="post_list"
)
@paginate(Pagination, audit_action="api.post.list")
def post_list(request: HttpRequest, filters: Query[PostFilters]):
    """Posts active on a day, of the people the caller may see."""
    return posts_for_user(
        user=api_user(request),
        on=filters.on or today(),
        unit=filters.unit,
        person=filters.person,
        leadership=filters.leadership,
    )


@router.get(
    "/posts/{post_id}",
    response={200: PostOut, **OBJECT_ERRORS},
    url_name="post_detail",
    operation_id="post_detail",
)
def post_detail(request: HttpRequest, post_id: int = id_path("The post's id.")):
    """One post of a person the caller may see; any other is not found."""
    post = post_get_for_user(user=api_user(request), pk=post_id)
    api_audit(request, action="api.post.view", obj=post)
    return post
