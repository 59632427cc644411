"""API keys: stored hashed in the store's DuckDB file, each with a role. (owner: api)

A key looks like ``eck_<key_id>_<secret>``. Only ``key_id`` (public, for listing and revoking), a random
salt and ``sha256(salt + secret)`` are stored; the secret itself is printed once by
``eventcoder keys create`` and never again. The secret is 32 random bytes, so a salted sha256 is enough
(no password stretching needed) and keeps per-request checks cheap.

Roles, each including the ones before it:
  reader   read events, documents, audit log, exports
  analyst  also submit documents, correct, approve, reject, merge, split
  admin    also create, list and revoke keys
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from eventcoder.errors import ConfigError

if TYPE_CHECKING:
    import duckdb

ROLES = ("reader", "analyst", "admin")
_RANK = {r: i for i, r in enumerate(ROLES)}
PREFIX = "eck"

_SCHEMA = """CREATE TABLE IF NOT EXISTS api_keys (
  key_id VARCHAR PRIMARY KEY,
  salt VARCHAR NOT NULL,
  hash VARCHAR NOT NULL,
  role VARCHAR NOT NULL,
  name VARCHAR,
  created_at TIMESTAMP,
  revoked_at TIMESTAMP
)"""


@dataclass(frozen=True)
class Principal:
    """Who is calling: a key's id and role, or the anonymous public reader."""

    key_id: str | None
    role: str
    name: str = ""

    @property
    def who(self) -> str:
        return f"key:{self.key_id}" + (f" ({self.name})" if self.name else "") if self.key_id else "anonymous"

    def allows(self, role: str) -> bool:
        return _RANK[self.role] >= _RANK[role]


def role_allows(have: str, need: str) -> bool:
    return _RANK[have] >= _RANK[need]


def _hash(salt: str, secret: str) -> str:
    return hashlib.sha256((salt + secret).encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class KeyStore:
    """CRUD over the ``api_keys`` table, on a DuckDB connection owned by the caller."""

    def __init__(self, con: duckdb.DuckDBPyConnection, create: bool = True) -> None:
        self.con = con
        if create:
            self.con.execute(_SCHEMA)

    def create(self, role: str, name: str = "") -> tuple[str, str]:
        """Make a key; returns (key_id, full key). The full key is not stored and cannot be shown again."""
        if role not in ROLES:
            raise ConfigError(f"unknown role {role!r} (use one of {', '.join(ROLES)})")
        key_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        salt = secrets.token_hex(16)
        self.con.execute(
            "INSERT INTO api_keys VALUES (?, ?, ?, ?, ?, ?, NULL)",
            [key_id, salt, _hash(salt, secret), role, name, _now()],
        )
        return key_id, f"{PREFIX}_{key_id}_{secret}"

    def verify(self, key: str) -> Principal | None:
        """The principal for a full key, or None if it is malformed, unknown, wrong or revoked."""
        parts = key.strip().split("_", 2)
        if len(parts) != 3 or parts[0] != PREFIX or not parts[1] or not parts[2]:
            return None
        key_id, secret = parts[1], parts[2]
        row = self.con.execute(
            "SELECT salt, hash, role, name, revoked_at FROM api_keys WHERE key_id = ?", [key_id]
        ).fetchone()
        if row is None:
            return None
        salt, stored, role, name, revoked = row
        if revoked is not None or not hmac.compare_digest(_hash(salt, secret), stored):
            return None
        return Principal(key_id=key_id, role=role, name=name or "")

    def list(self) -> list[dict[str, Any]]:
        cur = self.con.execute(
            "SELECT key_id, role, name, created_at, revoked_at FROM api_keys ORDER BY created_at, key_id"
        )
        return [
            {"key_id": r[0], "role": r[1], "name": r[2] or "", "created_at": r[3].isoformat() if r[3] else None,
             "revoked_at": r[4].isoformat() if r[4] else None}
            for r in cur.fetchall()
        ]

    def revoke(self, key_id: str) -> bool:
        """Revoke a key; False if there is no such active key."""
        row = self.con.execute(
            "SELECT 1 FROM api_keys WHERE key_id = ? AND revoked_at IS NULL", [key_id]
        ).fetchone()
        if row is None:
            return False
        self.con.execute("UPDATE api_keys SET revoked_at = ? WHERE key_id = ?", [_now(), key_id])
        return True
