#!/usr/bin/env bash
# Builds the deployable zip: a self-contained linux-x64 executable (ReadyToRun), host.json and one folder per
# function with its function.json (generated from the code), and the web assets — the executable bit kept.
# Usage: ./scripts/package.sh [output.zip]   (default artifacts/methoddays-functions.zip)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_tools
install_node_packages   # copies the browser libraries (MSAL) into web/vendor

out=${1:-artifacts/methoddays-functions.zip}
mkdir -p "$(dirname "$out")"
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
publish_dir=$(mktemp -d)
trap 'rm -rf "$publish_dir"' EXIT

dotnet publish functions/MethodDays.Functions -c Release -r linux-x64 --self-contained \
  -p:PublishReadyToRun="${READY_TO_RUN:-true}" -o "$publish_dir" -p:PackageZip="$out" -nologo
echo "$out ($(du -h "$out" | cut -f1))"
