#!/usr/bin/env bash
# Prepares this machine for Dyad, then runs the command given as arguments:
#   bash infra/dev.sh pnpm stack    bash infra/dev.sh pnpm test
# Each step does nothing when its part is already there, so it is safe to run every time:
#   1. Node >= 22.22.2 (Node 24 is the target): when the node on PATH is older, Node $NODE_VERSION
#      is installed from the npm registry's `node` package into a local prefix.
#   2. pnpm through corepack, at the version pinned in package.json's `packageManager`.
#   3. `pnpm install --frozen-lockfile` when node_modules is missing or older than the lockfile.
#   4. NATS (JetStream), Redis and PostgreSQL reachable on their URLs; when they are not, they are
#      started from Debian's packages (installed first when missing and we are root).
#      `pnpm stack` starts NATS and Redis itself as children, so for it only the packages are
#      checked here.
#   5. For the tests: Debian's docker-compose (v1), which checks docker-compose.yml with
#      `docker-compose config` (no Docker engine needed), Debian's haproxy, which runs the
#      compose stack's api-proxy, and Debian's chromium, which the web tests drive through
#      playwright-core (no browser is ever downloaded).
set -euo pipefail

NODE_VERSION=24.21.0
COREPACK_VERSION=0.34.6
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools=${DYAD_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/dyad/tools}
state=${DYAD_STATE:-${XDG_STATE_HOME:-$HOME/.local/state}/dyad}

say() { printf '\033[36m[dyad]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[dyad]\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else return 1; fi
}

apt_updated=
apt_install() {
  command -v apt-get >/dev/null || return 1
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq || return 1; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

node_ok() {
  command -v node >/dev/null || return 1
  node -e 'const [a,b,c]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&(b>22||(b===22&&c>=2)))?0:1)'
}

ensure_node() {
  local prefix="$tools/node-$NODE_VERSION"
  if [ -x "$prefix/node_modules/.bin/node" ]; then
    export PATH="$prefix/bin:$prefix/node_modules/.bin:$PATH"
  fi
  node_ok && return 0
  command -v npm >/dev/null || apt_install nodejs npm || die "npm is needed to install Node $NODE_VERSION; install Node >= 22.22.2 yourself."
  say "node $(node --version 2>/dev/null || echo none) is older than 22.22.2: installing Node $NODE_VERSION into $prefix"
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error \
    "node@$NODE_VERSION" "corepack@$COREPACK_VERSION" >/dev/null
  export PATH="$prefix/bin:$prefix/node_modules/.bin:$PATH"
  node_ok || die "Node $NODE_VERSION did not install into $prefix"
}

# The registry served here carries no npm signatures for corepack to check; the sha512 pinned in
# package.json's packageManager is verified instead.
export COREPACK_INTEGRITY_KEYS=0 COREPACK_ENABLE_DOWNLOAD_PROMPT=0

ensure_pnpm() {
  local want
  want=$(node -p 'require(process.argv[1]).packageManager.split("@")[1].split("+")[0]' "$root/package.json")
  if command -v pnpm >/dev/null && [ "$(pnpm --version 2>/dev/null)" = "$want" ]; then return 0; fi
  local bin="$tools/bin"
  mkdir -p "$bin"
  local corepack_cmd=corepack
  if ! command -v corepack >/dev/null; then
    npm install --prefix "$tools/corepack" --no-save --no-audit --no-fund --loglevel=error "corepack@$COREPACK_VERSION" >/dev/null
    corepack_cmd="$tools/corepack/node_modules/.bin/corepack"
  fi
  "$corepack_cmd" enable --install-directory "$bin" pnpm
  export PATH="$bin:$PATH"
  [ "$(pnpm --version)" = "$want" ] || die "corepack did not provide pnpm $want"
}

ensure_deps() {
  cd "$root"
  if [ ! -f node_modules/.modules.yaml ] || [ pnpm-lock.yaml -nt node_modules/.modules.yaml ] \
    || [ package.json -nt node_modules/.modules.yaml ]; then
    say "pnpm install --frozen-lockfile"
    pnpm install --frozen-lockfile --reporter=append-only >&2
  fi
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# host and port of a URL such as nats://127.0.0.1:4222 or postgres://u@h:5432/db
url_host() { local u=${1#*://}; u=${u##*@}; u=${u%%/*}; echo "${u%%:*}"; }
url_port() { local u=${1#*://}; u=${u##*@}; u=${u%%/*}; [[ $u == *:* ]] && echo "${u##*:}" || echo "$2"; }

wait_port() {
  for _ in $(seq 1 100); do port_open "$1" "$2" && return 0; sleep 0.1; done
  return 1
}

ensure_binary() { # binary package [what else to do when it cannot be installed]
  command -v "$1" >/dev/null || [ -x "/usr/sbin/$1" ] || [ -x "/usr/bin/$1" ] && return 0
  say "installing Debian package $2"
  apt_install "$2" || die "$1 is missing and could not be installed: install $2${3:-, or run 'docker compose up -d nats redis postgres'}."
}

# ensure_server binary url default-port start [check-only]: the server answering on the host and
# port of url, else started there by the function `start` (given the binary's path, the host and
# the port), its data in $state/<name> and its log in $state/<name>.log (name: nats, redis).
ensure_server() {
  local bin=$1 name=${1%-server} h p path; h=$(url_host "$2"); p=$(url_port "$2" "$3")
  ensure_binary "$bin" "$bin"
  [ "${5:-}" = check-only ] && return 0
  port_open "$h" "$p" && return 0
  say "starting $bin on $h:$p"
  mkdir -p "$state/$name"
  path=$(command -v "$bin" || { [ -x "/usr/sbin/$bin" ] && echo "/usr/sbin/$bin"; } || echo "/usr/bin/$bin")
  "$4" "$path" "$h" "$p"
  wait_port "$h" "$p" || die "$bin did not start: see $state/$name.log"
}

start_nats() {
  setsid nohup "$1" -js -a "$2" -p "$3" -sd "$state/nats" >"$state/nats.log" 2>&1 < /dev/null &
}

start_redis() {
  "$1" --daemonize yes --bind "$2" --port "$3" --save "" --appendonly no --dir "$state/redis" \
    --logfile "$state/redis.log"
}

ensure_nats() { ensure_server nats-server "$NATS_URL" 4222 start_nats "${1:-}"; }
ensure_redis() { ensure_server redis-server "$REDIS_URL" 6379 start_redis "${1:-}"; }

ensure_postgres() {
  local h p; h=$(url_host "$DATABASE_URL"); p=$(url_port "$DATABASE_URL" 5432)
  if ! port_open "$h" "$p"; then
    if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
      say "installing Debian package postgresql"
      apt_install postgresql || die "PostgreSQL is not reachable at $h:$p and could not be installed: set DATABASE_URL, or run 'docker compose up -d postgres'."
    fi
    local v; v=$(ls /etc/postgresql | sort -V | tail -1)
    say "starting PostgreSQL $v"
    as_root pg_ctlcluster --skip-systemctl-redirect "$v" main start 2>/dev/null || as_root pg_ctlcluster "$v" main start
    wait_port "$h" "$p" || die "PostgreSQL did not start on $h:$p"
  fi
  # A fresh Debian cluster asks for a password on TCP: give the postgres role the one in the URL.
  local db=${DATABASE_URL##*/}; db=${db%%\?*}
  if command -v psql >/dev/null && ! psql "$DATABASE_URL" -Atqc 'select 1' >/dev/null 2>&1; then
    local pw=${DATABASE_URL#*://}; pw=${pw%%@*}; pw=${pw#*:}
    as_root su postgres -c "psql -qc \"ALTER ROLE postgres PASSWORD '$pw'\"" >/dev/null 2>&1 || true
    as_root su postgres -c "createdb '$db'" >/dev/null 2>&1 || true
    psql "$DATABASE_URL" -Atqc 'select 1' >/dev/null 2>&1 \
      || die "cannot connect to $DATABASE_URL: set DATABASE_URL to a PostgreSQL you can reach."
  fi
}

export NATS_URL=${NATS_URL:-nats://127.0.0.1:4222}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379}

ensure_node
ensure_pnpm
ensure_deps
if [ "${1:-}" = pnpm ] && [ "${2:-}" = stack ]; then
  ensure_nats check-only
  ensure_redis check-only
else
  # The tests need a real PostgreSQL; the stack's indexer embeds PGlite when DATABASE_URL is unset.
  export DATABASE_URL=${DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/test}
  ensure_nats
  ensure_redis
  ensure_postgres
  ensure_binary docker-compose docker-compose ' (the compose tests run `docker-compose config`)'
  ensure_binary haproxy haproxy ' (the compose tests run api-proxy, infra/haproxy/haproxy.cfg)'
  ensure_binary chromium chromium ' (the web tests in packages/e2e drive /usr/bin/chromium)'
fi

cd "$root"
[ $# -gt 0 ] || exit 0
exec "$@"
