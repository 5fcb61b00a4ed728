#!/usr/bin/env bash
# Runs the whole test suite: builds the solution in Release and runs every test project.
# This is the README's test command and what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The web UI's browser tests (tests/Tracehound.EndToEnd.Tests/Web) drive Debian's headless Chromium.
bash web/test/ensure-chromium.sh

# Also builds the web UI (web/, npm ci + vite build, embedded in the binary by src/Tracehound/Tracehound.csproj).
dotnet build Tracehound.sln -c Release -nologo -clp:ErrorsOnly

status=0
log=$(mktemp)
for project in tests/*/*.csproj; do
  echo "== $project"
  set +e
  dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee -a "$log"
  rc=${PIPESTATUS[0]}
  set -e
  if [ "$rc" -ne 0 ]; then status=1; fi
done

# One closing line for the whole suite, summed over the test projects.
count() { awk -v label="$1" '$1 == label":" && $2 ~ /^[0-9]+$/ { s += $2 } END { print s + 0 }' "$log"; }
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count Skipped)
rm -f "$log"
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ]; then status=1; fi
exit $status
