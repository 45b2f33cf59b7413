#!/usr/bin/env bash
# Load test of the chat endpoints: POST /discord/interactions and POST /slack/commands answering a signed `/who`
# (verify + parse + answer + render), compared in the same run against bare Kestrel servers on the same machine:
#   ceiling          Kestrel (slim builder, one routed POST) answering a constant
#   ceiling-ed25519  the same, but verifying the Discord Ed25519 signature with libsodium first
#
# usage: bash bench/load.sh                      # defaults: 15 s per run, 1 wrk thread, 4 connections
#        DURATION=15 WARMUP=5 CONNECTIONS=4 PORT_BASE=18080 bash bench/load.sh
#
# Two phases, each a fresh set of servers: "2 cores" (unpinned) and "1 core" (every server started under
# `taskset -c 0`, wrk under `taskset -c 1`). In each phase every target is run with 1 connection (latency without
# queueing) and with CONNECTIONS connections (throughput). Reported per run: requests/s, median / p99 latency (wrk),
# errors (socket errors + non-2xx), server CPU time per request (/proc/PID/stat utime+stime ÷ requests), peak RSS
# (VmHWM) and the CPU used by other processes during the run (interference). Only 127.0.0.1 is used.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

DURATION=${DURATION:-15}
WARMUP=${WARMUP:-5}
CONNECTIONS=${CONNECTIONS:-4}
PORT_BASE=${PORT_BASE:-18080}
QUIET_WAIT=${QUIET_WAIT:-90}   # before each run, wait up to this many seconds for other processes to go quiet
case "$DURATION$WARMUP$CONNECTIONS$PORT_BASE$QUIET_WAIT" in *[!0-9]*) echo "DURATION, WARMUP, CONNECTIONS and PORT_BASE must be integers" >&2; exit 2 ;; esac

work=$(mktemp -d /tmp/bot-load.XXXXXX)
pids=()

cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# --- tools ----------------------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
  log "installing wrk"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) >/dev/null
fi
for tool in wrk taskset curl dotnet; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is required" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "/usr/bin/time (GNU time) is required" >&2; exit 1; }
ldconfig -p 2>/dev/null | grep 'libsodium\.so\.23' >/dev/null || { echo "libsodium23 is required" >&2; exit 1; }

log "publishing bot (Release) and building the load tool into $work"
# --artifacts-path keeps obj/ and bin/ out of the source tree (and apart from any build running at the same time)
dotnet publish src/Bot.App -c Release -o "$work/bot" --artifacts-path "$work/artifacts" --nologo -v quiet >"$work/publish.log" 2>&1 \
  || { cat "$work/publish.log" >&2; exit 1; }
dotnet build bench/Bot.LoadTool -c Release -o "$work/tool" --artifacts-path "$work/artifacts" --nologo -v quiet >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; exit 1; }
tool="$work/tool/Bot.LoadTool"

"$tool" keys >"$work/keys"
public_key=$(sed -n 's/^public=//p' "$work/keys")
secret_key=$(sed -n 's/^secret=//p' "$work/keys")
slack_secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')

# --- servers --------------------------------------------------------------------------------------------------
port_ceiling=$((PORT_BASE + 1)); port_ed25519=$((PORT_BASE + 2)); port_discord=$((PORT_BASE + 3)); port_slack=$((PORT_BASE + 4))
declare -A pid_of url_of kind_of

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start NAME PORT PIN(yes|no) COMMAND...
start() {
  local name=$1 port=$2 pin=$3; shift 3
  port_free "$port" || { echo "127.0.0.1:$port is already in use (set PORT_BASE)" >&2; exit 1; }
  if [ "$pin" = yes ]; then
    taskset -c 0 "$@" >"$work/$name.$phase.log" 2>&1 &
  else
    "$@" >"$work/$name.$phase.log" 2>&1 &
  fi
  pids+=("$!")
  pid_of[$name]=$!
}

wait_ready() { # NAME URL: poll (at most 120 × 0.25 s) until the server answers
  local name=$1 url=$2 i
  for i in $(seq 1 120); do
    if curl -s -o /dev/null -m 1 "$url"; then return 0; fi
    kill -0 "${pid_of[$name]}" 2>/dev/null || { cat "$work/$name.$phase.log" >&2; echo "$name exited" >&2; exit 1; }
    sleep 0.25
  done
  echo "$name did not start within 30 s" >&2; exit 1
}

start_servers() { # PIN
  local pin=$1
  start ceiling "$port_ceiling" "$pin" "$tool" ceiling --port "$port_ceiling"
  start ceiling-ed25519 "$port_ed25519" "$pin" "$tool" ceiling --port "$port_ed25519" --verify-ed25519 --public-key "$public_key"
  # Two identical bot processes (both adapters on), one driven per platform, so each peak RSS is that platform's.
  local name port
  for name in discord slack; do
    port=$([ $name = discord ] && echo "$port_discord" || echo "$port_slack")
    ASPNETCORE_URLS="http://127.0.0.1:$port" DOTNET_ENVIRONMENT=Production \
      Discord__PublicKey="$public_key" Slack__SigningSecret="$slack_secret" \
      start "bot-$name" "$port" "$pin" dotnet "$work/bot/bot.dll"
  done
  wait_ready ceiling "http://127.0.0.1:$port_ceiling/"
  wait_ready ceiling-ed25519 "http://127.0.0.1:$port_ed25519/"
  wait_ready bot-discord "http://127.0.0.1:$port_discord/healthz"
  wait_ready bot-slack "http://127.0.0.1:$port_slack/healthz"
}

url_of[ceiling]="http://127.0.0.1:$port_ceiling/";                 kind_of[ceiling]=discord
url_of[ceiling-ed25519]="http://127.0.0.1:$port_ed25519/";         kind_of[ceiling-ed25519]=discord
url_of[discord]="http://127.0.0.1:$port_discord/discord/interactions"; kind_of[discord]=discord
url_of[slack]="http://127.0.0.1:$port_slack/slack/commands";       kind_of[slack]=slack
declare -A server_of=([ceiling]=ceiling [ceiling-ed25519]=ceiling-ed25519 [discord]=bot-discord [slack]=bot-slack)
targets=(ceiling ceiling-ed25519 discord slack)

sign() { # TARGET: fresh signature (timestamps must be within 5 minutes) into $work/req.{body,headers}
  if [ "${kind_of[$1]}" = discord ]; then
    "$tool" sign-discord --secret "$secret_key" --name betssy-chavez --body "$work/req.body" --headers "$work/req.headers"
  else
    "$tool" sign-slack --signing-secret "$slack_secret" --text betssy-chavez --body "$work/req.body" --headers "$work/req.headers"
  fi
}

check() { # TARGET: one request by curl; must be 200, and the bot's answers must be the /who answer
  local target=$1 status
  local -a headers=()
  while IFS= read -r line; do headers+=(-H "$line"); done <"$work/req.headers"
  status=$(curl -s -m 5 -o "$work/$target.response" -w '%{http_code}' "${headers[@]}" --data-binary "@$work/req.body" "${url_of[$target]}")
  [ "$status" = 200 ] || { echo "$target answered HTTP $status" >&2; exit 1; }
  case $target in
    discord|slack) grep -q 'Betssy' "$work/$target.response" || { echo "$target did not answer /who betssy-chavez" >&2; head -c 400 "$work/$target.response" >&2; exit 1; } ;;
  esac
}

cpu_ticks() { awk '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print f[12] + f[13] }' "/proc/$1/stat"; } # utime+stime
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4; exit }' /proc/stat; }                            # user+nice+system, all CPUs
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }

wrk_run() { # TARGET CONNECTIONS SECONDS PIN: runs wrk, prints its RESULT line; wrk CPU seconds go to $work/wrk.time
  local target=$1 conns=$2 seconds=$3 pin=$4
  local -a cmd=(wrk -t1 -c"$conns" -d"${seconds}s" --timeout 5s -s "$repo/bench/request.lua" "${url_of[$target]}")
  [ "$pin" = yes ] && cmd=(taskset -c 1 "${cmd[@]}")
  BODY_FILE="$work/req.body" HEADERS_FILE="$work/req.headers" \
    timeout $((seconds + 30)) /usr/bin/time -f '%U %S' -o "$work/wrk.time" "${cmd[@]}" >"$work/wrk.out" 2>&1 \
    || { cat "$work/wrk.out" >&2; echo "wrk failed for $target" >&2; exit 1; }
  grep '^RESULT ' "$work/wrk.out" || { cat "$work/wrk.out" >&2; exit 1; }
}

field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$2"; }

results="$work/results.tsv"
printf 'phase\tconns\ttarget\trps\tp50_ms\tp99_ms\terrors\tcpu_us_per_req\thwm_mb\tother_cores\n' >"$results"

# Another job on this 2-core machine (builds, tests, benchmarks) skews every number. Before each run, sample the
# machine's busy time for 1 s while our servers are idle; wait (2 s steps, at most QUIET_WAIT s) until it is under
# 0.25 core, then run anyway. What other processes used during the run is reported in the "other CPU" column.
wait_quiet() {
  local waited=0 b0 b1 hz
  hz=$(getconf CLK_TCK)
  while [ "$waited" -lt "$QUIET_WAIT" ]; do
    b0=$(busy_ticks); sleep 1; b1=$(busy_ticks)
    [ $(( (b1 - b0) * 4 )) -lt "$hz" ] && { [ "$waited" -gt 0 ] && log "waited ${waited}s for other processes to go quiet"; return 0; }
    sleep 1; waited=$((waited + 2))
  done
  log "machine still busy after ${QUIET_WAIT}s; measuring anyway (see the other CPU column)"
}

measure() { # PHASE PIN CONNS TARGET
  local phase=$1 pin=$2 conns=$3 target=$4 server pid
  server=${server_of[$target]}; pid=${pid_of[$server]}
  wait_quiet
  sign "$target"
  local t0 b0 line t1 b1
  t0=$(cpu_ticks "$pid"); b0=$(busy_ticks)
  line=$(wrk_run "$target" "$conns" "$DURATION" "$pin")
  t1=$(cpu_ticks "$pid"); b1=$(busy_ticks)
  local requests duration errors wrk_cpu
  requests=$(field requests "$line"); duration=$(field duration_us "$line")
  errors=$(( $(field err_connect "$line") + $(field err_read "$line") + $(field err_write "$line") + $(field err_status "$line") + $(field err_timeout "$line") ))
  wrk_cpu=$(awk '{ print $1 + $2 }' "$work/wrk.time")
  awk -v ph="$phase" -v c="$conns" -v tg="$target" -v n="$requests" -v d="$duration" -v e="$errors" \
      -v p50="$(field p50_us "$line")" -v p99="$(field p99_us "$line")" -v dt=$((t1 - t0)) -v db=$((b1 - b0)) \
      -v w="$wrk_cpu" -v hwm="$(hwm_kb "$pid")" -v hz="$(getconf CLK_TCK)" 'BEGIN {
        secs = d / 1e6
        other = (db - dt) / hz - w; if (other < 0) other = 0
        printf "%s\t%d\t%s\t%.0f\t%.3f\t%.3f\t%d\t%.1f\t%.1f\t%.2f\n", ph, c, tg, n / secs, p50 / 1000, p99 / 1000, e,
          (n > 0 ? dt / hz * 1e6 / n : 0), hwm / 1024, other / secs }' >>"$results"
  log "$(tail -n1 "$results" | tr '\t' ' ')"
}

run_phase() { # PHASE PIN
  phase=$1; local pin=$2 target conns
  log "phase '$phase': starting servers"
  start_servers "$pin"
  { echo "== $phase: top at start"; top -b -n1 -o %CPU | sed -n '7,14p'; } >>"$work/interference.log"
  for target in "${targets[@]}"; do # correctness, then warm-up (JIT tiering) at full concurrency
    sign "$target"; check "$target"
    wrk_run "$target" "$CONNECTIONS" "$WARMUP" "$pin" >/dev/null
  done
  for conns in 1 "$CONNECTIONS"; do
    for target in "${targets[@]}"; do measure "$phase" "$pin" "$conns" "$target"; done
  done
  { echo "== $phase: top at end"; top -b -n1 -o %CPU | sed -n '7,14p'; } >>"$work/interference.log"
  cleanup
}

log "in-process crypto cost (core 0)"
crypto=$(taskset -c 0 "$tool" crypto-cost --iterations 20000)
answer=$(taskset -c 0 "$tool" answer-cost --facts "$work/bot/facts" --name betssy-chavez --iterations 20000)

run_phase "2 cores" no
run_phase "1 core" yes

# --- report ---------------------------------------------------------------------------------------------------
report="$work/results.md"
{
  echo "Machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1); $(dotnet --version) SDK; $(wrk --version 2>&1 | head -n1 | cut -d' ' -f1-2)"
  echo "Each run: wrk -t1, ${DURATION}s after a ${WARMUP}s warm-up per server; request: signed /who betssy-chavez."
  echo "In-process (core 0): $crypto"
  echo "In-process (core 0): $answer"
  echo "Response bodies (bytes): $(for t in "${targets[@]}"; do printf '%s=%s ' "$t" "$(wc -c <"$work/$t.response")"; done)"
  echo
  echo "| phase | conns | target | req/s | ÷ ceiling | p50 ms | p99 ms | errors | server CPU µs/req | peak RSS MB | other CPU (cores) |"
  echo "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' 'NR > 1 { key = $1 "|" $2; if ($3 == "ceiling") ceil[key] = $4; rows[NR] = $0 }
    END { for (i = 2; i <= NR; i++) { split(rows[i], f, "\t"); key = f[1] "|" f[2]
      printf "| %s | %s | %s | %s | %.2f | %s | %s | %s | %s | %s | %s |\n", f[1], f[2], f[3], f[4], (ceil[key] > 0 ? f[4] / ceil[key] : 0), f[5], f[6], f[7], f[8], f[9], f[10] } }' "$results"
  echo
  echo "Other CPU = all user+system time on the machine during the run minus the server's and wrk's (another process's load)."
} >"$report"
cat "$report"
log "raw results: $results; logs and top snapshots: $work"
