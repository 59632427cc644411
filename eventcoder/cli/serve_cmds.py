"""CLI verbs `serve` and `keys` (see eventcoder/cli/__init__.py for the layout). (owner: api)"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from eventcoder.settings import DEFAULT_DB

if TYPE_CHECKING:
    from eventcoder.stages.store import Store

ROLE_CHOICE = click.Choice(["reader", "analyst", "admin"])


def _open_store(db: str, must_exist: bool = False) -> Store:
    """The store at DB; ``must_exist``: a missing file is an error (a typo would make a new, empty store)."""
    from pathlib import Path

    from eventcoder.errors import EventcoderError
    from eventcoder.stages.store import Store

    if must_exist and not Path(db).exists():
        raise click.ClickException(f"{db}: no such store (check --db; `eventcoder run PATH --db {db}` makes one)")
    try:
        return Store(db)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from None


def _check_port(host: str, port: int) -> None:
    """Fail before opening the store when the address is taken (uvicorn would log it after 'serving ...')."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise click.ClickException(f"--host {host}: not an address this machine has ({exc}); try 127.0.0.1") from None
    family, kind, proto, _name, addr = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(addr)
        except OSError as exc:
            raise click.ClickException(f"{host}:{port}: cannot listen there ({exc.strerror or exc}); stop the other "
                                       f"server or give another --port, e.g. --port {port + 1 if port else 8001}") from None


@click.command()
@click.option("--db", default=DEFAULT_DB, show_default=True,
              help="DuckDB store file (must exist: `keys create` or `run` makes it).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port.")
@click.option("--public-read", is_flag=True, help="Let requests without a key read events (writes still need one).")
@click.option("--max-body", default=25_000_000, show_default=True, type=click.IntRange(1024),
              help="Largest request body in bytes.")
@click.option("--rate-limit", default=50.0, show_default=True, type=click.FloatRange(0),
              help="Requests per second per key or client address (0 = no limit).")
@click.option("--rate-burst", default=200, show_default=True, type=click.IntRange(1),
              help="Requests allowed in a burst above the rate.")
@click.option("--log-level", default="warning", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]), help="Server log level.")
@click.option("--review-confidence", type=click.FloatRange(0, 1), default=None,
              help="Events with a confidence below this need review (with those that have no coordinates or only "
                   "province-level ones). Default: $EVENTCODER_REVIEW_CONFIDENCE, else 0.9 (docs/ui.md).")
def serve(db: str, host: str, port: int, public_read: bool, max_body: int, rate_limit: float,
          rate_burst: int, log_level: str, review_confidence: float | None) -> None:
    """Serve the HTTP API and the review page (http://HOST:PORT/).

    \b
    Needs the `api` extra: pip install 'eventcoder[api]'. Create a key first (the server holds the
    store file: stop it before `keys` or `run` on the same file). Send the key as X-API-Key.
    \b
    Examples:
      eventcoder keys create --role analyst --db events.duckdb   # prints the key once
      eventcoder serve --db events.duckdb                        # open http://127.0.0.1:8000/
      eventcoder serve --db events.duckdb --public-read --host 0.0.0.0 --port 8080
      curl -H "X-API-Key: $KEY" 'http://127.0.0.1:8000/api/events?country=Iraq&limit=5'
    """
    try:
        import uvicorn

        from eventcoder.api.app import create_app
    except ImportError as exc:
        raise click.ClickException(f"the API needs its extra: pip install 'eventcoder[api]' ({exc})") from None
    from pathlib import Path

    from eventcoder.api.auth import KeyStore

    if not Path(db).exists():  # a typo would serve a new, empty store that has no keys
        raise click.ClickException(
            f"{db}: no such store (check --db; make one with `eventcoder keys create --role analyst --db {db}` "
            f"and submit documents through the API, or ingest with `eventcoder run PATH --db {db}`)")
    from eventcoder.api.app import review_confidence_setting
    from eventcoder.errors import EventcoderError

    try:
        review_cut = review_confidence_setting(review_confidence)
    except EventcoderError as exc:
        raise click.ClickException(str(exc)) from None
    _check_port(host, port)
    store = _open_store(db)
    if not any(k["revoked_at"] is None for k in KeyStore(store.con).list()):
        click.echo(f"eventcoder: no API keys in {db} yet: stop the server and run "
                   f"`eventcoder keys create --role analyst --db {db}`"
                   + (" (reads are public)" if public_read else " (nothing can be read or written)"), err=True)
    app = create_app(store, public_read=public_read, max_body=max_body, rate_limit=rate_limit,
                     rate_burst=rate_burst, review_confidence=review_cut)
    click.echo(f"eventcoder: serving {db} on http://{host}:{port}/ (public read: "
               f"{'on' if public_read else 'off'}; needs review below confidence {review_cut:g})", err=True)
    try:
        uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False)
    finally:
        store.close()


@click.group()
def keys() -> None:
    """Manage API keys (stored hashed in the store file; stop `serve` first, it holds the file).

    \b
    Examples:
      eventcoder keys create --role analyst --name "Ana" --db events.duckdb
      eventcoder keys list --db events.duckdb
      eventcoder keys revoke 123224f7c2c2 --db events.duckdb
    """


@keys.command("create")
@click.option("--role", type=ROLE_CHOICE, required=True, help="reader: read; analyst: also edit; admin: also keys.")
@click.option("--name", default="", help="Who the key is for (shown in the audit log).")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB store file.")
def keys_create(role: str, name: str, db: str) -> None:
    """Create a key and print it once (only its salted hash is stored).

    \b
    Example:
      KEY=$(eventcoder keys create --role reader --name dashboard --db events.duckdb)
    """
    from pathlib import Path

    from eventcoder.api.auth import KeyStore

    if not Path(db).exists():
        click.echo(f"eventcoder: {db} does not exist yet: making a new, empty store for the key "
                   "(give --db the store you serve)", err=True)
    store = _open_store(db)
    try:
        key_id, key = KeyStore(store.con).create(role, name)
    finally:
        store.close()
    click.echo(f"created {role} key {key_id} (store it now; it cannot be shown again):", err=True)
    click.echo(key)


@keys.command("list")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB store file.")
def keys_list(db: str) -> None:
    """List keys (id, role, name, created, revoked); never the keys themselves.

    \b
    Example:
      eventcoder keys list --db events.duckdb
    """
    from eventcoder.api.auth import KeyStore

    store = _open_store(db, must_exist=True)
    try:
        rows = KeyStore(store.con).list()
    finally:
        store.close()
    if not rows:
        click.echo("no keys (create one: eventcoder keys create --role analyst)", err=True)
    for r in rows:
        click.echo("\t".join([r["key_id"], r["role"], r["name"], r["created_at"] or "",
                              f"revoked {r['revoked_at']}" if r["revoked_at"] else "active"]))


@keys.command("revoke")
@click.argument("key_id")
@click.option("--db", default=DEFAULT_DB, show_default=True, help="DuckDB store file.")
def keys_revoke(key_id: str, db: str) -> None:
    """Revoke the key KEY_ID (see `keys list`).

    \b
    Example:
      eventcoder keys revoke 123224f7c2c2 --db events.duckdb
    """
    from eventcoder.api.auth import KeyStore

    store = _open_store(db, must_exist=True)
    try:
        ok = KeyStore(store.con).revoke(key_id)
    finally:
        store.close()
    if not ok:
        raise click.ClickException(f"no active key {key_id!r} in {db} (see `eventcoder keys list --db {db}`)")
    click.echo(f"revoked {key_id}")


commands: list[click.Command] = [serve, keys]
