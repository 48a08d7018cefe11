"""What the talent pipeline puts on the start page: a nomination waiting for the nominee's answer, a talent's
self-reflection, decision or next practice assignment, and the conversations and assessments waiting for the
nearest leader or the mentor."""

from django.contrib.auth.models import AnonymousUser, User

from grundlag.core.start import StartSection, start_sections

from .selectors import talent_start_for_user


@start_sections
def talent_start_sections(*, user: User | AnonymousUser) -> list[StartSection]:
    """The pipeline's next steps for the signed-in person; nothing for anyone it asks nothing of."""
    start = talent_start_for_user(user=user)
    if not start:
        return []
    return [StartSection(template="talent/_start_talent.html", context={"talent_start": start}, order=38)]
