"""Writers for Document records: JSON Lines (the stable form) and Parquet (for analysts' tools).

Parquet rows hold the document fields as columns and `events`, `sentences` and `meta` as JSON
text, so the table stays flat and its schema never depends on which events a batch happened to
hold; `eventx.readers.read` reads such files back into Documents.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import TracebackType
from typing import IO

from eventx.readers import Reject
from eventx.records import Document


class JsonlWriter:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._file: IO[str] = open(self.path, "w", encoding="utf-8")
        self.count = 0

    def write(self, doc: Document) -> None:
        self._file.write(doc.model_dump_json() + "\n")
        self.count += 1

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> JsonlWriter:
        return self

    def __exit__(self, t: type | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


class ParquetWriter:
    """Buffers rows and writes row groups, so memory stays bounded on long runs."""

    def __init__(self, path: str | Path, row_group: int = 1000) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.path = Path(path)
        self._pa = pa
        self._schema = pa.schema([
            ("id", pa.string()), ("title", pa.string()), ("published", pa.date32()),
            ("url", pa.string()), ("text", pa.string()), ("n_events", pa.int32()),
            ("events", pa.string()), ("sentences", pa.string()), ("meta", pa.string()),
            ("schema_version", pa.string()),
        ])
        self._writer = pq.ParquetWriter(self.path, self._schema)
        self._rows: list[dict] = []
        self._row_group = row_group
        self.count = 0

    def write(self, doc: Document) -> None:
        data = doc.model_dump(mode="json")
        self._rows.append({
            "id": doc.id, "title": doc.title, "published": doc.published, "url": doc.url,
            "text": doc.text, "n_events": len(doc.events),
            "events": json.dumps(data["events"], ensure_ascii=False),
            "sentences": json.dumps(data["sentences"]),
            "meta": json.dumps(doc.meta, ensure_ascii=False),
            "schema_version": doc.schema_version,
        })
        self.count += 1
        if len(self._rows) >= self._row_group:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            self._writer.write_table(self._pa.Table.from_pylist(self._rows, schema=self._schema))
            self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()

    def __enter__(self) -> ParquetWriter:
        return self

    def __exit__(self, t: type | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def open_writer(path: str | Path) -> JsonlWriter | ParquetWriter:
    """A writer chosen by the file suffix: `.parquet`, else JSON Lines."""
    return ParquetWriter(path) if Path(path).suffix.lower() == ".parquet" else JsonlWriter(path)


class RejectsWriter:
    """Bad input records with where and why, one JSON object a line; created on first use."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._file: IO[str] | None = None
        self.count = 0

    def write(self, reject: Reject) -> None:
        if self._file is None:
            self._file = open(self.path, "w", encoding="utf-8")
        self._file.write(json.dumps(reject.to_dict(), ensure_ascii=False) + "\n")
        self.count += 1

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
