"""From a note's bytes to a Note: front matter, fields, the log, and the links that may name people.

Every function here is pure (bytes and config in, values and diagnostics out); nothing here
knows the other notes of the vault.
"""


def forget_recurring() -> None:
    """Let go of what reading remembers of the lines, dates and mentions that recur from note to
    note. It makes reading thousands of notes cheaper, and nothing needs it once they are read:
    at 33,000 notes it held 6 MB."""
    from vaultkit import values
    from vaultkit.parse import frontmatter, mentions, simpleyaml

    for remembered in (
        simpleyaml._key_line,
        simpleyaml._block_item,
        frontmatter._typed_tag,
        mentions._property_mention,
        values._date_in,
    ):
        remembered.cache_clear()
