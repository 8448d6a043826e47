"""Turn a person's name into a note file name that stays in its folder and opens everywhere.

Obsidian refuses `* " \\ / < > : | ?` in file names and breaks links on `# ^ [ ] |`; Windows
refuses the same printable characters, control characters, names that end in a dot or a space
and device names such as CON or COM1; a leading dot hides a file from Obsidian and vaultkit.
"""

from __future__ import annotations

import re

from vaultkit.language import _

_REJECTED = re.compile(r'[\\/:*?"<>|#^\[\]\x00-\x1f\x7f\ud800-\udfff]')
_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(10)), *(f"LPT{n}" for n in range(10))}
# Most file systems allow 255 bytes; the atomic writer's temporary name adds about 15.
MAX_BYTES = 200


def note_stem(name: str) -> str:
    """The file name (without `.md`) for a contact called `name`; ValueError if none is usable."""
    stem = " ".join(_REJECTED.sub(" ", name).split()).strip(". ")
    if not stem:
        raise ValueError(_("{name!r} leaves nothing usable as a file name").format(name=name))
    if stem.split(".")[0].rstrip().upper() in _DEVICES:
        raise ValueError(
            _("{name!r} is a device name Windows does not allow as a file name; choose another name").format(
                name=stem
            )
        )
    if len(stem.encode("utf-8")) > MAX_BYTES:
        raise ValueError(
            _("the name is too long for a file name (over {limit} bytes)").format(limit=MAX_BYTES)
        )
    return stem
