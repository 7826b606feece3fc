#!/usr/bin/env bash
# Starts the release server on a fresh SQLite database with the demo data, for the browser tests.
set -euo pipefail
port=${1:-3100}
: "${SERVER_BIN:?SERVER_BIN must point to the release server binary}"
: "${SITE_ROOT:?SITE_ROOT must point to the built site folder}"
dir=$(mktemp -d)
export DATABASE_URL="sqlite://$dir/e2e.db?mode=rwc"
export LEPTOS_SITE_ROOT="$SITE_ROOT"
export LEPTOS_SITE_ADDR="127.0.0.1:$port"
export PUBLIC_BASE_URL="http://127.0.0.1:$port"
# Tests share one address and replay scenarios; the ceilings have their own integration tests.
export SURVEY_MAX_PER_ADDRESS_PER_HOUR=0
"$SERVER_BIN" seed-demo
# The accounts the tests sign in with (the password is the tests' own, see tests/staff.mjs).
password="mot de passe des tests de bout en bout"
for who in clu:viewer referente:referent testeur:shopper; do
  echo "$password" | "$SERVER_BIN" create-user --email "${who%%:*}@belfort.example" --role "${who##*:}" --password-stdin
done
exec "$SERVER_BIN" serve
