#!/usr/bin/env bash
# The test command of the README: builds the solution and runs every test project, then prints one line
# "N passed, N failed" with the totals taken from the test results (TRX files), not from dotnet's summary.
set -uo pipefail
cd "$(dirname "$0")"

results="$(pwd)/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

status=0
dotnet build Afpakken.sln --configuration Release "$@" || status=$?
if [ "$status" -eq 0 ]; then
  # One results folder per test project, so that no two TRX files can collide.
  for project in tests/*/*.csproj; do
    name=$(basename "$project" .csproj)
    dotnet test "$project" --configuration Release --no-build --logger "trx" --results-directory "$results/$name" || status=$?
  done
fi

passed=0
failed=0
shopt -s nullglob
for trx in "$results"/*/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A build error or a crashed test host: count it as a failure so that the line never reads all-green.
  failed=1
fi

echo "$passed passed, $failed failed"
exit "$status"
