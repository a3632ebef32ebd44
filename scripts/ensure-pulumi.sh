#!/usr/bin/env bash
# Prints the directory that holds a usable `pulumi` CLI (>= 3.181, which inline
# Automation API refresh/destroy need), building one from the Go module when
# neither PATH nor the cache has it. Progress goes to stderr; stdout is only the
# directory, so callers can do: PULUMI_BIN=$(scripts/ensure-pulumi.sh).
#
# The CLI is not on npm (the npm `pulumi` package downloads a binary at first
# use), but it is the Go module github.com/pulumi/pulumi/pkg/v3, which the Go
# module proxy serves. Nothing built here lands in the repository.
set -euo pipefail

PULUMI_VERSION="${PULUMI_SPACELIFT_CLI_VERSION:-3.276.0}"
# The nodejs language host (needed by directory programs such as `pulumi up` in
# examples/, not by inline Automation API programs) became a separate Go module
# whose versions the module proxy does not serve; v3.68.0 is the newest release
# of github.com/pulumi/pulumi/sdk/v3 that still contains it. It speaks the same
# gRPC protocol and runs the program with the installed @pulumi/pulumi.
LANGUAGE_HOST_SDK_VERSION="3.68.0"
MIN_VERSION="3.181.0"
CACHE_ROOT="${PULUMI_SPACELIFT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-spacelift}"
ROOT="$CACHE_ROOT/pulumi-v$PULUMI_VERSION"
BIN="$ROOT/bin"

log() { echo "ensure-pulumi: $*" >&2; }

version_ok() { # $1 = version string like v3.276.0 or 3.276.0
  local v="${1#v}"
  [ -n "$v" ] || return 1
  [ "$(printf '%s\n%s\n' "$MIN_VERSION" "$v" | sort -V | head -n1)" = "$MIN_VERSION" ]
}

# The engine starts dynamic providers through this bundled shim; it is a script
# in the CLI distribution, not in the npm package, so a Go build must add it.
write_shim() {
  cat > "$1/pulumi-resource-pulumi-nodejs" <<'SHIM'
#!/bin/sh
PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH=$(node -e "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))")
if [ ! -z "$PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH" ]; then
    node "$PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH" $@
fi
SHIM
  chmod +x "$1/pulumi-resource-pulumi-nodejs"
}

# 1. A CLI on PATH that is new enough, with its nodejs plugins beside it.
if [ -z "${PULUMI_SPACELIFT_FORCE_BUILD:-}" ] && command -v pulumi >/dev/null 2>&1; then
  onpath="$(command -v pulumi)"
  v="$(PULUMI_SKIP_UPDATE_CHECK=true pulumi version 2>/dev/null || true)"
  if version_ok "$v"; then
    dir="$(dirname "$(readlink -f "$onpath")")"
    if [ -x "$dir/pulumi-resource-pulumi-nodejs" ] && [ -x "$dir/pulumi-language-nodejs" ]; then
      echo "$dir"; exit 0
    fi
  fi
  log "pulumi on PATH ($onpath, version '${v:-unknown}') is older than $MIN_VERSION or lacks its nodejs plugins; using a cached build"
fi

# 2. A cached build.
if [ -x "$BIN/pulumi" ] && [ -x "$BIN/pulumi-language-nodejs" ] && version_ok "$("$BIN/pulumi" version 2>/dev/null || true)"; then
  [ -x "$BIN/pulumi-resource-pulumi-nodejs" ] || write_shim "$BIN"
  echo "$BIN"; exit 0
fi

# 3. Build from the Go module.
if ! command -v go >/dev/null 2>&1; then
  log "no pulumi >= $MIN_VERSION on PATH and no Go toolchain to build one."
  log "Install the Pulumi CLI (https://www.pulumi.com/docs/install/) or Go >= 1.25, then run this again."
  exit 1
fi
log "building pulumi v$PULUMI_VERSION from the Go module into $ROOT (several minutes the first time)"
work="$(mktemp -d "${TMPDIR:-/tmp}/pulumi-build.XXXXXX")"
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
moddir() { go mod download -json "$1" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p'; }
pkgdir="$(moddir "github.com/pulumi/pulumi/pkg/v3@v$PULUMI_VERSION")"
sdkdir="$(moddir "github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION")"
if [ -z "$pkgdir" ] || [ -z "$sdkdir" ]; then
  log "could not download github.com/pulumi/pulumi/{pkg,sdk}/v3@v$PULUMI_VERSION from the Go module proxy"
  exit 1
fi
# pkg/go.mod replaces sdk/v3 with ../sdk, so rebuild the monorepo layout; this
# keeps the release's own go.sum instead of re-resolving dependencies.
cp -r "$pkgdir" "$work/pkg"
cp -r "$sdkdir" "$work/sdk"
chmod -R u+w "$work"
mkdir -p "$BIN.tmp"
# Without the version stamp `pulumi version` prints nothing and the Automation
# API refuses inline refresh and destroy.
(cd "$work/pkg" && go build -trimpath -tags osusergo,grpcnotrace \
  -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION" \
  -o "$BIN.tmp/pulumi" ./cmd/pulumi) >&2
log "building pulumi-language-nodejs from github.com/pulumi/pulumi/sdk/v3@v$LANGUAGE_HOST_SDK_VERSION"
lhdir="$(moddir "github.com/pulumi/pulumi/sdk/v3@v$LANGUAGE_HOST_SDK_VERSION")"
if [ -z "$lhdir" ]; then
  log "could not download github.com/pulumi/pulumi/sdk/v3@v$LANGUAGE_HOST_SDK_VERSION from the Go module proxy"
  exit 1
fi
cp -r "$lhdir" "$work/lh-sdk"
chmod -R u+w "$work/lh-sdk"
(cd "$work/lh-sdk" && go build -trimpath -ldflags "-s -w" \
  -o "$BIN.tmp/pulumi-language-nodejs" ./nodejs/cmd/pulumi-language-nodejs) >&2
write_shim "$BIN.tmp"
rm -rf "$BIN"
mv "$BIN.tmp" "$BIN"
log "built $("$BIN/pulumi" version)"
echo "$BIN"
