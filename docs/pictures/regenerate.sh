#!/bin/sh
# The pictures in the README: `vaultkit report` on a copy of the example vault, on its day.
# Usage: docs/pictures/regenerate.sh [FOLDER]   (default: docs/pictures)
# $PYTHON runs vaultkit (default: python3).
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
out=$(cd "${1:-$repo/docs/pictures}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$repo/example-vault" "$work/vault"
rm -rf "$work/vault/_vaultkit" "$work/vault/.vaultkit"
VAULTKIT_NO_CACHE=1 "${PYTHON:-python3}" -m vaultkit --vault "$work/vault" --lang en \
    report --today 2026-11-21 >/dev/null 2>&1
cp "$work/vault/_vaultkit/Network.svg" "$work/vault/_vaultkit/Layers.svg" \
    "$work/vault/_vaultkit/Year.svg" "$out/"
