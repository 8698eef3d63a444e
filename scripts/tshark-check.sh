#!/usr/bin/env bash
# Runs scripts/tshark-check.ts (tracker vs tshark on the samples' pcaps), installing tshark first when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v tshark >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tshark >/dev/null
fi
exec npx tsx scripts/tshark-check.ts "$@"
