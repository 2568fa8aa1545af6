"""Checks for gold files: every problem, with its line, not just the first.

A gold file is Document JSON Lines. The record models refuse a bad span at once; this checker
reads the raw JSON instead, so that one run reports every unknown type or role, every span that
does not match the text, every duplicate and every bad time value.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from eventx.errors import InputError
from eventx.ontology import Ontology
from eventx.records import Document

TIME_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-W\d{2})?$")


@dataclass
class Validation:
    documents: int = 0
    events: int = 0
    problems: list[str] = field(default_factory=list)
    types: Counter[str] = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        return not self.problems


def _span_problem(text: str, span: object, what: str) -> str | None:
    if not isinstance(span, dict) or not {"text", "start", "end"} <= span.keys():
        return f"{what}: needs text, start and end"
    s, e, t = span["start"], span["end"], span["text"]
    if not (isinstance(s, int) and isinstance(e, int)) or s < 0 or e < s or e > len(text):
        return f"{what}: bad offsets {s}-{e} for a text of {len(text)} characters"
    if text[s:e] != t:
        return f"{what}: {t!r} does not match the text at {s}-{e} ({text[s:e]!r})"
    return None


def validate_file(path: str | Path, ontology: Ontology | None = None) -> Validation:
    ontology = ontology or Ontology.default()
    path = Path(path)
    if not path.exists():
        raise InputError(str(path), "no such gold file")
    result = Validation()
    ids: dict[str, int] = {}
    with open(path, "rb") as f:
        for lineno, raw in enumerate(f, 1):
            where = f"{path}:{lineno}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                result.problems.append(f"{where}: not valid UTF-8")
                continue
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as e:
                result.problems.append(f"{where}: malformed JSON ({e.msg} at column {e.colno})")
                continue
            problems = list(_document_problems(data, ontology))
            doc_id = data.get("id") if isinstance(data, dict) else None
            if doc_id in ids:
                problems.append(f"document id {doc_id!r} already used on line {ids[doc_id]}")
            elif doc_id is not None:
                ids[doc_id] = lineno
            if not problems:  # the record models are the last word on everything else
                try:
                    doc = Document.model_validate(data)
                    result.types.update(e.type for e in doc.events)
                    result.events += len(doc.events)
                except ValueError as e:
                    problems.append(str(e).splitlines()[-1].strip())
            result.documents += 1
            result.problems += [f"{where}: {p}" for p in problems]
    return result


def _document_problems(data: object, ontology: Ontology):
    if not isinstance(data, dict):
        yield "a gold record must be a JSON object"
        return
    text = data.get("text")
    if not isinstance(text, str) or not text:
        yield "missing or empty 'text'"
        return
    triggers: list[tuple[str, int, int, str]] = []
    for n, event in enumerate(data.get("events") or []):
        what = f"event {event.get('id', n)}"
        etype = event.get("type")
        problem = ontology.check(str(etype))
        if problem:
            yield f"{what}: {problem}"
        span_problem = _span_problem(text, event.get("trigger"), f"{what} trigger")
        if span_problem:
            yield span_problem
        else:
            s, e = event["trigger"]["start"], event["trigger"]["end"]
            for other_type, os, oe, other in triggers:
                if other_type == etype and s < oe and os < e:
                    same = (s, e) == (os, oe)
                    yield f"{what}: {'duplicate of' if same else 'overlaps'} {other} (same type)"
            triggers.append((etype, s, e, what))
        time = event.get("time")
        if isinstance(time, dict) and time.get("value") and not TIME_VALUE.match(time["value"]):
            yield f"{what}: time value {time['value']!r} is not YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www"
        args_seen: set[tuple] = set()
        for i, arg in enumerate(event.get("arguments") or []):
            awhat = f"{what} argument {i} ({arg.get('role')})"
            if etype in ontology.types:
                problem = ontology.check(etype, arg.get("role"))
                if problem:
                    yield f"{awhat}: {problem}"
            span_problem = _span_problem(text, arg, awhat)
            if span_problem:
                yield span_problem
                continue
            key = (arg.get("role"), arg["start"], arg["end"])
            if key in args_seen:
                yield f"{awhat}: duplicate argument (same role and span)"
            args_seen.add(key)
