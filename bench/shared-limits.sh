#!/usr/bin/env bash
# What RateLimits:Shared costs per command: the same signed Slack `/who betssy-chavez` (verify + limit + answer +
# render) driven by wrk against the published bot on 127.0.0.1, first with the limits counted in the process
# (RateLimits__Shared=false), then in PostgreSQL (RateLimits__Shared=true: one INSERT … ON CONFLICT round trip per
# command), both with Storage on the same local PostgreSQL so only the limiter differs. The limits are raised to
# 10,000 a second, and each connection waits DELAY_MS (1 ms) before each request so the load stays under them: every
# command is answered, not refused (the "same answer" column checks the response size). The per-user and per-channel
# cells are both counted, as in production.
#
# usage: bash bench/shared-limits.sh
#        DURATION=10 WARMUP=5 LEVELS="1 4" ROUNDS=2 DELAY_MS=1 bash bench/shared-limits.sh
#        BOT_DIR=DIR TOOL_DIR=DIR bash bench/shared-limits.sh   # reuse a published bot / built Bot.LoadTool
#
# PostgreSQL comes from .ci/postgres.sh (its own cluster on 127.0.0.1); the run creates a database and drops it at the
# end. The machine may be shared: the load average before and after each run is printed with it.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
LEVELS=${LEVELS:-1 4}
export DELAY_MS=${DELAY_MS:-1}
ROUNDS=${ROUNDS:-2}
PORT=${PORT:-18180}

bench_init shared-limits
bench_require wrk curl dotnet psql
bench_build
bench_keys

bash .ci/postgres.sh "$work/pg.env" >&2
[ -s "$work/pg.env" ] || { echo "no PostgreSQL server: see the notice above" >&2; exit 1; }
. "$work/pg.env"
field() { tr ';' '\n' <<<"$BOT_TEST_POSTGRES" | sed -n "s/^$1=//p"; }
export PGHOST=$(field Host) PGPORT=$(field Port) PGUSER=$(field Username) PGPASSWORD=$(field Password)
database="bench_shared_$(date +%s)_$$"
psql -q -d postgres -c "CREATE DATABASE $database" >/dev/null
cleanup_all() { bench_cleanup; psql -q -d postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null 2>&1 || true; }
trap cleanup_all EXIT
connection="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$database"

"$tool" sign-slack --signing-secret "$slack_secret" --text betssy-chavez --body "$work/req.body" --headers "$work/req.headers"
export BODY_FILE="$work/req.body" HEADERS_FILE="$work/req.headers"

start_bot() { # SHARED
  Storage__Provider=postgres Storage__ConnectionString="$connection" Slack__SigningSecret="$slack_secret" \
  Slack__RejectReplays=false RateLimits__Shared="$1" RateLimits__PerUser__Permits=10000 RateLimits__PerUser__Window=00:00:01 \
  RateLimits__PerChannel__Permits=10000 RateLimits__PerChannel__Window=00:00:01 \
  Facts__Watch=false Logging__LogLevel__Default=Warning ASPNETCORE_URLS="http://127.0.0.1:$PORT" \
    dotnet "$work/bot/bot.dll" >"$work/bot-$1.log" 2>&1 &
  bot_pid=$!
  pids+=("$bot_pid")
  for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && return 0; sleep 0.25; done
  echo "the bot did not become ready:" >&2; cat "$work/bot-$1.log" >&2; exit 1
}

answer_bytes() { # the size of one answer, as wrk counts it (status line + headers + body)
  local headers=() line
  while IFS= read -r line; do [ -n "$line" ] && headers+=(-H "$line"); done <"$HEADERS_FILE"
  curl -s -D "$work/one.headers" -o "$work/one.body" "${headers[@]}" --data-binary "@$BODY_FILE" "http://127.0.0.1:$PORT/slack/commands"
  echo $(( $(wc -c <"$work/one.headers") + $(wc -c <"$work/one.body") ))
}

printf '| round | limits | conns | req/s | p50 ms | p99 ms | max ms | errors | same answer | load avg before → after |\n'
printf '|---|---|---|---|---|---|---|---|---|---|\n'
for round in $(seq 1 "$ROUNDS"); do
  for shared in false true; do
    start_bot "$shared"
    expected=$(answer_bytes)
    wrk -t1 -c4 -d"${WARMUP}s" -s bench/request.lua "http://127.0.0.1:$PORT/slack/commands" >/dev/null
    for conns in $LEVELS; do
      before=$(cut -d' ' -f1-3 /proc/loadavg)
      result=$(wrk -t1 -c"$conns" -d"${DURATION}s" --latency -s bench/request.lua "http://127.0.0.1:$PORT/slack/commands" | grep '^RESULT')
      after=$(cut -d' ' -f1-3 /proc/loadavg)
      get() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$result"; }
      requests=$(get requests); duration=$(get duration_us); bytes=$(get bytes)
      errors=$(( $(get err_connect) + $(get err_read) + $(get err_write) + $(get err_status) + $(get err_timeout) ))
      same=$([ "$requests" -gt 0 ] && [ $(( bytes / requests )) -eq "$expected" ] && echo yes || echo "no ($(( bytes / requests )) vs $expected)")
      awk -v r="$round" -v s="$shared" -v c="$conns" -v n="$requests" -v d="$duration" -v p50="$(get p50_us)" -v p99="$(get p99_us)" \
          -v max="$(get max_us)" -v e="$errors" -v same="$same" -v b="$before" -v a="$after" \
        'BEGIN { printf "| %d | %s | %d | %.0f | %.2f | %.2f | %.1f | %d | %s | %s → %s |\n", r, (s == "true" ? "shared (PostgreSQL)" : "local"), c, n / (d / 1e6), p50 / 1000, p99 / 1000, max / 1000, e, same, b, a }'
    done
    kill "$bot_pid"; wait "$bot_pid" 2>/dev/null || true
    pids=()
  done
done
