"""Fixtures for the real-browser tests: one headless Chromium per session, pages that record every request."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from browser.builtsite import CHROMIUM, Site, built_site, chromium_args, chromium_available

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(
        reason=f"Debian's Chromium is not installed at {CHROMIUM}; .ci/run installs it (apt-get install chromium)"
    )
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)
            if not chromium_available():
                item.add_marker(skip)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    return built_site(tmp_path_factory)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=chromium_args(), headless=True)
        yield chromium
        chromium.close()


@dataclass
class Traffic:
    """What a page asked for: blocked (non-file) requests, failed requests, script errors."""

    blocked: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return [f"blocked {u}" for u in self.blocked] + [f"failed {u}" for u in self.failed] + self.errors


@pytest.fixture
def offline_page(browser):
    """A page that may load only file:// URLs: every other request is refused and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    traffic = Traffic()

    def route(request_route):
        url = request_route.request.url
        if url.startswith("file:") or url.startswith("data:"):
            request_route.continue_()
        else:
            traffic.blocked.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.on("requestfailed", lambda request: traffic.failed.append(f"{request.url} ({request.failure})"))
    page.on("pageerror", lambda error: traffic.errors.append(f"script error: {error}"))
    page.on("console", lambda msg: traffic.errors.append(f"console error: {msg.text}") if msg.type == "error" else None)
    yield page, traffic
    context.close()
