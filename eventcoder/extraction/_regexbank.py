"""Run many regular expressions over a text fast: rows are tested in chunks with one combined pattern
first, and only the rows of chunks that match anywhere are run on their own (most texts hit few chunks)."""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["RegexBank"]


class RegexBank:
    def __init__(self, patterns: Sequence[re.Pattern[str]], chunk: int = 12) -> None:
        self.patterns = list(patterns)
        self._chunks: list[tuple[re.Pattern[str], range]] = []
        for i in range(0, len(self.patterns), chunk):
            part = self.patterns[i : i + chunk]
            flags = part[0].flags & ~re.UNICODE
            same = all((p.flags & ~re.UNICODE) == flags for p in part)
            if same:
                combined = re.compile("|".join(f"(?:{p.pattern})" for p in part), flags)
                self._chunks.append((combined, range(i, i + len(part))))
            else:  # mixed flags: test each row on its own
                for j, p in enumerate(part):
                    self._chunks.append((p, range(i + j, i + j + 1)))

    def candidates(self, text: str) -> list[int]:
        """Indices of the patterns that may match ``text`` (every pattern that does match is included)."""
        out: list[int] = []
        for rx, idx in self._chunks:
            if rx.search(text):
                out.extend(idx)
        return out
