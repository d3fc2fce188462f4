"""What a reader of a PDF gets: each page's text, extracted with pypdf (not the HTML it was printed from)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from pypdf import PdfReader


def page_texts(path: Path) -> list[str]:
    """Each page's text, one string per page: ligatures (ﬁ, ﬃ) unfolded and whitespace collapsed."""
    return [" ".join(unicodedata.normalize("NFKC", page.extract_text() or "").split()) for page in PdfReader(path).pages]


def squash(text: str) -> str:
    """Letters and digits only, lower case: line breaks, hyphen spacing and bullets do not matter."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text).lower() if ch.isalnum())
