"""The event ontology: types, their definitions and allowed roles, kept as data.

The default ontology ships as `eventx/data/ontology.json`. Users add or override types with a file
of the same shape: `Ontology.load("mine.json")` extends the default, `extend=False` replaces it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from eventx.errors import OntologyError

DEFAULT_PATH = "data/ontology.json"


@dataclass(frozen=True)
class EventType:
    name: str
    definition: str
    roles: tuple[str, ...]
    triggers: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Ontology:
    name: str
    version: str
    types: dict[str, EventType]
    roles: dict[str, str] = field(default_factory=dict)

    @classmethod
    def default(cls) -> Ontology:
        text = resources.files("eventx").joinpath(DEFAULT_PATH).read_text("utf-8")
        return cls.from_dict(json.loads(text), source="eventx default ontology")

    @classmethod
    def load(cls, path: str | Path | None = None, *, extend: bool = True) -> Ontology:
        """The default ontology, extended (or replaced) by the types in `path`."""
        if path is None:
            return cls.default()
        path = Path(path)
        try:
            data = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            raise OntologyError(f"{path}: no such ontology file") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise OntologyError(f"{path}: not a JSON ontology file ({e})") from None
        own = cls.from_dict(data, source=str(path))
        return cls.default().merged(own) if extend else own

    @classmethod
    def from_dict(cls, data: dict, source: str = "ontology") -> Ontology:
        if not isinstance(data, dict) or not isinstance(data.get("types"), dict):
            raise OntologyError(f"{source}: needs an object with a 'types' object")
        roles = data.get("roles", {})
        if not isinstance(roles, dict):
            raise OntologyError(f"{source}: 'roles' must map role names to descriptions")
        types: dict[str, EventType] = {}
        for name, spec in data["types"].items():
            if not isinstance(spec, dict):
                raise OntologyError(f"{source}: type {name} must be an object")
            if not name.isupper() or not name.replace("_", "").isalnum():
                raise OntologyError(f"{source}: type name {name!r} must be UPPER_SNAKE_CASE")
            type_roles = spec.get("roles")
            if not type_roles or not all(isinstance(r, str) for r in type_roles):
                raise OntologyError(f"{source}: type {name} needs a non-empty list of roles")
            if not spec.get("definition"):
                raise OntologyError(f"{source}: type {name} needs a one-line definition")
            types[name] = EventType(
                name=name,
                definition=spec["definition"],
                roles=tuple(type_roles),
                triggers=tuple(spec.get("triggers", ())),
                examples=tuple(spec.get("examples", ())),
            )
        return cls(
            name=str(data.get("name", source)),
            version=str(data.get("version", "0")),
            types=types,
            roles={str(k): str(v) for k, v in roles.items()},
        )

    def merged(self, other: Ontology) -> Ontology:
        return Ontology(
            name=f"{self.name}+{other.name}",
            version=f"{self.version}+{other.name}-{other.version}",
            types={**self.types, **other.types},
            roles={**self.roles, **other.roles},
        )

    @property
    def type_names(self) -> list[str]:
        return list(self.types)

    @property
    def all_roles(self) -> list[str]:
        seen: dict[str, None] = {}
        for t in self.types.values():
            seen.update(dict.fromkeys(t.roles))
        return list(seen)

    def check(self, event_type: str, role: str | None = None) -> str | None:
        """A problem with this type (and role), or None if the ontology allows it."""
        if event_type not in self.types:
            return f"unknown event type {event_type!r}"
        if role is not None and role not in self.types[event_type].roles:
            allowed = ", ".join(self.types[event_type].roles)
            return f"role {role!r} is not allowed for {event_type} (allowed: {allowed})"
        return None

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "version": self.version,
            "roles": self.roles,
            "types": {
                t.name: {
                    "definition": t.definition,
                    "roles": list(t.roles),
                    "triggers": list(t.triggers),
                    "examples": list(t.examples),
                }
                for t in self.types.values()
            },
        }
