#!/usr/bin/env bash
# Re-records tests/fixtures/clients/spacectl-<version>.json: runs every spacectl command and MCP
# tool that touches what the emulator models against a fresh emulator seeded from
# tests/fixtures/clients/seed.json, with --record-documents, then converts the recording with
# scripts/client-documents.ts (which keeps the fixture's leftOut list).
#
# Usage: npm run build && scripts/record-spacectl.sh [SPACECTL_BINARY] [VERSION]
#   SPACECTL_BINARY  spacectl built unchanged from https://github.com/spacelift-io/spacectl
#                    (default ~/.cache/client-tools/bin/spacectl); never commit it
#   VERSION          e.g. "490d0dd (2026-06-12)": the commit it was built from
# A development tool: spacectl's profile files go to a temporary HOME, nothing else is touched.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
SPACECTL=${1:-$HOME/.cache/client-tools/bin/spacectl}
VERSION=${2:-"490d0dd (2026-06-12)"}
PORT=${PORT:-4517}
WORK=$(mktemp -d)
REC=$WORK/recording.jsonl
SEED=$REPO/tests/fixtures/clients/seed.json
seed_value() { node -e "const s=require('$SEED');console.log($1)"; }

export HOME=$WORK/home NO_COLOR=1 REC SPACECTL
mkdir -p "$HOME" "$WORK/bin"
# `spacectl stack open` hands its URL to a browser; this one only prints it.
printf '#!/bin/sh\necho "would open: $*"\n' > "$WORK/bin/xdg-open" && chmod +x "$WORK/bin/xdg-open"
export PATH=$WORK/bin:$PATH
export SPACELIFT_API_KEY_ENDPOINT=http://127.0.0.1:$PORT
export SPACELIFT_API_KEY_ID=$(seed_value s.apiKey.id)
export SPACELIFT_API_KEY_SECRET=$(seed_value s.apiKey.secret)
GITHUB_LOGIN=$(seed_value s.githubTokens[0].login)
GITHUB_TOKEN=$(seed_value s.githubTokens[0].token)

node "$REPO/dist/emulator/cli.js" --port "$PORT" \
  --api-key "$SPACELIFT_API_KEY_ID:$SPACELIFT_API_KEY_SECRET" --github-token "$GITHUB_LOGIN:$GITHUB_TOKEN" \
  --stack-deletion-delay 0 --record-documents "$REC" > "$WORK/emulator.log" 2>&1 &
EMULATOR_PID=$!
trap 'kill $EMULATOR_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
until grep -q "listening on" "$WORK/emulator.log"; do sleep 0.2; done
curl -sf -XPOST -H 'content-type: application/json' --data "$(seed_value 'JSON.stringify(s.seed)')" \
  "$SPACELIFT_API_KEY_ENDPOINT/_emulator/seed" > /dev/null
rm -f "$REC"

label() { echo "# step: $*" | sed "s#$SPACELIFT_API_KEY_ENDPOINT#\$SPACELIFT_API_KEY_ENDPOINT#g" >> "$REC"; }
step() { label "spacectl $*"; echo "== spacectl $*"; "$SPACECTL" "$@" || echo "FAILED: spacectl $*"; }
noenv() { env -u SPACELIFT_API_KEY_ENDPOINT -u SPACELIFT_API_KEY_ID -u SPACELIFT_API_KEY_SECRET "$@"; }

# Logging in: an API key, stored in a profile or from the environment; a GitHub token; a JWT.
step profile login --method api --endpoint "$SPACELIFT_API_KEY_ENDPOINT" emulator < /dev/null
label "spacectl whoami (stored API-key profile)"; noenv "$SPACECTL" whoami
step whoami
label "spacectl profile login --method github --endpoint \$SPACELIFT_API_KEY_ENDPOINT github-profile (SPACELIFT_API_GITHUB_TOKEN set)"
SPACELIFT_API_GITHUB_TOKEN=$GITHUB_TOKEN noenv "$SPACECTL" profile login --method github \
  --endpoint "$SPACELIFT_API_KEY_ENDPOINT" github-profile < /dev/null
label "spacectl whoami (stored GitHub profile)"; noenv "$SPACECTL" whoami
label "spacectl whoami (SPACELIFT_API_GITHUB_TOKEN)"
SPACELIFT_API_PREFERRED_METHOD=github SPACELIFT_API_GITHUB_TOKEN=$GITHUB_TOKEN noenv "$SPACECTL" whoami
echo "# skip" >> "$REC"
TOKEN=$(curl -sf -XPOST -H 'content-type: application/json' "$SPACELIFT_API_KEY_ENDPOINT/graphql" --data \
  "{\"query\":\"mutation(\$id:ID!,\$s:String!){apiKeyUser(id:\$id,secret:\$s){jwt}}\",\"variables\":{\"id\":\"$SPACELIFT_API_KEY_ID\",\"s\":\"$SPACELIFT_API_KEY_SECRET\"}}" |
  node -e 'let t="";process.stdin.on("data",d=>t+=d).on("end",()=>console.log(JSON.parse(t).data.apiKeyUser.jwt))')
label "spacectl whoami (SPACELIFT_API_TOKEN)"; SPACELIFT_API_TOKEN=$TOKEN noenv "$SPACECTL" whoami

# Stacks.
step stack list
step stack list -o json
step stack list --search network
step stack list --show-labels --limit 2
step stack show --id network
step stack show --id network -o json
step stack show --id app -o json
step stack outputs --id network
step stack outputs --id network -o json
step stack lock --id network --note "fixture maintenance"
step stack show --id network -o json
step stack unlock --id network
step stack set-current-commit --id network --sha 0123456789abcdef0123456789abcdef01234567
step stack sync-commit --id network
step stack enable --id network
step stack disable --id app
step stack enable --id app
step stack environment list --id network
step stack environment list --id network -o json
step stack environment setvar --id network TF_VAR_new fixture-value
step stack environment setvar --id network --write-only TF_VAR_hidden fake-write-only-value
echo "fixture file content" > "$WORK/mounted.txt"
(cd "$WORK" && step stack environment mount --id network config/extra.txt mounted.txt)
step stack environment delete --id network TF_VAR_new
step stack dependencies on --id app
step stack dependencies off --id network
step stack dependencies on --id app -o json
step stack resources list --id network
step stack open --id network
step stack delete --id kubernetes-app --skip-confirmation
step stack lock --id app
step stack lock --id app --note "still mine"
step stack show --id app
step stack set-current-commit --id app --sha 89abcdef0123456789abcdef0123456789abcdef
step stack show --id app -o json
step stack sync-commit --id app
step stack unlock --id app

# Without --id, spacectl finds the stack from the checkout it runs in: a search by the origin's
# `namespace/name` and by the directory as project root.
CHECKOUT=$WORK/checkout
mkdir -p "$CHECKOUT/network"
git -C "$CHECKOUT" init -q && git -C "$CHECKOUT" remote add origin https://github.com/acme/infra-network.git
(cd "$CHECKOUT/network" && SPACECTL_SKIP_STACK_PROMPT=true step stack show)
(cd "$CHECKOUT/network" && SPACECTL_SKIP_STACK_PROMPT=true step stack environment list)
(cd "$CHECKOUT/network" && SPACECTL_SKIP_STACK_PROMPT=true step stack outputs)

# Modules, policies, worker pools.
step module list
step module list -o json
step module create-version --id terraform-aws-vpc --sha 0123456789abcdef0123456789abcdef01234567 --version 1.2.3
step module list-versions --id terraform-aws-vpc
step module list-versions --id terraform-aws-vpc -o json
step policy list
step policy list -o json
step policy show --id plan-checks
step policy samples --id plan-checks
step policy samples-indexed --id plan-checks
step policy sample --id plan-checks --key 01JC11ENTSAMP1EKEY00000001
step blueprint list
step blueprint list -o json
step workerpool list
step workerpool list -o json
step workerpool worker list --pool-id 01JC11ENTWRKRP00L000000001
step workerpool worker cycle --pool-id 01JC11ENTWRKRP00L000000001

# The MCP server's tools on the same kinds.
(cd "$REPO" && npx ts-node scripts/spacectlMcpCalls.ts)

cd "$REPO" && npx ts-node scripts/client-documents.ts "$REC" spacectl "$VERSION" \
  https://github.com/spacelift-io/spacectl "MIT, Copyright (c) 2021 Spacelift"
npx prettier --write "tests/fixtures/clients/spacectl-${VERSION%% *}.json" > /dev/null
grep '"errors"' "tests/fixtures/clients/spacectl-${VERSION%% *}.json" > /dev/null &&
  echo "some requests were answered with errors: see the fixture" || true
