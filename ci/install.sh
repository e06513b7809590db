#!/usr/bin/env bash
# Puts `charter` on the PATH of a GitHub Actions job, for action.yml: the
# release binary for the runner when the action is used at a release tag
# (checked against the release's SHA256SUMS), else charter compiled with
# cargo at the action's own commit, so that `uses: OWNER/charter@main` or
# `@SHA` runs the code it names.
#
# Reads CHARTER_VERSION (a release tag; default: the action's ref),
# ACTION_REPOSITORY and ACTION_REF (github.action_repository and
# github.action_ref, both empty when a workflow uses the action from its
# own checkout with `uses: ./`), and the runner's GITHUB_ACTION_PATH,
# GITHUB_REPOSITORY, GITHUB_SERVER_URL, GITHUB_PATH, RUNNER_OS,
# RUNNER_ARCH and RUNNER_TEMP.
set -euo pipefail

dest="$RUNNER_TEMP/charter"
mkdir -p "$dest/bin"
echo "$dest/bin" >> "$GITHUB_PATH"

repository=${ACTION_REPOSITORY:-$GITHUB_REPOSITORY}
url="${GITHUB_SERVER_URL:-https://github.com}/$repository"
version=${CHARTER_VERSION:-${ACTION_REF:-}}

compile() {
  echo "Compiling charter with cargo ($*); this takes a few minutes"
  cargo install --locked --root "$dest" "$@"
}

if [ -z "$version" ]; then
  # `uses: ./`: the checkout holds the action and charter's source.
  compile --path "$GITHUB_ACTION_PATH"
  exit 0
fi

case "$RUNNER_OS/$RUNNER_ARCH" in
  Linux/X64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64) target=aarch64-unknown-linux-musl ;;
  macOS/X64) target=x86_64-apple-darwin ;;
  macOS/ARM64) target=aarch64-apple-darwin ;;
  Windows/X64) target=x86_64-pc-windows-msvc ;;
  *) target= ;;
esac

if ! [[ $version =~ ^v[0-9]+\.[0-9]+\.[0-9]+ ]]; then
  # A branch, a commit or a moving tag such as `v1`: no release of its
  # own, so compile the commit it names now (cargo needs a commit to pin).
  if [[ $version =~ ^[0-9a-f]{40}$ ]]; then
    rev=$version
  else
    rev=$(git ls-remote "$url" "refs/heads/$version" "refs/tags/$version" | head -n 1 | cut -f 1)
  fi
  if [ -z "$rev" ]; then
    echo "::error::$url has no branch, tag or commit named $version"
    exit 1
  fi
  compile --git "$url" --rev "$rev"
  exit 0
fi

if [ -z "$target" ]; then
  echo "::notice::charter $version has no release binary for $RUNNER_OS $RUNNER_ARCH"
  compile --git "$url" --tag "$version"
  exit 0
fi

case $target in
  *windows*) archive="charter-$version-$target.zip" exe=charter.exe ;;
  *) archive="charter-$version-$target.tar.gz" exe=charter ;;
esac
download="$url/releases/download/$version"
work=$(mktemp -d "$RUNNER_TEMP/charter-download.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
for file in "$archive" SHA256SUMS; do
  if ! curl -fsSL --retry 3 -o "$file" "$download/$file"; then
    echo "::error::cannot download $download/$file; is $version a release of $repository?"
    exit 1
  fi
done
awk -v name="$archive" '$2 == name || $2 == "*" name' SHA256SUMS > expected
if [ ! -s expected ]; then
  echo "::error::$download/SHA256SUMS lists no $archive"
  exit 1
fi
if command -v sha256sum >/dev/null; then
  sha256sum --check --strict expected
else
  shasum --algorithm 256 --check expected
fi
case $archive in
  *.zip) if command -v unzip >/dev/null; then unzip -q "$archive"; else 7z x -y "$archive" >/dev/null; fi ;;
  *) tar -xzf "$archive" ;;
esac
cp "charter-$version-$target/$exe" "$dest/bin/$exe"
chmod +x "$dest/bin/$exe"
echo "Installed charter $version ($target) from $download"
