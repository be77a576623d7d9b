#!/usr/bin/env bash
# Runs every test: installs what they need (npm packages for Azurite and MailDev, Debian's Chromium for the
# browser tests), then the whole solution's tests. The tests start their own in-memory Azurite.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_tools
install_node_packages
install_chromium

dotnet test MethodDays.Functions.sln --nologo "$@"
