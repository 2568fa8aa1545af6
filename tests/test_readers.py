import csv
import datetime as dt
import json

import pytest

from eventx.errors import InputError
from eventx.readers import Fields, Reject, parse_date, read, read_article, read_jsonl
from eventx.records import Document

ARTICLE = "Jets seen over Narva\n20230314\nhttps://example.org/a\nFirst paragraph.\n\nSecond one.\n"


def docs_and_rejects(items):
    items = list(items)
    return ([i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, Reject)])


def test_article_line_format(tmp_path):
    path = tmp_path / "narva.txt"
    path.write_text(ARTICLE)
    [doc] = list(read(path))
    assert doc.title == "Jets seen over Narva"
    assert doc.published == dt.date(2023, 3, 14)
    assert doc.url == "https://example.org/a"
    assert doc.text == "First paragraph.\nSecond one."
    assert doc.id == "narva"


def test_article_with_bad_date_names_line_2(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE.replace("20230314", "20231399"))
    [rej] = list(read_article(path))
    assert isinstance(rej, Reject) and rej.where == f"{path}:2" and "bad date" in rej.problem


def test_jsonl_good_and_bad_lines(tmp_path):
    path = tmp_path / "dump.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Drones struck a depot.", "published": "2023-01-02"}),
        "{broken json",
        json.dumps({"id": "b", "body": "no text field"}),
        json.dumps({"id": "c", "text": "   "}),
        json.dumps({"id": "d", "text": "ok", "published": "yesterday"}),
    ]
    path.write_bytes(("\n".join(lines) + "\n").encode() + b'{"text": "caf\xe9"}\n')
    docs, rejects = docs_and_rejects(read(path))
    assert [d.id for d in docs] == ["a"]
    problems = {r.where.rsplit(":", 1)[1]: r.problem for r in rejects}
    assert "malformed JSON" in problems["2"]
    assert "missing field 'text'" in problems["3"]
    assert "empty text" in problems["4"]
    assert "bad date" in problems["5"]
    assert "not valid UTF-8" in problems["6"]


def test_jsonl_field_names_are_configurable(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"uid": 7, "body": "Troops moved.", "date": "20220101"}) + "\n")
    [doc] = list(read_jsonl(path, Fields(text="body", id="uid", published="date")))
    assert (doc.id, doc.text, doc.published) == ("7", "Troops moved.", dt.date(2022, 1, 1))


def test_id_falls_back_to_content_hash(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"text": "Same text."}) + "\n")
    [a] = list(read(path))
    [b] = list(read(path))
    assert a.id == b.id and a.id.startswith("sha1-")


def test_csv(tmp_path):
    path = tmp_path / "d.csv"
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "text", "published"])
        w.writerow(["x", "Line one,\nwith a newline", "2022-07-12"])
        w.writerow(["y", "", ""])
    docs, rejects = docs_and_rejects(read(path))
    assert docs[0].text == "Line one,\nwith a newline"
    assert rejects[0].problem == "empty text" and rejects[0].where.endswith(":4")


def test_directory_reads_all_formats_in_order(tmp_path):
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "j", "text": "t"}) + "\n")
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "notes.md").write_text("ignored")
    docs, rejects = docs_and_rejects(read(tmp_path))
    assert [d.id for d in docs] == ["a", "j"] and not rejects


def test_missing_file_is_one_clear_error(tmp_path):
    with pytest.raises(InputError, match="no such file") as info:
        list(read(tmp_path / "nope.jsonl"))
    assert "nope.jsonl" in str(info.value)


def test_unknown_format(tmp_path):
    path = tmp_path / "x.docx"
    path.write_text("x")
    with pytest.raises(InputError, match="unknown input format"):
        list(read(path))


def test_hf_dataset():
    datasets = pytest.importorskip("datasets")
    ds = datasets.Dataset.from_dict({"text": ["A strike hit Kharkiv.", ""], "id": ["1", "2"]})
    docs, rejects = docs_and_rejects(read(ds))
    assert [d.id for d in docs] == ["1"] and rejects[0].where == "dataset:row 1"


@pytest.mark.parametrize("value, expected", [
    ("2022-07-12", dt.date(2022, 7, 12)), ("20220712", dt.date(2022, 7, 12)),
    ("2022-07-12T10:00:00Z", dt.date(2022, 7, 12)), (None, None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_reading_is_lazy(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text("".join(json.dumps({"text": f"doc {i}"}) + "\n" for i in range(1000)))
    stream = read(path)
    first = next(stream)
    assert first.text == "doc 0"
