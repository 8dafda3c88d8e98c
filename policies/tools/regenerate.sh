#!/usr/bin/env bash
# Regenerates every artefact derived from the Rego sources, with the pinned opa:
#
#   capabilities.json                                   builtins the Java runtime provides
#   src/main/resources/io/treum/gitops/policies/policy.wasm   the compiled gate
#   src/main/resources/io/treum/gitops/policies/rules.json    the rule catalogue
#   RULES.md                                             the same catalogue as a table
#   src/test/resources/examples/*/expected.json          golden findings of the examples
#
# Usage: tools/regenerate.sh [output-root]
#   Without an argument it rewrites the committed files of this module. With one, it writes
#   the same relative paths below output-root; CompiledPolicyStalenessTest does that and
#   compares byte for byte (opa's output is deterministic for a given opa version).
set -euo pipefail

cd "$(dirname "$0")/.."
out="${1:-.}"
opa=tools/opa.sh
version="$(sed -n 's/^OPA_VERSION=\(v[0-9.]*\)$/\1/p' ../tools/install-test-tools.sh)"
resources="$out/src/main/resources/io/treum/gitops/policies"
mkdir -p "$resources"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# 1. Capabilities: the pinned opa's own list, reduced to what the Java runtime can run.
"$opa" capabilities --version "$version" > "$work/opa-capabilities.json"
unknown="$("$opa" eval --format raw --stdin-input --data tools/rego/capabilities.rego \
  'concat(", ", sort(data.treum.tools.capabilities.unknown))' < "$work/opa-capabilities.json")"
if [ -n "$unknown" ]; then
  echo "regenerate: opa $version does not know the builtins $unknown (tools/rego/capabilities.rego is out of date)" >&2
  exit 1
fi
"$opa" eval --format raw --stdin-input --data tools/rego/capabilities.rego \
  'data.treum.tools.capabilities.document' < "$work/opa-capabilities.json" > "$out/capabilities.json"

# 2. The Wasm policy, built against those capabilities: a call to any other builtin fails here.
"$opa" build --target wasm --capabilities "$out/capabilities.json" \
  --entrypoint treum/gate/findings --entrypoint treum/gate/report \
  --output "$work/bundle.tar.gz" src/main/rego
mkdir "$work/bundle"
tar -xzf "$work/bundle.tar.gz" -C "$work/bundle" 2> /dev/null
if [ "$(tr -d '[:space:]' < "$work/bundle/data.json")" != "{}" ]; then
  echo "regenerate: the bundle carries data (data.json is not {}); the engine passes all data per environment" >&2
  exit 1
fi
cat "$work/bundle/policy.wasm" > "$resources/policy.wasm"

# 3. The rule catalogue, checked against the rules the gate evaluates.
"$opa" inspect --annotations --format json src/main/rego > "$work/inspect.json"
"$opa" eval --format json --data src/main/rego 'data.treum.gate.report.rules' \
  | "$opa" eval --format raw --stdin-input 'json.marshal(input.result[0].expressions[0].value)' > "$work/rules.json"
{
  printf '{"inspect": '; cat "$work/inspect.json"; printf ', "rules": '; cat "$work/rules.json"
  printf ', "modules": ['
  separator=''
  while IFS= read -r file; do
    printf '%s' "$separator"; "$opa" parse --format json "$file"; separator=','
  done < <(find src/main/rego -name '*.rego' | LC_ALL=C sort)
  printf ']}'
} > "$work/catalogue-input.json"
errors="$("$opa" eval --format raw --stdin-input --data tools/rego/catalogue.rego \
  'concat("\n", sort(data.treum.tools.catalogue.errors))' < "$work/catalogue-input.json")"
if [ -n "$errors" ]; then
  printf 'regenerate: the rule metadata is incomplete:\n%s\n' "$errors" >&2
  exit 1
fi
"$opa" eval --format raw --stdin-input --data tools/rego/catalogue.rego \
  'data.treum.tools.catalogue.document' < "$work/catalogue-input.json" > "$resources/rules.json"
"$opa" eval --format raw --stdin-input --data tools/rego/catalogue.rego \
  'data.treum.tools.catalogue.markdown' < "$work/catalogue-input.json" > "$out/RULES.md"

# 4. Golden findings of every example environment.
for example in src/test/resources/examples/*/; do
  name="$(basename "$example")"
  mkdir -p "$out/src/test/resources/examples/$name"
  "$opa" eval --format raw --data src/main/rego --input "$example/input.json" \
    'json.marshal_with_options({"expected": {"findings": sort(data.treum.gate.findings)}}, {"pretty": true, "indent": "  "})' \
    > "$out/src/test/resources/examples/$name/expected.json"
done
