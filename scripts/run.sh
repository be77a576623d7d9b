#!/usr/bin/env bash
# Runs MethodDays locally with demo data: Azurite (storage) and MailDev (mail) from npm, then the app on
# http://localhost:7071 in Development mode (development sign-in, demo municipality). Ctrl+C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_tools
install_node_packages

mkdir -p .azurite
if port_open 10002; then
  echo "Azurite already answers on 10000–10002; using it."
else
  node_modules/.bin/azurite --silent --skipApiVersionCheck --loose --location .azurite &
  children+=($!)
fi
if port_open 1025; then
  echo "An SMTP server already answers on 1025; using it."
else
  node_modules/.bin/maildev --smtp 1025 --web 1080 --ip 127.0.0.1 --web-ip 127.0.0.1 >/dev/null &
  children+=($!)
fi
wait_for_port 10000 Azurite-blob
wait_for_port 10001 Azurite-queue
wait_for_port 10002 Azurite-table

echo "MethodDays: http://localhost:7071   (mail inbox: http://localhost:1080)"
ASPNETCORE_ENVIRONMENT=Development \
  dotnet run --project functions/MethodDays.Functions --no-launch-profile --urls http://localhost:7071 &
children+=($!)
wait -n "${children[@]}"
