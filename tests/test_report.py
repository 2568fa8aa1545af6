"""Report layout: JSON, Markdown and self-contained HTML with embedded plots and errors."""

from __future__ import annotations

import base64
import json
import re

import pytest

from eventx.errors import InputError
from eventx.evaluate import build_report
from eventx.records import Argument, Document, Event, Span
from eventx.report import evaluate, plot_reliability, plot_thresholds, to_html, to_markdown

TEXT = ("Two <Russian> jets entered Estonian airspace on Monday, the army said & left. "
        "Drones struck Odesa.")
PNG = b"\x89PNG\r\n\x1a\n"


def at(needle: str) -> dict:
    start = TEXT.index(needle)
    return {"text": needle, "start": start, "end": start + len(needle)}


def pair() -> tuple[list[Document], list[Document]]:
    gold = Document(id="d<1>", text=TEXT, title="A <b>title</b>", events=[
        Event(id="g1", type="AIRSPACE_INCURSION", trigger=Span(**at("entered")), arguments=[
            Argument(role="aircraft", **at("Two <Russian> jets")),
            Argument(role="agent", **at("<Russian>"))]),
        Event(id="g2", type="STATEMENT", trigger=Span(**at("said")),
              arguments=[Argument(role="speaker", **at("the army"))]),
        Event(id="g3", type="ATTACK", trigger=Span(**at("struck"))),
    ])
    pred = Document(id="d<1>", text=TEXT, events=[
        Event(id="p1", type="AIRSPACE_INCURSION", trigger=Span(**at("entered")), confidence=0.9,
              arguments=[Argument(role="aircraft", **at("jets"), confidence=0.6),
                         Argument(role="location", **at("<Russian>"), confidence=0.4)]),
        Event(id="p2", type="MEETING", trigger=Span(**at("said")), confidence=0.55),
        Event(id="p3", type="ATTACK", trigger=Span(**at("Drones")), confidence=0.2),
    ])
    return [gold], [pred]


@pytest.fixture(scope="module")
def report() -> dict:
    gold, pred = pair()
    return build_report(gold, pred, samples=50, sources={"gold": "g.jsonl", "predictions": "p"})


def test_report_is_json_ready(report):
    again = json.loads(json.dumps(report))
    assert again == report
    for key in ("strict", "lenient", "macro", "per_type", "per_role", "attributes", "counts",
                "bootstrap", "calibration", "errors", "warnings"):
        assert key in report
    assert set(report["calibration"]) == {"events", "arguments"}
    assert {e["kind"] for e in report["errors"]["items"]} == {
        "missed", "spurious", "wrong_type", "wrong_role", "wrong_span"}


def test_markdown_tables(report):
    md = to_markdown(report)
    assert md.startswith("# eventx evaluation\n")
    assert "| trigger classification | 33.3 | 33.3 | 33.3 |" in md
    assert "## Per event type" in md and "| STATEMENT | 1 | 0 | 0 |" in md
    assert "## Per role" in md and "| aircraft |" in md
    assert "F1 intervals: 95% percentile bootstrap over 1 documents, 50 resamples, seed 13." in md
    assert "ECE" in md and "Brier" in md and "### wrong span" in md
    # every table row has as many cells as its header
    for table in re.findall(r"((?:^\|.*\|\n)+)", md, re.MULTILINE):
        widths = {len(re.split(r"(?<!\\)\|", line)) for line in table.splitlines()}
        assert len(widths) == 1, table


def test_html_is_self_contained_and_escaped(report):
    page = to_html(report)
    assert page.startswith("<!DOCTYPE html>")
    assert "Content-Security-Policy" in page
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert len(images) == 2 and all(base64.b64decode(i).startswith(PNG) for i in images)
    assert "&lt;Russian&gt;" in page and "<Russian>" not in page
    assert "d&lt;1&gt;" in page and "d<1>" not in page
    for kind in ("missed", "spurious", "wrong type", "wrong role", "wrong span"):
        assert f">{kind} (" in page
    assert 'class="x-seg x-gold"' in page and 'class="x-seg x-pred"' in page
    assert "95% CI" in page


def test_plots_are_pngs_even_without_predictions(report):
    assert plot_reliability(report["calibration"]).startswith(PNG)
    assert plot_thresholds(report["calibration"]).startswith(PNG)
    gold, _ = pair()
    empty = build_report(gold, [], samples=10)
    assert plot_reliability(empty["calibration"]).startswith(PNG)
    assert plot_thresholds(empty["calibration"]).startswith(PNG)
    assert "0.0" in to_markdown(empty) and "<img" in to_html(empty)


def test_evaluate_from_python_writes_every_file(tmp_path):
    gold, pred = pair()
    out = tmp_path / "eval"
    report = evaluate(gold, pred, out=out, samples=30)
    files = report.pop("files")
    assert set(files) == {"json", "markdown", "html", "reliability", "thresholds"}
    assert json.loads((out / "report.json").read_text()) == report
    assert (out / "reliability.png").read_bytes().startswith(PNG)
    assert "eventx evaluation" in (out / "report.md").read_text()
    assert (out / "report.html").read_text().count("data:image/png;base64,") == 2


def test_evaluate_with_a_model_predicts_from_text_only(tmp_path):
    gold, _ = pair()
    report = evaluate(gold, model="baseline", samples=10, out=tmp_path)
    assert report["sources"]["model"] == "baseline-lexicon"
    assert (tmp_path / "predictions.jsonl").exists()
    with pytest.raises(InputError, match="not both"):
        evaluate(gold, gold, model="baseline")


def test_out_must_be_a_directory(tmp_path):
    gold, pred = pair()
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InputError, match="not a directory"):
        evaluate(gold, pred, out=blocker, samples=5)
