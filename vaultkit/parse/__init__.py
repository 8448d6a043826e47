"""From a note's bytes to a Note: front matter, fields, the log, and the links that may name people.

Every function here is pure (bytes and config in, values and diagnostics out); nothing here
knows the other notes of the vault.
"""
