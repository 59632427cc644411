"""One module per pipeline stage: ingest, segment, extract, geocode, dedupe, store, export."""
