"""Decks to PDF through headless Chromium in reveal's print mode: one page per slide.

The page is opened from disk with every non-file request refused, so a PDF can never depend on the network.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from careerkit.errors import BuildError

READY = "document.documentElement.getAttribute('data-careerkit-ready') === '1'"
# No sandbox: it cannot start as root (CI) nor in many containers, and the pages are the kit's own decks.
# No name resolves: nothing can leave the machine while a deck prints.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
PAGES_AT_ONCE = 2
PRINT_QUERY = "?print-pdf"
NOTES_QUERY = "?print-pdf&notes=separate-page"  # the deck's template turns on reveal's showNotes for it
TIMEOUT_MS = 90_000


async def offline_only(route) -> None:
    if route.request.url.startswith("file:"):
        await route.continue_()
    else:
        await route.abort()


class DeckPrinter:
    """One headless Chromium printing decks, a couple at a time."""

    def __init__(self, playwright, browser):
        self._playwright = playwright
        self.browser = browser
        self._gate = asyncio.Semaphore(PAGES_AT_ONCE)

    @classmethod
    async def launch(cls, executable: str) -> DeckPrinter:
        from playwright.async_api import Error, async_playwright

        playwright = await async_playwright().start()
        try:
            browser = await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        except Error as err:
            await playwright.stop()
            raise BuildError("the PDFs", f"Chromium ({executable}) could not start: {err.message.splitlines()[0]}") from None
        return cls(playwright, browser)

    async def print(self, name: str, deck: Path, target: Path, notes: bool = False) -> Path:
        """Print ``deck`` to ``target`` once reveal has laid out every slide and the widgets are drawn;
        with ``notes``, each slide that has speaker notes is followed by a page holding them."""
        from playwright.async_api import Error

        async with self._gate:
            page = await self.browser.new_page(viewport={"width": 1280, "height": 720})
            try:
                await page.route("**/*", offline_only)
                await page.goto(deck.resolve().as_uri() + (NOTES_QUERY if notes else PRINT_QUERY), wait_until="load", timeout=TIMEOUT_MS)
                await page.wait_for_function(READY, timeout=TIMEOUT_MS)
                await page.pdf(path=str(target), prefer_css_page_size=True, print_background=True)
            except Error as err:
                raise BuildError(name, f"the PDF could not be printed: {err.message.splitlines()[0]}") from None
            finally:
                await page.close()
        return target

    async def close(self) -> None:
        await self.browser.close()
        await self._playwright.stop()
