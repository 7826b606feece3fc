#!/usr/bin/env bash
# Removes what the test suites leave behind: the SQLite files of their fresh databases and, when
# TEST_POSTGRES_URL is set, the PostgreSQL databases they created (named t<pid>_<n>_<nanos>).
# Run before and after `cargo test` so repeated runs do not fill the disk.
set -euo pipefail
rm -rf "${TMPDIR:-/tmp}/qualite-tests"
if [ -n "${TEST_POSTGRES_URL:-}" ] && command -v psql >/dev/null; then
  psql "$TEST_POSTGRES_URL" -At -c "SELECT datname FROM pg_database WHERE datname ~ '^t[0-9]+_[0-9]+_[0-9]+$'" |
    while read -r name; do
      psql "$TEST_POSTGRES_URL" -q -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" || true
    done
fi
