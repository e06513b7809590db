#!/usr/bin/env bash
# Accessibility and HTML validity of the example site, as a user's browser
# and a screen reader meet it: builds example-site, runs axe-core in
# Debian's headless Chromium over one page of every page type (check.mjs),
# then the Nu HTML checker over every page. Any axe violation, of any
# impact, and any Nu error or warning fails the run. Installs what it needs
# on a fresh Debian machine (as root): chromium and Java from apt, axe-core,
# puppeteer-core and the checker's jar (vnu-jar) from the npm registry,
# pinned by package-lock.json.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jre-headless)
command -v npm >/dev/null || missing+=(nodejs npm)
if ((${#missing[@]})); then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The lockfile pins every package; install scripts are not needed (vnu-jar's
# would fetch a Java runtime: Debian's is used).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cargo run --locked --quiet --manifest-path ../../Cargo.toml -- build ../../example-site -o "$out/site" -q

status=0
node check.mjs "$out/site" || status=1
# --Werror: a warning fails the run as an error does.
if java -jar node_modules/vnu-jar/build/dist/vnu.jar --Werror --skip-non-html "$out/site"; then
  echo "Nu HTML checker: $(find "$out/site" -name '*.html' | wc -l) pages, 0 errors, 0 warnings"
else
  echo "Nu HTML checker: errors or warnings above"
  status=1
fi
exit $status
