import datetime as dt

import eventx
from eventx.records import Document


def test_baseline_pipeline_finds_events_with_exact_offsets():
    nlp = eventx.load("baseline")
    doc = nlp("Two Russian jets entered Estonian airspace on Monday, the ministry said.",
              published="2023-03-14")
    assert doc.published == dt.date(2023, 3, 14)
    types = {e.type for e in doc.events}
    assert {"AIRSPACE_INCURSION", "STATEMENT"} <= types
    for _, s in doc.spans():
        assert doc.text[s.start : s.end] == s.text


def test_pipe_keeps_order_and_accepts_strings_dicts_and_documents():
    nlp = eventx.load("baseline")
    items = ["Jets struck a depot.", {"id": "x", "text": "Troops were deployed."},
             Document(id="y", text="Ministers met in Ankara.")]
    docs = list(nlp.pipe(items, batch_size=2))
    assert [d.id for d in docs][1:] == ["x", "y"]
    assert all(d.sentences for d in docs)


def test_load_rejects_a_directory_without_a_model(tmp_path):
    import pytest

    with pytest.raises(eventx.ModelError, match="not an eventx model"):
        eventx.load(tmp_path)


def test_import_is_light():
    import subprocess
    import sys

    code = "import sys, eventx; print('torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
