"""``careerkit build --single-file``: each deck as one HTML file to e-mail, every asset inside it.

A deck loads its assets from ``assets/`` beside it (``<script src>``, ``<link rel=stylesheet>``). Here
each of them is read and written into the page: scripts inline, style sheets inline with their fonts as
``data:`` URLs, and the widget renderer's icon fonts (which it would fetch beside itself) as ``data:``
URLs too. The file then opens from an attachment folder holding nothing else, with the network off.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from pathlib import Path

from careerkit.errors import BuildError

# a local file (no scheme) loaded by a script or a style sheet link, whatever the attribute order
SCRIPT_SRC = re.compile(r'<script\s+src="(?P<src>[^":]+)"\s*>\s*</script>')
STYLESHEET = re.compile(r'<link\b(?=[^>]*\brel="stylesheet")[^>]*\bhref="(?P<href>[^":]+)"[^>]*>')
CSS_URL = re.compile(r"""url\((?P<q>['"]?)(?P<url>(?!data:)[^'")]+)(?P=q)\)""")
CSS_IMPORT = re.compile(r"""@import\s+url\((?P<q>['"]?)(?P<url>[^'")]+)(?P=q)\)\s*;""")
# webpack's asset modules in the widget renderer: e.exports = n.p + "<hash>.woff2" (n.p: the script's folder)
BUNDLED_ASSET = re.compile(r'\b[A-Za-z_$][\w$]*\.p\+"(?P<name>[0-9a-f]{20}\.(?P<ext>woff2|woff|ttf|eot|svg))"')
FONT_TYPES = {"woff2": "font/woff2", "woff": "font/woff", "ttf": "font/ttf", "eot": "application/vnd.ms-fontobject",
              "svg": "image/svg+xml"}
USED_FONT = "woff2"  # every browser that runs reveal 4 picks the woff2 source first; the others stay empty
UNUSED_FONTS = (".eot", ".ttf", ".svg")  # style sheets list woff(2) before these: a browser never reaches them


def data_url(path: Path) -> str:
    kind = FONT_TYPES.get(path.suffix.lstrip("."), mimetypes.guess_type(path.name)[0] or "application/octet-stream")
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def inline_css(path: Path) -> str:
    """A style sheet with its @imports and url()s (fonts, images) folded in."""
    text = path.read_text(encoding="utf-8")
    text = CSS_IMPORT.sub(lambda m: inline_css((path.parent / m["url"]).resolve()), text)

    def replace(match: re.Match) -> str:
        target = (path.parent / match["url"].split("?")[0].split("#")[0]).resolve()
        if target.suffix in UNUSED_FONTS or not target.is_file():
            return 'url("data:,")'
        return f'url("{data_url(target)}")'

    return CSS_URL.sub(replace, text)


def inline_bundle_assets(script: str, folder: Path) -> str:
    """The widget renderer's font files, which it loads from beside itself, as data: URLs (woff2 only)."""
    fonts: dict[str, str] = {}

    def replace(match: re.Match) -> str:
        if match["ext"] != USED_FONT:
            return '"data:,"'
        name = match["name"]
        if name not in fonts:
            fonts[name] = data_url(folder / name)
        return f'window.__careerkitAssets["{name}"]'

    body = BUNDLED_ASSET.sub(replace, script)
    if not fonts:
        return body
    table = ",".join(f'"{name}":"{url}"' for name, url in fonts.items())
    return f"window.__careerkitAssets={{{table}}};\n{body}"


def script_tag(code: str) -> str:
    # "</script" would end the element early; "<!--" would switch the parser into a comment-like state.
    return "<script>" + code.replace("</script", "<\\/script").replace("<!--", "<\\!--") + "</script>"


def write_single_file(deck: Path, target: Path) -> Path:
    """Write ``deck`` (built beside its assets/) as one self-contained file at ``target``."""
    page = deck.read_text(encoding="utf-8")
    base = deck.parent

    def asset(relative: str) -> Path:
        path = (base / relative).resolve()
        if not path.is_file():
            raise BuildError(deck.stem, f"the single-file deck needs {relative}, which is missing")
        return path

    def script(match: re.Match) -> str:
        path = asset(match["src"])
        return script_tag(inline_bundle_assets(path.read_text(encoding="utf-8"), path.parent))

    def stylesheet(match: re.Match) -> str:
        return "<style>\n" + inline_css(asset(match["href"])).replace("</style", "<\\/style") + "\n</style>"

    page = SCRIPT_SRC.sub(script, page)  # a function's result goes in as is (no backslash escapes)
    page = STYLESHEET.sub(stylesheet, page)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page, encoding="utf-8")
    return target

