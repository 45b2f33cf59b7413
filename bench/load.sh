#!/usr/bin/env bash
# Load test of the chat endpoints: POST /discord/interactions and POST /slack/commands answering a signed `/who
# betssy-chavez` (verify + parse + answer + render), compared in the same run, on the same machine, with:
#   ceiling          bare Kestrel (slim builder, one routed POST) answering a constant           (bench/Bot.LoadTool)
#   ceiling-ed25519  the same, verifying the Discord Ed25519 signature with NSec first           (bench/Bot.LoadTool)
#   peer-discord     Discord's `discord-interactions` npm package on express (verifyKeyMiddleware), answering /who
#                    with an embed built from facts/people/betssy-chavez.yaml                  (bench/peers/discord.js)
#   peer-slack       Slack's Bolt for JavaScript, HTTPReceiver with signing-secret verification, app.command('/who')
#                    acking with blocks built from the same YAML                               (bench/peers/slack.js)
#
# usage: bash bench/load.sh
#        DURATION=10 WARMUP=5 LEVELS="1 4 16 64" PHASES="2cores 1core" PORT_BASE=18080 bash bench/load.sh
#        TARGETS="discord peer-discord" PHASES=2cores LEVELS="1 16" bash bench/load.sh    # a subset
#        OUT=/some/dir bash bench/load.sh                                                 # also copy the results there
#        BOT_DIR=DIR TOOL_DIR=DIR bash bench/load.sh     # reuse a published bot / built Bot.LoadTool instead of building
#        QUESTIONS=ask bash bench/load.sh                 # distinct-question mode (below)
#
# Distinct-question mode (QUESTIONS=ask): instead of one /who repeated, each connection cycles through every question
# of the /ask question set (tests/Bot.App.Tests/Ask/questions.yaml), each signed separately: Discord 522 requests (each
# question in English and in Spanish, a distinct interaction id each), Slack 261. The ceilings get the Discord
# requests (ceiling-ed25519 verifies each one). The peers have no /ask and are left out.
#
# Phases, each with a fresh set of servers: "2cores" (unpinned) and "1core" (every server under `taskset -c 0`, wrk
# under `taskset -c 1`). In each phase every target is driven at each concurrency in LEVELS (connections, closed
# loop: wrk -t1 keeps that many requests in flight). Reported per run: requests/s, median / p99 latency (wrk), errors
# (socket errors + non-2xx), server CPU time per request (/proc/PID/stat utime+stime of all the process's threads ÷
# requests), peak RSS (VmHWM: the process's peak so far in that phase) and the CPU used by other processes during the
# run (interference). Then ratios against the ceilings and the peers, checked against the targets. Only 127.0.0.1 is
# used; the peers are told to use a closed loopback port for Slack's Web API, and nothing calls out.
# Every request comes from one user in one channel, so the bot's per-user / per-channel rate limits are switched off
# (RateLimits__Enabled=false; the peers have none): otherwise most answers would be a short "slow down". Each run
# also checks that the average response wrk read is the size of the answer checked by curl (column "same answer").
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
if [ -n "${CONNECTIONS:-}" ] && [ -z "${LEVELS:-}" ]; then LEVELS="1 $CONNECTIONS"; fi # the old interface
LEVELS=${LEVELS:-1 4 16 64}
PHASES=${PHASES:-2cores 1core}
QUESTIONS=${QUESTIONS:-who}
case $QUESTIONS in who|ask) ;; *) echo "QUESTIONS: who or ask" >&2; exit 2 ;; esac
if [ "$QUESTIONS" = ask ]; then
  TARGETS=${TARGETS:-ceiling ceiling-ed25519 discord slack}
  case " $TARGETS " in *" peer-"*) echo "QUESTIONS=ask: the peers answer only /who; leave them out of TARGETS" >&2; exit 2 ;; esac
fi
TARGETS=${TARGETS:-ceiling ceiling-ed25519 discord slack peer-discord peer-slack}
PORT_BASE=${PORT_BASE:-18080}
QUIET_WAIT=${QUIET_WAIT:-45}   # before each run, wait up to this many seconds for other processes to go quiet
case "$DURATION$WARMUP$PORT_BASE$QUIET_WAIT${LEVELS// /}" in *[!0-9]*) echo "DURATION, WARMUP, PORT_BASE, QUIET_WAIT and LEVELS must be integers" >&2; exit 2 ;; esac
for phase in $PHASES; do case $phase in 2cores|1core) ;; *) echo "PHASES: 2cores and/or 1core" >&2; exit 2 ;; esac; done
all_targets=" ceiling ceiling-ed25519 discord slack peer-discord peer-slack "
for target in $TARGETS; do [[ $all_targets == *" $target "* ]] || { echo "unknown target $target (one of:$all_targets)" >&2; exit 2; }; done
read -r -a targets <<<"$TARGETS"

. bench/lib.sh
bench_init load

# --- tools ----------------------------------------------------------------------------------------------------
bench_require wrk taskset curl dotnet node npm
[ "$(node -p 'Number(process.versions.node.split(".")[0])')" -ge 20 ] || { echo "node 20 or later is required (the peers)" >&2; exit 1; }

bench_build
# The peers run from a copy, so node_modules never lands in the source tree; `npm ci` installs exactly the lock file.
mkdir -p "$work/peers"
cp bench/peers/package.json bench/peers/package-lock.json bench/peers/*.js "$work/peers/"
(cd "$work/peers" && npm ci --no-audit --no-fund --loglevel=error) >"$work/npm.log" 2>&1 || { cat "$work/npm.log" >&2; exit 1; }

bench_keys

# --- servers --------------------------------------------------------------------------------------------------
declare -A port_of=([ceiling]=$((PORT_BASE + 1)) [ceiling-ed25519]=$((PORT_BASE + 2)) [discord]=$((PORT_BASE + 3))
  [slack]=$((PORT_BASE + 4)) [peer-discord]=$((PORT_BASE + 5)) [peer-slack]=$((PORT_BASE + 6)))
declare -A path_of=([ceiling]=/ [ceiling-ed25519]=/ [discord]=/discord/interactions [slack]=/slack/commands
  [peer-discord]=/interactions [peer-slack]=/slack/commands)
declare -A kind_of=([ceiling]=discord [ceiling-ed25519]=discord [discord]=discord [slack]=slack
  [peer-discord]=discord [peer-slack]=slack)
declare -A pid_of url_of
for target in "${!port_of[@]}"; do url_of[$target]="http://127.0.0.1:${port_of[$target]}${path_of[$target]}"; done

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start TARGET PIN(yes|no) COMMAND...   (environment assignments go before `start`)
start() {
  local target=$1 pin=$2; shift 2
  port_free "${port_of[$target]}" || { echo "127.0.0.1:${port_of[$target]} is already in use (set PORT_BASE)" >&2; exit 1; }
  if [ "$pin" = yes ]; then
    taskset -c 0 "$@" >"$work/$target.$phase.log" 2>&1 &
  else
    "$@" >"$work/$target.$phase.log" 2>&1 &
  fi
  pids+=("$!")
  pid_of[$target]=$!
}

wait_ready() { # TARGET: poll (at most 120 × 0.25 s) until the server answers HTTP at all
  local target=$1 i url="http://127.0.0.1:${port_of[$1]}/"
  if [ "$target" = discord ] || [ "$target" = slack ]; then url="http://127.0.0.1:${port_of[$1]}/healthz"; fi
  for i in $(seq 1 120); do
    if curl -s -o /dev/null -m 1 "$url"; then return 0; fi
    kill -0 "${pid_of[$target]}" 2>/dev/null || { cat "$work/$target.$phase.log" >&2; echo "$target exited" >&2; exit 1; }
    sleep 0.25
  done
  echo "$target did not start within 30 s" >&2; exit 1
}

start_servers() { # PIN
  local pin=$1 target
  for target in "${targets[@]}"; do
    case $target in
      ceiling) start "$target" "$pin" "$tool" ceiling --port "${port_of[$target]}" ;;
      ceiling-ed25519) start "$target" "$pin" "$tool" ceiling --port "${port_of[$target]}" --verify-ed25519 --public-key "$public_key" ;;
      # Two identical bot processes (both adapters on), one driven per platform, so each peak RSS is that platform's.
      discord|slack)
        ASPNETCORE_URLS="http://127.0.0.1:${port_of[$target]}" DOTNET_ENVIRONMENT=Production \
          Discord__PublicKey="$public_key" Slack__SigningSecret="$slack_secret" Storage__DataPath="$work/data-$target" \
          RateLimits__Enabled=false Discord__RejectReplays=false Slack__RejectReplays=false \
          start "$target" "$pin" dotnet "$work/bot/bot.dll" ;;
      peer-discord)
        PORT=${port_of[$target]} DISCORD_PUBLIC_KEY="$public_key" FACTS_DIR="$repo/facts" NODE_ENV=production \
          start "$target" "$pin" node "$work/peers/discord.js" ;;
      peer-slack)
        PORT=${port_of[$target]} SLACK_SIGNING_SECRET="$slack_secret" FACTS_DIR="$repo/facts" NODE_ENV=production \
          start "$target" "$pin" node "$work/peers/slack.js" ;;
    esac
  done
  for target in "${targets[@]}"; do wait_ready "$target"; done
}

sign() { # TARGET: fresh signature (timestamps must be within 5 minutes) into $work/req.{body,headers}
  if [ "$QUESTIONS" = ask ]; then # every question signed, into $work/reqs-TARGET/NNNN.{body,headers}; the first one for curl
    local platform=discord
    [ "$1" = slack ] && platform=slack
    rm -rf "$work/reqs-$1"
    "$tool" sign-ask --platform "$platform" --secret "$secret_key" --signing-secret "$slack_secret" \
      --questions "$repo/tests/Bot.App.Tests/Ask/questions.yaml" --out "$work/reqs-$1" >"$work/reqs-$1.count"
    cp "$work/reqs-$1/0001.body" "$work/req.body"; cp "$work/reqs-$1/0001.headers" "$work/req.headers"
  elif [ "${kind_of[$1]}" = discord ]; then
    "$tool" sign-discord --secret "$secret_key" --name betssy-chavez --body "$work/req.body" --headers "$work/req.headers"
  else
    "$tool" sign-slack --signing-secret "$slack_secret" --text betssy-chavez --body "$work/req.body" --headers "$work/req.headers"
  fi
}

check() { # TARGET: one request by curl; must be 200, and every /who implementation must answer about Betssy Chávez
  local target=$1 status line
  local -a headers=()
  while IFS= read -r line; do headers+=(-H "$line"); done <"$work/req.headers"
  status=$(curl -s -m 5 -o "$work/$target.response" -w '%{http_code} %{size_header}' "${headers[@]}" --data-binary "@$work/req.body" "${url_of[$target]}")
  echo $(( ${status#* } + $(wc -c <"$work/$target.response") )) >"$work/$target.response-bytes" # headers + body, as wrk counts
  status=${status%% *}
  [ "$status" = 200 ] || { echo "$target answered HTTP $status" >&2; head -c 400 "$work/$target.response" >&2; exit 1; }
  case $target in
    ceiling*) ;;
    *) [ "$QUESTIONS" = ask ] && { [ -s "$work/$target.response" ] || { echo "$target answered /ask with nothing" >&2; exit 1; }; echo 0 >"$work/$target.response-bytes"; return 0; }
       grep -q 'Betssy' "$work/$target.response" || { echo "$target did not answer /who betssy-chavez" >&2; head -c 400 "$work/$target.response" >&2; exit 1; } ;;
  esac
}

cpu_ticks() { awk '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print f[12] + f[13] }' "/proc/$1/stat"; } # utime+stime
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4; exit }' /proc/stat; }                            # user+nice+system, all CPUs
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }

wrk_run() { # TARGET CONNECTIONS SECONDS PIN: runs wrk, prints its RESULT line; wrk CPU seconds go to $work/wrk.time
  local target=$1 conns=$2 seconds=$3 pin=$4
  local -a cmd=(wrk -t1 -c"$conns" -d"${seconds}s" --timeout 5s -s "$repo/bench/request.lua" "${url_of[$target]}")
  [ "$pin" = yes ] && cmd=(taskset -c 1 "${cmd[@]}")
  local -a distinct=()
  [ "$QUESTIONS" = ask ] && distinct=(REQUESTS_DIR="$work/reqs-$target" REQUEST_COUNT="$(cat "$work/reqs-$target.count")")
  env BODY_FILE="$work/req.body" HEADERS_FILE="$work/req.headers" "${distinct[@]}" \
    timeout $((seconds + 30)) /usr/bin/time -f '%U %S' -o "$work/wrk.time" "${cmd[@]}" >"$work/wrk.out" 2>&1 \
    || { cat "$work/wrk.out" >&2; echo "wrk failed for $target" >&2; exit 1; }
  grep '^RESULT ' "$work/wrk.out" || { cat "$work/wrk.out" >&2; exit 1; }
}

field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$2"; }

results="$work/results.tsv"
printf 'phase\tconns\ttarget\trps\tp50_ms\tp99_ms\terrors\tcpu_us_per_req\thwm_mb\tother_cores\tbytes_per_response\tsame_answer\n' >"$results"

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
  local phase=$1 pin=$2 conns=$3 target=$4 pid
  pid=${pid_of[$target]}
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
      -v w="$wrk_cpu" -v hwm="$(hwm_kb "$pid")" -v hz="$(getconf CLK_TCK)" \
      -v bytes="$(field bytes "$line")" -v expected="$(cat "$work/$target.response-bytes")" 'BEGIN {
        secs = d / 1e6
        other = (db - dt) / hz - w; if (other < 0) other = 0
        per = (n > 0 ? bytes / n : 0); same = expected == 0 ? "n/a" : (per >= expected * 0.97 && per <= expected * 1.03) ? "yes" : "NO"
        printf "%s\t%d\t%s\t%.0f\t%.3f\t%.3f\t%d\t%.1f\t%.1f\t%.2f\t%.0f\t%s\n", ph, c, tg, n / secs, p50 / 1000, p99 / 1000, e,
          (n > 0 ? dt / hz * 1e6 / n : 0), hwm / 1024, other / secs, per, same }' >>"$results"
  log "$(tail -n1 "$results" | tr '\t' ' ')"
}

run_phase() { # PHASE
  phase=$1; local pin=no target conns
  [ "$phase" = 1core ] && pin=yes
  log "phase '$phase': starting servers"
  start_servers "$pin"
  { echo "== $phase: top at start"; top -b -n1 -o %CPU | sed -n '7,14p'; } >>"$work/interference.log"
  for target in "${targets[@]}"; do # correctness, then warm-up (JIT tiering, V8 optimisation) at the highest concurrency
    sign "$target"; check "$target"
    wrk_run "$target" "${LEVELS##* }" "$WARMUP" "$pin" >/dev/null
  done
  for conns in $LEVELS; do
    for target in "${targets[@]}"; do measure "$phase" "$pin" "$conns" "$target"; done
  done
  { echo "== $phase: top at end"; top -b -n1 -o %CPU | sed -n '7,14p'; } >>"$work/interference.log"
  bench_cleanup
}

log "in-process crypto cost (core 0)"
crypto=$(taskset -c 0 "$tool" crypto-cost --iterations 20000)
answer=$(taskset -c 0 "$tool" answer-cost --facts "$work/bot/facts" --name betssy-chavez --iterations 20000)

for phase in $PHASES; do run_phase "$phase"; done

# --- report ---------------------------------------------------------------------------------------------------
report="$work/results.md"
{
  echo "Machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1); .NET SDK $(dotnet --version); node $(node --version); $(wrk --version 2>&1 | head -n1 | cut -d' ' -f1-2)"
  echo "Peers: $(cd "$work/peers" && node -p 'const l = require("./package-lock.json").packages; ["discord-interactions", "express", "@slack/bolt", "yaml"].map((n) => n + " " + l["node_modules/" + n].version).join(", ")')"
  echo "Each run: wrk -t1 (closed loop, N connections), ${DURATION}s after a ${WARMUP}s warm-up per server; request: $([ "$QUESTIONS" = ask ] && echo "every /ask question of the question set, each signed (Discord $(cat "$work/reqs-discord.count" 2>/dev/null || echo -) requests, Slack $(cat "$work/reqs-slack.count" 2>/dev/null || echo -))" || echo "signed /who betssy-chavez")."
  echo "In-process (core 0): $crypto"
  echo "In-process (core 0): $answer"
  echo "Response bodies (bytes): $(for t in "${targets[@]}"; do printf '%s=%s ' "$t" "$(wc -c <"$work/$t.response")"; done)"
  echo
  echo "| phase | conns | target | req/s | p50 ms | p99 ms | errors | server CPU µs/req | peak RSS MB | other CPU (cores) | bytes/response | same answer |"
  echo "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  awk -F'\t' 'NR > 1 { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 }' "$results"
  echo
  echo "Other CPU = all user+system time on the machine during the run minus the server's and wrk's (another process's load)."
  echo "Peak RSS = VmHWM, the process's peak since it started in that phase (warm-up and lower concurrencies included)."
  echo "Same answer = the average response wrk read (headers + body) is within 3 % of the one curl checked (n/a with distinct questions)."
  echo
  echo "Ratios of throughput (req/s), with the targets: Slack ≥ 0.50 of the constant ceiling, Discord ≥ 0.70 of the"
  echo "Ed25519 ceiling, each ≥ 4× its peer; and for our endpoints p99 < 20 ms and no errors. ✔ met, ✘ not met, – not run."
  echo
  echo "| phase | conns | slack ÷ ceiling | discord ÷ ceiling-ed25519 | discord ÷ peer-discord | slack ÷ peer-slack | p99 < 20 ms (discord / slack) | errors (discord / slack) |"
  echo "|---|---:|---:|---:|---:|---:|---|---|"
  awk -F'\t' 'NR > 1 { k = $1 "\t" $2; if (!(k in seen)) { seen[k] = 1; order[++n] = k }
      rps[k, $3] = $4; p99[k, $3] = $6; err[k, $3] = $7; ran[k, $3] = 1 }
    function ratio(k, a, b, goal,   r) {
      if (!ran[k, a] || !ran[k, b] || rps[k, b] == 0) return "–"
      r = rps[k, a] / rps[k, b]; return sprintf("%.2f %s", r, r >= goal ? "✔" : "✘") }
    function p(k, t) { return ran[k, t] ? sprintf("%.1f %s", p99[k, t], p99[k, t] < 20 ? "✔" : "✘") : "–" }
    function e(k, t) { return ran[k, t] ? sprintf("%d %s", err[k, t], err[k, t] == 0 ? "✔" : "✘") : "–" }
    END { for (i = 1; i <= n; i++) { k = order[i]; split(k, f, "\t")
      printf "| %s | %s | %s | %s | %s | %s | %s / %s | %s / %s |\n", f[1], f[2], ratio(k, "slack", "ceiling", 0.5),
        ratio(k, "discord", "ceiling-ed25519", 0.7), ratio(k, "discord", "peer-discord", 4), ratio(k, "slack", "peer-slack", 4),
        p(k, "discord"), p(k, "slack"), e(k, "discord"), e(k, "slack") } }' "$results"
  echo
  echo "The same ratios from server CPU per request (the reference's µs/req ÷ ours: requests per CPU-second, relative)."
  echo "Other processes on the machine move req/s much more than they move the CPU each request costs, so on a busy"
  echo "machine read these as the capacity ratios."
  echo
  echo "| phase | conns | slack vs ceiling | discord vs ceiling-ed25519 | discord vs peer-discord | slack vs peer-slack |"
  echo "|---|---:|---:|---:|---:|---:|"
  awk -F'\t' 'NR > 1 { k = $1 "\t" $2; if (!(k in seen)) { seen[k] = 1; order[++n] = k }; cpu[k, $3] = $8; ran[k, $3] = 1 }
    function ratio(k, ref, ours, goal,   r) {
      if (!ran[k, ref] || !ran[k, ours] || cpu[k, ours] == 0) return "–"
      r = cpu[k, ref] / cpu[k, ours]; return sprintf("%.2f %s", r, r >= goal ? "✔" : "✘") }
    END { for (i = 1; i <= n; i++) { k = order[i]; split(k, f, "\t")
      printf "| %s | %s | %s | %s | %s | %s |\n", f[1], f[2], ratio(k, "ceiling", "slack", 0.5), ratio(k, "ceiling-ed25519", "discord", 0.7),
        ratio(k, "peer-discord", "discord", 4), ratio(k, "peer-slack", "slack", 4) } }' "$results"
  echo
  echo "With a closed loop, latency ≈ connections ÷ throughput: at 64 connections a p99 under 20 ms needs well over"
  echo "3,200 req/s from the server; read the high-concurrency p99 as queueing in front of a saturated 2-core machine."
} >"$report"
cat "$report"
if [ -n "${OUT:-}" ]; then mkdir -p "$OUT"; cp "$report" "$results" "$work/interference.log" "$OUT/"; fi
log "raw results: $results; logs and top snapshots: $work"
