#!/usr/bin/env bash
# Prints the objects that `kubectl apply -k k8s/overlays/<overlay>` would apply, also on a clean checkout: where
# overlays/dev/credentials.env (git-ignored) is missing, it renders a temporary copy of k8s/ with
# credentials.env.example in its place, so the Secret's values are blank. Never apply that output.
#   k8s/render.sh dev | prod | gpu
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
overlay=${1:?usage: k8s/render.sh dev|prod|gpu}
src=$here
if [ ! -f "$here/overlays/dev/credentials.env" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  cp -R "$here/." "$tmp/"
  cp "$tmp/overlays/dev/credentials.env.example" "$tmp/overlays/dev/credentials.env"
  src=$tmp
fi
kubectl kustomize "$src/overlays/$overlay"
