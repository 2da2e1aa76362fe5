"""The HTML report in a real browser: headless Chromium, offline, no console errors, every
chart drawn, the filter script working; a screenshot is kept in outputs/ for people to look at."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from lampiran.compare import compare
from tests.corpus_documents import ALL, corpus_decree

ROOT = Path(__file__).parents[1]
SCREENSHOT = ROOT / "outputs" / "comparison-screenshot.png"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (Debian package `chromium`; `make setup`)"
)

# Injected into a copy of the report: records errors from the first script on, then sets the
# title to 'ok' only when the three charts are laid out and the filter narrows the table.
ERRORS_HOOK = """<script>window.__errors = [];
window.addEventListener('error', function (e) { window.__errors.push(String(e.message)); });
</script>"""
CHECK = """<script>(function () {
  var problems = window.__errors.slice();
  var figures = document.querySelectorAll('figure');
  if (figures.length !== 3) { problems.push(figures.length + ' figures'); }
  figures.forEach(function (figure) {
    var chart = figure.querySelector('svg, img');
    if (!chart || chart.getBoundingClientRect().width < 200) { problems.push(figure.id); }
  });
  var input = document.getElementById('item-filter');
  input.value = 'TT.P.1';
  input.dispatchEvent(new Event('input'));
  var shown = document.querySelectorAll('#item-table tbody tr:not([hidden])').length;
  if (shown !== 4) { problems.push(shown + ' rows after filtering'); }
  document.title = problems.length ? 'problems: ' + problems.join('; ') : 'ok';
})();</script>"""


def _chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp / 'profile'}",
        "--enable-logging=stderr",
        "--v=0",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    compare([corpus_decree(c) for c in ALL], out)
    return out / "comparison.html"


def test_report_opens_offline_without_console_errors(report: Path, tmp_path: Path) -> None:
    page = report.read_text(encoding="utf-8")
    checked = tmp_path / "checked.html"
    checked.write_text(
        page.replace("<style>", ERRORS_HOOK + "<style>", 1).replace("</body>", CHECK + "</body>"),
        encoding="utf-8",
    )
    run = _chromium(tmp_path, "--dump-dom", checked.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    title = re.search(r"<title>(.*?)</title>", run.stdout)
    assert title is not None, run.stdout[:500]
    assert title.group(1) == "ok"
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    assert console == []


def test_report_screenshot(report: Path, tmp_path: Path) -> None:
    SCREENSHOT.parent.mkdir(exist_ok=True)
    SCREENSHOT.unlink(missing_ok=True)
    run = _chromium(
        tmp_path,
        f"--screenshot={SCREENSHOT}",
        "--window-size=1280,2000",
        "--hide-scrollbars",
        report.as_uri(),
    )
    assert run.returncode == 0, run.stderr[-2000:]
    data = SCREENSHOT.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1280, 2000)
