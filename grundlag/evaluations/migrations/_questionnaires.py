"""The sealed size of each leader's questionnaire, for the migrations that seal rows (not a migration)."""

from grundlag.evaluations.responding.sealed import sealed_size


def sizes_by_evaluee(apps, evaluee_ids) -> dict[int, int]:
    """Evaluee id → the size their raters' sealed drafts and responses are padded to."""
    Evaluee = apps.get_model("evaluations", "Evaluee")
    Question = apps.get_model("evaluations", "Question")
    sizes: dict[tuple[int, str], int] = {}
    by_evaluee = {}
    wanted = set(evaluee_ids)
    # Every evaluee read and the wanted ones kept: a list of ids could pass what a query may hold.
    for pk, cycle_id, level_key in Evaluee.objects.values_list("pk", "cycle_id", "level_key").iterator():
        if pk not in wanted:
            continue
        key = (cycle_id, level_key)
        if key not in sizes:
            questions = Question.objects.filter(cycle_id=cycle_id, level_key__in=["", level_key])
            sizes[key] = sealed_size(list(questions.values_list("kind", flat=True)))
        by_evaluee[pk] = sizes[key]
    return by_evaluee
