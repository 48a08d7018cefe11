from decimal import Decimal

import pytest

from grundlag.indicators.imports.numbers import NotANumber, number_parse


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7,3", "7.3"),
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("1.234.567", "1234567"),
        ("3.51723747876448", "3.5172"),
        ("-3", "-3"),
        ("12", "12"),
        (" 4 500,25 ", "4500.25"),
    ],
)
def test_unambiguous_numbers_are_detected(text, expected):
    assert number_parse(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["2.351", "2,351"])
def test_a_single_mark_before_three_digits_is_refused_without_a_decimal_mark(text):
    with pytest.raises(NotANumber, match="decimal_mark"):
        number_parse(text)


def test_the_mapping_s_decimal_mark_decides():
    assert number_parse("2.351", decimal_mark=",") == Decimal("2351")
    assert number_parse("2.351", decimal_mark=".") == Decimal("2.351")
    assert number_parse("2,351", decimal_mark=",") == Decimal("2.351")
    assert number_parse("1.234,5", decimal_mark=",") == Decimal("1234.5")


@pytest.mark.parametrize("text", ["abc", "1.23.4", "1,2,3", "NaN", "Infinity", "1e99"])
def test_other_strings_are_not_numbers(text):
    with pytest.raises(NotANumber):
        number_parse(text)
