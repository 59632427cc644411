"""Field parsers used by the extract stage: dates, numbers, actors, event taxonomy."""
