"""One JSON error shape for every HTTP error: ``{"error": {"code": "...", "message": "..."}}``. (owner: api)

Codes are short stable slugs (``not_found``, ``invalid_request``, ...); eventcoder's own exceptions keep
their ``E00x`` code in the message prefix so a log line can be matched with the CLI's.
"""

from __future__ import annotations

import json
import re
from typing import Any

from eventcoder.errors import (
    ConfigError,
    EventcoderError,
    InputError,
    ResourceMissing,
    StorageError,
)

STATUS_CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    411: "length_required",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    429: "rate_limited",
    500: "internal_error",
    503: "unavailable",
}


class ApiError(Exception):
    """Raise from an endpoint to answer with the error shape."""

    def __init__(self, status: int, message: str, code: str | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or STATUS_CODES.get(status, f"http_{status}")
        self.message = message
        self.headers = headers or {}


def body(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


def body_bytes(code: str, message: str) -> bytes:
    return json.dumps(body(code, message), ensure_ascii=False).encode("utf-8")


def from_eventcoder(exc: EventcoderError) -> ApiError:
    """Map the library's exception tree onto HTTP statuses."""
    msg = f"[{exc.code}] {exc}"
    if isinstance(exc, InputError):
        return ApiError(422, msg, "invalid_input")
    if isinstance(exc, ConfigError):
        return ApiError(400, msg, "invalid_config")
    if isinstance(exc, ResourceMissing):
        return ApiError(503, msg, "resource_missing")
    if isinstance(exc, StorageError):
        return ApiError(409 if "already stored" in str(exc) else 400, msg, "storage_error")
    return ApiError(500, msg, "eventcoder_error")


def validation_message(errors: list[Any]) -> str:
    """One line from pydantic/FastAPI validation errors: where and what, for the first few."""
    parts = []
    for err in errors[:3]:
        where = tuple(err.get("loc", ()))
        if err.get("type") == "json_invalid":  # loc ("body", <character offset>)
            reason = (err.get("ctx") or {}).get("error") or "cannot parse"
            at = f" at character {where[1]}" if len(where) > 1 else ""
            parts.append(f"body: not valid JSON ({reason}{at})")
            continue
        if where[:1] in (("query",), ("path",), ("header",)) and len(where) > 1:  # 'format', not 'query.format'
            where = where[1:]
        loc = ".".join(str(x) for x in where if x != "body") or ("body" if where[:1] == ("body",) else "request")
        msg = err.get("msg", "invalid")
        if err.get("type") == "value_error":  # our validators' own words, without pydantic's 'Value error, '
            msg = str(msg).removeprefix("Value error, ")
        choices = re.fullmatch(r"\^\(([\w|-]+)\)\??\$", str((err.get("ctx") or {}).get("pattern", "")))
        if err.get("type") == "string_pattern_mismatch" and choices:  # an enum written as a pattern (forms)
            msg = f"{err.get('input')!r} is not one of {', '.join(choices.group(1).split('|'))}"
            parts.append(f"{loc}: {msg}")
            continue
        if loc == "body" and err.get("type") in ("model_attributes_type", "dict_type"):
            msg = "give a JSON object ({...})"
        parts.append(f"{loc}: {msg}")
    more = f" (+{len(errors) - 3} more)" if len(errors) > 3 else ""
    return "; ".join(parts) + more
