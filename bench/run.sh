#!/usr/bin/env bash
# Times charter on a generated strategy: check, build with and without
# history (cold and unchanged rebuild), the history index next to the
# `git log` that does the same walk, and the live preview's edit-to-page
# latency and its memory over 1,000 edits.
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
runs=${RUNS:-5}
# Runs a command RUNS times and prints the fastest and the median time; a
# `{}` in the command becomes the run's number (for a fresh output folder).
timed() { # label, command...
  local label=$1; shift
  local times=() i start end
  for i in $(seq "$runs"); do
    start=$(date +%s%N)
    "${@//\{\}/$i}" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  local sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  printf '%-30s min %6d ms   median %6d ms   (%d runs)\n' "$label" "${sorted[0]}" "${sorted[$(( runs / 2 ))]}" "$runs"
}
echo "strategy: $repo ($(find "$repo" -name '*.md' -o -name '*.yaml' | grep -vc '/.git/') files, $(git -C "$repo" rev-list --count HEAD) commits)"
timed "check" $bin check "$repo"
timed "build --no-history (empty)" $bin build "$repo" -o "$out/plain-{}" --no-history
timed "build (empty output)" $bin build "$repo" -o "$out/site-{}"
timed "build --no-history (unchanged)" $bin build "$repo" -o "$out/plain-1" --no-history
timed "build (nothing changed)" $bin build "$repo" -o "$out/site-1"
timed "git log --name-status -M" git -C "$repo" log --name-status -M --format='%H %an %at %s'
./target/release/examples/history_index "$repo"
./target/release/examples/serve_latency "$repo" --samples 21
./target/release/examples/serve_latency "$repo" --soak 1000
