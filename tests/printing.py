"""Printing in tests: reportgen's HTML to PDF through a headless browser, several pages side by side."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

import pytest

BROWSER = next((shutil.which(name) for name in ("chromium-headless-shell", "chromium", "chromium-browser") if shutil.which(name)), None)
needs_browser = pytest.mark.skipif(BROWSER is None, reason="headless Chromium (chromium-headless-shell or chromium) is not installed")
PRINT_OPTIONS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer")


def print_pages(pages: Iterable[tuple[Path, Path]], timeout: float = 180) -> None:
    """Print each ``(page.html, out.pdf)`` with the page's own print CSS, the browsers running side by side; a page
    the browser could not print leaves no PDF (callers say which)."""
    if BROWSER is None:
        pytest.skip("headless Chromium (chromium-headless-shell or chromium) is not installed")
    running = [
        subprocess.Popen(
            [BROWSER, *PRINT_OPTIONS, f"--print-to-pdf={pdf}", page.as_uri()], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for page, pdf in pages
    ]
    for process in running:
        process.wait(timeout=timeout)
