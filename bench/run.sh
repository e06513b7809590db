#!/usr/bin/env bash
# Times charter on a generated strategy: check, build with and without
# history (cold and unchanged rebuild), the history index next to the
# `git log` that does the same walk, and the live preview's edit-to-page
# latency.
#   bench/run.sh [ITEMS] [COMMITS]      (default 10000 items, 5000 commits)
# The strategy is generated once per size under target/bench/ (seed 1).
set -euo pipefail
cd "$(dirname "$0")/.."
items=${1:-10000}
commits=${2:-5000}
repo="target/bench/strategy-$items-$commits"
cargo build --release --quiet --examples --bins
if [ ! -d "$repo" ]; then
  ./target/release/examples/gen_strategy "$repo" --items "$items" --commits "$commits" --seed 1
fi
bin=./target/release/charter
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
timed() { # label, command...
  local label=$1; shift
  local start end
  start=$(date +%s%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s%N)
  printf '%-28s %8.0f ms\n' "$label" "$(( (end - start) / 1000000 ))"
}
echo "strategy: $repo ($(find "$repo" -name '*.md' -o -name '*.yaml' | grep -vc '/.git/') files, $(git -C "$repo" rev-list --count HEAD) commits)"
timed "check" $bin check "$repo"
timed "build --no-history (empty)" $bin build "$repo" -o "$out/plain" --no-history
timed "build (empty output)" $bin build "$repo" -o "$out/site"
timed "build (nothing changed)" $bin build "$repo" -o "$out/site"
timed "git log --name-status -M" git -C "$repo" log --name-status -M --format='%H %an %at %s'
./target/release/examples/history_index "$repo"
./target/release/examples/serve_latency "$repo" --samples 21
