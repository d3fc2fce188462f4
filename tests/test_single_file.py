"""``careerkit build --single-file``: a deck and what it loads from assets/, folded into one file."""

from __future__ import annotations

import base64

import pytest

from careerkit.build.single_file import write_single_file
from careerkit.errors import BuildError

WOFF = b"wOFF fake font"


@pytest.fixture
def deck(tmp_path):
    (tmp_path / "assets" / "theme" / "fonts").mkdir(parents=True)
    (tmp_path / "assets" / "app.js").write_text('var end = "</script>"; window.ok = 1;', encoding="utf-8")
    (tmp_path / "assets" / "theme" / "theme.css").write_text(
        "@import url(./fonts/fonts.css);\nh1 { color: red; }", encoding="utf-8")
    (tmp_path / "assets" / "theme" / "fonts" / "fonts.css").write_text(
        "@font-face { font-family: 'Kit'; src: url('kit.eot?#iefix') format('embedded-opentype'), "
        "url('kit.woff') format('woff'), url('kit.ttf') format('truetype'); }", encoding="utf-8")
    (tmp_path / "assets" / "theme" / "fonts" / "kit.woff").write_bytes(WOFF)
    (tmp_path / "assets" / "widgets.js").write_text(
        'e.exports=n.p+"0123456789abcdef0123.woff2"},9:(e,t,n)=>{e.exports=n.p+"0123456789abcdef0123.ttf"', encoding="utf-8")
    (tmp_path / "assets" / "0123456789abcdef0123.woff2").write_bytes(b"wOF2 icons")
    page = tmp_path / "07_tiny.slides.html"
    page.write_text(
        '<html><head><script src="assets/app.js"></script>\n'
        '<link href="assets/theme/theme.css" id="theme" rel="stylesheet"/>\n'
        '<script src="assets/widgets.js"></script></head><body><img src="data:image/png;base64,AA=="></body></html>',
        encoding="utf-8")
    return page


def test_every_script_and_style_sheet_is_inside_the_file(deck, tmp_path):
    out = write_single_file(deck, tmp_path / "mail" / deck.name)
    page = out.read_text(encoding="utf-8")
    assert 'src="assets/' not in page and 'href="assets/' not in page
    assert 'var end = "<\\/script>"; window.ok = 1;' in page  # the script cannot end its element early
    assert "h1 { color: red; }" in page and "@import" not in page
    assert f'url("data:font/woff;base64,{base64.b64encode(WOFF).decode()}")' in page
    assert 'url("data:,")' in page  # eot and ttf: never fetched by a browser that reads woff
    assert page.count("<img") == 1


def test_the_widget_renderers_icon_fonts_come_along_once(deck, tmp_path):
    page = write_single_file(deck, tmp_path / "mail" / deck.name).read_text(encoding="utf-8")
    icons = base64.b64encode(b"wOF2 icons").decode()
    assert page.count(icons) == 1
    assert 'e.exports=window.__careerkitAssets["0123456789abcdef0123.woff2"]' in page
    assert 'e.exports="data:,"' in page


def test_a_missing_asset_is_named(deck, tmp_path):
    (tmp_path / "assets" / "app.js").unlink()
    with pytest.raises(BuildError) as caught:
        write_single_file(deck, tmp_path / "mail" / deck.name)
    assert "assets/app.js" in str(caught.value) and "07_tiny" in str(caught.value)
