"""Errors users see. Each says where (file, line, record) and what is wrong, in one line."""

from __future__ import annotations


class EventxError(Exception):
    """Base of every error eventx raises on purpose."""


class OntologyError(EventxError):
    pass


class ModelError(EventxError):
    pass


class InputError(EventxError):
    """A record that cannot be read. `where` names the file and line or record."""

    def __init__(self, where: str, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}" if where else problem)


class NormalizationError(EventxError):
    """Normalisation could not run (a missing package, a bug): never mistaken for "nothing found"."""
