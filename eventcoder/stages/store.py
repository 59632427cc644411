"""Stage: store (see eventcoder/pipeline.py)."""
