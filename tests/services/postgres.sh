#!/usr/bin/env bash
# A private PostgreSQL cluster for the tests: initdb into a temporary directory, a free loopback
# port, the unix socket inside that directory, trust authentication for the superuser "strata" and
# a password (scram-sha-256) for the role "strata_pw". Writes STATE_DIR/postgres.env for the
# tests (STRATA_TEST_PG_PORT, STRATA_TEST_PG_PASSWORD, ...).
#
#   postgres.sh start STATE_DIR    (stops a cluster left over from an interrupted run first)
#   postgres.sh stop STATE_DIR
#
# initdb refuses to run as root: as root the cluster belongs to the "postgres" account that
# Debian's postgresql package creates (runuser), otherwise to the calling user.
set -euo pipefail
action=${1:?usage: postgres.sh start|stop STATE_DIR}
state_dir=${2:?usage: postgres.sh start|stop STATE_DIR}
state_dir=$(realpath -m "$state_dir")
# The cluster lives in a fresh directory under /tmp (named in STATE_DIR/cluster.path): as root
# it belongs to "postgres", who may not be able to enter the build tree (a clone under /root).
cluster=$(cat "$state_dir/cluster.path" 2>/dev/null || true)

pg_bin=${STRATA_PG_BIN:-}
if [[ -z $pg_bin ]]; then
  for candidate in /usr/lib/postgresql/*/bin; do [[ -x $candidate/initdb ]] && pg_bin=$candidate; done
fi
if [[ -z $pg_bin || ! -x $pg_bin/initdb ]]; then
  echo "postgres.sh: no PostgreSQL server binaries (install the postgresql package: scripts/setup.sh --with-tests)" >&2
  exit 1
fi

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_cluster() {
  if [[ -n $cluster && -f $cluster/data/postmaster.pid ]]; then
    as_owner "$pg_bin/pg_ctl" -D "$cluster/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [[ -n $cluster && $cluster == /tmp/strata-pg.* ]]; then rm -rf "$cluster"; fi
  rm -f "$state_dir/postgres.env" "$state_dir/cluster.path"
}

free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

case $action in
  stop)
    stop_cluster
    ;;
  start)
    mkdir -p "$state_dir"
    stop_cluster
    cluster=$(mktemp -d /tmp/strata-pg.XXXXXX)
    echo "$cluster" >"$state_dir/cluster.path"
    mkdir -p "$cluster/socket"
    if [[ $(id -u) -eq 0 ]]; then chown -R postgres: "$cluster"; fi
    chmod 700 "$cluster"
    as_owner "$pg_bin/initdb" -D "$cluster/data" -U strata --auth=trust --encoding=UTF8 \
      --locale=C.UTF-8 >"$cluster/initdb.log" 2>&1 || { cat "$cluster/initdb.log" >&2; exit 1; }
    # The password role is checked first; everyone else on loopback is trusted.
    as_owner bash -c "printf '%s\n' \
      'local all all trust' \
      'host all strata_pw 127.0.0.1/32 scram-sha-256' \
      'host all all 127.0.0.1/32 trust' >'$cluster/data/pg_hba.conf'"
    password=$(/usr/bin/python3 -c 'import secrets; print(secrets.token_hex(12))')
    for attempt in 1 2 3 4 5; do
      port=$(free_port)
      if as_owner "$pg_bin/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 30 \
           -o "-p $port -k $cluster/socket -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
           start >/dev/null; then
        break
      fi
      [[ $attempt -eq 5 ]] && { cat "$cluster/server.log" >&2; exit 1; }
    done
    "$pg_bin/psql" -X -q -h 127.0.0.1 -p "$port" -U strata -d postgres -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE strata_pw LOGIN PASSWORD '$password'" \
      -c "CREATE DATABASE strata_auth OWNER strata_pw"
    cat >"$state_dir/postgres.env" <<ENV
STRATA_TEST_PG_BIN=$pg_bin
STRATA_TEST_PG_HOST=127.0.0.1
STRATA_TEST_PG_PORT=$port
STRATA_TEST_PG_USER=strata
STRATA_TEST_PG_PASSWORD_USER=strata_pw
STRATA_TEST_PG_PASSWORD=$password
ENV
    echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($cluster)"
    ;;
  *)
    echo "usage: postgres.sh start|stop STATE_DIR" >&2
    exit 2
    ;;
esac
