#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Exports the sample shop and opens the page in headless Chromium at
# desktop and phone width. Screenshots stay in the build folder; the DOM
# Chromium built must hold the JSON-LD with name, address and hours.
# usage: test-export-browser.sh SAMPLE-PROGRAM OUTPUT-DIR
set -eu

sample=$1
outdir=$2

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "chromium is not installed (apt-get install chromium): skipped"
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# in the merchant's language
LANGUAGE=fr LC_ALL=fr_FR.UTF-8 XDG_DATA_HOME="$work/data" "$sample" "$outdir/shop-export.html"
url="file://$outdir/shop-export.html"

shot () {
  name=$1; size=$2
  rm -f "$outdir/shop-export-$name.png"
  "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$work/profile-$name" --hide-scrollbars \
    --screenshot="$outdir/shop-export-$name.png" --window-size="$size" "$url" \
    >"$work/chromium-$name.log" 2>&1 || { cat "$work/chromium-$name.log"; exit 1; }
  test -s "$outdir/shop-export-$name.png" || { echo "no screenshot at $size"; exit 1; }
  echo "screenshot: $outdir/shop-export-$name.png"
}

shot desktop 1280,900
shot phone 390,844

"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile-dom" --dump-dom "$url" >"$work/dom.html" 2>"$work/chromium-dom.log"

python3 - "$work/dom.html" <<'PY'
import json, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', dom, re.S)
assert len(blocks) == 1, "expected one JSON-LD script, found %d" % len(blocks)
data = json.loads(blocks[0])
assert data["@context"] == "https://schema.org"
assert data["@type"] == "Bakery", data["@type"]
assert data["name"] == "Boulangerie Martin", data["name"]
address = data["address"]
assert address["@type"] == "PostalAddress"
assert address["streetAddress"] == "12 rue de la République"
assert address["postalCode"] == "24200"
assert address["addressLocality"] == "Sarlat-la-Canéda"
hours = data["openingHoursSpecification"]
tuesday = [h for h in hours if h["dayOfWeek"] == "https://schema.org/Tuesday"]
assert {(h["opens"], h["closes"]) for h in tuesday} == {("07:00", "13:00"), ("15:30", "19:30")}, tuesday
# the page itself shows the shop, and no image was fetched from outside
assert "<h1>Boulangerie Martin</h1>" in dom
assert 'src="data:image/jpeg;base64,' in dom
assert not re.search(r'src="https?:', dom)
print("JSON-LD parsed: %s, %s %s, %d opening hours entries" %
      (data["name"], address["postalCode"], address["addressLocality"], len(hours)))
PY
