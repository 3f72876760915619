#!/usr/bin/env bash
# Real servers for the integration tests, on 127.0.0.1 only: PostgreSQL (Debian), s3rver and kinesalite (npm), and a
# Docker daemon (Debian docker.io) with a local MariaDB image, from which the MySQL tests start containers through
# Testcontainers; plus, installed only: the AWS CLI (an independent S3 and Kinesis client), Chromium (the dashboard's
# browser test), kcat (an independent Kafka client; it brings Debian's librdkafka1 for itself, while the tests' mock
# Kafka cluster runs in process on the librdkafka that comes with Confluent.Kafka) and tzdata (the scheduler's
# time-zone tests), all Debian.
#   scripts/test-servers.sh up     install what is missing, start the servers, print the settings the tests read
#   scripts/test-servers.sh down   stop them and remove their data
#   scripts/test-servers.sh env    print the settings (export lines) for a running set
# State lives in $PM_TEST_SERVERS_DIR (default /tmp/pm-test-servers). Idempotent: `up` twice is fine. Docker's images
# stay in $dir/docker between `down` and `up`, so the MariaDB image is built once per machine (about a minute).
set -euo pipefail

dir="${PM_TEST_SERVERS_DIR:-/tmp/pm-test-servers}"
pg_port="${PM_TEST_PG_PORT:-55432}"
s3_port="${PM_TEST_S3_PORT:-45680}"
kinesis_port="${PM_TEST_KINESIS_PORT:-45682}"
s3_version="3.7.1"
kinesalite_version="3.3.3"
mariadb_image="local/pm-mariadb:10.11"
base_image="local/pm-debian:bookworm"

say() { echo "test-servers: $*" >&2; }

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# One apt-get run for whatever Debian packages are missing.
install_debian_packages() {
  local missing=()
  [ -n "$(pg_bin)" ] || missing+=(postgresql postgresql-client)
  command -v aws >/dev/null 2>&1 || missing+=(awscli)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v kcat >/dev/null 2>&1 || missing+=(kcat)
  [ -e /usr/share/zoneinfo/Europe/Paris ] || missing+=(tzdata)
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} (Debian)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

install_npm_servers() {
  if [ ! -x "$dir/npm/node_modules/.bin/s3rver" ] || [ ! -d "$dir/npm/node_modules/kinesalite" ]; then
    say "installing s3rver $s3_version and kinesalite $kinesalite_version (npm)"
    mkdir -p "$dir/npm"
    npm install --silent --no-audit --no-fund --prefix "$dir/npm" "s3rver@$s3_version" "kinesalite@$kinesalite_version" >/dev/null
  fi
}

wait_for_port() { # name port log
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; then
      say "$1 on 127.0.0.1:$2"
      return
    fi
    sleep 0.1
  done
  say "$1 did not start; see $3"
  exit 1
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
  wait_for_port s3rver "$s3_port" "$dir/s3rver.log"
}

# kinesalite's CLI listens on every interface; started from node it binds loopback only. In memory; streams leave
# CREATING after 50 ms; a shard limit high enough for many test classes at once.
start_kinesalite() {
  if [ -f "$dir/kinesalite.pid" ] && kill -0 "$(cat "$dir/kinesalite.pid")" 2>/dev/null; then
    return
  fi
  nohup node -e "require('$dir/npm/node_modules/kinesalite')({createStreamMs: 50, deleteStreamMs: 50, updateStreamMs: 50, shardLimit: 1000})
    .listen($kinesis_port, '127.0.0.1', () => console.log('kinesalite on 127.0.0.1:$kinesis_port'))" >"$dir/kinesalite.log" 2>&1 &
  echo $! >"$dir/kinesalite.pid"
  wait_for_port kinesalite "$kinesis_port" "$dir/kinesalite.log"
}

docker_cmd() { docker -H "unix://$dir/docker.sock" "$@"; }

# A daemon of its own (socket, pid file and state under $dir) that leaves the host's network alone: no iptables rules,
# no forwarding, no NAT. Containers reach nothing but each other; tests reach them on mapped 127.0.0.1 ports.
start_docker() {
  if [ -f "$dir/dockerd.pid" ] && kill -0 "$(cat "$dir/dockerd.pid")" 2>/dev/null; then
    return
  fi
  mkdir -p "$dir/docker" "$dir/docker-exec"
  nohup dockerd --iptables=false --ip-forward=false --ip-masq=false \
    --host "unix://$dir/docker.sock" --pidfile "$dir/dockerd.pid" \
    --data-root "$dir/docker" --exec-root "$dir/docker-exec" >"$dir/dockerd.log" 2>&1 &
  for _ in $(seq 1 300); do
    if docker_cmd version >/dev/null 2>&1; then
      say "Docker on unix://$dir/docker.sock"
      return
    fi
    sleep 0.1
  done
  say "dockerd did not start; see $dir/dockerd.log"
  exit 1
}

# No registry is reachable: a minimal Debian made by debootstrap from the mirror apt uses, imported as the base image,
# then MariaDB installed on it. Built only when missing.
build_mariadb_image() {
  if docker_cmd image inspect "$mariadb_image" >/dev/null 2>&1; then
    return
  fi
  if ! docker_cmd image inspect "$base_image" >/dev/null 2>&1; then
    local mirror rootfs="$dir/debian-rootfs"
    mirror="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
      | grep -E '^(URIs:|deb )' | grep -oE 'https?://[^ ]+/debian/?( |$)' | head -n 1 | tr -d ' ' || true)"
    [ -n "$mirror" ] || { say "no Debian mirror found in apt's sources (/etc/apt/sources.list*) for debootstrap"; exit 1; }
    say "building $base_image (debootstrap from apt's mirror)"
    rm -rf "$rootfs"
    as_root debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$dir/debootstrap.log" 2>&1 \
      || { say "debootstrap failed; see $dir/debootstrap.log"; exit 1; }
    as_root tar -C "$rootfs" -c . | docker_cmd import - "$base_image" >/dev/null
    as_root rm -rf "$rootfs"
  fi
  say "building $mariadb_image"
  DOCKER_BUILDKIT=0 docker_cmd build --network host -q -t "$mariadb_image" --build-arg "BASE=$base_image" \
    "$(dirname "$0")/mariadb-image" >"$dir/mariadb-image.log" 2>&1 \
    || { say "the MariaDB image did not build; see $dir/mariadb-image.log"; exit 1; }
}

print_env() {
  echo "export PM_TEST_POSTGRES='Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres'"
  echo "export PM_TEST_S3='http://127.0.0.1:$s3_port'"
  echo "export PM_TEST_KINESIS='http://127.0.0.1:$kinesis_port'"
  if command -v chromium >/dev/null 2>&1; then
    echo "export PM_TEST_CHROMIUM='$(command -v chromium)'"
  fi
  # Testcontainers: this daemon, its API version (docker.io 20.10 serves 1.41), no Ryuk (its image cannot be pulled; the
  # fixtures dispose their containers), and mapped ports on 127.0.0.1 (not the bridge gateway /.dockerenv suggests).
  echo "export DOCKER_HOST='unix://$dir/docker.sock'"
  echo "export DOCKER_API_VERSION=1.41"
  echo "export TESTCONTAINERS_RYUK_DISABLED=true"
  echo "export TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1"
  echo "export PM_TEST_MARIADB_IMAGE='$mariadb_image'"
}

stop_docker() {
  if [ -f "$dir/dockerd.pid" ] && kill -0 "$(cat "$dir/dockerd.pid")" 2>/dev/null; then
    local ids
    ids="$(docker_cmd ps -aq 2>/dev/null || true)"
    [ -z "$ids" ] || docker_cmd rm -f $ids >/dev/null 2>&1 || true
    local pid
    pid="$(cat "$dir/dockerd.pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$dir/dockerd.pid"
}

stop_all() {
  local pid
  stop_docker
  for pid in "$dir/s3rver.pid" "$dir/kinesalite.pid"; do
    if [ -f "$pid" ]; then
      kill "$(cat "$pid")" 2>/dev/null || true
      rm -f "$pid"
    fi
  done
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
    install_npm_servers
    start_postgres
    start_s3rver
    start_kinesalite
    start_docker
    build_mariadb_image
    print_env
    ;;
  down) stop_all ;;
  env) print_env ;;
  *) echo "usage: $0 up|down|env" >&2; exit 2 ;;
esac
