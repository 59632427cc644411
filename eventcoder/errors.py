"""One exception tree for eventcoder. Every message says what to do next.

    EventcoderError
    ├── ConfigError        bad option or setting
    ├── InputError         a document could not be read (empty, binary, truncated, too large)
    ├── ResourceMissing    gazetteer / data file not installed
    ├── GeocodeError       gazetteer index problem
    ├── StorageError       DuckDB store problem
    └── EvalError          gold data problem in eval/bench

The CLI turns these into one-line ``click.ClickException`` messages; the HTTP API returns one JSON
error shape built from ``code`` and ``str(exc)``.
"""

from __future__ import annotations


class EventcoderError(Exception):
    code = "E000"


class ConfigError(EventcoderError):
    code = "E001"


class InputError(EventcoderError):
    code = "E002"

    def __init__(self, path: str, problem: str, hint: str = "") -> None:
        self.path = path
        self.problem = problem
        self.hint = hint
        msg = f"{path}: {problem}"
        if hint:
            msg += f" ({hint})"
        super().__init__(msg)


class ResourceMissing(EventcoderError):
    code = "E003"


class GeocodeError(EventcoderError):
    code = "E004"


class StorageError(EventcoderError):
    code = "E005"


class EvalError(EventcoderError):
    code = "E006"
