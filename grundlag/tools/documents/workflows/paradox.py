"""The paradox model on the Competing Values Framework (Lüscher, 2012): two poles in tension, each in one of
the framework's four quadrants and named in the leader's own words, the advantages of each, a question that
draws on both, and a balanced way to go in the paradox. The diagram draws the framework with the two poles
marked on it, so the page and the PDF show the same figure."""

import textwrap
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ...models import ToolVersion
from .base import DocumentForm, Section, Text, text_field

POLES = (1, 2)
NAME_MAX_LENGTH = 100


def quadrant_names(version: ToolVersion) -> dict[str, str]:
    """Each quadrant's key and its name: its two poles' labels ("FLEKSIBEL – UDADVENDT"); the source gives
    the quadrants no other names."""
    labels = {
        pole["key"]: pole["label"] for axis in version.content.get("axes", []) for pole in axis["poles"]
    }
    return {
        quadrant["key"]: " – ".join(labels.get(pole, pole) for pole in quadrant["poles"])
        for quadrant in version.content.get("quadrants", [])
    }


def _quadrant_choices(version: ToolVersion) -> list[tuple[str, str]]:
    names = quadrant_names(version)
    return [
        (
            quadrant["key"],
            gettext("%(quadrant)s: %(values)s")
            % {"quadrant": names[quadrant["key"]], "values": "; ".join(quadrant["values"])},
        )
        for quadrant in version.content.get("quadrants", [])
    ]


class ParadoxForm(DocumentForm):
    def __init__(self, *args: Any, version: ToolVersion, **kwargs: Any):
        super().__init__(*args, version=version, **kwargs)
        fields = {field["key"]: field for field in version.content.get("fields", [])}
        for number in POLES:
            self._add_pole(number, fields.get(f"pol-{number}-fordele"))
        if "spoergsmaal" in fields:
            self.fields["spoergsmaal"] = text_field(label=fields["spoergsmaal"]["label"])
        way = fields.get("balanceret-vej") or {"label": "", "questions": []}
        for question in way["questions"]:
            self.fields[question["key"]] = text_field(
                label=_("%(heading)s – %(question)s")
                % {"heading": way["label"], "question": question["text"]}
            )

    def _add_pole(self, number: int, advantages: dict[str, Any] | None) -> None:
        """One pole: the quadrant it lies in, its name in the leader's own words and its advantages."""
        quadrant = forms.ChoiceField(
            label=_("Pole %(number)s: the quadrant it lies in") % {"number": number},
            choices=_quadrant_choices(self.version),
            widget=forms.RadioSelect,
        )
        quadrant.error_messages["required"] = _("Pole %(number)s: choose the quadrant the pole lies in.") % {
            "number": number
        }
        name = forms.CharField(
            label=_("Pole %(number)s in your own words") % {"number": number},
            help_text=_("For example one of the quadrant's values, or a word of your own."),
            max_length=NAME_MAX_LENGTH,
            widget=forms.TextInput(attrs={"class": "form-input"}),
        )
        name.error_messages["required"] = _("Pole %(number)s: name the pole in your own words.") % {
            "number": number
        }
        self.fields[f"pole_{number}_quadrant"] = quadrant
        self.fields[f"pole_{number}_name"] = name
        if advantages is not None:
            self.fields[advantages["key"]] = text_field(
                label=_("Pole %(number)s: %(label)s") % {"number": number, "label": advantages["label"]},
                help_text=_("One a line.") if advantages.get("list") else "",
            )

    def check(self, data: dict[str, Any]) -> None:
        if data["pole_1_quadrant"] == data["pole_2_quadrant"]:
            self.add_error(
                "pole_2_quadrant",
                _(
                    "A paradox is a tension between two quadrants: choose another quadrant for pole 2 than "
                    "for pole 1."
                ),
            )

    def sections(self, data: dict[str, Any]) -> list[Section]:
        """As every tool's, but a pole's quadrant is named by its poles' labels, without its values."""
        names = quadrant_names(self.version)
        quadrant_fields = {f"pole_{number}_quadrant" for number in POLES}
        return [
            Text(section.name, section.label, names.get(data.get(section.name) or "", ""))
            if section.name in quadrant_fields
            else section
            for section in super().sections(data)
        ]

    def diagram(self, data: dict[str, Any]) -> str:
        """The Competing Values Framework as a 2×2 with each quadrant's values, the chosen poles marked."""
        return paradox_svg(version=self.version, data=data)


# The diagram. Sizes are in the viewBox's units. Its width is 100 % and its height fixed at SIZE of the
# viewBox's: on a wide screen it is drawn at that size (its text 12 px) instead of swelling to the page's
# width; on a narrow one it shrinks to fit (its text 11.4 px on a 375 px phone, with little room left below).
WIDTH = 392
SIZE = 0.92
BAND = 22  # the bands outside the quadrants that hold the axes' labels
GAP = 8
PAD = 8
FONT = 13
LINE = 17
STRIP = 34  # the strip at each quadrant's inner edge that holds a pole's badge and the line between poles
QUADRANT = (WIDTH - 2 * BAND - GAP) / 2
# What a line of a quadrant holds in DejaVu Sans at FONT, the widest sans-serif (a PDF's); bold: 3 fewer.
CHARACTERS = 21
MARKED, PLAIN, INK = "#0059b3", "#747474", "#1a1a1a"


@dataclass(frozen=True)
class _Line:
    text: str
    indent: int = 0
    marker: bool = False


@dataclass(frozen=True)
class _Box:
    key: str
    row: int
    column: int
    lines: list[_Line]
    poles: list[int]


def _wrapped(text: str, *, first: str = "", width: int = CHARACTERS, marker: bool = False) -> list[_Line]:
    lines = textwrap.wrap(text, width=width - len(first)) or [""]
    return [_Line(first + lines[0], marker=marker)] + [
        _Line(line, indent=10 if first else 0, marker=marker) for line in lines[1:]
    ]


def _shortened(lines: list[_Line], most: int = 3) -> list[_Line]:
    """A long pole's name cut to its first lines (the title and the page give it whole)."""
    if len(lines) <= most:
        return lines
    last = lines[most - 1]
    return [*lines[: most - 1], _Line(last.text[:-1] + "…", last.indent, last.marker)]


def _poles(data: dict[str, Any]) -> list[tuple[int, str, str]]:
    """The poles chosen in the data: number, quadrant key and name."""
    return [
        (number, data[f"pole_{number}_quadrant"], str(data.get(f"pole_{number}_name") or ""))
        for number in POLES
        if data.get(f"pole_{number}_quadrant")
    ]


def _boxes(version: ToolVersion, poles: list[tuple[int, str, str]]) -> list[_Box]:
    """The quadrants placed on the axes (the first axis vertical, its first pole at the top; the second
    horizontal, its first pole on the left), each with its lines: the poles marked in it, then its values."""
    vertical, horizontal = (axis["poles"] for axis in version.content["axes"])
    row_of = {pole["key"]: index for index, pole in enumerate(vertical)}
    column_of = {pole["key"]: index for index, pole in enumerate(horizontal)}
    boxes = []
    for quadrant in version.content["quadrants"]:
        lines: list[_Line] = []
        numbers = []
        for number, key, name in poles:
            if key == quadrant["key"]:
                numbers.append(number)
                marker = gettext("Pole %(number)s: %(name)s") % {"number": number, "name": name}
                lines += _shortened(_wrapped(marker, width=CHARACTERS - 3, marker=True))
        for value in quadrant["values"]:
            lines += _wrapped(value, first="• ")
        row = next(row_of[pole] for pole in quadrant["poles"] if pole in row_of)
        column = next(column_of[pole] for pole in quadrant["poles"] if pole in column_of)
        boxes.append(_Box(quadrant["key"], row, column, lines, numbers))
    return boxes


def _box_svg(box: _Box, x: float, y: float, height: float) -> SafeString:
    marked = bool(box.poles)
    top = y + PAD + FONT + (STRIP if box.row == 1 else 0)
    lines = format_html_join(
        "",
        '<text x="{}" y="{}"{}>{}</text>',
        (
            (
                x + PAD + line.indent,
                top + index * LINE,
                format_html(' font-weight="bold" fill="{}"', MARKED) if line.marker else "",
                line.text,
            )
            for index, line in enumerate(box.lines)
        ),
    )
    return format_html(
        '<g data-quadrant="{}"{}><rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="{}" stroke="{}" '
        'stroke-width="{}"/>{}</g>',
        box.key,
        format_html(' data-poles="{}"', " ".join(str(number) for number in box.poles)) if marked else "",
        x,
        y,
        QUADRANT,
        height,
        "#e6f0fa" if marked else "#ffffff",
        MARKED if marked else PLAIN,
        3 if marked else 1,
        lines,
    )


def _badges_svg(badges: list[tuple[int, float, float]]) -> SafeString:
    """Each pole's numbered badge at its quadrant's inner corner, and the line of tension between them."""
    line = (
        format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="3"/>',
            badges[0][1],
            badges[0][2],
            badges[1][1],
            badges[1][2],
            MARKED,
        )
        if len(badges) == 2
        else ""
    )
    circles = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="11" fill="{}"/><text x="{}" y="{}" text-anchor="middle" fill="#ffffff" '
        'font-weight="bold">{}</text>',
        ((x, y, MARKED, x, y + 4.5, number) for number, x, y in badges),
    )
    return format_html("{}{}", line, circles)


def _axes_svg(version: ToolVersion, height: float, middle: float) -> SafeString:
    vertical, horizontal = (axis["poles"] for axis in version.content["axes"])
    centre = WIDTH / 2
    return format_html(
        '<g fill="{ink}" font-weight="bold" text-anchor="middle">'
        '<line x1="{centre}" y1="{top}" x2="{centre}" y2="{bottom}" stroke="{plain}" stroke-width="2"/>'
        '<line x1="{left}" y1="{middle}" x2="{right}" y2="{middle}" stroke="{plain}" stroke-width="2"/>'
        '<text x="{centre}" y="16">{top_label}</text>'
        '<text x="{centre}" y="{bottom_text}">{bottom_label}</text>'
        '<text x="15" y="{middle}" transform="rotate(-90 15 {middle})">{left_label}</text>'
        '<text x="{right_text}" y="{middle}" transform="rotate(90 {right_text} {middle})">'
        "{right_label}</text>"
        "</g>",
        ink=INK,
        plain=PLAIN,
        centre=centre,
        top=BAND,
        bottom=height - BAND,
        left=BAND,
        right=WIDTH - BAND,
        middle=middle,
        bottom_text=height - 6,
        right_text=WIDTH - 15,
        top_label=vertical[0]["label"],
        bottom_label=vertical[1]["label"],
        left_label=horizontal[0]["label"],
        right_label=horizontal[1]["label"],
    )


def _title(version: ToolVersion, poles: list[tuple[int, str, str]]) -> str:
    names = quadrant_names(version)
    if not poles:
        return gettext("The Competing Values Framework: no poles are chosen yet.")
    chosen = "; ".join(
        gettext("pole %(number)s “%(name)s” in %(quadrant)s")
        % {"number": number, "name": name, "quadrant": names.get(key, key)}
        for number, key, name in poles
    )
    return gettext("The paradox on the Competing Values Framework: %(poles)s.") % {"poles": chosen}


def paradox_svg(*, version: ToolVersion, data: dict[str, Any]) -> str:
    """The diagram as SVG (plain SVG, every text escaped, for the page and for WeasyPrint); "" when the
    version's content has no framework of two axes and four quadrants."""
    content = version.content
    if len(content.get("axes", [])) != 2 or len(content.get("quadrants", [])) != 4:
        return ""
    poles = _poles(data)
    boxes = _boxes(version, poles)
    rows = [
        STRIP + 2 * PAD + max(len(box.lines) for box in boxes if box.row == row) * LINE - (LINE - FONT) + 3
        for row in (0, 1)
    ]
    height = BAND + rows[0] + GAP + rows[1] + BAND
    tops = [BAND, BAND + rows[0] + GAP]
    lefts = [BAND, BAND + QUADRANT + GAP]
    badges = []
    for box in boxes:
        inner_x = lefts[box.column] + (QUADRANT - 20 if box.column == 0 else 20)
        inner_y = tops[box.row] + (rows[box.row] - STRIP / 2 if box.row == 0 else STRIP / 2)
        inward = -26 if box.column == 0 else 26
        badges += [(number, inner_x + inward * index, inner_y) for index, number in enumerate(box.poles)]
    badges.sort()
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="paradox-diagram-title" '
        'viewBox="0 0 {} {}" width="100%" height="{}" preserveAspectRatio="xMinYMin meet" '
        'font-family="sans-serif" font-size="{}" fill="{}">'
        '<title id="paradox-diagram-title">{}</title>{}{}{}</svg>',
        WIDTH,
        height,
        round(height * SIZE),
        FONT,
        INK,
        _title(version, poles),
        _axes_svg(version, height, BAND + rows[0] + GAP / 2),
        format_html_join(
            "", "{}", ((_box_svg(box, lefts[box.column], tops[box.row], rows[box.row]),) for box in boxes)
        ),
        _badges_svg(badges),
    )
