"""Open the evaluation report and the viewer in headless Debian chromium.

Checks what unit tests cannot: the pages load with no console messages (script errors,
Content-Security-Policy violations, failed loads), the highlighted spans are in the rendered DOM,
and a screenshot is a real picture. A canary page proves the console check can fail. Skipped when
/usr/bin/chromium is absent (CI installs it: `apt-get install -y chromium`).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from eventx.records import Argument, Document, Event, Place, Span, TimeValue
from eventx.render import render_page
from eventx.report import evaluate
from eventx.text import split_sentences

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="needs Debian chromium at /usr/bin/chromium "
                                       "(apt-get install -y chromium)")

TEXT = ("Two Russian Su-27 jets entered Estonian airspace near Vaindloo on Monday, the Estonian "
        "military said.\nDrones struck a fuel depot in Odesa overnight, officials said.")


def at(needle: str, nth: int = 0) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(needle, start + 1)
    return {"text": needle, "start": start, "end": start + len(needle)}


def documents() -> tuple[list[Document], list[Document]]:
    gold = Document(id="doc-1", text=TEXT, title="Jets over Estonia", published="2023-03-14",
                    sentences=split_sentences(TEXT), events=[
        Event(id="g1", type="AIRSPACE_INCURSION", trigger=Span(**at("entered")),
              time=TimeValue(value="2023-03-13", granularity="day", text="on Monday"),
              location=Place(name="Estonia", country="EE", kind="country"),
              arguments=[Argument(role="aircraft", **at("Two Russian Su-27 jets")),
                         Argument(role="agent", **at("Russian")),
                         Argument(role="location", **at("Estonian airspace"))]),
        Event(id="g2", type="STATEMENT", trigger=Span(**at("said")),
              arguments=[Argument(role="speaker", **at("the Estonian military"))]),
        Event(id="g3", type="ATTACK", trigger=Span(**at("struck")),
              arguments=[Argument(role="instrument", **at("Drones")),
                         Argument(role="target", **at("a fuel depot"))]),
    ])
    pred = gold.model_copy(deep=True, update={"events": [
        Event(id="p1", type="AIRSPACE_INCURSION", trigger=Span(**at("entered")), confidence=0.91,
              time=TimeValue(value="2023-03-13", granularity="day", text="on Monday"),
              arguments=[Argument(role="aircraft", **at("Russian Su-27 jets"), confidence=0.7),
                         Argument(role="agent", **at("Russian"), confidence=0.66),
                         Argument(role="location", **at("Estonian airspace"), confidence=0.8)]),
        Event(id="p2", type="MEETING", trigger=Span(**at("said")), confidence=0.45),
        Event(id="p3", type="STATEMENT", trigger=Span(**at("said", 1)), confidence=0.6,
              arguments=[Argument(role="speaker", **at("officials"), confidence=0.5)]),
    ]})
    return [gold], [pred]


def chromium(page: Path, tmp_path: Path, screenshot: Path | None = None) -> tuple[str, str]:
    """(rendered DOM, stderr log) of a page opened headless, optionally saving a screenshot."""
    args = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr",
            "--v=0", "--window-size=1200,900", "--dump-dom"]
    if screenshot is not None:
        args.append(f"--screenshot={screenshot}")
    done = subprocess.run([*args, page.resolve().as_uri()], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, done.stderr


def console_messages(log: str) -> list[str]:
    return [line for line in log.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def assert_real_png(path: Path) -> None:
    from PIL import Image

    assert path.exists() and path.stat().st_size > 10_000
    with Image.open(path) as im:
        assert im.size == (1200, 900)
        colours = im.convert("RGB").getcolors(maxcolors=1_000_000)
        assert colours is not None and len(colours) > 50  # not a blank page


def test_console_check_catches_errors(tmp_path):
    canary = tmp_path / "canary.html"
    canary.write_text("<!DOCTYPE html><p>canary</p><script>notDefined()</script>")
    _, log = chromium(canary, tmp_path)
    assert any("notDefined" in m for m in console_messages(log))


def test_viewer_in_chromium(tmp_path):
    gold, pred = documents()
    page = tmp_path / "viewer.html"
    page.write_text(render_page(pred, gold, title="browser test"), encoding="utf-8")
    shot = tmp_path / "viewer.png"
    dom, log = chromium(page, tmp_path, shot)
    assert console_messages(log) == []
    assert len(re.findall(r'<mark class="x-seg[^"]*x-trigger', dom)) >= 6
    assert len(re.findall(r'<mark class="x-seg[^"]*x-argument', dom)) >= 6
    assert re.search(r'class="x-label[^"]*"[^>]*>aircraft</span>', dom)
    assert "<svg" in dom and 'class="tl-point"' in dom
    for status in ("correct", "wrong type", "missed", "spurious"):
        assert f">{status}</span>" in dom
    assert_real_png(shot)


def test_report_in_chromium(tmp_path):
    gold, pred = documents()
    evaluate(gold, pred, out=tmp_path / "eval", samples=50)
    page = tmp_path / "eval" / "report.html"
    shot = tmp_path / "report.png"
    dom, log = chromium(page, tmp_path, shot)
    assert console_messages(log) == []
    assert dom.count('src="data:image/png;base64,') == 2
    assert re.search(r'<mark class="x-seg[^"]*x-gold', dom)
    assert re.search(r'<mark class="x-seg[^"]*x-pred', dom)
    for kind in ("missed", "spurious", "wrong type", "wrong span"):
        assert f">{kind} (" in dom
    assert_real_png(shot)
