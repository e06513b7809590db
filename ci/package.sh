#!/usr/bin/env bash
# Packs one release archive, for .github/workflows/release.yml:
# OUT_DIR/charter-VERSION-TARGET.tar.gz (.zip for Windows), one folder of
# the same name holding the binary, the README, both licences, the manual
# page and the shell completions, the names ci/install.sh looks for.
#
# Usage: ci/package.sh VERSION TARGET BINARY OUT_DIR
# The manual page and completions are printed by $CHARTER (default:
# BINARY), which must run on this machine; they are the same for every
# target.
set -euo pipefail
if [ $# -ne 4 ]; then
  echo "usage: $0 VERSION TARGET BINARY OUT_DIR" >&2
  exit 2
fi
version=$1 target=$2 binary=$3
mkdir -p "$4"
out=$(cd "$4" && pwd)
root=$(cd "$(dirname "$0")/.." && pwd)
charter=${CHARTER:-$binary}
name="charter-$version-$target"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dir="$work/$name"
mkdir -p "$dir/completions"
case $target in
  *windows*) exe=charter.exe ;;
  *) exe=charter ;;
esac
cp "$binary" "$dir/$exe"
chmod +x "$dir/$exe"
cp "$root/README.md" "$root/LICENSE-MIT" "$root/LICENSE-APACHE" "$dir/"
"$charter" man > "$dir/charter.1"
"$charter" completions bash > "$dir/completions/charter.bash"
"$charter" completions zsh > "$dir/completions/_charter"
"$charter" completions fish > "$dir/completions/charter.fish"
"$charter" completions powershell > "$dir/completions/_charter.ps1"
"$charter" completions elvish > "$dir/completions/charter.elv"

case $target in
  *windows*) (cd "$work" && zip -qr "$out/$name.zip" "$name") ;;
  *) tar -czf "$out/$name.tar.gz" -C "$work" "$name" ;;
esac
