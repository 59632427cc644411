"""CLI verbs (see eventcoder/cli/__init__.py for the layout)."""

from __future__ import annotations

import click

commands: list[click.Command] = []
