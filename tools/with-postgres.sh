#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster, then remove the cluster.
#
#   tools/with-postgres.sh .venv/bin/pytest tests/web
#
# Starts a private cluster (initdb + pg_ctl) on 127.0.0.1:${KOERS_PG_PORT:-55432} in a temporary
# folder, creates the database "koers", runs the command with DATABASE_URL pointing at it and
# stops and deletes the cluster when the command ends, however it ends. initdb refuses to run as
# root, so as root the cluster runs as the user "postgres" (or "nobody" when that is missing).
# Needs the PostgreSQL server binaries (Debian: apt-get install postgresql).
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "gebruik: $0 COMMANDO [ARGUMENTEN...]" >&2
    exit 2
fi

port="${KOERS_PG_PORT:-55432}"
bindir="${KOERS_PG_BINDIR:-}"
if [[ -z "$bindir" ]]; then
    bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    [[ -n "$bindir" ]] || bindir="$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")"
fi
if [[ ! -x "$bindir/initdb" || ! -x "$bindir/pg_ctl" ]]; then
    echo "with-postgres: PostgreSQL-serverprogramma's niet gevonden (zet KOERS_PG_BINDIR of installeer postgresql)" >&2
    exit 2
fi

as_owner=()
if [[ "$(id -u)" -eq 0 ]]; then
    owner="postgres"
    id -u "$owner" >/dev/null 2>&1 || owner="nobody"
    as_owner=(runuser -u "$owner" --)
fi

workdir="$(mktemp -d "${TMPDIR:-/tmp}/koers-pg.XXXXXX")"
chmod 700 "$workdir"
[[ ${#as_owner[@]} -eq 0 ]] || chown "$owner" "$workdir"

stop_cluster() {
    if [[ -f "$workdir/data/postmaster.pid" ]]; then
        "${as_owner[@]}" "$bindir/pg_ctl" -D "$workdir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$workdir"
}
trap stop_cluster EXIT
trap 'exit 130' INT TERM

if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
    echo "with-postgres: poort $port is al in gebruik; kies een andere met KOERS_PG_PORT" >&2
    exit 2
fi

"${as_owner[@]}" "$bindir/initdb" -D "$workdir/data" -U koers --auth=trust -E UTF8 --locale=C.UTF-8 >"$workdir/initdb.log" 2>&1 \
    || { cat "$workdir/initdb.log" >&2; exit 1; }
"${as_owner[@]}" "$bindir/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w -t 60 \
    -o "-p $port -k $workdir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null \
    || { cat "$workdir/server.log" >&2; exit 1; }
"${as_owner[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U koers koers

export DATABASE_URL="postgres://koers@127.0.0.1:$port/koers"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') op $DATABASE_URL"
"$@"
