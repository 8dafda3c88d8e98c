#!/usr/bin/env bash
# Runs the policy tests the way the build does (`mvn test` calls this):
#   1. opa test            every test passes (failures are printed);
#   2. opa test --coverage the coverage report goes to <report>, a summary to the console;
#   3. every rule file under src/main/rego is loaded by the tests and covered at least
#      <minimum> percent, else the build fails naming the file and its uncovered lines.
# Usage: tools/opa-test.sh <minimum percent> <report.json>
set -euo pipefail

cd "$(dirname "$0")/.."
minimum="${1:?minimum coverage percent}"
report="${2:?coverage report file}"
opa=tools/opa.sh
paths=(src/main/rego src/test/rego src/test/resources)

# opa test cancels a test after 5 s by default, which a loaded 2-core CI machine can exceed
# (eval_cancel_error: context deadline exceeded); the tests are small, the limit only guards hangs.
"$opa" test --timeout 10m "${paths[@]}"

mkdir -p "$(dirname "$report")"
"$opa" test --timeout 10m --coverage --format json "${paths[@]}" > "$report"
files="$(find src/main/rego -name '*.rego' | LC_ALL=C sort | sed 's/.*/"&"/' | paste -sd, -)"
{ printf '{"minimum": %s, "files": [%s], "report": ' "$minimum" "$files"; cat "$report"; printf '}\n'; } > "$report.check.json"

"$opa" eval --format raw --stdin-input --data tools/rego/coverage.rego \
  'data.treum.tools.coverage.summary' < "$report.check.json"
failures="$("$opa" eval --format raw --stdin-input --data tools/rego/coverage.rego \
  'concat("\n", sort(data.treum.tools.coverage.failures))' < "$report.check.json")"
if [ -n "$failures" ]; then
  printf 'policy coverage: rule files below the minimum of %s%%:\n%s\n' "$minimum" "$failures" >&2
  exit 1
fi
