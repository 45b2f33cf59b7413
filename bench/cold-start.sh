#!/usr/bin/env bash
# Cold start: from launching the published bot (both adapters on, SQLite storage in a fresh folder) to the first 200
# from /readyz, which the host gives only once the fact base and its /ask indexes are loaded. Each run is a new process
# and a new data folder; the figure includes the runtime starting, the JIT, the fact base load and the index build.
#
#   bash bench/cold-start.sh                 # the bundled facts/, 10 runs
#   RUNS=5 FACTS=/tmp/facts-100x bash bench/cold-start.sh
#   BOT_DIR=/path/to/published/bot bash bench/cold-start.sh   # reuse a publish
#
# Prints each run's milliseconds, then the median, min and max. Run it on a quiet machine (load average below 1).
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

RUNS=${RUNS:-10}
FACTS=${FACTS:-$PWD/facts}
PORT=${PORT:-5391}
# A scaled base (bench/scale-facts.py) has files larger than the default 2 MB cap for one file.
max_file_bytes=$([ "$FACTS" = "$PWD/facts" ] && echo $((2 * 1024 * 1024)) || echo $((16 * 1024 * 1024)))

bench_init cold-start
bench_require curl
bench_build
bench_keys

log "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
times=()
for run in $(seq 1 "$RUNS"); do
  data="$work/data-$run"
  start=$(date +%s%N)
  ASPNETCORE_URLS="http://127.0.0.1:$PORT" DOTNET_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    Discord__PublicKey="$public_key" Slack__SigningSecret="$slack_secret" Storage__DataPath="$data" \
    Facts__Path="$FACTS" Facts__MaxFileBytes="$max_file_bytes" \
    dotnet "$work/bot/bot.dll" >"$work/bot-$run.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  ready=""
  for _ in $(seq 1 6000); do # polls every 5 ms for up to about a minute
    if curl -fs -o /dev/null "http://127.0.0.1:$PORT/readyz" 2>/dev/null; then ready=$(date +%s%N); break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.005
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ -n "$ready" ] || { echo "run $run: the bot did not become ready:" >&2; cat "$work/bot-$run.log" >&2; exit 1; }
  ms=$(( (ready - start) / 1000000 ))
  times+=("$ms")
  printf 'run %d: %d ms to /readyz\n' "$run" "$ms"
done

printf '%s\n' "${times[@]}" | sort -n | awk -v facts="$FACTS" -v load="$(cut -d' ' -f1 /proc/loadavg)" '
  { t[NR] = $1 }
  END { printf "cold start to /readyz (%s, %d runs): median %d ms, min %d ms, max %d ms; load average after %s\n",
        facts, NR, (NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2), t[1], t[NR], load }'
