"""Stage 1, ingest: files / folders / JSONL / CSV / HTML -> Document records. (owner: core)

Public: iter_documents(paths, settings, on_error) -> Iterator[Document]
"""
