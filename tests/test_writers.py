import json

from eventx.readers import Reject, read, read_documents
from eventx.writers import JsonlWriter, ParquetWriter, RejectsWriter, open_writer


def test_jsonl_round_trip(tmp_path, small_doc):
    path = tmp_path / "out.jsonl"
    with JsonlWriter(path) as w:
        w.write(small_doc)
    [back] = list(read_documents(path))
    assert back == small_doc


def test_parquet_round_trip(tmp_path, small_doc):
    path = tmp_path / "out.parquet"
    with open_writer(path) as w:
        assert isinstance(w, ParquetWriter)
        w.write(small_doc)
        w.write(small_doc.model_copy(update={"id": "d2", "events": []}))
    back = list(read(path))
    assert back[0] == small_doc and back[1].id == "d2" and back[1].events == []


def test_rejects_file_only_when_needed(tmp_path):
    path = tmp_path / "rejects.jsonl"
    w = RejectsWriter(path)
    w.close()
    assert not path.exists()
    w = RejectsWriter(path)
    w.write(Reject("f.jsonl:3", "malformed JSON", "{"))
    w.close()
    assert json.loads(path.read_text())["where"] == "f.jsonl:3"
