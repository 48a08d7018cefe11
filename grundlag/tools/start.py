"""What the toolbox puts on the start page: the documents a person last worked on or that are shared with
them, with who owns those that are not theirs. Nothing for someone without any."""

from django.contrib.auth.models import AnonymousUser, User

from grundlag.core.start import StartSection, start_sections

from .documents.selectors import tool_documents_at_start_for_user


@start_sections
def tools_start_sections(*, user: User | AnonymousUser) -> list[StartSection]:
    documents = tool_documents_at_start_for_user(user=user)
    if not documents:
        return []
    return [StartSection(template="tools/_start_documents.html", context={"documents": documents}, order=60)]
