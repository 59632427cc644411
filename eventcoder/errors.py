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


def json_error_words(exc: ValueError) -> str:
    """json's reason with its column ('Unterminated string starting at column 22'), for one JSONL line.

    Strip the line end before ``json.loads``: a line cut inside a string otherwise reads as
    'Invalid control character at' the newline. json's messages ending in 'at' expect the position.
    """
    msg, col = getattr(exc, "msg", None), getattr(exc, "colno", None)
    if not isinstance(msg, str) or not isinstance(col, int):
        return str(exc)
    return f"{msg} column {col}" if msg.endswith(" at") else f"{msg}, column {col}"
