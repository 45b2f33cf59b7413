#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1 for the storage contract tests and writes
#   export BOT_TEST_POSTGRES='Host=127.0.0.1;Port=…;Username=bot_test;Password=…;Database=postgres'
# into the file named by $1 (default: $BOT_PG_DIR/test.env), for `source`.
#   bash .ci/postgres.sh FILE     start (or reuse) the server, write FILE
#   bash .ci/postgres.sh --stop   stop the server started here (the cluster stays for the next run)
#
# - Installs Debian's `postgresql` package if no server binaries are found (as root, with apt-get).
# - Runs its own cluster in $BOT_PG_DIR (default /tmp/bot-ci-postgres), never the system's `main` cluster, listening on
#   127.0.0.1 only (no other address, unix socket inside that folder), on port 5432 or the first free port after 55432.
# - Idempotent: a second run reuses the cluster, its port and its password, starting it again if it stopped.
# - Bounded in time (apt-get and server start are under `timeout`), and it never fails CI: when PostgreSQL cannot be
#   installed or started it prints a notice, writes nothing to $1 (the PostgreSQL tests then skip with a notice) and
#   exits 0.
set -uo pipefail

dir="${BOT_PG_DIR:-/tmp/bot-ci-postgres}"
env_file="${1:-$dir/test.env}"
role="bot_test"

notice() { echo "postgres.sh: notice: $*; the PostgreSQL storage tests will be skipped." >&2; exit 0; }
info() { echo "postgres.sh: $*"; }

find_bindir() {
  local d
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir 2>/dev/null)/initdb" ]; then
    pg_config --bindir
    return 0
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

as_server_user() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ "$env_file" = "--stop" ]; then
  if bindir="$(find_bindir)" && [ -f "$dir/data/postmaster.pid" ]; then
    as_server_user timeout 60 "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 \
      && info "stopped PostgreSQL in $dir/data" || echo "postgres.sh: could not stop PostgreSQL in $dir/data" >&2
  fi
  exit 0
fi

rm -f "$env_file"

# --- server binaries ----------------------------------------------------------------------------------
bindir="$(find_bindir)"
if [ -z "$bindir" ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    notice "no PostgreSQL server binaries and no way to install them (needs root and apt-get)"
  fi
  info "installing PostgreSQL from the distribution's packages"
  export DEBIAN_FRONTEND=noninteractive
  timeout 300 apt-get update -qq >/dev/null 2>&1 || echo "postgres.sh: apt-get update failed; trying the install anyway" >&2
  # (the package may also create and start Debian's own 'main' cluster on localhost:5432; ours then takes another port)
  timeout 600 apt-get install -y -qq --no-install-recommends postgresql >/dev/null 2>&1 \
    || notice "apt-get install postgresql failed"
  bindir="$(find_bindir)" || notice "PostgreSQL was installed but initdb/pg_ctl were not found"
fi
info "server binaries: $bindir"

# --- who runs the server: PostgreSQL refuses to run as root -------------------------------------------
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || notice "running as root but there is no 'postgres' user to run the server"
  owner="postgres"
else
  owner="$(id -un)"
fi
as_owner() { as_server_user "$@"; }

mkdir -p "$dir" || notice "cannot create $dir"
chmod 700 "$dir"
chown "$owner" "$dir" 2>/dev/null || true
data="$dir/data"
log="$dir/server.log"

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- cluster: created once, then reused ---------------------------------------------------------------
if [ ! -s "$dir/password" ] || [ ! -f "$data/PG_VERSION" ]; then
  rm -rf "$data"
  (umask 077 && head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$dir/password")
  [ -s "$dir/password" ] || notice "cannot write a password file in $dir"
  chown "$owner" "$dir/password" 2>/dev/null || true
  port=""
  for candidate in 5432 $(seq 55432 55499); do
    if port_free "$candidate"; then
      port="$candidate"
      break
    fi
  done
  [ -n "$port" ] || notice "no free port for PostgreSQL on 127.0.0.1"
  echo "$port" >"$dir/port"
  info "creating a cluster in $data (port $port)"
  # superuser 'postgres' reachable only through the private socket (peer); TCP needs a password (scram)
  as_owner timeout 120 "$bindir/initdb" -D "$data" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 \
    || as_owner timeout 120 "$bindir/initdb" -D "$data" -U postgres -E UTF8 --locale=C \
      --auth-local=peer --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 \
    || { rm -rf "$data"; notice "initdb failed (see $dir/initdb.log)"; }
  cat >>"$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 100
fsync = on
EOF
fi
port="$(cat "$dir/port")"
password="$(cat "$dir/password")"

# --- start unless running -----------------------------------------------------------------------------
if ! as_owner timeout 10 "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  if ! port_free "$port"; then
    notice "port $port on 127.0.0.1 is taken by another program; remove $dir to pick another port"
  fi
  info "starting PostgreSQL on 127.0.0.1:$port"
  as_owner timeout 90 "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null 2>&1 \
    || notice "the server did not start (see $log)"
fi

# --- role for the tests: may create (and drop) its own databases --------------------------------------
psql_owner() { as_owner timeout 30 "$bindir/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
psql_owner -c "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$role') THEN
    CREATE ROLE $role LOGIN CREATEDB PASSWORD '$password';
  ELSE
    ALTER ROLE $role LOGIN CREATEDB PASSWORD '$password';
  END IF;
END \$\$;" >/dev/null || notice "could not create the role $role"

connection="Host=127.0.0.1;Port=$port;Username=$role;Password=$password;Database=postgres"
if ! PGPASSWORD="$password" timeout 15 "$bindir/psql" "host=127.0.0.1 port=$port user=$role dbname=postgres" -qAt -c "SELECT 1" >/dev/null 2>&1; then
  notice "the server does not accept the test role over 127.0.0.1:$port"
fi

(umask 077 && echo "export BOT_TEST_POSTGRES='$connection'" >"$env_file")
info "PostgreSQL ready on 127.0.0.1:$port; wrote BOT_TEST_POSTGRES to $env_file"
exit 0
