"""The baseline: a plain python-frontmatter script computing everyone's last contact.

    python bench/baseline.py VAULT

What a person would write in an afternoon: load every note with python-frontmatter, take
`last_contact` and the `## Log` dates of contact notes, and the date of every dated note that
links a person. It prints how many people it found in touch.
"""

from __future__ import annotations

import os
import re
import sys
from datetime import date

import frontmatter

WIKILINK = re.compile(r"\[\[([^\]|#]+)")
DATED = re.compile(r"^(\d{4}-\d{2}-\d{2})")
LOG_DATE = re.compile(r"^- (\d{4}-\d{2}-\d{2})", re.MULTILINE)


def main(root: str) -> None:
    last: dict[str, date] = {}

    def seen(person: str, when: date) -> None:
        if person not in last or last[person] < when:
            last[person] = when

    for folder, dirs, files in os.walk(root):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        for name in files:
            if not name.endswith(".md"):
                continue
            try:
                post = frontmatter.load(os.path.join(folder, name))
            except Exception:
                continue
            stem = name[:-3]
            if os.path.basename(folder) == "People":
                if isinstance(post.get("last_contact"), date):
                    seen(stem, post["last_contact"])
                for day in LOG_DATE.findall(post.content):
                    seen(stem, date.fromisoformat(day))
            elif match := DATED.match(stem):
                when = date.fromisoformat(match[1])
                links = WIKILINK.findall(post.content) + WIKILINK.findall(str(post.metadata))
                for person in links:
                    seen(person.strip(), when)
    print(len(last))


if __name__ == "__main__":
    main(sys.argv[1])
