"""Work done outside the request: the PDFs of a closed cycle's reports."""

from django_tasks import task

from .services import report_pdfs_make


@task()
def report_pdfs_make_task(*, evaluee_ids: list[int]) -> None:
    """Make and keep the PDF of each report as its leader sees it (the arguments hold only ids)."""
    report_pdfs_make(evaluee_ids=evaluee_ids)
