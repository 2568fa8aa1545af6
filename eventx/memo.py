"""A bounded memo for the pure lookups of one resolver instance (no global caches)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(Generic[K, V]):
    """Remembers `compute(key)`; starts afresh when full, so memory stays flat on long batches.

    The same place names, actor mentions and documents recur across the events of a batch."""

    def __init__(self, compute: Callable[[K], V], size: int = 4096) -> None:
        self.compute = compute
        self.size = size
        self._values: dict[K, V] = {}

    def __call__(self, key: K) -> V:
        try:
            return self._values[key]
        except KeyError:
            if len(self._values) >= self.size:
                self._values.clear()
            value = self._values[key] = self.compute(key)
            return value
