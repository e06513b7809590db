#!/usr/bin/env bash
# charter against Zola and Hugo on the same generated pages and history,
# side by side (the README's Benchmarks table):
#   ZOLA=path/to/zola bash bench/peers.sh [PAGES] [COMMITS] [RUNS]
# Generates PAGES pages (default 10000) with a COMMITS-commit git history
# (default 2000) in charter's, Hugo's and Zola's layouts under /dev/shm
# (tmpfs: no disk noise; `gen_corpus.py`, deterministic), builds charter in
# release mode, and times each tool from an empty output folder (removing
# the previous output inside the timing), alternating A B A B (RUNS pairs,
# default 3, after a warm-up): the medians and the median of the per-pair
# ratios, then peak memory (GNU time). Ratios are what to compare: absolute
# times move with the machine and its load.
# Hugo comes from Debian's package (installed when missing); Zola 0.22.1 is
# `$ZOLA`, else the `zola` on PATH (a release binary from
# https://github.com/getzola/zola/releases/tag/v0.22.1).
set -euo pipefail
cd "$(dirname "$0")/.."
here=$PWD/bench
pages=${1:-10000}; commits=${2:-2000}; runs=${3:-3}
zola=${ZOLA:-$(command -v zola || true)}
[[ -x $zola ]] || { echo "needs Zola 0.22.1: set ZOLA to its binary" >&2; exit 2; }
if ! command -v hugo >/dev/null || [[ ! -x /usr/bin/time ]]; then
  apt-get update -qq && apt-get install -y -qq hugo time >/dev/null
fi
c=/dev/shm/charter-peers; mkdir -p "$c"
cargo build --release --locked -q
bin=$PWD/target/release/charter
for l in charter hugo zola; do
  [[ -d $c/$l-$pages-$commits ]] || python3 "$here/gen_corpus.py" --pages "$pages" \
    --commits "$commits" --seed 1 --layout "$l" --out "$c/$l-$pages-$commits" --quiet
done
ch="rm -rf $c/out && $bin build $c/charter-$pages-$commits -o $c/out -q"
hu="cd $c/hugo-$pages-$commits && rm -rf public && hugo --quiet"
zo="cd $c/zola-$pages-$commits && $zola build"
row() { # label, command A, command B
  read -r a b r < <(python3 "$here/perf_ratio.py" "$runs" "$2" "$3")
  printf '%-34s %8s %8s %7s\n' "$1" "$a" "$b" "$r"
}
uptime
echo "$pages pages, $commits commits; seconds are medians; ratio = charter / peer"
printf '%-34s %8s %8s %7s\n' comparison charter peer ratio
row "no history vs zola" "$ch --no-history" "$zo"
row "no history vs hugo" "$ch --no-history" "$hu"
row "history vs hugo --enableGitInfo" "$ch" "$hu --enableGitInfo"
peak() { echo $(( $(/usr/bin/time -f '%M' bash -c "$1" 2>&1 >/dev/null | tail -n 1) / 1024 )); }
echo "peak memory (MiB): charter $(peak "$ch --no-history") no history," \
  "$(peak "$ch") with history; zola $(peak "$zo"); hugo $(peak "$hu")"
