"""Importers of the real-text sets (M2E2, WikiEvents, RAMS, GENEVA, PLOVER) on examples written here.

Each example mimics its set's format in a few lines, so the tests run without ../shared/data.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from eventx.importers import import_file, read_geneva, read_m2e2, read_plover, read_wikievents


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _spans(doc):
    return {(e.type, e.trigger.text, tuple((a.role, a.text) for a in e.arguments)) for e in doc.events}


def test_m2e2_articles_from_sentences_with_dedup_and_mapped_types(tmp_path: Path) -> None:
    s1 = "Rebels attacked a convoy near Aleppo on Friday ."
    s2 = "Two drivers died , officials said ."
    rows = [
        {"sentence_id": "VOA_EN_NW_2016.05.14.1_1", "doc_id": "VOA_EN_NW_2016.05.14.1", "sentence_start": 50,
         "sentence": s2, "words": s2.split(), "golden-event-mentions": [
             {"event_type": "Life:Die", "trigger": {"start": 2, "end": 3, "text": "died"},
              "arguments": [{"role": "Victim", "start": 0, "end": 2, "text": "Two drivers"}]}]},
        {"sentence_id": "VOA_EN_NW_2016.05.14.1_0", "doc_id": "VOA_EN_NW_2016.05.14.1", "sentence_start": 0,
         "sentence": s1, "words": s1.split(), "golden-event-mentions": [
             {"event_type": "Conflict:Attack", "trigger": {"start": 1, "end": 2, "text": "attacked"},
              "arguments": [{"role": "Attacker", "start": 0, "end": 1, "text": "Rebels"},
                            {"role": "Target", "start": 2, "end": 4, "text": "a convoy"}]},
             {"event_type": "Justice:Arrest-Jail", "trigger": {"start": 0, "end": 1, "text": "Rebels"}, "arguments": []}]},
    ]
    rows.append(dict(rows[0], source_file="text_multimedia"))  # the release repeats some sentences
    with gzip.open(tmp_path / "text_events.slim.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write("".join(json.dumps(r) + "\n" for r in rows))
    result = read_m2e2(tmp_path)
    (doc,) = result.documents
    assert doc.text == s1 + "\n" + s2
    assert str(doc.published) == "2016-05-14"
    assert _spans(doc) == {("ATTACK", "attacked", (("agent", "Rebels"), ("target", "a convoy"))),
                           ("CASUALTIES", "died", (("victim", "Two drivers"),))}
    assert doc.meta["annotated_types"] == "ATTACK CASUALTIES"
    assert result.report.unmapped_types["Justice:Arrest-Jail"] == 1


def test_wikievents_sentences_on_lines_and_entity_arguments(tmp_path: Path) -> None:
    a, b = "Gunmen shot a guard", "He died later"
    record = {
        "doc_id": "w1", "text": a + b,
        "sentences": [[[["Gunmen", 0, 6], ["shot", 7, 11], ["a", 12, 13], ["guard", 14, 19]], a],
                      [[["He", 19, 21], ["died", 22, 26], ["later", 27, 32]], b]],
        "entity_mentions": [{"id": "T1", "start": 0, "end": 1, "text": "Gunmen"},
                            {"id": "T2", "start": 2, "end": 4, "text": "a guard"},
                            {"id": "T3", "start": 4, "end": 5, "text": "He"}],
        "event_mentions": [
            {"id": "E1", "event_type": "Conflict.Attack.Unspecified", "trigger": {"start": 1, "end": 2, "text": "shot"},
             "arguments": [{"entity_id": "T1", "role": "Attacker"}, {"entity_id": "T2", "role": "Target"}]},
            {"id": "E2", "event_type": "Life.Die.Unspecified", "trigger": {"start": 5, "end": 6, "text": "died"},
             "arguments": [{"entity_id": "T3", "role": "Victim"}, {"entity_id": "T9", "role": "Place"}]},
        ],
    }
    result = read_wikievents(_jsonl(tmp_path / "w.jsonl", [record]))
    (doc,) = result.documents
    assert doc.text == a + "\n" + b
    assert _spans(doc) == {("ATTACK", "shot", (("agent", "Gunmen"), ("target", "a guard"))),
                           ("CASUALTIES", "died", (("victim", "He"),))}
    assert [r.reason for r in result.report.rejects] == ["event E2: 1 argument(s) name no entity mention"]


def test_rams_is_partial_and_unmapped_windows_are_dropped(tmp_path: Path) -> None:
    sentences = [["Officials", "said", "."], ["Jets", "bombed", "the", "depot", "."]]
    rows = [
        {"doc_key": "r1", "sentences": sentences, "evt_triggers": [[4, 4, [["conflict.attack.airstrikemissilestrike", 1.0]]]],
         "gold_evt_links": [[[4, 4], [3, 3], "evt001arg01attacker"], [[4, 4], [5, 6], "evt001arg02target"]]},
        {"doc_key": "r2", "sentences": sentences, "evt_triggers": [[1, 1, [["life.die.n/a", 1.0]]]], "gold_evt_links": []},
    ]
    result = import_file(_jsonl(tmp_path / "r.jsonlines", rows), "rams")
    (doc,) = result.documents
    assert doc.text == "Officials said .\nJets bombed the depot ."
    assert _spans(doc) == {("ATTACK", "bombed", (("agent", "Jets"), ("target", "the depot")))}
    assert doc.meta["annotation"] == "partial"
    assert result.report.unmapped_types["life.die.n/a"] == 1


def test_geneva_frames_map_and_mask_every_type(tmp_path: Path) -> None:
    row = {"doc_id": "g", "wnd_id": "g1", "tokens": ["The", "minister", "said", "troops", "attacked"],
           "entity_mentions": [{"id": "m", "start": 0, "end": 2, "text": "The minister"},
                               {"id": "t", "start": 3, "end": 4, "text": "troops"}],
           "event_mentions": [
               {"event_type": "Statement", "trigger": {"start": 2, "end": 3, "text": "said"},
                "arguments": [{"entity_id": "m", "role": "Speaker", "text": "The minister"}]},
               {"event_type": "Attack", "trigger": {"start": 4, "end": 5, "text": "attacked"},
                "arguments": [{"entity_id": "t", "role": "Assailant", "text": "troops"}]},
               {"event_type": "Arriving", "trigger": {"start": 3, "end": 4, "text": "troops"}, "arguments": []}]}
    result = read_geneva(_jsonl(tmp_path / "g.json", [row]))
    (doc,) = result.documents
    assert _spans(doc) == {("STATEMENT", "said", (("speaker", "The minister"),)),
                           ("ATTACK", "attacked", (("agent", "troops"),))}
    assert doc.meta["annotated_types"] == ""  # no type is exhaustive: training never learns "no event"
    assert result.report.unmapped_types["Arriving"] == 1


def test_plover_markup_gives_spans_and_roles(tmp_path: Path) -> None:
    rows = [{"id": "P-1", "event": "ASSAULT", "date": "2000-01-01",
             "textInfo": {"markup": "(SRC: Rebel fighters) (EVT: attacked) a (TAR: police post) on Monday."}},
            {"id": "P-2", "event": "DEMAND", "textInfo": {"markup": "(SRC: Paris) (EVT: demanded) talks."}}]
    result = read_plover(_jsonl(tmp_path / "p.jsonl", rows))
    (doc,) = result.documents
    assert doc.text == "Rebel fighters attacked a police post on Monday."
    assert _spans(doc) == {("ATTACK", "attacked", (("agent", "Rebel fighters"), ("target", "police post")))}
    assert result.report.unmapped_types["DEMAND"] == 1
