"""Scale-out: Dask engine and synthetic corpora (owner: dedupe)."""
