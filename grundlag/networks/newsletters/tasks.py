"""Work done outside the request: delivering a newsletter to the forum's members."""

from django_tasks import task

from ..models import Newsletter
from .services import newsletter_deliver


@task()
def newsletter_deliver_task(*, newsletter_id: int) -> None:
    """E-mail the newsletter to each recipient not reached yet (the arguments hold only its id)."""
    newsletter = Newsletter.objects.filter(pk=newsletter_id).first()
    if newsletter is not None:
        newsletter_deliver(newsletter=newsletter)
