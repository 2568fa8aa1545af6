"""Streaming readers for article dumps.

Every reader yields, record by record, either a `Document` (no events yet) or a `Reject` saying
which record could not be read and why, so a batch never loses data silently. Memory stays flat:
files are read line by line (JSONL, CSV, article files) or batch by batch (Parquet).

Formats: the article line format (title, YYYYMMDD date, URL, one paragraph a line), JSON Lines,
CSV, Parquet, a directory of such files, and a Hugging Face `datasets.Dataset`.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventx.errors import InputError
from eventx.records import Document

SUFFIXES = {".txt": "article", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv",
            ".parquet": "parquet"}


@dataclass(frozen=True)
class Reject:
    """A record that could not be read: where it is, what is wrong, and its raw content."""

    where: str
    problem: str
    record: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"where": self.where, "problem": self.problem, "record": self.record[:10_000]}


Item = Document | Reject


@dataclass(frozen=True)
class Fields:
    """Which input fields hold the text and metadata (JSONL, CSV, Parquet, datasets)."""

    text: str = "text"
    id: str = "id"
    title: str = "title"
    published: str = "published"
    url: str = "url"
    extra: tuple[str, ...] = field(default=())


def parse_date(value: Any) -> dt.date | None:
    """Accept YYYY-MM-DD, YYYYMMDD, ISO datetimes and date objects; raise ValueError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    m = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})(?:[T ].*)?", s)
    if not m:
        raise ValueError(f"bad date {s!r} (expected YYYY-MM-DD or YYYYMMDD)")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise ValueError(f"bad date {s!r} (no such day)") from None


def content_id(text: str) -> str:
    """An id for records that come without one: stable across runs, so resumes match."""
    return "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def make_document(
    text: Any, *, id: Any = None, title: Any = None, published: Any = None, url: Any = None,
    meta: dict[str, str] | None = None,
) -> Document:
    """A Document from raw fields; raises ValueError with a short reason for bad fields."""
    if not isinstance(text, str):
        raise ValueError(f"text must be a string, not {type(text).__name__}")
    if not text.strip():
        raise ValueError("empty text")
    return Document(
        id=str(id) if id not in (None, "") else content_id(text),
        text=text,
        title=None if title in (None, "") else str(title),
        published=parse_date(published),
        url=None if url in (None, "") else str(url),
        meta=meta or {},
    )


def _from_mapping(row: dict, fields: Fields, where: str, raw: str) -> Item:
    if not isinstance(row, dict):
        return Reject(where, f"expected an object, got {type(row).__name__}", raw)
    if fields.text not in row:
        return Reject(where, f"missing field {fields.text!r}", raw)
    try:
        meta = {k: str(row[k]) for k in fields.extra if row.get(k) is not None}
        return make_document(row[fields.text], id=row.get(fields.id), title=row.get(fields.title),
                             published=row.get(fields.published), url=row.get(fields.url),
                             meta=meta)
    except ValueError as e:
        return Reject(where, _short(e), raw)


def _short(e: Exception) -> str:
    errors = getattr(e, "errors", None)
    if callable(errors):
        first = errors()[0]
        return f"{'.'.join(map(str, first['loc']))}: {first['msg']}"
    return str(e)


def _open_binary(path: Path):
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory, not a file") from None
    except PermissionError:
        raise InputError(str(path), "permission denied") from None


def _decoded_lines(path: Path) -> Iterator[tuple[int, str | None, bytes]]:
    """(line number, text or None if not UTF-8, raw bytes), one line at a time."""
    with _open_binary(path) as f:
        for lineno, raw in enumerate(f, 1):
            try:
                yield lineno, raw.decode("utf-8").rstrip("\r\n"), raw
            except UnicodeDecodeError as e:
                yield lineno, None, raw[max(0, e.start - 20) : e.start + 20]


def read_jsonl(path: str | Path, fields: Fields = Fields()) -> Iterator[Item]:
    path = Path(path)
    for lineno, line, raw in _decoded_lines(path):
        where = f"{path}:{lineno}"
        if line is None:
            yield Reject(where, "not valid UTF-8", raw.decode("utf-8", "replace"))
            continue
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            yield Reject(where, f"malformed JSON ({e.msg} at column {e.colno})", line)
            continue
        yield _from_mapping(row, fields, where, line)


def read_csv(path: str | Path, fields: Fields = Fields()) -> Iterator[Item]:
    path = Path(path)
    csv.field_size_limit(1 << 30)
    with _open_binary(path) as f:
        lines = (raw.decode("utf-8", "surrogateescape") for raw in f)
        reader = csv.DictReader(lines)
        if reader.fieldnames is None:
            return
        if fields.text not in reader.fieldnames:
            yield Reject(f"{path}:1", f"missing column {fields.text!r} "
                         f"(columns: {', '.join(reader.fieldnames)})")
            return
        for row in reader:
            where = f"{path}:{reader.line_num}"
            raw = json.dumps(row, ensure_ascii=False)
            if any(isinstance(v, str) and _has_surrogates(v) for v in row.values()):
                yield Reject(where, "not valid UTF-8", raw.encode("utf-8", "replace").decode())
                continue
            yield _from_mapping(row, fields, where, raw)


def _has_surrogates(s: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in s)


def read_article(path: str | Path) -> Iterator[Item]:
    """One article in the dump line format: title, date YYYYMMDD, URL, then paragraphs."""
    path = Path(path)
    lines: list[str] = []
    for lineno, line, raw in _decoded_lines(path):
        if line is None:
            yield Reject(f"{path}:{lineno}", "not valid UTF-8", raw.decode("utf-8", "replace"))
            return
        lines.append(line)
    where = str(path)
    if len(lines) < 4:
        yield Reject(where, "an article file needs a title, a date, a URL and at least one "
                     f"paragraph line; found {len(lines)} lines", "\n".join(lines))
        return
    title, date, url, *paragraphs = lines
    text = "\n".join(p.strip() for p in paragraphs if p.strip())
    try:
        yield make_document(text, id=path.stem, title=title.strip(), published=date,
                            url=url.strip(), meta={"source": path.name})
    except ValueError as e:
        yield Reject(f"{where}:2" if "date" in str(e) else where, _short(e), "\n".join(lines[:3]))


def read_parquet(path: str | Path, fields: Fields = Fields(), batch_rows: int = 1024) -> Iterator[Item]:
    import pyarrow.parquet as pq

    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "no such file")
    try:
        pf = pq.ParquetFile(path)
    except Exception as e:  # pyarrow raises several types for corrupt files
        raise InputError(str(path), f"not a readable Parquet file ({e})") from None
    row = 0
    for batch in pf.iter_batches(batch_size=batch_rows):
        for record in batch.to_pylist():
            row += 1
            if "events" in record and "sentences" in record and isinstance(record["events"], str):
                yield _document_row(record, f"{path}:row {row}")
            else:
                yield _from_mapping(record, fields, f"{path}:row {row}", "")


def _document_row(record: dict, where: str) -> Item:
    """A row written by eventx's own Parquet writer: the Document's JSON columns."""
    try:
        data = {k: v for k, v in record.items() if k not in ("events", "sentences", "meta")}
        data["events"] = json.loads(record["events"])
        data["sentences"] = json.loads(record["sentences"])
        data["meta"] = json.loads(record.get("meta") or "{}")
        data.pop("n_events", None)
        return Document.model_validate(data)
    except (ValueError, TypeError) as e:
        return Reject(where, _short(e))


def read_dataset(dataset: Iterable[dict], fields: Fields = Fields(), name: str = "dataset") -> Iterator[Item]:
    """Rows of a Hugging Face `datasets.Dataset` (or any iterable of dicts)."""
    for i, row in enumerate(dataset):
        yield _from_mapping(dict(row), fields, f"{name}:row {i}", "")


def read_documents(path: str | Path) -> Iterator[Item]:
    """eventx's own Document JSON Lines (gold files, earlier output)."""
    path = Path(path)
    for lineno, line, raw in _decoded_lines(path):
        where = f"{path}:{lineno}"
        if line is None:
            yield Reject(where, "not valid UTF-8", raw.decode("utf-8", "replace"))
        elif line.strip():
            try:
                yield Document.model_validate_json(line)
            except ValueError as e:
                yield Reject(where, _short(e), line)


def input_files(path: Path) -> list[Path]:
    """The files a path names: itself, or the supported files under a directory, in name order."""
    if not path.exists():
        raise InputError(str(path), "no such file or directory")
    if not path.is_dir():
        return [path]
    files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    if not files:
        raise InputError(str(path), f"no input files ({', '.join(SUFFIXES)}) in this directory")
    return files


def read(source: str | Path | Iterable[dict], fields: Fields = Fields(), fmt: str | None = None) -> Iterator[Item]:
    """Read any supported source: a file, a directory (recursively, in name order) or a Dataset."""
    if not isinstance(source, (str, Path)):
        yield from read_dataset(source, fields)
        return
    path = Path(source)
    if path.is_dir():
        for p in input_files(path):
            yield from read(p, fields, fmt)
        return
    input_files(path)  # a missing path fails here, with one line
    kind = fmt or SUFFIXES.get(path.suffix.lower())
    if kind == "jsonl":
        yield from read_jsonl(path, fields)
    elif kind == "csv":
        yield from read_csv(path, fields)
    elif kind == "parquet":
        yield from read_parquet(path, fields)
    elif kind == "article":
        yield from read_article(path)
    else:
        raise InputError(str(path), f"unknown input format {path.suffix!r} "
                         f"(known: {', '.join(SUFFIXES)}; or pass a format)")
