#!/usr/bin/env sh
# Installs Go and hashicorp/hcl v2 (Debian packages) and builds the hclref reference binary into
# .cache/hclref. Idempotent: does nothing when the binary is newer than its sources. Run from
# anywhere; paths are relative to the project root (this script's parent directory).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
src=../shared/tools/hclref
out=.cache/hclref
if [ ! -d "$src" ]; then
  echo "hclref-build: $root/$src not found" >&2
  exit 1
fi
if [ -x "$out" ] && [ -z "$(find "$src" -name '*.go' -newer "$out" 2>/dev/null)" ]; then
  echo "hclref-build: $out is up to date"
  exit 0
fi
if ! command -v go >/dev/null 2>&1 || [ ! -d /usr/share/gocode/src/github.com/hashicorp/hcl/v2 ]; then
  SUDO=""
  if [ "$(id -u)" != "0" ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi
  $SUDO apt-get update
  $SUDO apt-get install -y golang-go golang-github-hashicorp-hcl-v2-dev
fi
mkdir -p .cache
# GOPATH mode wants the package as a relative path.
GO111MODULE=off GOPATH=/usr/share/gocode:${HOME:-/tmp}/go go build -o "$out" "$src"
echo "hclref-build: built $out"
