"""Stage: export (see eventcoder/pipeline.py)."""
