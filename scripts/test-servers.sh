#!/usr/bin/env bash
# Real servers for the integration tests, on 127.0.0.1 only: PostgreSQL (Debian) and s3rver (npm); plus, installed
# only, the AWS CLI (an independent S3 client for the S3 tests) and Chromium (the dashboard's browser test), both Debian.
#   scripts/test-servers.sh up     install what is missing, start both servers, print the settings the tests read
#   scripts/test-servers.sh down   stop both and remove their data
#   scripts/test-servers.sh env    print the settings (export lines) for a running set
# State lives in $PM_TEST_SERVERS_DIR (default /tmp/pm-test-servers). Idempotent: `up` twice is fine.
set -euo pipefail

dir="${PM_TEST_SERVERS_DIR:-/tmp/pm-test-servers}"
pg_port="${PM_TEST_PG_PORT:-55432}"
s3_port="${PM_TEST_S3_PORT:-45680}"
s3_version="3.7.1"

say() { echo "test-servers: $*" >&2; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# One apt-get run for whatever Debian packages are missing (PostgreSQL, the AWS CLI, Chromium).
install_debian_packages() {
  local missing=()
  [ -n "$(pg_bin)" ] || missing+=(postgresql postgresql-client)
  command -v aws >/dev/null 2>&1 || missing+=(awscli)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} (Debian)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

install_s3rver() {
  if [ ! -x "$dir/npm/node_modules/.bin/s3rver" ]; then
    say "installing s3rver $s3_version (npm)"
    mkdir -p "$dir/npm"
    npm install --silent --no-audit --no-fund --prefix "$dir/npm" "s3rver@$s3_version" >/dev/null
  fi
}

# initdb and postgres refuse to run as root: run them as the postgres user (root) or as the caller.
pg_user() { if [ "$(id -u)" -eq 0 ]; then echo postgres; else id -un; fi; }
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_postgres() {
  local data="$dir/pg"
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir" "$data"
    run_pg "$(pg_bin)/initdb" -D "$data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! run_pg "$(pg_bin)/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    run_pg "$(pg_bin)/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $data -c fsync=off -c max_connections=200" start >/dev/null
  fi
  say "PostgreSQL on 127.0.0.1:$pg_port"
}

start_s3rver() {
  mkdir -p "$dir/s3"
  if [ -f "$dir/s3rver.pid" ] && kill -0 "$(cat "$dir/s3rver.pid")" 2>/dev/null; then
    return
  fi
  # s3rver 3.7.1 makes ListObjectsV2 continuation tokens with DES, which OpenSSL 3 keeps in its legacy provider:
  # without it every listing of more than max-keys objects fails with InternalError.
  NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--openssl-legacy-provider" nohup "$dir/npm/node_modules/.bin/s3rver" -d "$dir/s3" -a 127.0.0.1 -p "$s3_port" --silent \
    --configure-bucket pinterest-test >"$dir/s3rver.log" 2>&1 &
  echo $! >"$dir/s3rver.pid"
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$s3_port") 2>/dev/null; then
      say "s3rver on 127.0.0.1:$s3_port"
      return
    fi
    sleep 0.1
  done
  say "s3rver did not start; see $dir/s3rver.log"
  exit 1
}

print_env() {
  echo "export PM_TEST_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres'"
  echo "export PM_TEST_S3='http://127.0.0.1:$s3_port'"
  if command -v chromium >/dev/null 2>&1; then
    echo "export PM_TEST_CHROMIUM='$(command -v chromium)'"
  fi
}

stop_all() {
  if [ -f "$dir/s3rver.pid" ]; then
    kill "$(cat "$dir/s3rver.pid")" 2>/dev/null || true
    rm -f "$dir/s3rver.pid"
  fi
  if [ -n "$(pg_bin)" ] && [ -f "$dir/pg/PG_VERSION" ]; then
    run_pg "$(pg_bin)/pg_ctl" -D "$dir/pg" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir/pg" "$dir/s3"
  say "stopped"
}

case "${1:-}" in
  up)
    mkdir -p "$dir"
    install_debian_packages
    install_s3rver
    start_postgres
    start_s3rver
    print_env
    ;;
  down) stop_all ;;
  env) print_env ;;
  *) echo "usage: $0 up|down|env" >&2; exit 2 ;;
esac
