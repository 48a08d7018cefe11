"""What the foundations put on the start page: for those who author them, the drafts not yet published."""

from django.contrib.auth.models import AnonymousUser, User

from grundlag.core.start import StartSection, start_sections

from .models import FrameworkVersion


def drafts_for_user(*, user: User | AnonymousUser) -> list[FrameworkVersion]:
    """The draft versions an author may go on with, oldest first; nothing for anyone who may not author."""
    if not user.has_perm("frameworks.author"):
        return []
    return list(
        FrameworkVersion.objects.filter(status=FrameworkVersion.Status.DRAFT)
        .select_related("framework")
        .order_by("created_at", "pk")
    )


@start_sections
def frameworks_start_sections(*, user: User | AnonymousUser) -> list[StartSection]:
    """The drafts awaiting publication, for an author who has any."""
    drafts = drafts_for_user(user=user)
    if not drafts:
        return []
    return [StartSection(template="frameworks/_start_drafts.html", context={"drafts": drafts}, order=45)]
