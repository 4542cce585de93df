#!/usr/bin/env bash
# Render an HTML report to a PNG with headless Chromium, to look at the layout as a reader would.
#
#   scripts/screenshot_report.sh report.html report.png [WIDTH,HEIGHT]
#
# The shot is the page from its top: give a taller HEIGHT to see more of it (headless
# Chromium's screenshot of a page scrolled to an #anchor comes out blank).
# Offline on purpose: networking, sync and updates are switched off, and a throwaway profile
# is used, so the picture shows exactly what the self-contained file holds.
set -euo pipefail

if [[ $# -lt 2 ]]; then
    echo "usage: $0 REPORT.html OUT.png [WIDTH,HEIGHT]" >&2
    exit 2
fi
html=$(realpath "$1")
out=$(realpath -m "$2")
size=${3:-1280,2400}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [[ -z "$browser" ]]; then
    echo "$0: chromium not found (apt-get install -y chromium)" >&2
    exit 2
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" --window-size="$size" \
    --screenshot="$out" "file://$html" >/dev/null 2>&1
test -s "$out"
echo "$out"
