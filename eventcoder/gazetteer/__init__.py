"""Offline gazetteer: normalization key, index (DuckDB), importers, resolver."""
