#!/usr/bin/env bash
# Starts a private PostgreSQL cluster on 127.0.0.1 for the integration tests and prints the
# TEST_DATABASE_URL to use. Needs Debian's `postgresql` package; runs the server as `postgres`.
#   export TEST_DATABASE_URL=$(bash .ci/postgres.sh start)
#   bash .ci/postgres.sh stop
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
dir=${PGTEST_DIR:-/tmp/llmb-pgtest}
port=${PGTEST_PORT:-55432}
as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }
case "${1:-start}" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir" && chown postgres "$dir"
      as_postgres "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_postgres "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      # fsync stays on: the tests are about not losing attempts.
      as_postgres "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200" -w start >/dev/null
    fi
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_postgres "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
    ;;
esac
