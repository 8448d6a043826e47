"""The floor: Python reading every note's bytes and nothing else.  python bench/floor.py VAULT"""

import os
import sys

total = 0
for folder, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = [name for name in dirs if not name.startswith(".")]
    for name in files:
        if name.endswith(".md"):
            with open(os.path.join(folder, name), "rb") as handle:
                total += len(handle.read())
print(total)
