# Shared helpers for the run and test scripts (sourced, not run).

children=()
cleanup() {
  for pid in "${children[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

require_tools() {
  command -v dotnet >/dev/null || { echo "The .NET 10 SDK is needed: https://dotnet.microsoft.com/download" >&2; exit 1; }
  command -v node >/dev/null && command -v npm >/dev/null || { echo "Node.js with npm is needed." >&2; exit 1; }
}

# npm packages pinned in package-lock.json: Azurite, MailDev (and the front end's vendored libraries).
install_node_packages() {
  if [[ ! -x node_modules/.bin/azurite || ! -x node_modules/.bin/tsc || package-lock.json -nt node_modules/.package-lock.json ]]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# The page's JSDoc types, checked by the pinned TypeScript compiler without emitting anything (web/tsconfig.json for the
# page, web/tsconfig.sw.json for the service worker, whose globals are a worker's).
check_web_types() {
  if [[ ! -x node_modules/.bin/tsc ]]; then
    echo "TypeScript is missing: run npm ci." >&2
    exit 1
  fi
  node_modules/.bin/tsc -p web --noEmit
  node_modules/.bin/tsc -p web/tsconfig.sw.json --noEmit
}

# Debian's Chromium for the browser tests; Playwright never downloads a browser of its own.
install_chromium() {
  if [[ -x /usr/bin/chromium ]]; then return; fi
  local sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_port() {
  for _ in $(seq 1 120); do
    if port_open "$1"; then return 0; fi
    sleep 0.5
  done
  echo "$2 did not start on port $1" >&2
  exit 1
}
