"""eventcoder: conflict reports in, coded, geocoded, source-cited events out."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
