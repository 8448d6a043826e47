"""Reports: pure functions of the index and the derived activity that return result objects
(data, never prose a template could not phrase)."""
