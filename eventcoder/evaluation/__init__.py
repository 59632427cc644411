"""`eventcoder eval` (scoring against human-coded gold) and `eventcoder bench` (speed, memory)."""
