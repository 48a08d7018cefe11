import pytest

from grundlag.organisation.selectors import leaders_below, leaders_below_page, today

pytestmark = pytest.mark.django_db


def test_a_page_of_leaders_below_is_the_ordered_list_cut_in_pages_with_its_count(small_organisation):
    dorte = small_organisation["people"]["dorte"]
    everyone = list(leaders_below(person=dorte, on=today()))
    assert len(everyone) >= 3

    pages = [
        leaders_below_page(person=dorte, on=today(), number=number, per_page=2)
        for number in range(1, len(everyone) // 2 + 2)
    ]

    assert [post for below in pages for post in below.page.object_list] == everyone
    assert pages[0].page.paginator.count == len(everyone)
    assert pages[0].page.object_list[0].unit.name == everyone[0].unit.name  # what the page shows is read


def test_the_count_of_a_level_is_the_count_of_its_list(small_organisation):
    dorte = small_organisation["people"]["dorte"]
    level = "dagtilbuds-skole-og-fu-leder"

    below = leaders_below_page(person=dorte, on=today(), level_key=level)

    expected = list(leaders_below(person=dorte, on=today(), level_key=level))
    assert below.page.paginator.count == len(expected) == len(below.page.object_list) > 0
    assert leaders_below_page(person=dorte, on=today(), level_key="no-such-level").page.paginator.count == 0
