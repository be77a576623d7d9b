#!/usr/bin/env bash
# One command for the performance figures: publishes the function app and the empty baseline app the same ways,
# then runs every suite side by side with its baselines — start-up, sheet submission, the month summary, the weekly
# cycle's tick, the practice bank's export and upload, the month-end load — prints the tables and writes
# bench/results/latest.md and the results blocks of docs/benchmarks.md.
#
#   bench/run.sh                          full run (about 20 minutes)
#   bench/run.sh --quick                  fewer repetitions, smaller bank, no ReadyToRun build (a smoke run)
#   bench/run.sh --suite tick,bank,load   only these suites (startup, submission, summary, tick, bank, load);
#                                         the docs' blocks of the others stay as they were (startup, submission
#                                         and summary share one block: run those three together)
#
# Any other arguments go to the driver (e.g. --clients 32, --schools 500, --startup-runs 20, --load-clients 64).
set -euo pipefail
cd "$(dirname "$0")/.."

quick=false
startup=true
prev=""
for a in "$@"; do
  [[ "$a" == "--quick" ]] && quick=true
  # Without the start-up suite only the deployed build (self-contained) is needed.
  if [[ "$prev" == "--suite" && ",$a," != *",startup,"* ]]; then startup=false; fi
  [[ "$a" == "--skip-startup" ]] && startup=false
  prev=$a
done

if [[ ! -x node_modules/.bin/azurite ]]; then
  echo "Installing Azurite (npm ci)…" >&2
  npm ci --no-audit --no-fund >&2
fi

art=bench/artifacts
publish() {
  local project=$1 out=$2; shift 2
  rm -rf "$out"
  dotnet publish "$project" -c Release -o "$out" --nologo -v quiet -p:GenerateDocumentationFile=false "$@" >&2
}

if $startup; then
  echo "Publishing (Release): framework-dependent, self-contained linux-x64$($quick || echo ', ReadyToRun')…" >&2
  publish functions/MethodDays.Functions "$art/app-fdd"
  publish bench/EmptyApp "$art/empty-fdd"
else
  echo "Publishing (Release): self-contained linux-x64$($quick || echo ', ReadyToRun, as the package')…" >&2
  rm -rf "$art/app-fdd" "$art/empty-fdd"
fi
# The other suites run the build the package ships (self-contained, ReadyToRun; scripts/package.sh); a quick run
# skips ReadyToRun and uses the plain self-contained build.
if $startup || $quick; then
  publish functions/MethodDays.Functions "$art/app-sc" -r linux-x64 --self-contained
  publish bench/EmptyApp "$art/empty-sc" -r linux-x64 --self-contained
else
  rm -rf "$art/app-sc" "$art/empty-sc"
fi
if $quick; then
  rm -rf "$art/app-r2r" "$art/empty-r2r"
else
  publish functions/MethodDays.Functions "$art/app-r2r" -r linux-x64 --self-contained -p:PublishReadyToRun=true
  publish bench/EmptyApp "$art/empty-r2r" -r linux-x64 --self-contained -p:PublishReadyToRun=true
fi

dotnet build bench/MethodDays.Bench -c Release --nologo -v quiet >&2
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
# Figures from code that is not committed say so (the run's own outputs do not count).
if [[ -n "$(git status --porcelain -- functions bench ':!bench/results' 2>/dev/null)" ]]; then commit="$commit+local-changes"; fi

exec dotnet bench/MethodDays.Bench/bin/Release/net10.0/MethodDays.Bench.dll \
  --repo . --artifacts "$art" --commit "$commit" \
  --results bench/results/latest.md --docs docs/benchmarks.md "$@"
