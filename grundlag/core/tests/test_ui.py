"""The shared page furniture: table scroll regions, the language of content, icons, header and footer."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from grundlag.core.templatetags.ui import content_lang

ROOT = Path(__file__).resolve().parents[3]


def render(source: str, **context) -> str:
    return Template("{% load ui %}" + source).render(Context(context))


def test_it_wraps_a_table_in_a_region_a_keyboard_can_reach_named_by_its_caption():
    html = render(
        "{% table_scroll %}<table><caption>Mean <b>score</b></caption></table>{% endtable_scroll %}"
    )
    assert html.startswith(
        '<div class="table--responsive-scroll grundlag-table-scroll" tabindex="0" role="region"'
    )
    assert 'aria-label="Mean score"' in html
    assert html.endswith("</table></div>")


def test_it_names_a_table_region_by_the_label_given():
    with translation.override("en"):
        html = render(
            '{% table_scroll _("Trend table") %}<table><caption>x</caption></table>{% endtable_scroll %}'
        )
    assert 'aria-label="Trend table"' in html


def test_every_table_of_every_page_is_in_the_one_scroll_wrapper():
    unwrapped = []
    templates = [*ROOT.glob("templates/**/*.html"), *ROOT.glob("grundlag/*/templates/**/*.html")]
    for path in templates:
        if path.name.endswith("_document.html"):  # printed documents (PDF) do not scroll
            continue
        text = path.read_text()
        assert "table--responsive-scroll" not in text, f"{path}: use {{% table_scroll %}}"
        for match in re.finditer(r"<table\b", text):
            opened = text.count("{% table_scroll", 0, match.start())
            closed = text.count("{% endtable_scroll %}", 0, match.start())
            if opened <= closed:
                unwrapped.append(f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, match.start()) + 1}")
    assert not unwrapped


def test_it_marks_danish_content_on_an_english_page_and_leaves_a_danish_page_alone():
    with translation.override("en"):
        assert content_lang("Ledelse") == '<span lang="da">Ledelse</span>'
        assert content_lang(mark_safe("<p>Ledelse</p>")) == '<div lang="da"><p>Ledelse</p></div>'
        assert content_lang("<b>") == '<span lang="da">&lt;b&gt;</span>'
        assert render("<p{% content_lang_attr %}>x</p>") == '<p lang="da">x</p>'
    with translation.override("da"):
        assert content_lang("Ledelse") == "Ledelse"
        assert render("<p{% content_lang_attr %}>x</p>") == "<p>x</p>"


@pytest.mark.django_db
def test_it_marks_the_foundations_danish_text_on_english_framework_pages(client, builtin_frameworks):
    version = builtin_frameworks["aarhus-boern-og-unge"]
    url = reverse("frameworks:version", args=[version.framework.slug, version.number])
    english = client.get("/en" + url if not url.startswith("/en/") else url).content.decode()
    translation.activate("da")
    danish = client.get(url).content.decode()
    assert f'<h1><span lang="da">{version.framework.name}</span></h1>' in english
    assert 'lang="da"' in english.split("<main", 1)[1]
    assert 'lang="da"' not in danish.split("<main", 1)[1]


def test_the_design_systems_icon_sprite_is_a_static_file():
    assert finders.find("dkfds/img/all-svg-icons.svg")
    html = render('{% icon "chevron-right" %}')
    assert '<use href="/static/dkfds/img/all-svg-icons.svg#chevron-right">' in html
    assert 'aria-hidden="true"' in html


@pytest.mark.django_db
def test_breadcrumbs_and_info_boxes_carry_the_design_systems_icons(client, builtin_frameworks):
    version = builtin_frameworks["aarhus-boern-og-unge"]
    html = client.get(reverse("frameworks:history", args=[version.framework.slug])).content.decode()
    assert "all-svg-icons.svg#chevron-right" in html


@pytest.mark.django_db
def test_the_header_shows_the_persons_name_not_the_username(lis_client):
    html = lis_client.get(reverse("frameworks:list")).content.decode()
    header = html.split("</header>", 1)[0]
    assert "Lis Leder" in header
    assert ">lis<" not in header


@pytest.mark.django_db
def test_the_header_shows_the_accounts_full_name_without_a_person(admin_client):
    header = admin_client.get(reverse("frameworks:list")).content.decode().split("</header>", 1)[0]
    assert "Anne Admin" in header


@pytest.mark.django_db
def test_the_header_has_a_menu_button_for_a_phone(lis_client):
    header = lis_client.get(reverse("frameworks:list")).content.decode().split("</header>", 1)[0]
    assert 'aria-controls="grundlag-menu"' in header
    assert 'id="grundlag-menu"' in header
    assert "grundlag/menu.js" in html_head(lis_client)


def html_head(client) -> str:
    return client.get(reverse("frameworks:list")).content.decode().split("</head>", 1)[0]


@pytest.mark.django_db
def test_technical_links_are_shown_to_administrators_only(lis_client, admin_client, builtin_frameworks):
    version = builtin_frameworks["aarhus-boern-og-unge"]
    url = reverse("frameworks:version", args=[version.framework.slug, version.number])
    schema = reverse("frameworks:schema")
    export = reverse("frameworks:export", args=[version.framework.slug, version.number, "yaml"])
    leaders_page = lis_client.get(url).content.decode()
    admins_page = admin_client.get(url).content.decode()
    assert schema not in leaders_page and export not in leaders_page
    assert schema in admins_page and export in admins_page
    assert lis_client.get(export).status_code == 200  # the download itself stays where it was
