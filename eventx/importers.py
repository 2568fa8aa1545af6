"""Importers for public event-annotation formats and sets: ACE-style JSON Lines, MAVEN, BRAT
standoff, and the real-text sets M2E2, WikiEvents, RAMS, GENEVA and the PLOVER gold records.

Gold data annotated under other schemas is only useful to us once it speaks our ontology with exact
character offsets. Each importer therefore

- maps source event types and roles through a mapping file kept as data
  (`eventx/data/mappings/{ace,maven,brat}.json`, overridable per call),
- builds `Document.text` itself and derives every offset from it, so every `Document` it returns
  validates, and
- reports what it imported, what the mapping skipped (unmapped types and roles, with counts) and
  every record it could not read (`file:line` and why). Nothing is dropped silently; with
  `strict=True` the first bad record raises a one-line `InputError` instead.

`write_brat` writes a `Document` back to BRAT so that BRAT round-trips through `read_brat`.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from eventx.errors import InputError
from eventx.ontology import Ontology
from eventx.records import Argument, Document, Event, Modality, Polarity, Span
from eventx.text import sentence_index, split_sentences

__all__ = [
    "FORMATS",
    "ImportReport",
    "ImportResult",
    "Mapping",
    "Reject",
    "TypeRule",
    "import_file",
    "load_mapping",
    "read_ace_json",
    "read_brat",
    "read_geneva",
    "read_m2e2",
    "read_maven_jsonl",
    "read_plover",
    "read_rams",
    "read_wikievents",
    "write_brat",
]

FORMATS = ("ace", "maven", "brat", "m2e2", "wikievents", "rams", "geneva", "plover")
_ALIASES = {"ace-json": "ace", "oneie": "ace", "textee": "ace", "maven-arg": "maven", "ann": "brat"}

PathLike = str | Path


# --------------------------------------------------------------------------------------------
# Report and result
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reject:
    """A record (line, event, argument or annotation) that could not be read, and why."""

    where: str
    reason: str
    kind: str = "record"

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class ImportReport:
    """What an import produced, what the mapping skipped and what could not be read."""

    format: str
    source: str
    mapping: str
    documents: int = 0
    events: int = 0
    arguments: int = 0
    skipped_events: int = 0
    skipped_arguments: int = 0
    unmapped_types: Counter[str] = field(default_factory=Counter)
    unmapped_roles: Counter[str] = field(default_factory=Counter)
    ignored: Counter[str] = field(default_factory=Counter)
    rejects: list[Reject] = field(default_factory=list)
    warnings: list[Reject] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len(self.rejects)

    def rejected_by_kind(self) -> Counter[str]:
        return Counter(r.kind for r in self.rejects)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form, for `eventx import --report` style output."""
        return {
            "format": self.format,
            "source": self.source,
            "mapping": self.mapping,
            "documents": self.documents,
            "events": self.events,
            "arguments": self.arguments,
            "skipped_events": self.skipped_events,
            "skipped_arguments": self.skipped_arguments,
            "unmapped_types": dict(self.unmapped_types.most_common()),
            "unmapped_roles": dict(self.unmapped_roles.most_common()),
            "ignored": dict(self.ignored.most_common()),
            "rejected": self.rejected,
            "rejects": [{"where": r.where, "kind": r.kind, "reason": r.reason} for r in self.rejects],
            "warnings": [{"where": w.where, "reason": w.reason} for w in self.warnings],
        }

    def summary(self, limit: int = 20) -> str:
        """A short human-readable account, one fact per line."""
        head = (f"{self.format} import of {self.source} (mapping {self.mapping}): "
                f"{self.documents} documents, {self.events} events, {self.arguments} arguments")
        lines = [head]
        if self.skipped_events:
            lines.append(f"skipped {self.skipped_events} events of unmapped types: "
                         + _counts(self.unmapped_types, limit))
        if self.skipped_arguments:
            lines.append(f"skipped {self.skipped_arguments} arguments of unmapped roles: "
                         + _counts(self.unmapped_roles, limit))
        if self.ignored:
            lines.append("ignored: " + _counts(self.ignored, limit))
        if self.rejects:
            lines.append(f"{self.rejected} rejected:")
            lines += [f"  {r}" for r in self.rejects[:limit]]
            if self.rejected > limit:
                lines.append(f"  ... and {self.rejected - limit} more")
        if self.warnings:
            lines.append(f"{len(self.warnings)} warnings:")
            lines += [f"  {w}" for w in self.warnings[:limit]]
            if len(self.warnings) > limit:
                lines.append(f"  ... and {len(self.warnings) - limit} more")
        return "\n".join(lines)


def _counts(counter: Counter[str], limit: int) -> str:
    items = counter.most_common()
    text = ", ".join(f"{k} ({v})" for k, v in items[:limit])
    return text + (f", ... {len(items) - limit} more" if len(items) > limit else "")


@dataclass
class ImportResult:
    """The documents an import produced and the report that says what it left out."""

    documents: list[Document]
    report: ImportReport


# --------------------------------------------------------------------------------------------
# Mappings
# --------------------------------------------------------------------------------------------


def _norm(name: str) -> str:
    """Loose key: case and punctuation do not matter (Conflict.Attack == conflict:attack)."""
    return re.sub(r"[^0-9a-z]+", "", name.lower())


def _strip_number(role: str) -> str:
    """BRAT numbers repeated roles (Participant2); MAVEN-ARG has Party_1 / Party_2."""
    return re.sub(r"[_-]?\d+$", "", role)


def _lookup(table: dict[str, Any], key: str) -> tuple[bool, Any]:
    """Exact, then loose, match of `key` in `table`; (found, value)."""
    if key in table:
        return True, table[key]
    loose = _norm(key)
    for k, v in table.items():
        if _norm(k) == loose:
            return True, v
    for k, v in table.items():  # "conflict.attack.*" matches every subtype
        if k.endswith("*") and loose.startswith(_norm(k[:-1])):
            return True, v
    return False, None


@dataclass(frozen=True)
class TypeRule:
    """Where one source type goes: our type (None: skip on purpose) and its role renames."""

    type: str | None
    roles: dict[str, str | None] = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True)
class Mapping:
    """Source types and roles -> ontology types and roles, loaded from a JSON mapping file."""

    name: str
    types: dict[str, TypeRule]
    roles: dict[str, str | None] = field(default_factory=dict)
    passthrough: bool = False
    ontology: Ontology = field(default_factory=Ontology.default, repr=False)
    # How complete the source is under this mapping (see `completeness`): the types it annotates
    # in full, or None for "all"; `partial` when only some events of a text are annotated at all.
    exhaustive_types: tuple[str, ...] | None = None
    partial: bool = False
    # False where the source marks argument spans by rules other than ours (heads, constituents).
    teach_arguments: bool = True

    def completeness(self) -> dict[str, str]:
        """Document meta that tells training and scoring which labels to trust: the "no event"
        of which types, and whether argument spans and polarity/modality follow our guideline."""
        meta = {"annotation": "partial" if self.partial else "exhaustive", "attributes": "none"}
        if self.exhaustive_types is not None and not self.partial:
            meta["annotated_types"] = " ".join(self.exhaustive_types)
        if not self.teach_arguments:
            meta["arguments"] = "none"
        return meta

    def map_type(self, source_type: str) -> str | None:
        found, rule = _lookup(self.types, source_type)
        if found:
            return rule.type
        if self.passthrough:
            for name in self.ontology.types:
                if _norm(name) == _norm(source_type):
                    return name
        return None

    def map_role(self, source_type: str, target_type: str, role: str) -> str | None:
        """Our role for `role` of a `source_type` event mapped to `target_type`, or None."""
        allowed = self.ontology.types[target_type].roles
        _, rule = _lookup(self.types, source_type)
        tables = [rule.roles] if isinstance(rule, TypeRule) else []
        tables.append(self.roles)
        keys = [role] if _strip_number(role) == role else [role, _strip_number(role)]
        for table in tables:
            for key in keys:
                found, target = _lookup(table, key)
                if found:
                    return target if target in allowed else None
        if self.passthrough:
            for key in keys:
                for name in allowed:
                    if _norm(name) == _norm(key):
                        return name
        return None


def load_mapping(
    mapping: PathLike | Mapping | None, fmt: str, ontology: Ontology | None = None
) -> Mapping:
    """The bundled mapping for `fmt`, or the one in file `mapping`, checked against the ontology.

    A mapping file may say `"extends": "ace"` (or maven, brat) to keep a bundled mapping and
    replace only the types and roles it names.
    """
    if isinstance(mapping, Mapping):
        return mapping
    ontology = ontology or Ontology.default()
    if mapping is None:
        return _mapping_from_dict(_bundled(fmt), f"bundled {fmt}", ontology)
    path = Path(mapping)
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise InputError(str(path), "no such mapping file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(str(path), f"cannot read mapping file ({e})") from None
    except json.JSONDecodeError as e:
        raise InputError(f"{path}:{e.lineno}", f"mapping is not valid JSON: {e.msg}") from None
    if isinstance(data, dict) and data.get("extends"):
        base = data["extends"]
        if base not in FORMATS:
            raise InputError(str(path), f"'extends' must be one of {', '.join(FORMATS)}")
        merged = _bundled(base)
        merged["types"] = {**merged.get("types", {}), **data.get("types", {})}
        merged["roles"] = {**merged.get("roles", {}), **data.get("roles", {})}
        merged["passthrough"] = data.get("passthrough", merged.get("passthrough", False))
        merged["name"] = data.get("name", f"{base}+{path.name}")
        data = merged
    return _mapping_from_dict(data, str(path), ontology)


def _bundled(fmt: str) -> dict[str, Any]:
    text = resources.files("eventx").joinpath(f"data/mappings/{fmt}.json").read_text("utf-8")
    return json.loads(text)


def _mapping_from_dict(data: Any, source: str, ontology: Ontology) -> Mapping:
    if not isinstance(data, dict) or not isinstance(data.get("types"), dict):
        raise InputError(source, "a mapping needs an object with a 'types' object")
    roles = data.get("roles", {})
    if not isinstance(roles, dict) or not all(v is None or isinstance(v, str)
                                              for v in roles.values()):
        raise InputError(source, "'roles' must map source roles to our roles (or null)")
    all_roles = set(ontology.all_roles)
    for src, dst in roles.items():
        if dst is not None and dst not in all_roles:
            raise InputError(source, f"role {src!r} maps to {dst!r}, which no ontology type has")
    types: dict[str, TypeRule] = {}
    for src, spec in data["types"].items():
        if isinstance(spec, str) or spec is None:
            spec = {"type": spec}
        if not isinstance(spec, dict):
            raise InputError(source, f"type {src!r}: expected an object with 'type' and 'roles'")
        target = spec.get("type")
        type_roles = spec.get("roles", {}) or {}
        if not isinstance(type_roles, dict):
            raise InputError(source, f"type {src!r}: 'roles' must be an object")
        if target is not None:
            problem = ontology.check(target)
            if problem:
                raise InputError(source, f"type {src!r} maps to {problem}")
            for role, ours in type_roles.items():
                problem = ontology.check(target, ours) if ours is not None else None
                if problem:
                    raise InputError(source, f"type {src!r}, role {role!r}: {problem}")
        types[src] = TypeRule(type=target, roles=dict(type_roles), note=str(spec.get("note", "")))
    name = str(data.get("name", source))
    if data.get("version"):
        name += f" v{data['version']}"
    exhaustive = data.get("exhaustive_types")
    for t in exhaustive or []:
        problem = ontology.check(t)
        if problem:
            raise InputError(source, f"exhaustive_types: {problem}")
    return Mapping(name=name, types=types, roles=dict(roles),
                   passthrough=bool(data.get("passthrough", False)), ontology=ontology,
                   exhaustive_types=tuple(exhaustive) if exhaustive is not None else None,
                   partial=bool(data.get("partial", False)),
                   teach_arguments=bool(data.get("teach_arguments", True)))


# --------------------------------------------------------------------------------------------
# Shared machinery
# --------------------------------------------------------------------------------------------


class _Bad(Exception):
    """A record-level problem: the record is rejected and the import goes on."""


def annotated_types(doc: Document) -> set[str] | None:
    """The types `doc` annotates in full, as `Mapping.completeness` recorded them: None for all
    of them (our own gold), none at all when the annotation is partial."""
    if doc.meta.get("annotation") == "partial":
        return set()
    listed = doc.meta.get("annotated_types")
    return None if listed is None else set(listed.split())


# Exceptions that malformed JSON shapes can raise deep inside a reader; they become rejects.
_SHAPE_ERRORS = (_Bad, TypeError, ValueError, KeyError, IndexError, AttributeError)


def _reason(e: Exception) -> str:
    if isinstance(e, _Bad):
        return str(e)
    if isinstance(e, ValidationError):
        err = e.errors()[0]
        return f"invalid record: {err.get('msg', e)}"
    return f"malformed record ({type(e).__name__}: {e})"


@dataclass
class _Context:
    """Per-import state: mapping, ontology, report and the strict switch."""

    fmt: str
    mapping: Mapping
    report: ImportReport
    strict: bool

    @classmethod
    def open(cls, fmt: str, path: PathLike, mapping: PathLike | Mapping | None,
             ontology: Ontology | None, strict: bool) -> _Context:
        m = load_mapping(mapping, fmt, ontology)
        report = ImportReport(format=fmt, source=str(path), mapping=m.name)
        return cls(fmt=fmt, mapping=m, report=report, strict=strict)

    def reject(self, where: str, reason: str, kind: str = "record") -> None:
        if self.strict:
            raise InputError(where, reason) from None
        self.report.rejects.append(Reject(where, reason, kind))

    def warn(self, where: str, reason: str) -> None:
        self.report.warnings.append(Reject(where, reason, "warning"))


@dataclass
class _Pending:
    source_type: str
    type: str
    trigger: tuple[int, int]
    arguments: list[tuple[str, int, int]]
    polarity: Polarity
    modality: Modality
    optional: bool


class _DocBuilder:
    """Collects mapped events for one text and builds a validated Document from them."""

    def __init__(self, ctx: _Context, doc_id: str, text: str) -> None:
        self.ctx = ctx
        self.doc_id = doc_id
        self.text = text
        self.pending: list[_Pending] = []

    def add(self, source_type: str, trigger: tuple[int, int],
            arguments: list[tuple[str, int, int]], *, polarity: Polarity = "positive",
            modality: Modality = "asserted", optional: bool = False) -> bool:
        """Map one source event; False when its type is unmapped (counted in the report)."""
        report = self.ctx.report
        target = self.ctx.mapping.map_type(source_type)
        if target is None:
            report.unmapped_types[source_type] += 1
            report.skipped_events += 1
            return False
        args: list[tuple[str, int, int]] = []
        for role, start, end in arguments:
            ours = self.ctx.mapping.map_role(source_type, target, role)
            if ours is None:
                report.unmapped_roles[f"{source_type}/{role}"] += 1
                report.skipped_arguments += 1
            elif (ours, start, end) not in args:
                args.append((ours, start, end))
        self.pending.append(_Pending(source_type, target, trigger, args, polarity, modality,
                                     optional))
        return True

    def span(self, start: int, end: int) -> Span:
        return Span(text=self.text[start:end], start=start, end=end)

    def build(self, where: str, *, title: str | None = None, sort: bool = False,
              meta: dict[str, str] | None = None, published: str | None = None) -> Document | None:
        """The Document, or None (and a reject) if it does not validate."""
        pending = sorted(self.pending, key=lambda p: p.trigger) if sort else self.pending
        sentences = split_sentences(self.text)
        events = []
        for n, p in enumerate(pending, 1):
            events.append(Event(
                id=f"{self.doc_id}-e{n}",
                type=p.type,
                trigger=self.span(*p.trigger),
                arguments=[Argument(role=r, text=self.text[s:e], start=s, end=e)
                           for r, s, e in p.arguments],
                polarity=p.polarity,
                modality=p.modality,
                optional=p.optional,
                sentence=sentence_index(sentences, p.trigger[0]),
            ))
        try:
            doc = Document(id=self.doc_id, text=self.text, title=title, published=published,
                           sentences=sentences, events=events,
                           meta={"origin": f"import:{self.ctx.fmt}", **self.ctx.mapping.completeness(),
                                 **(meta or {})})
        except ValidationError as e:
            self.ctx.reject(where, f"document {self.doc_id}: {_reason(e)}", "document")
            return None
        report = self.ctx.report
        report.documents += 1
        report.events += len(events)
        report.arguments += sum(len(e.arguments) for e in events)
        return doc


def _json_records(path: Path, ctx: _Context) -> Iterator[tuple[str, Any]]:
    """(file:line, parsed object) for each non-blank line; unreadable lines become rejects.

    A file holding a single JSON array (some preprocessors write that) is read item by item.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory, expected a JSON Lines file") from None
    except OSError as e:
        raise InputError(str(path), f"cannot read ({e.strerror})") from None
    if data.lstrip()[:1] == b"[":
        try:
            items = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            items = None
        if isinstance(items, list):
            for i, item in enumerate(items):
                yield f"{path}[{i}]", item
            return
    for lineno, raw in enumerate(data.splitlines(), 1):
        where = f"{path}:{lineno}"
        try:
            line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as e:
            ctx.reject(where, f"not UTF-8 (byte {raw[e.start]:#04x} at column {e.start + 1})",
                       "line")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            ctx.reject(where, f"bad JSON: {e.msg} (column {e.colno})", "line")
            continue
        yield where, record


def _field(obj: Any, name: str, kind: type | tuple[type, ...], label: str = "") -> Any:
    """obj[name], checked for presence and type, with a one-line reason when it is wrong."""
    prefix = f"{label}: " if label else ""
    if not isinstance(obj, dict):
        raise _Bad(f"{prefix}expected a JSON object, got {type(obj).__name__}")
    if name not in obj or obj[name] is None:
        raise _Bad(f"{prefix}missing field {name!r}")
    value = obj[name]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        names = "/".join(k.__name__ for k in (kind if isinstance(kind, tuple) else (kind,)))
        raise _Bad(f"{prefix}field {name!r} must be {names}, got {type(value).__name__}")
    return value


def _str_list(obj: Any, name: str, label: str = "") -> list[str]:
    value = _field(obj, name, list, label)
    if not all(isinstance(t, str) for t in value):
        raise _Bad(f"{label + ': ' if label else ''}field {name!r} must be a list of strings")
    return value


def _pair(value: Any, what: str) -> tuple[int, int]:
    """An [start, end] pair of ints."""
    if (not isinstance(value, (list, tuple)) or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
        raise _Bad(f"{what}: offset must be [start, end] integers, got {value!r}")
    return value[0], value[1]


def _squash(text: str) -> str:
    """Compare surface strings ignoring whitespace, case and PTB/typographic quote spelling."""
    for a, b in (("``", '"'), ("''", '"'), ("\u201c", '"'), ("\u201d", '"'),
                 ("\u2018", "'"), ("\u2019", "'"), ("`", "'"), ("\u2014", "--"),
                 ("\u2013", "--"), ("\u2026", "...")):
        text = text.replace(a, b)
    for a, b in (("-LRB-", "("), ("-RRB-", ")"), ("-LSB-", "["), ("-RSB-", "]"),
                 ("-LCB-", "{"), ("-RCB-", "}")):
        text = text.replace(a, b)
    return "".join(text.split()).casefold()


def _check_text(expected: Any, found: str, what: str) -> None:
    """Reject a span whose source text disagrees with the text its offsets point at."""
    if isinstance(expected, str) and _squash(expected) != _squash(found):
        raise _Bad(f"{what}: text {expected!r} does not match the text at its offsets {found!r}")


# --------------------------------------------------------------------------------------------
# ACE-style JSON Lines (OneIE / TextEE / DEGREE)
# --------------------------------------------------------------------------------------------


def read_ace_json(path: PathLike, mapping: PathLike | Mapping | None = None, *,
                  ontology: Ontology | None = None, strict: bool = False) -> ImportResult:
    """Read OneIE/TextEE ACE-style JSON Lines: one tokenised sentence (or window) per line.

    Lines sharing a `doc_id` become one Document, their sentences in file order and joined by
    newlines; lines without one become a Document each (id from `wnd_id`/`sent_id`). Text is the
    tokens joined by single spaces, so token spans convert to exact character offsets.
    """
    path = Path(path)
    ctx = _Context.open("ace", path, mapping, ontology, strict)
    groups: dict[str, list[tuple[str, dict[str, Any], list[str]]]] = {}
    for where, record in _json_records(path, ctx):
        try:
            tokens = _str_list(record, "tokens")
            doc_id = record.get("doc_id")
            if doc_id is None:
                own = record.get("wnd_id") or record.get("sent_id")
                number = re.sub(r"\D", "", where.rsplit(":", 1)[-1].rsplit("[", 1)[-1])
                doc_id = str(own) if own is not None else f"{path.stem}-{number}"
                if doc_id in groups:
                    ctx.warn(where, f"duplicate id {doc_id!r}; renamed")
                    doc_id = f"{doc_id}-{number}"
            else:
                doc_id = str(doc_id)
        except _SHAPE_ERRORS as e:
            ctx.reject(where, _reason(e), "line")
            continue
        groups.setdefault(doc_id, []).append((where, record, tokens))

    documents: list[Document] = []
    for doc_id, lines in groups.items():
        pieces: list[str] = []
        bases: list[int] = []
        offset = 0
        for _, _, tokens in lines:
            bases.append(offset)
            pieces.append(" ".join(tokens))
            offset += len(pieces[-1]) + 1
        builder = _DocBuilder(ctx, doc_id, "\n".join(pieces))
        for (where, record, tokens), base in zip(lines, bases):
            _ace_line(ctx, builder, where, record, tokens, base)
        doc = builder.build(lines[0][0], meta={"source": path.name})
        if doc is not None:
            documents.append(doc)
    return ImportResult(documents, ctx.report)


def _ace_line(ctx: _Context, builder: _DocBuilder, where: str, record: dict[str, Any],
              tokens: list[str], base: int) -> None:
    starts: list[int] = []
    pos = base
    for tok in tokens:
        starts.append(pos)
        pos += len(tok) + 1

    def chars(obj: Any, what: str) -> tuple[int, int]:
        s = _field(obj, "start", int, what)
        e = _field(obj, "end", int, what)
        if not 0 <= s < e <= len(tokens):
            raise _Bad(f"{what}: token span {s}-{e} out of range "
                       f"(the line has {len(tokens)} tokens; end is exclusive)")
        start, end = starts[s], starts[e - 1] + len(tokens[e - 1])
        _check_text(obj.get("text"), builder.text[start:end], what)
        return start, end

    try:
        entities = {m["id"]: m for m in record.get("entity_mentions") or []
                    if isinstance(m, dict) and "id" in m}
        mentions = record.get("event_mentions") or []
        if not isinstance(mentions, list):
            raise _Bad("field 'event_mentions' must be a list")
    except _SHAPE_ERRORS as e:
        ctx.reject(where, _reason(e), "line")
        return
    for i, em in enumerate(mentions):
        label = f"event_mentions[{i}]"
        try:
            etype = _field(em, "event_type", str, label)
            trigger = chars(_field(em, "trigger", dict, label), f"{label}.trigger")
            args: list[tuple[str, int, int]] = []
            for j, arg in enumerate(em.get("arguments") or []):
                alabel = f"{label}.arguments[{j}]"
                try:
                    role = _field(arg, "role", str, alabel)
                    if isinstance(arg.get("start"), int) and isinstance(arg.get("end"), int):
                        s, e = chars(arg, alabel)
                    else:
                        eid = _field(arg, "entity_id", str, alabel)
                        if eid not in entities:
                            raise _Bad(f"{alabel}: entity_id {eid!r} is not in entity_mentions")
                        s, e = chars(entities[eid], f"{alabel} (entity {eid})")
                        _check_text(arg.get("text"), builder.text[s:e], alabel)
                    args.append((role, s, e))
                except _SHAPE_ERRORS as err:
                    ctx.reject(where, _reason(err), "argument")
            builder.add(etype, trigger, args)
        except _SHAPE_ERRORS as err:
            ctx.reject(where, _reason(err), "event")


# --------------------------------------------------------------------------------------------
# MAVEN / MAVEN-ARG
# --------------------------------------------------------------------------------------------

# How tokenisers respell characters of the raw sentence (PTB quotes and brackets).
_TOKEN_SPELLINGS: dict[str, tuple[str, ...]] = {
    "``": ('"', "\u201c", "''"), "''": ('"', "\u201d", "``"), '"': ("\u201c", "\u201d", "``", "''"),
    "`": ("'", "\u2018"), "'": ("\u2019", "\u2018", "`"),
    "-LRB-": ("(",), "-RRB-": (")",), "-LSB-": ("[",), "-RSB-": ("]",),
    "-LCB-": ("{",), "-RCB-": ("}",), "...": ("\u2026",), "--": ("\u2014", "\u2013"),
}


def _spellings(tok: str) -> tuple[str, ...]:
    """A token and the ways the raw text may spell it (n't / n\u2019t, -- / \u2014 ...)."""
    out = [tok, *_TOKEN_SPELLINGS.get(tok, ())]
    for a, b in (("'", "\u2019"), ("--", "\u2014"), ("--", "\u2013")):
        if a in tok and len(tok) > len(a):
            out.append(tok.replace(a, b))
    return tuple(out)


def align_tokens(sentence: str, tokens: list[str]) -> list[tuple[int, int] | None]:
    """Character span of each token in `sentence`, found in order; None for a token not found.

    Tokens are looked for at the next non-space position first (under their own spelling or a
    tokeniser respelling), then further ahead, so one odd token does not derail the rest.
    """
    spans: list[tuple[int, int] | None] = []
    pos = 0
    for tok in tokens:
        while pos < len(sentence) and sentence[pos].isspace():
            pos += 1
        spellings = _spellings(tok)
        hit = next(((pos, pos + len(c)) for c in spellings if c and sentence.startswith(c, pos)),
                   None)
        if hit is None:
            found = [(i, i + len(c)) for c in spellings if c
                     for i in [sentence.find(c, pos)] if i >= 0]
            hit = min(found) if found else None
        spans.append(hit)
        if hit is not None:
            pos = hit[1]
    return spans


@dataclass
class _MavenText:
    """A MAVEN document's text and how to turn its offsets into character offsets."""

    text: str
    bases: list[int]
    tokens: list[list[str] | None]
    aligned: list[list[tuple[int, int] | None]]
    char_offsets: bool  # True when the text is MAVEN-ARG's `document` string

    def locate(self, item: Any, what: str) -> tuple[int, int]:
        """Character span of a mention/argument with `offset` (and `sent_id` for token offsets)."""
        start, end = _pair(_field(item, "offset", list, what), what)
        if item.get("sent_id") is not None:
            k = _field(item, "sent_id", int, what)
            if not 0 <= k < len(self.bases):
                raise _Bad(f"{what}: sent_id {k} out of range ({len(self.bases)} sentences)")
            toks = self.tokens[k]
            if toks is None:
                raise _Bad(f"{what}: sentence {k} has no tokens")
            if not 0 <= start < end <= len(toks):
                raise _Bad(f"{what}: token span {start}-{end} out of range (sentence {k} has "
                           f"{len(toks)} tokens; end is exclusive)")
            first, last = self.aligned[k][start], self.aligned[k][end - 1]
            if first is None or last is None:
                missing = toks[start] if first is None else toks[end - 1]
                raise _Bad(f"{what}: token {missing!r} cannot be found in sentence {k}")
            return self.bases[k] + first[0], self.bases[k] + last[1]
        if not self.char_offsets:
            raise _Bad(f"{what}: needs 'sent_id' (offsets are token offsets within a sentence)")
        if not 0 <= start <= end <= len(self.text):
            raise _Bad(f"{what}: character span {start}-{end} out of range "
                       f"(document has {len(self.text)} chars)")
        return start, end


def _maven_text(record: dict[str, Any]) -> _MavenText:
    content = record.get("content")
    if content is not None:
        if not isinstance(content, list):
            raise _Bad("field 'content' must be a list of sentences")
        bases: list[int] = []
        tokens: list[list[str] | None] = []
        aligned: list[list[tuple[int, int] | None]] = []
        pieces: list[str] = []
        offset = 0
        for k, sent in enumerate(content):
            label = f"content[{k}]"
            if not isinstance(sent, dict):
                raise _Bad(f"{label}: expected an object with 'sentence' and 'tokens'")
            toks = _str_list(sent, "tokens", label) if sent.get("tokens") is not None else None
            sentence = sent.get("sentence")
            if sentence is None:
                if toks is None:
                    raise _Bad(f"{label}: needs 'sentence' or 'tokens'")
                sentence = " ".join(toks)
            elif not isinstance(sentence, str):
                raise _Bad(f"{label}: field 'sentence' must be str")
            bases.append(offset)
            pieces.append(sentence)
            tokens.append(toks)
            aligned.append(align_tokens(sentence, toks) if toks is not None else [])
            offset += len(sentence) + 1
        return _MavenText("\n".join(pieces), bases, tokens, aligned, char_offsets=False)
    if isinstance(record.get("document"), str):
        return _MavenText(record["document"], [], [], [], char_offsets=True)
    raise _Bad("missing field 'content' (or MAVEN-ARG 'document')")


def read_maven_jsonl(path: PathLike, mapping: PathLike | Mapping | None = None, *,
                     ontology: Ontology | None = None, strict: bool = False) -> ImportResult:
    """Read MAVEN (event detection) or MAVEN-ARG JSON Lines, one document per line.

    Text is the `content` sentences joined by newlines; token offsets become character offsets by
    finding each token, in order, in its sentence string. MAVEN-ARG's `document` string with
    character offsets is read as is. Each event mention becomes one Event; `negative_triggers`
    are ignored. Arguments come from a mention's own `arguments`, or from the event-level
    `argument` of MAVEN-ARG, where each argument goes to the mention nearest to it.
    """
    path = Path(path)
    ctx = _Context.open("maven", path, mapping, ontology, strict)
    documents: list[Document] = []
    for where, record in _json_records(path, ctx):
        try:
            doc_id = str(_field(record, "id", (str, int)))
            title = record.get("title") if isinstance(record.get("title"), str) else None
            mtext = _maven_text(record)
        except _SHAPE_ERRORS as e:
            ctx.reject(where, _reason(e), "line")
            continue
        builder = _DocBuilder(ctx, doc_id, mtext.text)
        _maven_events(ctx, builder, where, record, mtext)
        doc = builder.build(where, title=title, sort=True, meta={"source": path.name})
        if doc is not None:
            documents.append(doc)
    return ImportResult(documents, ctx.report)


def _maven_events(ctx: _Context, builder: _DocBuilder, where: str, record: dict[str, Any],
                  mtext: _MavenText) -> None:
    events = record.get("events")
    if events is None and isinstance(record.get("event_mentions"), list):
        # The MAVEN-ERE / MAVEN-ARG test layout: a flat list of typed mentions.
        events = [{"type": m.get("type") if isinstance(m, dict) else None, "mention": [m]}
                  for m in record["event_mentions"]]
    if events is None:
        return
    if not isinstance(events, list):
        ctx.reject(where, "field 'events' must be a list", "line")
        return
    entities: dict[str, Any] = {}
    for ent in record.get("entities") or []:
        if isinstance(ent, dict) and "id" in ent:
            entities[ent["id"]] = ent

    def spans_of(item: Any, what: str) -> list[tuple[int, int]]:
        """Candidate spans of one argument: its own offsets, or every mention of its entity."""
        if isinstance(item, dict) and "entity_id" in item and "offset" not in item:
            eid = item["entity_id"]
            if eid not in entities:
                raise _Bad(f"{what}: entity_id {eid!r} is not in 'entities'")
            found = []
            for m, mention in enumerate(entities[eid].get("mention") or []):
                mwhat = f"{what} (entity {eid} mention {m})"
                s, e = mtext.locate(mention, mwhat)
                _check_text(mention.get("mention"), builder.text[s:e], mwhat)
                found.append((s, e))
            if not found:
                raise _Bad(f"{what}: entity {eid!r} has no mentions")
            return found
        s, e = mtext.locate(item, what)
        _check_text(item.get("content"), builder.text[s:e], what)
        return [(s, e)]

    def roles_of(obj: Any, what: str) -> Iterator[tuple[str, Any, str]]:
        table = obj.get("arguments", obj.get("argument")) if isinstance(obj, dict) else None
        if table is None:
            return
        if not isinstance(table, dict):
            raise _Bad(f"{what}: arguments must map roles to lists")
        for role, items in table.items():
            for n, item in enumerate(items if isinstance(items, list) else [items]):
                yield str(role), item, f"{what}.arguments[{role!r}][{n}]"

    for i, event in enumerate(events):
        label = f"events[{i}]"
        try:
            etype = str(_field(event, "type", (str, int), label))
            mentions = event.get("mention", event.get("mentions"))
            if not isinstance(mentions, list):
                raise _Bad(f"{label}: missing field 'mention'")
        except _SHAPE_ERRORS as e:
            ctx.reject(where, _reason(e), "event")
            continue
        located: list[tuple[tuple[int, int], list[tuple[str, int, int]]]] = []
        for j, mention in enumerate(mentions):
            mlabel = f"{label}.mention[{j}]"
            try:
                trigger = mtext.locate(mention, mlabel)
                _check_text(mention.get("trigger_word"), builder.text[slice(*trigger)], mlabel)
                args: list[tuple[str, int, int]] = []
                for role, item, alabel in roles_of(mention, mlabel):
                    try:
                        s, e = min(spans_of(item, alabel), key=lambda sp: abs(sp[0] - trigger[0]))
                        args.append((role, s, e))
                    except _SHAPE_ERRORS as err:
                        ctx.reject(where, _reason(err), "argument")
                located.append((trigger, args))
            except _SHAPE_ERRORS as err:
                ctx.reject(where, _reason(err), "event")
        if not located:
            continue
        # MAVEN-ARG: arguments belong to the event; give each to the mention nearest to it.
        try:
            for role, item, alabel in roles_of(event, label):
                try:
                    options = [(abs(sp[0] - trig[0]), m, sp)
                               for sp in spans_of(item, alabel)
                               for m, (trig, _) in enumerate(located)]
                    _, m, (s, e) = min(options)
                    located[m][1].append((role, s, e))
                except _SHAPE_ERRORS as err:
                    ctx.reject(where, _reason(err), "argument")
        except _SHAPE_ERRORS as err:
            ctx.reject(where, _reason(err), "argument")
        for trigger, args in located:
            builder.add(etype, trigger, args)


# --------------------------------------------------------------------------------------------
# BRAT standoff
# --------------------------------------------------------------------------------------------

_NEGATION = {"negation", "negated", "negative"}
_HEDGED = {"speculation", "speculated", "hedged", "hedge", "uncertainty", "uncertain"}
_HYPOTHETICAL = {"hypothetical", "irrealis", "conditional"}
_NEGATIVE_VALUES = {"negative", "neg", "false", "no", "negated", "true_negation"}
_OFF_VALUES = {"false", "no", "0", "off"}


@dataclass
class _TextBound:
    line: int
    type: str
    start: int
    end: int


@dataclass
class _BratEvent:
    line: int
    id: str
    type: str
    trigger: str
    args: list[tuple[str, str]]
    polarity: Polarity = "positive"
    modality: Modality = "asserted"
    optional: bool = False


def _brat_pairs(path: Path) -> list[tuple[Path, Path, str]]:
    """(txt, ann, doc id) for a .ann/.txt file, a stem, or a directory of pairs."""
    if path.is_dir():
        anns = sorted(path.rglob("*.ann"))
        if not anns:
            raise InputError(str(path), "no .ann files in this directory")
        return [(a.with_suffix(".txt"), a, a.relative_to(path).with_suffix("").as_posix())
                for a in anns]
    stem = path.with_suffix("") if path.suffix in (".ann", ".txt") else path
    txt, ann = stem.with_name(stem.name + ".txt"), stem.with_name(stem.name + ".ann")
    for p in (txt, ann):
        if not p.is_file():
            raise InputError(str(p), "no such file (BRAT needs a .txt and .ann pair)")
    return [(txt, ann, stem.name)]


def read_brat(path: PathLike, mapping: PathLike | Mapping | None = None, *,
              ontology: Ontology | None = None, strict: bool = False) -> ImportResult:
    """Read BRAT standoff: one .txt/.ann pair, or every pair under a directory.

    T lines give character spans into the .txt (checked against the text they quote), E lines
    the events, A/M lines the polarity (Negation, Polarity=Negative), modality (Speculation,
    Hedged, Uncertainty -> hedged; Hypothetical, Irrealis -> hypothetical) and Optional flags.
    Relations, notes and normalisations are counted as ignored.
    """
    path = Path(path)
    ctx = _Context.open("brat", path, mapping, ontology, strict)
    documents: list[Document] = []
    for txt, ann, doc_id in _brat_pairs(path):
        if not txt.is_file():
            ctx.reject(str(ann), f"no matching text file {txt.name}", "document")
            continue
        try:
            text = _read_exact(txt)
            # Split on \n only: str.splitlines() also breaks at \x0b, \u2028 ... inside texts.
            lines = [line.rstrip("\r") for line in _read_exact(ann).split("\n")]
        except _Bad as e:
            ctx.reject(str(e.args[1]), str(e.args[0]), "document")
            continue
        doc = _brat_document(ctx, doc_id, text, ann, lines, meta={"source": txt.name})
        if doc is not None:
            documents.append(doc)
    return ImportResult(documents, ctx.report)


def _read_exact(path: Path) -> str:
    """File text with line ends untouched: BRAT offsets count a \\r\\n as two characters."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()
    except UnicodeDecodeError as e:
        raise _Bad(f"not UTF-8 ({e.reason} at byte {e.start})", path) from None
    except OSError as e:
        raise _Bad(f"cannot read ({e.strerror})", path) from None


def _brat_fragments(ctx: _Context, where: str, spec: str, text: str) -> tuple[int, int]:
    """One (start, end) from a T line's `start end[;start end]*`.

    BRAT writes a span that crosses a line break as fragments split at the break; fragments
    separated only by whitespace are joined back. Other discontinuous spans keep their first
    fragment, with a warning.
    """
    frags: list[tuple[int, int]] = []
    for part in spec.split(";"):
        bits = part.split()
        if len(bits) != 2 or not all(b.isdigit() for b in bits):
            raise _Bad(f"bad offsets {spec!r} (expected 'start end' or 'start end;start end')")
        s, e = int(bits[0]), int(bits[1])
        if e < s:
            raise _Bad(f"offsets {s}-{e}: end before start")
        if e > len(text):
            raise _Bad(f"offsets {s}-{e} run past the text ({len(text)} chars)")
        frags.append((s, e))
    joined = [frags[0]]
    for s, e in frags[1:]:
        ps, pe = joined[-1]
        if s >= pe and not text[pe:s].strip():
            joined[-1] = (ps, e)
        else:
            joined.append((s, e))
    if len(joined) > 1:
        ctx.warn(where, f"discontinuous span {spec}: kept the first fragment "
                        f"{joined[0][0]}-{joined[0][1]}")
    return joined[0]


def _brat_document(ctx: _Context, doc_id: str, text: str, ann: Path, lines: list[str],
                   meta: dict[str, str]) -> Document | None:
    bounds: dict[str, _TextBound] = {}
    bad_bounds: dict[str, int] = {}
    events: list[_BratEvent] = []
    attributes: list[tuple[str, int, str, str, str | None]] = []
    for lineno, line in enumerate(lines, 1):
        where = f"{ann}:{lineno}"
        if not line.strip():
            continue
        ann_id, _, rest = line.partition("\t")
        kind = ann_id[:1]
        try:
            if kind == "T":
                head, _, quoted = rest.partition("\t")
                etype, _, spec = head.partition(" ")
                if not etype or not spec:
                    raise _Bad(f"{ann_id}: expected 'T<n>\\t<type> <start> <end>\\t<text>'")
                try:
                    start, end = _brat_fragments(ctx, where, spec, text)
                except _Bad as e:
                    raise _Bad(f"{ann_id}: {e}") from None
                found = " ".join(text[s:e] for s, e in _spec_pairs(spec))
                if quoted and " ".join(quoted.split()) != " ".join(found.split()):
                    raise _Bad(f"{ann_id}: text {quoted!r} does not match the .txt at "
                               f"{spec} ({found!r})")
                bounds[ann_id] = _TextBound(lineno, etype, start, end)
            elif kind == "E":
                parts = rest.split()
                if not parts or ":" not in parts[0]:
                    raise _Bad(f"{ann_id}: expected 'E<n>\\t<type>:<trigger id> <role>:<id> ...'")
                etype, _, trig = parts[0].partition(":")
                args = []
                for part in parts[1:]:
                    role, sep, target = part.partition(":")
                    if not sep or not role or not target:
                        raise _Bad(f"{ann_id}: bad argument {part!r} (expected role:id)")
                    args.append((role, target))
                events.append(_BratEvent(lineno, ann_id, etype, trig, args))
            elif kind in "AM":
                bits = rest.split()
                if len(bits) not in (2, 3):
                    raise _Bad(f"{ann_id}: expected 'A<n>\\t<name> <id> [<value>]'")
                attributes.append((where, lineno, bits[0], bits[1],
                                   bits[2] if len(bits) == 3 else None))
            elif kind in "RN*#":
                names = {"R": "relations", "N": "normalizations", "*": "equivalences",
                         "#": "notes"}
                ctx.report.ignored[f"brat {names[kind]}"] += 1
            else:
                raise _Bad(f"unknown annotation {ann_id!r} (expected T, E, A, M, R, N, * or #)")
        except _Bad as e:
            ctx.reject(where, str(e), "annotation")
            if kind == "T":
                bad_bounds[ann_id] = lineno

    by_id = {e.id: e for e in events}
    for where, _, name, target, value in attributes:
        _brat_attribute(ctx, where, name, target, value, by_id, events)

    builder = _DocBuilder(ctx, doc_id, text)
    for ev in events:
        where = f"{ann}:{ev.line}"

        def bound(ref: str, what: str) -> _TextBound:
            if ref in bounds:
                return bounds[ref]
            if ref in bad_bounds:
                raise _Bad(f"{what} {ref} was rejected (line {bad_bounds[ref]})")
            if ref in by_id:
                raise _Bad(f"{what} {ref} is an event; nested events are not supported")
            raise _Bad(f"{what} {ref} is not defined")

        try:
            trig = bound(ev.trigger, f"{ev.id}: trigger")
        except _Bad as e:
            ctx.reject(where, str(e), "event")
            continue
        args = []
        for role, ref in ev.args:
            try:
                tb = bound(ref, f"{ev.id}: argument {role}")
                args.append((role, tb.start, tb.end))
            except _Bad as e:
                ctx.reject(where, str(e), "argument")
        builder.add(ev.type, (trig.start, trig.end), args, polarity=ev.polarity,
                    modality=ev.modality, optional=ev.optional)
    return builder.build(str(ann), meta=meta)


def _spec_pairs(spec: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (p.split() for p in spec.split(";"))]


def _brat_attribute(ctx: _Context, where: str, name: str, target: str, value: str | None,
                    by_id: dict[str, _BratEvent], events: list[_BratEvent]) -> None:
    """Apply one A/M line to the event it names (or to the events its trigger T id anchors)."""
    targets = [by_id[target]] if target in by_id else [e for e in events if e.trigger == target]
    if not targets:
        ctx.reject(where, f"attribute {name} points to {target}, which is no event or trigger",
                   "annotation")
        return
    key, val = name.lower(), (value or "").lower()
    if val in _OFF_VALUES:
        return
    polarity: Polarity | None = None
    modality: Modality | None = None
    if key in _NEGATION:
        polarity = "negative"
    elif key == "polarity":
        polarity = "negative" if val in _NEGATIVE_VALUES else "positive"
    elif key in _HEDGED:
        modality = "hedged"
    elif key in _HYPOTHETICAL:
        modality = "hypothetical"
    elif key == "modality":
        modality = ("hypothetical" if val in _HYPOTHETICAL else
                    "hedged" if val in _HEDGED else
                    "asserted" if val in {"asserted", "actual", "other", ""} else None)
        if modality is None:
            ctx.report.ignored[f"attribute Modality={value}"] += 1
            return
    elif key == "optional":
        for ev in targets:
            ev.optional = True
        return
    else:
        ctx.report.ignored[f"attribute {name}"] += 1
        return
    for ev in targets:
        if polarity is not None:
            ev.polarity = polarity
        if modality is not None:
            if ev.modality != "asserted" and ev.modality != modality:
                ctx.warn(where, f"{ev.id}: modality {modality} conflicts with {ev.modality}; "
                                f"kept {ev.modality}")
                continue
            ev.modality = modality


def _brat_name(doc_id: str) -> str:
    return re.sub(r"[^\w.-]+", "_", doc_id) or "document"


def write_brat(document: Document, directory: PathLike) -> tuple[Path, Path]:
    """Write `document` as `<id>.txt` + `<id>.ann` under `directory`; returns both paths.

    Types and roles are written under our names (repeated roles numbered: participant2), so
    `read_brat` with the bundled mapping reads the same events back. Negative polarity is written
    as `Negation`, modality as `Speculation` / `Hypothetical`, gold `optional` as `Optional`.
    BRAT has no place for titles, dates, normalised times or places, or argument entities.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    name = _brat_name(document.id)
    txt, ann = directory / f"{name}.txt", directory / f"{name}.ann"
    out: list[str] = []
    t_ids: dict[tuple[int, int, str], str] = {}

    def t_line(span: Span, label: str) -> str:
        key = (span.start, span.end, label)
        if key not in t_ids:
            t_ids[key] = f"T{len(t_ids) + 1}"
            frags = [(span.start + m.start(), span.start + m.end())
                     for m in re.finditer(r"[^\n]+", span.text)] or [(span.start, span.end)]
            spec = ";".join(f"{s} {e}" for s, e in frags)
            quoted = " ".join(document.text[s:e] for s, e in frags)
            out.append(f"{t_ids[key]}\t{label} {spec}\t{quoted}")
        return t_ids[key]

    a = 0
    for n, event in enumerate(document.events, 1):
        trigger = t_line(event.trigger, event.type)
        seen: Counter[str] = Counter()
        parts = [f"{event.type}:{trigger}"]
        for arg in event.arguments:
            label = arg.entity.kind if arg.entity and arg.entity.kind != "unknown" else "Entity"
            ref = t_line(arg, label)
            seen[arg.role] += 1
            role = arg.role if seen[arg.role] == 1 else f"{arg.role}{seen[arg.role]}"
            parts.append(f"{role}:{ref}")
        out.append(f"E{n}\t{' '.join(parts)}")
        flags = [("Negation", event.polarity == "negative"),
                 ("Speculation", event.modality == "hedged"),
                 ("Hypothetical", event.modality == "hypothetical"),
                 ("Optional", event.optional)]
        for flag, on in flags:
            if on:
                a += 1
                out.append(f"A{a}\t{flag} E{n}")
    with open(txt, "w", encoding="utf-8", newline="") as f:
        f.write(document.text)
    with open(ann, "w", encoding="utf-8", newline="") as f:
        f.write("".join(line + "\n" for line in out))
    return txt, ann


# --------------------------------------------------------------------------------------------
# Dispatcher
# --------------------------------------------------------------------------------------------

_READERS: dict[str, Callable[..., ImportResult]] = {
    "ace": read_ace_json,
    "maven": read_maven_jsonl,
    "brat": read_brat,
}


# --------------------------------------------------------------------------------------------
# Real-text sets: M2E2, WikiEvents, RAMS, GENEVA, PLOVER
# --------------------------------------------------------------------------------------------


def read_m2e2(path: PathLike, mapping: PathLike | Mapping | None = None, *,
              ontology: Ontology | None = None, strict: bool = False) -> ImportResult:
    """M2E2 text annotations (`text_events.slim.jsonl.gz`, or the folder holding it).

    An article's text is its sentences a line each (`eventx.corpora.m2e2_text`), the same text our
    own annotations of these articles are made on, so both can be scored on one document.
    """
    from eventx import corpora

    path = Path(path)
    root = path if path.is_dir() else path.parent
    ctx = _Context.open("m2e2", path, mapping, ontology, strict)
    try:
        articles = corpora.m2e2_sentences(root)
    except (OSError, ValueError, KeyError) as e:
        raise InputError(str(path), f"cannot read M2E2 sentences ({e})") from None
    documents: list[Document] = []
    for doc_id, sentences in articles.items():
        builder = _DocBuilder(ctx, doc_id, corpora.m2e2_text(sentences))
        base = 0
        for row in sentences:
            where = f"{path.name}:{row.get('sentence_id')}"
            spans = align_tokens(row["sentence"], row["words"])
            _token_events(ctx, builder, where, row.get("golden-event-mentions") or [], spans, base)
            base += len(row["sentence"]) + 1
        doc = builder.build(doc_id, meta={"source": "m2e2"}, published=corpora.m2e2_published(doc_id))
        if doc is not None:
            documents.append(doc)
    return ImportResult(documents, ctx.report)


def _token_events(ctx: _Context, builder: _DocBuilder, where: str, mentions: list[Any],
                  spans: list[tuple[int, int] | None], base: int) -> None:
    """Events whose spans are token ranges [start, end) over `spans` (chars, relative to `base`)."""

    def chars(obj: Any, what: str) -> tuple[int, int]:
        s, e = _field(obj, "start", int, what), _field(obj, "end", int, what)
        if not 0 <= s < e <= len(spans):
            raise _Bad(f"{what}: token span {s}-{e} out of range ({len(spans)} tokens)")
        first, last = spans[s], spans[e - 1]
        if first is None or last is None:
            raise _Bad(f"{what}: a token of {s}-{e} cannot be found in the text")
        return base + first[0], base + last[1]

    for i, em in enumerate(mentions):
        label = f"event {i}"
        try:
            trigger = chars(_field(em, "trigger", dict, label), f"{label}.trigger")
            args = []
            for j, arg in enumerate(em.get("arguments") or []):
                try:
                    args.append((_field(arg, "role", str, f"{label}.arguments[{j}]"),
                                 *chars(arg, f"{label}.arguments[{j}]")))
                except _SHAPE_ERRORS as err:
                    ctx.reject(where, _reason(err), "argument")
            builder.add(_field(em, "event_type", str, label), trigger, args)
        except _SHAPE_ERRORS as err:
            ctx.reject(where, _reason(err), "event")


def read_wikievents(path: PathLike, mapping: PathLike | Mapping | None = None, *,
                    ontology: Ontology | None = None, strict: bool = False) -> ImportResult:
    """WikiEvents JSON Lines (one document a line, token offsets over the whole document).

    The release's `text` runs sentences together without spaces; we put each sentence on its own
    line and move every token offset with it. Arguments point to entity mentions by id.
    """
    path = Path(path)
    ctx = _Context.open("wikievents", path, mapping, ontology, strict)
    documents: list[Document] = []
    for where, record in _json_records(path, ctx):
        try:
            doc_id = _field(record, "doc_id", str)
            pieces, tokens = [], []
            offset = 0
            for k, sent in enumerate(_field(record, "sentences", list)):
                toks, sentence = sent
                first = toks[0][1] if toks else 0
                for tok, s, e in toks:
                    if sentence[s - first : e - first] != tok:
                        raise _Bad(f"sentence {k}: token {tok!r} is not at its offsets")
                    tokens.append((offset + s - first, offset + e - first))
                pieces.append(sentence)
                offset += len(sentence) + 1
            entities = {m["id"]: m for m in record.get("entity_mentions") or []}
        except _SHAPE_ERRORS as e:
            ctx.reject(where, _reason(e), "document")
            continue
        builder = _DocBuilder(ctx, doc_id, "\n".join(pieces))
        mentions = []
        for em in record.get("event_mentions") or []:
            args = [{"role": a["role"], **entities[a["entity_id"]]} for a in em.get("arguments") or []
                    if a.get("entity_id") in entities]
            missing = len(em.get("arguments") or []) - len(args)
            if missing:
                ctx.reject(where, f"event {em.get('id')}: {missing} argument(s) name no entity mention", "argument")
            mentions.append({**em, "arguments": args})
        _token_events(ctx, builder, where, mentions, tokens, 0)
        doc = builder.build(where, meta={"source": "wikievents"})
        if doc is not None:
            documents.append(doc)
    return ImportResult(documents, ctx.report)


def read_rams(path: PathLike, mapping: PathLike | Mapping | None = None, *,
              ontology: Ontology | None = None, strict: bool = False) -> ImportResult:
    """RAMS 1.0 JSON Lines: five-sentence windows, one annotated event each (annotation: partial)."""
    path = Path(path)
    ctx = _Context.open("rams", path, mapping, ontology, strict)
    documents: list[Document] = []
    for where, record in _json_records(path, ctx):
        try:
            doc_id = _field(record, "doc_key", str)
            lines = [" ".join(sent) for sent in _field(record, "sentences", list)]
            starts, pos = [], 0
            for sent in record["sentences"]:
                for w in sent:
                    starts.append((pos, pos + len(w)))
                    pos += len(w) + 1
            mentions = []
            for s, e, labels in _field(record, "evt_triggers", list):
                args = [{"role": re.sub(r"^evt\d+arg\d+", "", role), "start": a0, "end": a1 + 1}
                        for (t0, t1), (a0, a1), role in record.get("gold_evt_links") or []
                        if (t0, t1) == (s, e)]
                mentions.append({"trigger": {"start": s, "end": e + 1}, "event_type": labels[0][0],
                                 "arguments": args})
        except _SHAPE_ERRORS as e:
            ctx.reject(where, _reason(e), "document")
            continue
        builder = _DocBuilder(ctx, doc_id, "\n".join(lines))
        _token_events(ctx, builder, where, mentions, starts, 0)
        if not builder.pending:
            continue  # the window's only event is unmapped: it teaches nothing
        doc = builder.build(where, meta={"source": "rams"})
        if doc is not None:
            documents.append(doc)
    return ImportResult(documents, ctx.report)


def read_geneva(path: PathLike, mapping: PathLike | Mapping | None = None, *,
                ontology: Ontology | None = None, strict: bool = False) -> ImportResult:
    """GENEVA sentences (OneIE-style JSON Lines, FrameNet frames as types)."""
    result = read_ace_json(path, load_mapping(mapping, "geneva", ontology), ontology=ontology, strict=strict)
    result.report.format = "geneva"
    for doc in result.documents:
        doc.meta.update({"origin": "import:geneva", "source": "geneva"})
    return result


_PLOVER_SPAN = re.compile(r"\((SRC/TAR|SRC|TAR|EVT|LOC): ([^()]*)\)")


def read_plover(path: PathLike, mapping: PathLike | Mapping | None = None, *,
                ontology: Ontology | None = None, strict: bool = False) -> ImportResult:
    """PLOVER gold standard records: the inline markup gives the event and actor spans."""
    path = Path(path)
    ctx = _Context.open("plover", path, mapping, ontology, strict)
    documents: list[Document] = []
    for where, record in _json_records(path, ctx):
        try:
            if record.get("event") == "DOCUMENT":
                continue
            doc_id = _field(record, "id", str)
            markup = _field(_field(record, "textInfo", dict), "markup", str, "textInfo")
            text, spans, pos = [], [], 0
            last = 0
            for m in _PLOVER_SPAN.finditer(markup):
                text.append(markup[last : m.start()])
                pos += m.start() - last
                spans.append((m.group(1), pos, pos + len(m.group(2))))
                text.append(m.group(2))
                pos += len(m.group(2))
                last = m.end()
            text.append(markup[last:])
            plain = "".join(text)
        except _SHAPE_ERRORS as e:
            ctx.reject(where, _reason(e), "record")
            continue
        triggers = [(s, e) for kind, s, e in spans if kind == "EVT"]
        if not triggers:
            ctx.reject(where, "no (EVT: ...) span in the markup", "record")
            continue
        args = [(role, s, e) for kind, s, e in spans
                for role in {"SRC": ["source"], "TAR": ["target"], "SRC/TAR": ["source", "target"]}.get(kind, [])]
        builder = _DocBuilder(ctx, doc_id, plain)
        mode = str(record.get("mode") or "").lower()
        if not builder.add(_field(record, "event", str), triggers[0], args,
                           polarity="negative" if mode == "not" else "positive"):
            continue  # unmapped type (counted in the report): a sentence with nothing of ours
        doc = builder.build(where, meta={"source": "plover"}, published=record.get("date"))
        if doc is not None:
            documents.append(doc)
    return ImportResult(documents, ctx.report)


_READERS.update({"m2e2": read_m2e2, "wikievents": read_wikievents, "rams": read_rams,
                 "geneva": read_geneva, "plover": read_plover})


def import_file(path: PathLike, format: str, mapping: PathLike | Mapping | None = None, *,
                ontology: Ontology | None = None, strict: bool = False) -> ImportResult:
    """Import `path` in `format` (one of FORMATS), with the bundled or a custom mapping."""
    fmt = _ALIASES.get(format.lower(), format.lower())
    if fmt not in _READERS:
        raise InputError(str(path), f"unknown import format {format!r} "
                                    f"(choose one of {', '.join(FORMATS)})")
    return _READERS[fmt](path, mapping, ontology=ontology, strict=strict)
