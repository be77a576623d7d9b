#!/usr/bin/env bash
# Runs every test: installs what they need (npm packages for Azurite and MailDev, Debian's Chromium for the
# browser tests), checks the page's JSDoc types with TypeScript (no output, fails on any error), then the whole
# solution's tests. The tests start their own in-memory Azurite.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_tools
install_node_packages
install_chromium
check_web_types

dotnet test MethodDays.Functions.sln --nologo "$@"
