#!/usr/bin/env bash
# Runs the pinned opa (the version tools/install-test-tools.sh installs) with the given
# arguments. Looks in $TREUM_OPA, then $TREUM_TOOLS_BIN, then ~/.cache/treum-tools/bin, then
# PATH, like the Java tests do. A missing or different opa is an error with instructions:
# the build never skips the policy checks, and the committed Wasm is only reproducible with
# the pinned version.
set -euo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
pinned="$(sed -n 's/^OPA_VERSION=v\{0,1\}\([0-9.]*\)$/\1/p' "$root/tools/install-test-tools.sh")"
if [ -z "$pinned" ]; then
  echo "opa.sh: cannot read OPA_VERSION from $root/tools/install-test-tools.sh" >&2
  exit 2
fi

find_opa() {
  if [ -n "${TREUM_OPA:-}" ]; then echo "$TREUM_OPA"; return; fi
  local dir
  for dir in ${TREUM_TOOLS_BIN:+"$TREUM_TOOLS_BIN"} "$HOME/.cache/treum-tools/bin"; do
    if [ -x "$dir/opa" ]; then echo "$dir/opa"; return; fi
  done
  command -v opa || true
}

opa="$(find_opa)"
if [ -z "$opa" ] || [ ! -x "$opa" ]; then
  cat >&2 <<MSG
opa.sh: opa v$pinned is required to check, test and compile the policies but was not found
(looked in \$TREUM_OPA, \$TREUM_TOOLS_BIN, ~/.cache/treum-tools/bin and PATH).
Install it with: tools/install-test-tools.sh   (or: go install github.com/open-policy-agent/opa@v$pinned)
MSG
  exit 2
fi

found="$("$opa" version 2>/dev/null | sed -n 's/^Version: //p')"
if [ "$found" != "$pinned" ]; then
  cat >&2 <<MSG
opa.sh: $opa is opa $found; the policies are built with opa v$pinned (OPA_VERSION in tools/install-test-tools.sh).
Install it with: tools/install-test-tools.sh   (or point TREUM_OPA at an opa v$pinned binary)
MSG
  exit 2
fi

# The Wasm compiler's experimental wasm-opt pass would make policy.wasm depend on the machine.
unset EXPERIMENTAL_WASM_OPT EXPERIMENTAL_WASM_OPT_ARGS
exec "$opa" "$@"
