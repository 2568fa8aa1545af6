"""Scoring, errors, calibration and bootstrap on tiny hand-built cases with hand-computed numbers."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventx.cli import app
from eventx.errors import InputError
from eventx.evaluate import (
    best_threshold,
    bootstrap,
    brier_score,
    build_report,
    calibration_items,
    error_counts,
    expected_calibration_error,
    list_errors,
    load_documents,
    match,
    predict,
    reliability,
    score,
    strip_events,
    threshold_curves,
    trigger_items,
)
from eventx.records import Argument, Document, Event, Place, Sentence, Span, TimeValue

TEXT = ("Russian jets entered Estonian airspace on Monday, the army said. "
        "Drones struck Odesa. Missiles struck Kyiv. Jets struck Lviv. Officials met in Riga.")


def at(needle: str, nth: int = 0, text: str = TEXT) -> dict:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return {"text": needle, "start": start, "end": start + len(needle)}


def arg(role: str, needle: str, nth: int = 0, **kw) -> Argument:
    return Argument(role=role, **at(needle, nth), **kw)


def ev(id: str, type: str, trigger: str, args: list[Argument] = (), nth: int = 0, **kw) -> Event:
    return Event(id=id, type=type, trigger=Span(**at(trigger, nth)), arguments=list(args), **kw)


def doc(events: list[Event], id: str = "d1", text: str = TEXT) -> Document:
    return Document(id=id, text=text, events=events)


def incursion(**kw) -> Event:
    return ev("e1", "AIRSPACE_INCURSION", "entered",
              [arg("aircraft", "Russian jets"), arg("location", "Estonian airspace")], **kw)


def statement(type: str = "STATEMENT", role: str = "speaker", **kw) -> Event:
    return ev("e2", type, "said", [arg(role, "the army")], **kw)


def prf(p: dict) -> tuple:
    return p["precision"], p["recall"], p["f1"], p["tp"], p["fp"], p["fn"]


def test_exact_match_is_perfect():
    gold = [doc([incursion(), statement()])]
    s = score(gold, [doc([incursion(), statement()])]).to_dict()
    for name in ("trigger_identification", "trigger_classification", "argument_identification",
                 "argument_classification"):
        assert prf(s["strict"][name]) == prf(s["lenient"][name])
    assert prf(s["strict"]["trigger_classification"]) == (1.0, 1.0, 1.0, 2, 0, 0)
    assert prf(s["strict"]["argument_classification"]) == (1.0, 1.0, 1.0, 3, 0, 0)
    assert s["counts"] == {"documents": 1, "gold_events": 2, "predicted_events": 2,
                           "gold_arguments": 3, "predicted_arguments": 3,
                           "optional_gold_events": 0, "optional_gold_arguments": 0}
    assert list_errors(gold, gold) == []


def test_partial_spans_strict_versus_lenient():
    gold = [doc([incursion()])]
    pred = [doc([Event(id="p", type="AIRSPACE_INCURSION", trigger=Span(**at("entered Estonian")),
                       arguments=[arg("aircraft", "jets"), arg("location", "Estonian airspace")])])]
    s = score(gold, pred)
    assert (s.trigger_identification.tp, s.trigger_identification.fp) == (0, 1)
    assert s.lenient["trigger_classification"].f1 == 1.0
    # arguments: "jets" overlaps "Russian jets" -> strict 1 of 2, lenient 2 of 2
    assert prf(s.argument_classification.to_dict()) == (0.5, 0.5, 0.5, 1, 1, 1)
    assert s.lenient["argument_classification"].f1 == 1.0
    assert s.to_dict()["macro"]["lenient"]["argument_classification"]["f1"] == 1.0
    kinds = sorted((e["level"], e["kind"]) for e in s.errors)
    assert kinds == [("argument", "wrong_span"), ("trigger", "wrong_span")]
    arg_error = next(e for e in s.errors if e["level"] == "argument")
    assert arg_error["gold"]["text"] == "Russian jets" and arg_error["pred"]["text"] == "jets"
    assert arg_error["sentence"]["text"] == "Russian jets entered Estonian airspace on Monday, the army said."


def test_wrong_type_and_its_arguments():
    gold = [doc([statement()])]
    s = score(gold, [doc([statement(type="MEETING")])])
    assert prf(s.trigger_identification.to_dict()) == (1.0, 1.0, 1.0, 1, 0, 0)
    assert prf(s.trigger_classification.to_dict()) == (0.0, 0.0, 0.0, 0, 1, 1)
    # ACE: an argument is identified only with the right event type
    assert s.argument_identification.tp == 0 and s.argument_identification.fp == 1
    by_level = {e["level"]: e for e in s.errors}
    assert by_level["trigger"]["kind"] == "wrong_type"
    assert (by_level["trigger"]["gold"]["type"], by_level["trigger"]["pred"]["type"]) == (
        "STATEMENT", "MEETING")
    assert by_level["argument"]["kind"] == "wrong_type"
    assert s.per_type["STATEMENT"].fn == 1 and s.per_type["MEETING"].fp == 1


def test_wrong_role():
    gold = [doc([statement()])]
    s = score(gold, [doc([statement(role="addressee")])])
    assert prf(s.argument_identification.to_dict()) == (1.0, 1.0, 1.0, 1, 0, 0)
    assert prf(s.argument_classification.to_dict()) == (0.0, 0.0, 0.0, 0, 1, 1)
    (error,) = s.errors
    assert error["kind"] == "wrong_role"
    assert (error["gold"]["role"], error["pred"]["role"]) == ("speaker", "addressee")


def test_duplicates_are_penalised():
    gold = [doc([statement()])]
    twice = statement(confidence=0.9)
    again = statement(confidence=0.4).model_copy(update={"id": "e3"})
    s = score(gold, [doc([twice, again])])
    assert prf(s.trigger_classification.to_dict()) == (0.5, 1.0, 0.6667, 1, 1, 0)
    assert prf(s.argument_classification.to_dict()) == (0.5, 1.0, 0.6667, 1, 1, 0)
    spurious = [e for e in s.errors if e["kind"] == "spurious"]
    assert len(spurious) == 2
    assert all(e["note"] == "duplicate of a matched prediction" for e in spurious)
    # the more confident copy is the one credited
    assert [e["pred"]["confidence"] for e in spurious if e["level"] == "trigger"] == [0.4]


def test_optional_gold_items_are_neither_credited_nor_penalised():
    optional = ev("e9", "ATTACK", "struck", [arg("location", "Odesa")], optional=True)
    gold = [doc([statement(), optional])]
    found = ev("p9", "ATTACK", "struck", [arg("location", "Odesa")])
    for pred in ([doc([statement()])], [doc([statement(), found])]):
        s = score(gold, pred)
        assert prf(s.trigger_classification.to_dict()) == (1.0, 1.0, 1.0, 1, 0, 0)
        assert prf(s.argument_classification.to_dict()) == (1.0, 1.0, 1.0, 1, 0, 0)
        assert s.errors == []
    assert score(gold, [doc([statement()])]).counts["optional_gold_events"] == 1
    # an optional argument of a required event
    gold = [doc([ev("e1", "STATEMENT", "said", [arg("speaker", "the army"),
                                                 arg("time", "on Monday", optional=True)])])]
    s = score(gold, [doc([statement()])])
    assert prf(s.argument_classification.to_dict()) == (1.0, 1.0, 1.0, 1, 0, 0)
    assert s.counts["optional_gold_arguments"] == 1


def test_empty_predictions_and_empty_gold():
    gold = [doc([incursion(), statement()])]
    s = score(gold, [])
    assert prf(s.trigger_classification.to_dict()) == (0.0, 0.0, 0.0, 0, 0, 2)
    assert prf(s.argument_classification.to_dict()) == (0.0, 0.0, 0.0, 0, 0, 3)
    assert sorted(e["kind"] for e in s.errors) == ["missed"] * 5
    assert calibration_items(gold, []) == {"events": [], "arguments": []}
    s = score([doc([])], [doc([incursion()])])
    assert prf(s.trigger_classification.to_dict()) == (0.0, 0.0, 0.0, 0, 1, 0)
    assert [e["kind"] for e in s.errors] == ["spurious"] * 3
    s = score([], [])
    assert s.trigger_classification.f1 == 0.0 and s.counts["documents"] == 0
    report = build_report([doc([])], [], samples=20)
    assert report["bootstrap"]["trigger_classification"]["f1"] == 0.0
    assert report["calibration"]["events"]["ece"] == 0.0


def test_predictions_for_unknown_documents_are_ignored_with_a_warning():
    gold = [doc([statement()])]
    pred = [doc([statement()]), doc([statement()], id="other")]
    report = build_report(gold, pred, samples=10)
    assert report["strict"]["trigger_classification"]["f1"] == 1.0
    assert "1 predicted documents have no gold document" in report["warnings"][0]


def macro_case() -> tuple[list[Document], list[Document]]:
    attacks = [ev(f"a{i}", "ATTACK", "struck", nth=i) for i in range(3)]
    gold = [doc([*attacks, ev("s", "STATEMENT", "said")])]
    pred = [doc([*attacks, ev("m", "STATEMENT", "met")])]
    return gold, pred


def test_macro_versus_micro():
    gold, pred = macro_case()
    s = score(gold, pred)
    assert prf(s.trigger_classification.to_dict()) == (0.75, 0.75, 0.75, 3, 1, 1)
    macro = s.to_dict()["macro"]["strict"]["trigger_classification"]
    assert macro == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "labels": 2}
    assert s.to_dict()["macro_f1"]["trigger_classification"] == 0.5
    assert s.per_type["ATTACK"].f1 == 1.0 and s.per_type["STATEMENT"].f1 == 0.0


def test_attribute_accuracy_on_matched_events():
    day = TimeValue(value="2023-03-13", granularity="day")
    ee = Place(name="Estonia", country="EE")
    gold = [doc([incursion(time=day, location=ee, modality="hedged"),
                 statement(polarity="negative", time=day)])]
    pred = [doc([incursion(time=day, location=Place(name="Latvia", country="LV"),
                           modality="hedged"),
                 statement(polarity="positive", time=TimeValue(value="2023-03", granularity="month")),
                 ev("x", "ATTACK", "struck", polarity="negative")])]
    attrs = score(gold, pred).attributes
    assert attrs["polarity"] == {"accuracy": 0.5, "events": 2}
    assert attrs["modality"] == {"accuracy": 1.0, "events": 2}
    assert attrs["time"] == {"accuracy": 0.5, "events": 2}
    assert attrs["place_country"] == {"accuracy": 0.0, "events": 1}
    assert attrs["place_geonames"] == {"accuracy": 0.0, "events": 0}


def test_ece_and_brier_by_hand():
    items = [(0.95, True), (0.95, True), (0.95, False), (0.25, False)]
    # bin [0.9, 1.0]: 3 items, confidence .95, accuracy 2/3; bin [0.2, 0.3): .25 vs 0
    assert expected_calibration_error(items) == pytest.approx((3 * (0.95 - 2 / 3) + 0.25) / 4)
    assert expected_calibration_error(items) == pytest.approx(0.275)
    assert brier_score(items) == pytest.approx((2 * 0.05**2 + 0.95**2 + 0.25**2) / 4)
    assert brier_score(items) == pytest.approx(0.2425)
    assert expected_calibration_error([(1.0, True), (0.0, False)]) == 0.0
    assert expected_calibration_error([]) == 0.0 and brier_score([]) == 0.0
    bins = reliability(items)
    assert len(bins) == 10 and sum(b["count"] for b in bins) == 4
    assert bins[9] == {"low": 0.9, "high": 1.0, "count": 3, "confidence": 0.95, "accuracy": 0.6667}
    assert bins[2]["count"] == 1 and bins[2]["accuracy"] == 0.0
    assert bins[0] == {"low": 0.0, "high": 0.1, "count": 0, "confidence": None, "accuracy": None}


def test_threshold_curves_equal_rescoring_the_kept_predictions():
    gold = [doc([incursion(), statement()])]
    pred = [doc([incursion(confidence=0.9), statement(type="MEETING", confidence=0.6),
                 ev("x", "ATTACK", "struck", confidence=0.3)])]
    curves = threshold_curves(gold, pred, [0.0, 0.5, 0.8, 0.95])
    for row in curves["events"]:
        kept = [doc([e for e in pred[0].events if e.confidence >= row["threshold"]])]
        s = score(gold, kept).trigger_classification
        assert (row["tp"], row["fp"], row["fn"]) == (s.tp, s.fp, s.fn)
    assert [r["precision"] for r in curves["events"]] == [0.3333, 0.5, 1.0, 0.0]
    assert [r["recall"] for r in curves["events"]] == [0.5, 0.5, 0.5, 0.0]
    assert best_threshold(curves["events"])["threshold"] == 0.8
    assert best_threshold([]) is None


def test_error_kinds_add_up_to_false_positives_and_negatives():
    gold, pred = macro_case()
    gold[0].events.append(incursion())
    pred[0].events += [ev("p1", "DEPLOYMENT", "entered",
                          [arg("aircraft", "jets"), arg("agent", "Estonian airspace")])]
    s = score(gold, pred)
    counts = error_counts(s.errors)
    for level, strict in (("trigger", s.trigger_classification),
                          ("argument", s.argument_classification)):
        c = counts[level]
        paired = c["wrong_type"] + c["wrong_role"] + c["wrong_span"]
        assert c["spurious"] + paired == strict.fp
        assert c["missed"] + paired == strict.fn


def many_documents() -> tuple[list[Document], list[Document]]:
    gold, pred = [], []
    for i in range(12):
        events = [ev(f"a{j}", "ATTACK", "struck", nth=j) for j in range(3)]
        gold.append(doc(events, id=f"d{i}"))
        pred.append(doc(events[: 1 + i % 3] + ([ev("m", "MEETING", "met")] if i % 4 == 0 else []),
                        id=f"d{i}"))
    return gold, pred


def test_bootstrap_is_seeded_and_brackets_the_point_estimate():
    gold, pred = many_documents()
    first = bootstrap(gold, pred, samples=300, seed=7)
    assert first == bootstrap(gold, pred, samples=300, seed=7)
    assert first != bootstrap(gold, pred, samples=300, seed=8)
    point = score(gold, pred).trigger_classification.f1
    t = first["trigger_classification"]
    assert t["f1"] == round(point, 4)
    assert t["low"] <= t["f1"] <= t["high"] and t["low"] < t["high"]
    assert (t["samples"], t["seed"], t["documents"]) == (300, 7, 12)
    # no predicted arguments and no gold arguments: a degenerate interval at 0
    a = first["argument_classification"]
    assert (a["f1"], a["low"], a["high"]) == (0.0, 0.0, 0.0)
    one = bootstrap([doc([statement()])], [doc([statement()])], samples=50)
    assert one["trigger_classification"]["low"] == one["trigger_classification"]["high"] == 1.0


def test_match_keeps_exact_partners_under_lenient_matching():
    gold = [doc([ev("g1", "ATTACK", "struck"), ev("g2", "ATTACK", "struck Odesa")])]
    pred = [doc([ev("p1", "ATTACK", "struck Odesa", confidence=0.9),
                 ev("p2", "ATTACK", "struck", confidence=0.1)])]
    prf_, _, _ = match(trigger_items(gold), trigger_items(pred), classify=True, lenient=True)
    assert (prf_.tp, prf_.fp, prf_.fn) == (2, 0, 0)


def test_strip_events_and_predict_give_the_model_text_only():
    gold = Document(id="g", text=TEXT, title="T", published="2023-03-14", url="https://x.org",
                    sentences=[Sentence(start=0, end=10)], events=[statement()], meta={"a": "b"})
    bare = strip_events(gold)
    assert (bare.id, bare.text, bare.title, bare.published, bare.sentences) == (
        gold.id, gold.text, gold.title, gold.published, gold.sentences)
    assert bare.events == [] and bare.url is None and bare.meta == {}

    class Spy:
        def __init__(self) -> None:
            self.seen: list[Document] = []

        def pipe(self, docs, batch_size=16):
            for d in docs:
                self.seen.append(d)
                yield d.model_copy(update={"events": [statement()]})

    spy = Spy()
    out = predict([gold], spy)  # type: ignore[arg-type]
    assert spy.seen[0].events == [] and len(out[0].events) == 1


def write(path, docs: list[Document]) -> str:
    path.write_text("".join(d.model_dump_json() + "\n" for d in docs))
    return str(path)


def test_load_documents_refuses_bad_files(tmp_path):
    with pytest.raises(InputError, match="no such gold file"):
        load_documents(tmp_path / "nope.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(doc([statement()]).model_dump_json() + "\n{oops\n")
    with pytest.raises(InputError, match=r"bad.jsonl:2: not a valid gold Document"):
        load_documents(bad)
    dup = write(tmp_path / "dup.jsonl", [doc([]), doc([])])
    with pytest.raises(InputError, match="duplicate document id 'd1'"):
        load_documents(dup)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("")
    with pytest.raises(InputError, match="no documents"):
        load_documents(empty)
    assert load_documents(empty, "predictions", allow_empty=True) == []


runner = CliRunner()


def test_cli_evaluate_with_predictions(tmp_path):
    gold, pred = macro_case()
    g, p = write(tmp_path / "gold.jsonl", gold), write(tmp_path / "pred.jsonl", pred)
    result = runner.invoke(app, ["evaluate", "--gold", g, "--pred", p, "--json", "--samples", "50"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["strict"]["trigger_classification"]["f1"] == 0.75
    assert report["sources"] == {"gold": g, "predictions": p}
    out = tmp_path / "eval"
    result = runner.invoke(app, ["evaluate", "--gold", g, "--pred", p, "--out", str(out),
                                 "--samples", "50"])
    assert result.exit_code == 0, result.output
    assert "trigger_classification" in result.output and "F1 0.750" in result.output
    for name in ("report.json", "report.md", "report.html", "reliability.png", "thresholds.png"):
        assert (out / name).stat().st_size > 0


def test_cli_evaluate_with_a_model(tmp_path):
    gold = [doc([statement()])]
    g = write(tmp_path / "gold.jsonl", gold)
    out = tmp_path / "eval"
    result = runner.invoke(app, ["evaluate", "--gold", g, "--model", "baseline", "--out", str(out),
                                 "--samples", "20"])
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text())
    assert report["sources"]["model"] == "baseline-lexicon"
    (predicted,) = load_documents(out / "predictions.jsonl", "predictions")
    assert predicted.text == TEXT and predicted.id == "d1"


def test_cli_evaluate_errors_are_one_line(tmp_path):
    g = write(tmp_path / "gold.jsonl", [doc([statement()])])
    result = runner.invoke(app, ["evaluate", "--gold", g, "--pred", g, "--model", "baseline"])
    assert result.exit_code == 2
    assert result.output.strip() == "error: give --pred or --model, not both"
    result = runner.invoke(app, ["evaluate", "--gold", str(tmp_path / "nope.jsonl"), "--pred", g])
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {tmp_path / 'nope.jsonl'}: no such gold file"
    other = write(tmp_path / "other.jsonl", [doc([], text="Something else entirely.")])
    result = runner.invoke(app, ["evaluate", "--gold", g, "--pred", other])
    assert result.exit_code == 2
    assert "its text differs from the gold document's" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_partial_gold_is_scored_only_where_it_is_complete():
    from eventx.evaluate import score
    from eventx.records import Document, Event, Span

    text = "Rebels attacked the post and officials said so."

    def ev(i, etype, word):
        s = text.index(word)
        return Event(id=f"e{i}", type=etype, trigger=Span(text=word, start=s, end=s + len(word)))

    pred = Document(id="d", text=text, events=[ev(1, "ATTACK", "attacked"), ev(2, "STATEMENT", "said")])
    typed = Document(id="d", text=text, events=[ev(1, "ATTACK", "attacked")], meta={"annotated_types": "ATTACK"})
    partial = Document(id="d", text=text, events=[ev(1, "ATTACK", "attacked")], meta={"annotation": "partial"})
    full = Document(id="d", text=text, events=[ev(1, "ATTACK", "attacked")])
    assert score([typed], [pred]).trigger_classification.precision == 1.0
    assert score([partial], [pred]).trigger_classification.precision == 1.0
    assert score([full], [pred]).trigger_classification.precision == 0.5
