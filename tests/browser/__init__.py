"""Real-browser tests: Debian's Chromium driven by Playwright (no browser download)."""
