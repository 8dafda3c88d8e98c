#!/usr/bin/env bash
# Installs the reference tools the tests compare against, when missing or of another version:
# kustomize (equivalence of rendered trees), opa (policy tests, server mode, compiling user policies)
# and conftest (compatibility of treum's gate with conftest's conventions). With --benchmarks also
# mikefarah's yq v4, which only the bump benchmark's shell path runs (not the python `yq` wrapper some
# distributions ship); the tests do not need it.
# They go into ${TREUM_TOOLS_BIN:-$HOME/.cache/treum-tools/bin} with `go install`; nothing else is touched.
set -euo pipefail

KUSTOMIZE_VERSION=v5.8.1
OPA_VERSION=v1.22.3
CONFTEST_VERSION=v0.71.1
YQ_VERSION=v4.54.3
BIN="${TREUM_TOOLS_BIN:-$HOME/.cache/treum-tools/bin}"
mkdir -p "$BIN"

have() { # have <binary> <expected version substring> <version command...>
  local bin="$BIN/$1" want="$2" out; shift 2
  # capture first: `| grep -q` may close the pipe early, and pipefail then fails on SIGPIPE
  [ -x "$bin" ] && out="$("$bin" "$@" 2>/dev/null)" && grep -q -- "$want" <<< "$out"
}

install() { # install <module@version> [go install flags...]
  if ! command -v go >/dev/null 2>&1; then
    echo "install-test-tools: Go is needed to install $1 for the tests (go install); install Go 1.22+ or put the tool into $BIN" >&2
    exit 1
  fi
  echo "install-test-tools: go install $1 into $BIN" >&2
  GOBIN="$BIN" GOFLAGS=-mod=mod go install "${@:2}" "$1"
}

have kustomize "$KUSTOMIZE_VERSION" version || install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION"
have opa "Version: ${OPA_VERSION#v}" version || install "github.com/open-policy-agent/opa@$OPA_VERSION"
# conftest reports the version its release build stamps in; go install leaves "dev", so stamp it too
have conftest "Conftest: ${CONFTEST_VERSION#v}" --version ||
  install "github.com/open-policy-agent/conftest@$CONFTEST_VERSION" \
    -ldflags "-X github.com/open-policy-agent/conftest/internal/version.Version=${CONFTEST_VERSION#v}"
if [ "${1:-}" = "--benchmarks" ]; then
  have yq "mikefarah/yq/) version $YQ_VERSION" --version || install "github.com/mikefarah/yq/v4@$YQ_VERSION"
fi
echo "$BIN"
