"""Reports: pure functions of the index (and a fixed `today`) that return result objects."""
