#!/usr/bin/env bash
# Shows that a change to charter leaves the built example site as it was:
# builds charter at BASE and at the working tree, has each build the
# example site as committed at BASE (so both read the same files and the
# same history), and compares the two sites byte for byte.
#   bench/same-site.sh BASE        (a commit, tag or branch)
# Exits 0 when the sites are identical, else prints the differing files.
set -euo pipefail
base=${1:?usage: bench/same-site.sh BASE}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
cleanup() {
  git -C "$root" worktree remove --force "$work/charter" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
git -C "$root" worktree add --quiet --detach "$work/charter" "$base"
# Its own target folder, kept between runs, so that BASE compiles once.
CARGO_TARGET_DIR="$root/target/same-site" \
  cargo build --release --quiet --manifest-path "$work/charter/Cargo.toml"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
for side in before after; do
  case $side in
    before) bin="$root/target/same-site/release/charter" ;;
    after) bin="$root/target/release/charter" ;;
  esac
  "$bin" --quiet build "$root/example-site" --rev "$base" -o "$work/$side"
done
if diff -r "$work/before" "$work/after"; then
  echo "same site: $(find "$work/after" -type f | wc -l) files identical to $base's"
else
  exit 1
fi
