"""Evaluation reports: report.json for machines, report.md for people, report.html with plots.

    from eventx.report import evaluate
    report = evaluate("gold.jsonl", "pred.jsonl", out="eval/")   # or model="models/x"

`eventx evaluate` is a thin shell over `evaluate`. The numbers all come from
`eventx.evaluate.build_report`; this module only lays them out. Plots are drawn with matplotlib's
object API on an Agg canvas (no pyplot, so no global figure state and no display needed) and are
embedded in the HTML as base64, so report.html is one file that opens anywhere, offline.
"""

from __future__ import annotations

import base64
import io
import json
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventx.errors import InputError
from eventx.evaluate import (
    ERROR_KINDS,
    build_report,
    load_documents,
    predict,
)
from eventx.records import Document
from eventx.render import GOLD_COLOR, PRED_COLOR, Mark, html_page, label_color, mark_text

if TYPE_CHECKING:
    from eventx.pipeline import Pipeline

MEASURES = ("trigger_identification", "trigger_classification", "argument_identification",
            "argument_classification")
LEVELS = ("events", "arguments")
HTML_ERRORS_PER_KIND = 300
MD_ERRORS_PER_KIND = 10


def _title(name: str) -> str:
    return name.replace("_", " ")


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}"


# ---------------------------------------------------------------------------------------------
# Plots

def _png(fig: Any) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    return buf.getvalue()


def plot_reliability(calibration: dict[str, Any]) -> bytes:
    """Reliability diagrams (accuracy against confidence, per bin) for events and arguments."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(10, 4.6), layout="constrained")
    for ax, level in zip(fig.subplots(1, 2), LEVELS):
        cal = calibration[level]
        bins = cal["bins"]
        width = bins[0]["high"] - bins[0]["low"] if bins else 0.1
        ax.plot([0, 1], [0, 1], linestyle="--", color="#888", linewidth=1, label="perfect")
        full = [b for b in bins if b["count"]]
        ax.bar([b["low"] + width / 2 for b in full], [b["accuracy"] for b in full], width=width * 0.92,
               color="#4c78a8", alpha=0.85, edgecolor="#2a4a6b", label="accuracy")
        ax.scatter([b["confidence"] for b in full], [b["accuracy"] for b in full], color="#e45756",
                   zorder=3, s=18, label="(mean confidence, accuracy)")
        for b in full:
            ax.annotate(str(b["count"]), (b["low"] + width / 2, b["accuracy"]), ha="center",
                        va="bottom", fontsize=7, color="#333", xytext=(0, 2),
                        textcoords="offset points")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1.08)
        ax.set_xlabel("confidence")
        ax.set_ylabel("fraction correct")
        ax.set_title(f"{level}: ECE {cal['ece']:.3f}, Brier {cal['brier']:.3f}, n={cal['items']}",
                     fontsize=10)
        if not full:
            ax.text(0.5, 0.5, "no predictions", ha="center", va="center", color="#999")
        ax.grid(alpha=0.25)
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=3, fontsize=9, frameon=False)
    return _png(fig)


def plot_thresholds(calibration: dict[str, Any]) -> bytes:
    """Precision, recall and F1 against the confidence threshold, to choose one."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(10, 4.6), layout="constrained")
    for ax, level in zip(fig.subplots(1, 2), LEVELS):
        rows = calibration[level]["thresholds"]
        xs = [r["threshold"] for r in rows]
        for key, color in (("precision", "#4c78a8"), ("recall", "#f58518"), ("f1", "#54a24b")):
            # precision is undefined once nothing is kept: leave a gap rather than draw a 0
            ys = [r[key] if r["kept"] or key != "precision" else float("nan") for r in rows]
            ax.plot(xs, ys, label=key, color=color, linewidth=1.8)
        best = calibration[level]["best_threshold"]
        title = f"{level} (strict classification)"
        if best is not None and calibration[level]["items"]:
            ax.axvline(best["threshold"], color="#999", linestyle=":", linewidth=1)
            ax.plot([best["threshold"]], [best["f1"]], "o", color="#54a24b")
            title += f": best F1 {best['f1']:.3f} at ≥ {best['threshold']:.2f}"
        else:
            ax.text(0.5, 0.5, "no predictions", ha="center", va="center", color="#999")
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1.05)
        ax.set_xlabel("keep predictions with confidence ≥")
        ax.set_title(title, fontsize=10)
        ax.grid(alpha=0.25)
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(handles[:3], labels[:3], loc="outside lower center", ncols=3, fontsize=9,
               frameon=False)
    return _png(fig)


def plots(report: dict[str, Any]) -> dict[str, bytes]:
    return {"reliability.png": plot_reliability(report["calibration"]),
            "thresholds.png": plot_thresholds(report["calibration"])}


# ---------------------------------------------------------------------------------------------
# Shared table rows

def _headline_rows(report: dict[str, Any]) -> list[list[str]]:
    rows = []
    for name in MEASURES:
        s, le = report["strict"][name], report["lenient"][name]
        ci = report.get("bootstrap", {}).get(name)
        rows.append([_title(name), _pct(s["precision"]), _pct(s["recall"]), _pct(s["f1"]),
                     f"{_pct(ci['low'])}–{_pct(ci['high'])}" if ci else "",
                     _pct(le["precision"]), _pct(le["recall"]), _pct(le["f1"]),
                     str(s["gold"]), str(s["predicted"]), str(s["tp"])])
    return rows


HEADLINE = ["measure", "P", "R", "F1", "F1 95% CI", "lenient P", "lenient R", "lenient F1",
            "gold", "predicted", "correct"]


def _macro_rows(report: dict[str, Any]) -> list[list[str]]:
    rows = []
    for name, over in (("trigger_classification", "event types"),
                       ("argument_classification", "roles")):
        s, le = report["macro"]["strict"][name], report["macro"]["lenient"][name]
        rows.append([f"{_title(name)} (over {over})", _pct(s["precision"]), _pct(s["recall"]),
                     _pct(s["f1"]), _pct(le["precision"]), _pct(le["recall"]), _pct(le["f1"]),
                     str(s["labels"])])
    return rows


MACRO = ["measure", "P", "R", "F1", "lenient P", "lenient R", "lenient F1", "labels"]


def _label_rows(table: dict[str, Any], lenient: dict[str, Any]) -> list[list[str]]:
    rows = []
    for label, s in table.items():
        le = lenient.get(label)
        rows.append([label, str(s["gold"]), str(s["predicted"]), str(s["tp"]), _pct(s["precision"]),
                     _pct(s["recall"]), _pct(s["f1"]), _pct(le["f1"]) if le else "–"])
    return rows


LABELS = ["{}", "gold", "predicted", "correct", "P", "R", "F1", "lenient F1"]

ATTRIBUTE_NOTES = {
    "polarity": "events matched by strict trigger classification",
    "modality": "events matched by strict trigger classification",
    "time": "matched events whose gold time has a value: same value",
    "place_country": "matched events whose gold place has a country: same country",
    "place_geonames": "matched events whose gold place has a GeoNames id: same id",
}


def _attribute_rows(report: dict[str, Any]) -> list[list[str]]:
    return [[_title(name), _pct(a["accuracy"]) if a["events"] else "–", str(a["events"]),
             ATTRIBUTE_NOTES.get(name, "")] for name, a in report["attributes"].items()]


ATTRIBUTES = ["attribute", "accuracy", "events compared", "on"]


def _calibration_rows(report: dict[str, Any]) -> list[list[str]]:
    rows = []
    for level in LEVELS:
        c = report["calibration"][level]
        b = c["best_threshold"] or {}
        rows.append([level, str(c["items"]), f"{c['ece']:.4f}", f"{c['brier']:.4f}",
                     f"{b.get('threshold', 0):.2f}", _pct(b.get("precision")),
                     _pct(b.get("recall")), _pct(b.get("f1"))])
    return rows


CALIBRATION = ["level", "predictions", "ECE", "Brier", "best-F1 threshold", "P there", "R there",
               "F1 there"]


def _threshold_rows(report: dict[str, Any], every: int = 1) -> list[list[str]]:
    ev, ar = (report["calibration"][lv]["thresholds"] for lv in LEVELS)
    rows = []
    for i, (e, a) in enumerate(zip(ev, ar)):
        if i % every:
            continue
        rows.append([f"{e['threshold']:.2f}", _pct(e["precision"]), _pct(e["recall"]),
                     _pct(e["f1"]), str(e["kept"]), _pct(a["precision"]), _pct(a["recall"]),
                     _pct(a["f1"]), str(a["kept"])])
    return rows


THRESHOLDS = ["threshold", "events P", "events R", "events F1", "events kept", "arguments P",
              "arguments R", "arguments F1", "arguments kept"]


def _error_counts_rows(report: dict[str, Any]) -> list[list[str]]:
    counts = report["errors"]["counts"]
    return [[_title(k), str(counts["trigger"][k]), str(counts["argument"][k])] for k in ERROR_KINDS]


def _side_text(side: dict[str, Any] | None, level: str, with_conf: bool) -> str:
    if side is None:
        return "—"
    label = side["type"] if level == "trigger" else f"{side['role']} of {side['type']}"
    text = f"{label} “{side['text']}”"
    return text + (f" ({side['confidence']:.2f})" if with_conf else "")


def _sources_line(report: dict[str, Any]) -> str:
    src = report.get("sources") or {}
    return " · ".join(f"{k}: {v}" for k, v in src.items() if v is not None)


# ---------------------------------------------------------------------------------------------
# Markdown

def _md_cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _md_table(head: list[str], rows: list[list[str]]) -> str:
    if not rows:
        return "_none_\n"
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    lines += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def to_markdown(report: dict[str, Any]) -> str:
    """The report as Markdown tables; percentages, strict matching unless said otherwise."""
    c = report["counts"]
    out = ["# eventx evaluation", ""]
    if src := _sources_line(report):
        out += [src, ""]
    totals = (f"{c['documents']} documents; {c['gold_events']} gold events "
              f"({c['optional_gold_events']} optional), {c['predicted_events']} predicted; "
              f"{c['gold_arguments']} gold arguments ({c.get('optional_gold_arguments', 0)} "
              f"optional), {c['predicted_arguments']} predicted.")
    out += [totals, ""]
    for w in report.get("warnings", []):
        out.append(f"> **warning:** {w}")
    if report.get("warnings"):
        out.append("")
    matching = ("Strict: exact offsets. Lenient: overlapping spans with the same labels. "
                "Identification ignores the class (event type, role); argument identification "
                "still needs the event type (ACE).")
    out += ["## Scores (micro-averaged, percent)", "", matching, "",
            _md_table(HEADLINE, _headline_rows(report))]
    boot = report.get("bootstrap", {}).get("trigger_classification", {})
    if boot:
        note = (f"F1 intervals: {boot['confidence']:.0%} percentile bootstrap over "
                f"{boot['documents']} documents, {boot['samples']} resamples, seed "
                f"{boot['seed']}. Differences inside the interval may be noise.")
        out += [note, ""]
    macro = "Unweighted means over labels, so rare types count as much as frequent ones."
    out += ["## Macro averages (percent)", "", macro, "", _md_table(MACRO, _macro_rows(report))]
    head = LABELS.copy()
    head[0] = "event type"
    out += ["## Per event type (trigger classification)", "",
            _md_table(head, _label_rows(report["per_type"], report.get("lenient_per_type", {})))]
    head[0] = "role"
    out += ["## Per role (argument classification)", "",
            _md_table(head, _label_rows(report["per_role"], report.get("lenient_per_role", {})))]
    out += ["## Attributes of matched events (percent)", "",
            _md_table(ATTRIBUTES, _attribute_rows(report))]
    confidence = ("Expected calibration error (equal-width bins), Brier score, and the threshold "
                  "with the best strict F1.")
    out += ["## Confidence", "", confidence, "",
            _md_table(CALIBRATION, _calibration_rows(report)),
            "### Precision and recall against the threshold (percent)", "",
            _md_table(THRESHOLDS, _threshold_rows(report, every=2))]
    out += ["## Errors (strict classification)", "", _md_table(["kind", "triggers", "arguments"],
                                                               _error_counts_rows(report))]
    items = report["errors"]["items"]
    for kind in ERROR_KINDS:
        some = [e for e in items if e["kind"] == kind]
        if not some:
            continue
        rows = [[e["level"], e["doc"], _side_text(e["gold"], e["level"], False),
                 _side_text(e["pred"], e["level"], True), e["sentence"]["text"]]
                for e in some[:MD_ERRORS_PER_KIND]]
        more = f" (first {MD_ERRORS_PER_KIND} of {len(some)}; all in report.json)" \
            if len(some) > MD_ERRORS_PER_KIND else ""
        out += [f"### {_title(kind)}{more}", "",
                _md_table(["level", "document", "gold", "predicted", "sentence"], rows)]
    return "\n".join(out).rstrip() + "\n"


# ---------------------------------------------------------------------------------------------
# HTML

REPORT_CSS = """
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 10px 0; }
.card { background: #fff; border: 1px solid #e3e3e3; border-radius: 8px; padding: 10px 14px;
  min-width: 200px; }
.card .big { font-size: 1.7em; font-weight: 700; } .card .ci { color: #666; font-size: 0.85em; }
.warn { background: #fff4d6; border: 1px solid #f0d58a; padding: 6px 10px; border-radius: 6px;
  margin: 6px 0; }
img.plot { max-width: 100%; border: 1px solid #eee; background: #fff; }
details.errors table { width: 100%; } td.ctx { min-width: 420px; } td.side { max-width: 220px; } td.ctx .x-text { font-size: 13px; line-height: 2.1; margin: 0; }
section.block { background: #fff; border: 1px solid #e3e3e3; border-radius: 8px; padding: 8px 16px;
  margin: 16px 0; }
"""


def _html_table(head: list[str], rows: list[list[str]], classes: list[str] | None = None,
                raw: bool = False) -> str:
    """A table; `classes` per column (default: first column text, the rest numbers)."""
    if not rows:
        return '<div class="empty">none</div>'
    classes = classes or ["", *["num"] * (len(head) - 1)]
    cells = "".join(f'<th class="{k}">{escape(h)}</th>' for h, k in zip(head, classes))
    body = []
    for r in rows:
        tds = "".join(f'<td class="{k}">{c if raw else escape(c)}</td>' for c, k in zip(r, classes))
        body.append(f"<tr>{tds}</tr>")
    return f"<table><tr>{cells}</tr>{''.join(body)}</table>"


def _error_marks(e: dict[str, Any]) -> list[Mark]:
    marks = []
    for side, color, who in ((e["gold"], GOLD_COLOR, "gold"), (e["pred"], PRED_COLOR, "pred")):
        if side is None:
            continue
        if e["level"] == "trigger":
            label = side["type"]
        elif e["kind"] == "wrong_type":
            label = f"{side['type']}·{side['role']}"
        else:
            label = side["role"]
        marks.append(Mark(side["start"], side["end"], f"{who} {label}", color, who,
                          f"{who}: {_side_text(side, e['level'], who == 'pred')}"))
    return marks


def _error_rows(errors: list[dict[str, Any]]) -> list[list[str]]:
    rows = []
    for e in errors:
        s = e["sentence"]
        ctx = f'<div class="x-text">{mark_text(s["text"], s["start"], _error_marks(e))}</div>'
        rows.append([escape(e["level"]), escape(e["doc"]),
                     escape(_side_text(e["gold"], e["level"], False)),
                     escape(_side_text(e["pred"], e["level"], True)), ctx, escape(e["note"])])
    return rows


def to_html(report: dict[str, Any], images: dict[str, bytes] | None = None) -> str:
    """The report as one self-contained page, plots embedded as base64 PNGs."""
    images = plots(report) if images is None else images
    c = report["counts"]
    parts = ["<h1>eventx evaluation</h1>"]
    if src := _sources_line(report):
        parts.append(f'<div class="meta">{escape(src)}</div>')
    parts.append(
        f'<div class="meta">{c["documents"]} documents · {c["gold_events"]} gold events '
        f'({c["optional_gold_events"]} optional) · {c["predicted_events"]} predicted · '
        f'{c["gold_arguments"]} gold arguments ({c.get("optional_gold_arguments", 0)} optional) · '
        f'{c["predicted_arguments"]} predicted</div>')
    parts += [f'<div class="warn">{escape(w)}</div>' for w in report.get("warnings", [])]
    cards = []
    for name in ("trigger_classification", "argument_classification"):
        s = report["strict"][name]
        ci = report.get("bootstrap", {}).get(name)
        ci_text = (f"{ci['confidence']:.0%} CI {_pct(ci['low'])}–{_pct(ci['high'])}" if ci else "")
        cards.append(f'<div class="card"><div>{escape(_title(name))} F1</div>'
                     f'<div class="big">{_pct(s["f1"])}</div><div class="ci">{escape(ci_text)} · '
                     f'P {_pct(s["precision"])} · R {_pct(s["recall"])}</div></div>')
    parts.append(f'<div class="cards">{"".join(cards)}</div>')
    boot = report.get("bootstrap", {}).get("trigger_classification")
    boot_note = (f"F1 intervals: {boot['confidence']:.0%} percentile bootstrap over "
                 f"{boot['documents']} documents, {boot['samples']} resamples, seed {boot['seed']}; "
                 "differences inside them may be noise." if boot else "")
    parts.append('<section class="block"><h2>Scores (micro-averaged, percent)</h2>'
                 '<div class="small">Strict: exact offsets. Lenient: overlapping spans with the same '
                 "labels. Argument identification needs the event type (ACE).</div>"
                 + _html_table(HEADLINE, _headline_rows(report))
                 + f'<div class="small">{escape(boot_note)}</div>'
                 + "<h3>Macro averages (unweighted over labels)</h3>"
                 + _html_table(MACRO, _macro_rows(report)) + "</section>")
    head = LABELS.copy()
    head[0] = "event type"
    per_type = _label_rows(report["per_type"], report.get("lenient_per_type", {}))
    for row in per_type:
        row[0] = f'<span class="chip" style="background:{label_color(row[0])}">{escape(row[0])}</span>'
        row[1:] = [escape(x) for x in row[1:]]
    head_role = LABELS.copy()
    head_role[0] = "role"
    per_role = _label_rows(report["per_role"], report.get("lenient_per_role", {}))
    for row in per_role:
        row[0] = f'<span class="chip" style="background:{label_color(row[0])}">{escape(row[0])}</span>'
        row[1:] = [escape(x) for x in row[1:]]
    parts.append('<section class="block"><h2>Per event type</h2>'
                 + _html_table(head, per_type, raw=True) + "<h2>Per role</h2>"
                 + _html_table(head_role, per_role, raw=True) + "</section>")
    parts.append('<section class="block"><h2>Attributes of matched events</h2>'
                 + _html_table(ATTRIBUTES, _attribute_rows(report), ["", "num", "num", ""])
                 + "</section>")
    imgs = "".join(
        f'<h3>{escape(title)}</h3><img class="plot" alt="{escape(title)}" '
        f'src="data:image/png;base64,{base64.b64encode(images[name]).decode("ascii")}">'
        for name, title in (("reliability.png", "Reliability diagram"),
                            ("thresholds.png", "Precision and recall against the threshold"))
        if name in images)
    parts.append('<section class="block"><h2>Confidence</h2>'
                 + _html_table(CALIBRATION, _calibration_rows(report)) + imgs
                 + "<details><summary>Thresholds as a table</summary>"
                 + _html_table(THRESHOLDS, _threshold_rows(report)) + "</details></section>")
    items = report["errors"]["items"]
    err = ['<section class="block"><h2>Errors (strict classification)</h2>',
           '<div class="small">Gold spans are marked green, predicted spans orange.</div>',
           _html_table(["kind", "triggers", "arguments"], _error_counts_rows(report))]
    for kind in ERROR_KINDS:
        some = [e for e in items if e["kind"] == kind]
        if not some:
            continue
        more = (f" — first {HTML_ERRORS_PER_KIND} of {len(some)}; all in report.json"
                if len(some) > HTML_ERRORS_PER_KIND else "")
        err.append(f'<details class="errors" id="errors-{kind}"><summary>{escape(_title(kind))} '
                   f"({len(some)}){escape(more)}</summary>"
                   + _html_table(["level", "document", "gold", "predicted", "sentence", "note"],
                                 _error_rows(some[:HTML_ERRORS_PER_KIND]),
                                 ["", "", "side", "side", "ctx", ""], raw=True)
                   + "</details>")
    err.append("</section>")
    parts += err
    return html_page("eventx evaluation", "\n".join(parts), REPORT_CSS)


# ---------------------------------------------------------------------------------------------
# Files and the Python entry point

def write_reports(report: dict[str, Any], out_dir: str | Path) -> dict[str, Path]:
    """Write report.json, report.md, report.html and the PNG plots into `out_dir`."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(str(out), "exists and is not a directory")
    out.mkdir(parents=True, exist_ok=True)
    images = plots(report)
    paths = {"json": out / "report.json", "markdown": out / "report.md", "html": out / "report.html"}
    paths["json"].write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    paths["markdown"].write_text(to_markdown(report), encoding="utf-8")
    paths["html"].write_text(to_html(report, images), encoding="utf-8")
    for name, data in images.items():
        paths[name.removesuffix(".png")] = out / name
        (out / name).write_bytes(data)
    return paths


def check_texts(gold: list[Document], pred: list[Document], where: str) -> None:
    """Offsets only compare when the texts are the same; say so instead of scoring nonsense."""
    texts = {d.id: d.text for d in gold}
    for d in pred:
        if d.id in texts and texts[d.id] != d.text:
            raise InputError(where, f"document {d.id!r}: its text differs from the gold "
                             "document's, so span offsets cannot be compared")


def evaluate(gold: str | Path | list[Document], pred: str | Path | list[Document] | None = None,
             *, model: str | Path | Pipeline | None = None, out: str | Path | None = None,
             samples: int = 1000, seed: int = 13, bins: int = 10,
             batch_size: int = 16) -> dict[str, Any]:
    """Score predictions (a file, documents, or a model run on the gold texts) and report.

    With neither `pred` nor `model`, the default model predicts. With `out`, the reports (and,
    for a model, its predictions.jsonl) are written there, and the returned report dict gets a
    "files" entry naming them.
    """
    if pred is not None and model is not None:
        raise InputError("", "give predictions or a model, not both")
    if isinstance(gold, (str, Path)):
        sources: dict[str, Any] = {"gold": str(gold)}
        gold_docs = load_documents(gold, "gold")
    else:
        sources, gold_docs = {"gold": "(documents)"}, list(gold)
    predicted = pred is None
    if pred is None:
        import eventx

        nlp = model if hasattr(model, "pipe") else eventx.load(model)  # type: ignore[arg-type]
        pred_docs = predict(gold_docs, nlp, batch_size)  # type: ignore[arg-type]
        sources["model"] = nlp.name  # type: ignore[union-attr]
        sources["model_source"] = getattr(nlp, "source", None)
        sources["precision"] = getattr(getattr(nlp, "extractor", None), "precision", None)
    elif isinstance(pred, (str, Path)):
        sources["predictions"] = str(pred)
        pred_docs = load_documents(pred, "predictions", allow_empty=True)
    else:
        sources["predictions"] = "(documents)"
        pred_docs = list(pred)
    check_texts(gold_docs, pred_docs, str(pred) if isinstance(pred, (str, Path)) else "predictions")
    report = build_report(gold_docs, pred_docs, samples=samples, seed=seed, bins=bins,
                          sources=sources)
    if out is not None:
        paths = write_reports(report, out)
        if predicted:
            from eventx.writers import JsonlWriter

            with JsonlWriter(Path(out) / "predictions.jsonl") as writer:
                for doc in pred_docs:
                    writer.write(doc)
            paths["predictions"] = Path(out) / "predictions.jsonl"
        report["files"] = {k: str(v) for k, v in paths.items()}
    return report
