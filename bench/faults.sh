#!/usr/bin/env bash
# Fault run on 127.0.0.1: what users see while the bot is being changed or stopped under load.
#
#   (a) reload  the bot serves a temporary copy of facts/ (Facts__Path) while wrk drives signed Discord and Slack
#               /who betssy-chavez; during the run the person's summary is edited RELOAD_EDITS times (each edit must
#               be served: checked with curl on both platforms), then broken (invalid YAML: the last good base must
#               keep serving and /healthz must say Degraded with the diagnostic), then fixed (served, Healthy again).
#               Target: zero failed requests.
#   (b) sigterm wrk drives the same load; SIGTERM goes to the bot mid-run. Reported: exit code, SIGTERM → exit time
#               against the host's shutdown timeout, failures of requests in flight (non-2xx, read/write errors,
#               timeouts) apart from connections refused after the listener closed (expected), and whether the log
#               shows an orderly shutdown.
#
# usage: bash bench/faults.sh
#        RELOAD_SECONDS=40 RELOAD_EDITS=3 SIGTERM_SECONDS=12 SIGTERM_AFTER=5 CONNECTIONS=2 PORT_BASE=18180 bash bench/faults.sh
#        BOT_DIR=/tmp/x/bot TOOL_DIR=/tmp/x/tool bash bench/faults.sh   # reuse a published bot and a built Bot.LoadTool
#
# SHUTDOWN_TIMEOUT_SECONDS, when set, is passed to the bot as HostOptions:ShutdownTimeout (default 30 s).
# The load is signed as one Slack user in one channel (and one Discord caller), which the per-user and per-channel
# rate limits would answer with "slow down"; the bot runs with RateLimits__Enabled=false so every request is a real
# /who (real traffic comes from many people; the limits are tested in the test suite). wrk sends one signed request
# over and over, which the bot would refuse as a replay after the first: Discord__RejectReplays=false and
# Slack__RejectReplays=false switch that check off for the run.
# Uses wrk, curl, dotnet and Bot.LoadTool's sign-discord / sign-slack verbs; stops every process it started.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

RELOAD_SECONDS=${RELOAD_SECONDS:-40}
RELOAD_EDITS=${RELOAD_EDITS:-3}
SIGTERM_SECONDS=${SIGTERM_SECONDS:-12}
SIGTERM_AFTER=${SIGTERM_AFTER:-5}
CONNECTIONS=${CONNECTIONS:-2}        # per platform: two wrk processes run at once
PORT_BASE=${PORT_BASE:-18180}
QUIET_WAIT=${QUIET_WAIT:-60}         # before each phase, wait up to this many seconds for other processes to go quiet
SERVE_WAIT=${SERVE_WAIT:-15}         # how long an edit may take to be served (debounce 300 ms + load) before it fails
SHUTDOWN_TIMEOUT_SECONDS=${SHUTDOWN_TIMEOUT_SECONDS:-}
case "$RELOAD_SECONDS$RELOAD_EDITS$SIGTERM_SECONDS$SIGTERM_AFTER$CONNECTIONS$PORT_BASE$QUIET_WAIT$SERVE_WAIT$SHUTDOWN_TIMEOUT_SECONDS" in
  *[!0-9]*) echo "the settings must be integers" >&2; exit 2 ;;
esac
[ "$SIGTERM_AFTER" -lt "$SIGTERM_SECONDS" ] || { echo "SIGTERM_AFTER must be less than SIGTERM_SECONDS" >&2; exit 2; }

. bench/lib.sh
bench_init faults

fail() { echo "FAILED: $*" >&2; failures+=("$*"); }
failures=()

# --- tools and build ------------------------------------------------------------------------------------------
bench_require wrk curl dotnet python3
bench_build
bench_keys
bot_dir="$work/bot"
port=$((PORT_BASE + 1))
base="http://127.0.0.1:$port"
declare -A url_of=([discord]="$base/discord/interactions" [slack]="$base/slack/commands")

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

sign() { # PLATFORM: fresh signed /who betssy-chavez into $work/PLATFORM.{body,headers} (valid for 5 minutes)
  if [ "$1" = discord ]; then
    "$tool" sign-discord --secret "$secret_key" --name betssy-chavez --body "$work/discord.body" --headers "$work/discord.headers"
  else
    "$tool" sign-slack --signing-secret "$slack_secret" --text betssy-chavez --body "$work/slack.body" --headers "$work/slack.headers"
  fi
}

ask() { # PLATFORM: one signed request by curl; prints the HTTP status, the body goes to $work/PLATFORM.response
  local -a headers=()
  while IFS= read -r line; do headers+=(-H "$line"); done <"$work/$1.headers"
  curl -s -m 5 -o "$work/$1.response" -w '%{http_code}' "${headers[@]}" --data-binary "@$work/$1.body" "${url_of[$1]}" || true
}

health() { curl -s -m 5 "$base/healthz" || true; }

start_bot() { # PHASE [extra env...]: starts the bot on $port, waits for /healthz; sets bot_pid
  local phase=$1; shift
  port_free "$port" || { echo "127.0.0.1:$port is already in use (set PORT_BASE)" >&2; exit 1; }
  local -a extra=()
  [ -n "$SHUTDOWN_TIMEOUT_SECONDS" ] && extra+=("HostOptions__ShutdownTimeout=$(printf '%02d:%02d:%02d' $((SHUTDOWN_TIMEOUT_SECONDS / 3600)) $((SHUTDOWN_TIMEOUT_SECONDS / 60 % 60)) $((SHUTDOWN_TIMEOUT_SECONDS % 60)))")
  # From the publish folder, so its appsettings.json applies (request logging off) as in a deployment.
  env -C "$bot_dir" ASPNETCORE_URLS="$base" DOTNET_ENVIRONMENT=Production Logging__Console__TimestampFormat='HH:mm:ss.fff ' \
    Discord__PublicKey="$public_key" Slack__SigningSecret="$slack_secret" RateLimits__Enabled=false Discord__RejectReplays=false Slack__RejectReplays=false "${extra[@]}" "$@" \
    dotnet "$bot_dir/bot.dll" >"$work/bot.$phase.log" 2>&1 &
  bot_pid=$!
  pids+=("$bot_pid")
  local i
  for i in $(seq 1 120); do
    curl -s -o /dev/null -m 1 "$base/healthz" && return 0
    kill -0 "$bot_pid" 2>/dev/null || { cat "$work/bot.$phase.log" >&2; echo "the bot exited" >&2; exit 1; }
    sleep 0.25
  done
  echo "the bot did not start within 30 s" >&2; exit 1
}

busy_ticks() { awk '/^cpu / { print $2 + $3 + $4; exit }' /proc/stat; }
cpu_ticks() { awk '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print f[12] + f[13] }' "/proc/$1/stat" 2>/dev/null || echo 0; }
hz=$(getconf CLK_TCK)

wait_quiet() { # as in load.sh: sample 1 s, wait (2 s steps, at most QUIET_WAIT) until under 0.25 core busy
  local waited=0 b0 b1
  while [ "$waited" -lt "$QUIET_WAIT" ]; do
    b0=$(busy_ticks); sleep 1; b1=$(busy_ticks)
    [ $(( (b1 - b0) * 4 )) -lt "$hz" ] && { [ "$waited" -gt 0 ] && log "waited ${waited}s for other processes to go quiet"; return 0; }
    sleep 1; waited=$((waited + 2))
  done
  log "machine still busy after ${QUIET_WAIT}s; running anyway (see the other CPU column)"
}

wrk_start() { # PLATFORM SECONDS: wrk in the background (1 thread, CONNECTIONS connections); sets wrk_pid_PLATFORM
  local platform=$1 seconds=$2
  BODY_FILE="$work/$platform.body" HEADERS_FILE="$work/$platform.headers" \
    timeout $((seconds + 30)) /usr/bin/time -f '%U %S' -o "$work/wrk.$platform.time" \
    wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" --timeout 5s -s "$repo/bench/request.lua" "${url_of[$platform]}" >"$work/wrk.$platform.out" 2>&1 &
  printf -v "wrk_pid_$platform" '%s' "$!"
  pids+=("$!")
}

wrk_wait() { # PLATFORM: waits for wrk (not in a subshell: it must be this shell's child), sets result_PLATFORM
  local var="wrk_pid_$1"
  wait "${!var}" || { cat "$work/wrk.$1.out" >&2; echo "wrk failed for $1" >&2; exit 1; }
  printf -v "result_$1" '%s' "$(grep '^RESULT ' "$work/wrk.$1.out")"
  local line="result_$1"
  [ -n "${!line}" ] || { cat "$work/wrk.$1.out" >&2; exit 1; }
}

field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$2"; }

results="$work/results.tsv"
printf 'phase\tplatform\trequests\treq_s\tp50_ms\tp99_ms\tnon2xx\tconnect_err\tread_err\twrite_err\ttimeouts\tother_cores\n' >"$results"
record() { # PHASE PLATFORM RESULT_LINE OTHER_CORES
  local line=$3
  awk -v ph="$1" -v pl="$2" -v n="$(field requests "$line")" -v d="$(field duration_us "$line")" \
      -v p50="$(field p50_us "$line")" -v p99="$(field p99_us "$line")" -v st="$(field err_status "$line")" \
      -v c="$(field err_connect "$line")" -v r="$(field err_read "$line")" -v w="$(field err_write "$line")" \
      -v t="$(field err_timeout "$line")" -v o="$4" 'BEGIN {
        printf "%s\t%s\t%d\t%.0f\t%.3f\t%.3f\t%d\t%d\t%d\t%d\t%d\t%s\n", ph, pl, n, n / (d / 1e6), p50 / 1000, p99 / 1000, st, c, r, w, t, o }' >>"$results"
}

other_cores() { # BUSY0 BUSY1 BOT_TICKS SECONDS: CPU used by other processes during the phase, in cores
  local wrk_cpu
  wrk_cpu=$(cat "$work"/wrk.*.time 2>/dev/null | awk '{ s += $1 + $2 } END { print s + 0 }')
  awk -v db=$(($2 - $1)) -v bt="$3" -v w="$wrk_cpu" -v hz="$hz" -v s="$4" 'BEGIN { o = (db - bt) / hz - w; if (o < 0) o = 0; printf "%.2f", o / s }'
}

# --- (a) live reload under load -------------------------------------------------------------------------------
facts="$work/facts"
cp -r "$repo/facts" "$facts"
person="$facts/people/betssy-chavez.yaml"
cp "$person" "$work/person.orig"
grep -q '^summary: "' "$person" || { echo "$person has no one-line summary to edit" >&2; exit 1; }

edit_summary() { # MARKER (plain letters: renderers escape markdown): the original with MARKER starting the summary, written in place
  sed "s/^summary: \"/summary: \"$1 /" "$work/person.orig" >"$work/person.next"
  cat "$work/person.next" >"$person"
}

served() { # MARKER: each platform has answered with MARKER; prints how long it took (ms), or why not after SERVE_WAIT s
  # Each platform counts once it has shown MARKER. The probes sign as the same user as the load, so a per-user rate
  # limit may answer them "slow down" (an answer without the person): that is reported as such, not as old text.
  local marker=$1 t0 platform status seen
  local -A done=()
  t0=$(date +%s%N)
  while :; do
    seen=""
    for platform in discord slack; do
      [ -n "${done[$platform]:-}" ] && continue
      status=$(ask $platform)
      if [ "$status" = 200 ] && grep -qF "$marker" "$work/$platform.response"; then done[$platform]=1
      elif [ "$status" = 200 ] && grep -q 'Betssy' "$work/$platform.response"; then seen+=" $platform: old text ($(grep -oE 'FaultRun[A-Za-z0-9]+' "$work/$platform.response" | head -n1));"
      else seen+=" $platform: HTTP $status without the person (rate limited?);"; fi
    done
    [ "${#done[@]}" = 2 ] && { echo $(( ($(date +%s%N) - t0) / 1000000 )); return 0; }
    [ $(( ($(date +%s%N) - t0) / 1000000000 )) -ge "$SERVE_WAIT" ] && { echo "last answers:$seen"; return 1; }
    sleep 0.05
  done
}

reload_rows="$work/reload.tsv"
printf 'step\texpected\tobserved\ttime_ms\tresult\n' >"$reload_rows"
reload_row() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >>"$reload_rows"; [ "$5" = ok ] || fail "reload: $1: $3"; }

wait_quiet
log "(a) reload under load: ${RELOAD_SECONDS}s, ${RELOAD_EDITS} valid edits, one broken edit and its fix"
start_bot reload Facts__Path="$facts"
sign discord; sign slack
for platform in discord slack; do
  [ "$(ask $platform)" = 200 ] && grep -q 'Betssy' "$work/$platform.response" || { echo "$platform did not answer /who betssy-chavez" >&2; exit 1; }
done
b0=$(busy_ticks); t0_bot=$(cpu_ticks "$bot_pid"); started=$(date +%s)
rm -f "$work"/wrk.*.time
wrk_start discord "$RELOAD_SECONDS"; wrk_start slack "$RELOAD_SECONDS"
# Spread the edits over the run, leaving time at the end for the broken edit and the fix.
gap=$(( RELOAD_SECONDS / (RELOAD_EDITS + 3) )); [ "$gap" -ge 2 ] || gap=2
sleep "$gap"
last=""
for i in $(seq 1 "$RELOAD_EDITS"); do
  marker="FaultRunEdit$i"
  edit_summary "$marker"
  if ms=$(served "$marker"); then reload_row "edit $i" "new text served" "served on both" "$ms" ok; last=$marker
  else reload_row "edit $i" "new text served" "not served after ${SERVE_WAIT}s ($ms)" "-" FAILED; fi
  sleep "$gap"
done

# Broken: an unterminated quoted scalar. The last good base must keep serving; /healthz must report Degraded.
sed 's/^summary: "\(.*\)"$/summary: "FaultRunBroken \1/' "$work/person.orig" >"$work/person.next"
cat "$work/person.next" >"$person"
t0=$(date +%s%N); state=""
while [ $(( ($(date +%s%N) - t0) / 1000000000 )) -lt "$SERVE_WAIT" ]; do
  health >"$work/health.broken.json"
  grep -q '"status":"Degraded"' "$work/health.broken.json" && { state=degraded; break; }
  sleep 0.1
done
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
if [ "$state" = degraded ] && grep -q 'betssy-chavez.yaml' "$work/health.broken.json"; then
  reload_row "broken edit" "/healthz Degraded with the diagnostic" "Degraded: $(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); e=d["checks"]["facts"]["data"]["errors"]; own=[x for x in e if "betssy-chavez.yaml" in x]; print(f"{len(e)} errors, e.g. " + (own or e)[0].split("/facts/")[-1][:140])' "$work/health.broken.json" 2>/dev/null | tr '\t|' '  ')" "$ms" ok
else
  reload_row "broken edit" "/healthz Degraded with the diagnostic" "$(head -c 160 "$work/health.broken.json" | tr '\t|' '  ')" "$ms" FAILED
fi
still=ok
for platform in discord slack; do
  for _ in $(seq 1 50); do   # past a possible "slow down" (same user as the load) to a real answer, at most ~5 s
    status=$(ask $platform)
    [ "$status" = 200 ] && grep -q 'Betssy' "$work/$platform.response" && break
    sleep 0.1
  done
  [ "$status" = 200 ] && { [ -z "$last" ] || grep -qF "$last" "$work/$platform.response"; } || still=FAILED
  grep -qF "FaultRunBroken" "$work/$platform.response" && still=FAILED
done
reload_row "after broken edit" "last good text still served" "$([ $still = ok ] && echo "served: ${last:-original}" || echo "not the last good text")" "-" "$still"
sleep "$gap"

marker="FaultRunFixed"
edit_summary "$marker"
if ms=$(served "$marker"); then
  h=$(health)
  if grep -q '"status":"Healthy"' <<<"$h"; then reload_row "fix" "fixed text served, /healthz Healthy" "served, Healthy" "$ms" ok
  else reload_row "fix" "fixed text served, /healthz Healthy" "served, but $(head -c 80 <<<"$h")" "$ms" FAILED; fi
else
  reload_row "fix" "fixed text served, /healthz Healthy" "not served after ${SERVE_WAIT}s ($ms)" "-" FAILED
fi

for platform in discord slack; do wrk_wait $platform; done
elapsed=$(( $(date +%s) - started ))
other=$(other_cores "$b0" "$(busy_ticks)" $(( $(cpu_ticks "$bot_pid") - t0_bot )) "$elapsed")
for platform in discord slack; do
  var="result_$platform"; record reload $platform "${!var}" "$other"
  errors=$(( $(field err_status "${!var}") + $(field err_connect "${!var}") + $(field err_read "${!var}") + $(field err_write "${!var}") + $(field err_timeout "${!var}") ))
  [ "$errors" = 0 ] || fail "reload: $platform had $errors failed requests"
done
reloads_live=$(grep -c 'is live [0-9]* ms after' "$work/bot.reload.log" || true)
reloads_refused=$(grep -c 'Fact edit refused' "$work/bot.reload.log" || true)
bench_cleanup

# --- (b) SIGTERM under load -----------------------------------------------------------------------------------
wait_quiet
log "(b) SIGTERM under load: wrk for ${SIGTERM_SECONDS}s, SIGTERM after ${SIGTERM_AFTER}s"
start_bot sigterm
sign discord; sign slack
b0=$(busy_ticks); t0_bot=$(cpu_ticks "$bot_pid"); started=$(date +%s)
rm -f "$work"/wrk.*.time
wrk_start discord "$SIGTERM_SECONDS"; wrk_start slack "$SIGTERM_SECONDS"
sleep "$SIGTERM_AFTER"
bot_ticks=$(( $(cpu_ticks "$bot_pid") - t0_bot ))
term_at=$(date +%s%N)
kill -TERM "$bot_pid"
set +e; wait "$bot_pid"; exit_code=$?; set -e
exit_ms=$(( ($(date +%s%N) - term_at) / 1000000 ))
kept=(); for pid in "${pids[@]}"; do [ "$pid" = "$bot_pid" ] || kept+=("$pid"); done; pids=("${kept[@]}")
for platform in discord slack; do wrk_wait $platform; done
elapsed=$(( $(date +%s) - started ))
other=$(other_cores "$b0" "$(busy_ticks)" "$bot_ticks" "$elapsed")
# wrk's counters: a request written but never answered (the connection reset or closed while waiting) is a read
# error, a bad answer is non-2xx. A request that could not be written is a write error: over plain HTTP wrk reports a
# refused connection (ECONNREFUSED, the listener is closed) as a write error, not a connect error. So "failed in
# flight" = non-2xx + read errors + timeouts, and "not sent" = connect + write errors (expected after the stop).
in_flight=0; refused=0
for platform in discord slack; do
  var="result_$platform"; record sigterm $platform "${!var}" "$other"
  in_flight=$(( in_flight + $(field err_status "${!var}") + $(field err_read "${!var}") + $(field err_timeout "${!var}") ))
  refused=$(( refused + $(field err_connect "${!var}") + $(field err_write "${!var}") ))
done
set +e; curl -s -o /dev/null -m 2 "$base/healthz"; probe=$?; set -e   # 7: connection refused
[ "$probe" = 7 ] && after_stop="refused at connect" || after_stop="curl exit $probe"

timeout_s=${SHUTDOWN_TIMEOUT_SECONDS:-30}
orderly=yes
grep -q 'Application is shutting down' "$work/bot.sigterm.log" || orderly=no
grep -qE '^(fail|crit):|Unhandled exception' "$work/bot.sigterm.log" && orderly=no
[ "$exit_code" = 0 ] || fail "sigterm: exit code $exit_code"
[ "$exit_ms" -le $((timeout_s * 1000)) ] || fail "sigterm: exit took ${exit_ms} ms, over the ${timeout_s} s shutdown timeout"
[ "$in_flight" = 0 ] || fail "sigterm: $in_flight requests in flight failed (non-2xx, reset or timed out)"
[ "$orderly" = yes ] || fail "sigterm: the log does not show an orderly shutdown"
[ "$probe" = 7 ] || fail "sigterm: after the exit a new connection was not refused at connect ($after_stop)"

# --- report ---------------------------------------------------------------------------------------------------
report="$work/results.md"
{
  echo "Machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1); $(dotnet --version) SDK; $(wrk --version 2>&1 | head -n1 | cut -d' ' -f1-2)"
  echo "Load: two wrk processes at once (Discord and Slack), -t1 -c$CONNECTIONS each, signed /who betssy-chavez."
  echo
  echo "(a) Live reload under load (${RELOAD_SECONDS}s; facts from a temporary copy, Facts__Path):"
  echo
  echo "| step | expected | observed | edit → served (ms) | result |"
  echo "|---|---|---|---:|---|"
  awk -F'\t' 'NR > 1 { printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5 }' "$reload_rows"
  echo
  echo "The bot's log: $reloads_live reloads went live, $reloads_refused edits refused."
  echo
  echo "| phase | platform | requests | req/s | p50 ms | p99 ms | non-2xx | connect errors | read errors | write errors | timeouts | other CPU (cores) |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' 'NR > 1 { printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 }' "$results"
  echo
  echo "(b) SIGTERM after ${SIGTERM_AFTER}s of a ${SIGTERM_SECONDS}s run:"
  echo
  echo "| exit code | SIGTERM → exit | shutdown timeout | failed in flight (non-2xx + read errors + timeouts) | not sent after the stop (connect + write errors; expected) | new connection after exit | orderly shutdown in the log |"
  echo "|---:|---:|---:|---:|---:|---|---|"
  echo "| $exit_code | ${exit_ms} ms | ${timeout_s} s$([ -z "$SHUTDOWN_TIMEOUT_SECONDS" ] && echo ' (default)') | $in_flight | $refused | $after_stop | $orderly |"
  echo
  echo "Shutdown log:"
  echo
  echo '```'
  grep -A1 -E 'Microsoft.Hosting.Lifetime|^(warn|fail|crit):' "$work/bot.sigterm.log" | grep -v '^--$' | tail -n 16 || true
  echo '```'
  echo
  if [ "${#failures[@]}" = 0 ]; then echo "Result: PASS"; else echo "Result: FAIL"; printf -- '- %s\n' "${failures[@]}"; fi
} >"$report"
cat "$report"
log "raw results and logs: $work"
[ "${#failures[@]}" = 0 ]
