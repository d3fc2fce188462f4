"""careerkit: a Jupyter workshop kit for the career coaching of product managers.

In a notebook cell, ``careerkit.show("versioning.roadmap")`` shows one exercise. Heavy libraries
(ipywidgets, pandas, matplotlib) are imported only when an exercise or chart is first used.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["show", "start", "choose_participant", "__version__"]


def show(key: str):
    """Show the exercise ``module.exercise`` for the current participant."""
    from careerkit.modules import show as _show

    return _show(key)


def start(module: str = "", lang: str | None = None):
    """The banner at the top of each module: who is answering and where answers are kept.

    ``lang`` is the notebook's language ("es" in ``notebooks/es/``): every exercise below it speaks that language.
    Without it, ``CAREERKIT_LANG`` decides (English by default)."""
    from careerkit.modules.welcome.views import banner

    if lang:
        from careerkit.content.text import set_language

        set_language(lang)
    return banner(module)


def choose_participant():
    """The name box of 00_welcome: picks (or starts) the participant's workbook."""
    from careerkit.modules.welcome.views import choose_participant as _choose

    return _choose()
