from grundlag.networks.newsletters.formatting import format_body


def test_it_escapes_markup_and_scripts_so_nothing_written_becomes_html():
    body = format_body('<script>alert("x")</script> & <b onclick="x">fed</b>')
    assert "<script>" not in body.html and "<b " not in body.html
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b onclick=&quot;x&quot;&gt;" in body.html
    )
    assert body.text == '<script>alert("x")</script> & <b onclick="x">fed</b>'


def test_a_blank_line_starts_a_paragraph_and_a_single_line_break_is_kept():
    body = format_body("Kære alle,\nvelkommen.\n\n\n  \nVenlig hilsen\r\nDorte")
    assert body.html == "<p>Kære alle,<br>velkommen.</p>\n<p>Venlig hilsen<br>Dorte</p>"
    assert body.text == "Kære alle,\nvelkommen.\n\nVenlig hilsen\nDorte"


def test_lines_starting_with_a_dash_and_a_space_are_a_bullet_list():
    body = format_body("Program:\n- Kaffe\n- Oplæg om *data*\nVel mødt\n\n-ikke en punkt")
    assert body.html == (
        "<p>Program:</p>\n<ul><li>Kaffe</li><li>Oplæg om <em>data</em></li></ul>\n<p>Vel mødt</p>\n"
        "<p>-ikke en punkt</p>"
    )
    assert body.text == "Program:\n- Kaffe\n- Oplæg om *data*\nVel mødt\n\n-ikke en punkt"


def test_words_between_stars_are_emphasised_and_a_lone_star_is_text():
    assert format_body("Det er *meget* vigtigt").html == "<p>Det er <em>meget</em> vigtigt</p>"
    assert format_body("2 * 3 = 6 og * alene").html == "<p>2 * 3 = 6 og * alene</p>"
    assert format_body("*<i>x</i>*").html == "<p><em>&lt;i&gt;x&lt;/i&gt;</em></p>"


def test_web_addresses_become_links_without_the_sentence_punctuation():
    body = format_body("Læs mere på https://bupl.dk/ledere?a=1&b=2. Eller (http://example.dk).")
    assert body.html == (
        '<p>Læs mere på <a href="https://bupl.dk/ledere?a=1&amp;b=2">https://bupl.dk/ledere?a=1&amp;b=2</a>. '
        'Eller (<a href="http://example.dk">http://example.dk</a>).</p>'
    )


def test_only_http_addresses_are_links_and_an_address_cannot_break_out_of_its_attribute():
    body = format_body('javascript:alert(1) https://x.dk/"onmouseover="alert(1) data:text/html,<x>')
    assert body.html.count("<a ") == 1
    assert 'href="https://x.dk/"' in body.html
    assert "javascript:alert(1)" in body.html and 'href="javascript' not in body.html
    assert "<x>" not in body.html


def test_an_emphasised_link_and_an_empty_text():
    assert format_body("*https://x.dk*").html == '<p>*<a href="https://x.dk">https://x.dk</a>*</p>'
    assert format_body("  \n\n ").html == "" and format_body("").text == ""
