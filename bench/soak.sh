#!/usr/bin/env bash
# Soak test: one published `bot` process (Discord and Slack adapters both on) driven on both endpoints at once, at a
# steady, moderate load, for SOAK_SECONDS; its resident memory is sampled every SAMPLE_SECONDS. Memory should stay
# flat: the report compares the RSS right after the warm-up with the RSS at the end and the peak, and counts errors.
#
# usage: bash bench/soak.sh                                  # 600 s after a 60 s warm-up
#        SOAK_SECONDS=600 WARMUP_SECONDS=60 CONNECTIONS=4 DELAY_MS=5 PORT=18190 OUT=/some/dir bash bench/soak.sh
#        BOT_DIR=/tmp/bot-load.X/bot TOOL_DIR=/tmp/bot-load.X/tool bash bench/soak.sh   # reuse a load run's build
#
# Load: per endpoint, wrk -t1 with CONNECTIONS connections, each waiting DELAY_MS before every request (so roughly
# CONNECTIONS × 1000 ÷ (DELAY_MS + latency) requests/s per endpoint; the defaults give a few hundred per endpoint,
# a fraction of what the bot serves flat out). Signatures carry a timestamp the bot accepts for 5 minutes, so the load
# runs in SEGMENT_SECONDS pieces, each with freshly signed requests. Only 127.0.0.1 is used. All requests come from
# one user in one channel, so the bot's rate limits are off (RateLimits__Enabled=false), or most answers would be a
# short "slow down"; each segment checks that the average response is still the size of the real answer.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

SOAK_SECONDS=${SOAK_SECONDS:-600}
WARMUP_SECONDS=${WARMUP_SECONDS:-60}
SEGMENT_SECONDS=${SEGMENT_SECONDS:-60}
SAMPLE_SECONDS=${SAMPLE_SECONDS:-10}
CONNECTIONS=${CONNECTIONS:-4}
DELAY_MS=${DELAY_MS:-5}
PORT=${PORT:-18190}
MAX_GROWTH_PERCENT=${MAX_GROWTH_PERCENT:-10}
case "$SOAK_SECONDS$WARMUP_SECONDS$SEGMENT_SECONDS$SAMPLE_SECONDS$CONNECTIONS$DELAY_MS$PORT$MAX_GROWTH_PERCENT" in
  *[!0-9]*) echo "every setting must be an integer" >&2; exit 2 ;;
esac
[ "$SEGMENT_SECONDS" -ge 5 ] && [ "$SEGMENT_SECONDS" -le 240 ] || { echo "SEGMENT_SECONDS must be 5..240 (signatures expire after 300 s)" >&2; exit 2; }

. bench/lib.sh
bench_init soak

bench_require wrk curl dotnet
(exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && { echo "127.0.0.1:$PORT is already in use (set PORT)" >&2; exit 1; }

bench_build
bench_keys

ASPNETCORE_URLS="http://127.0.0.1:$PORT" DOTNET_ENVIRONMENT=Production \
  Discord__PublicKey="$public_key" Slack__SigningSecret="$slack_secret" Storage__DataPath="$work/data" \
  RateLimits__Enabled=false Discord__RejectReplays=false Slack__RejectReplays=false \
  dotnet "$work/bot/bot.dll" >"$work/bot.log" 2>&1 &
bot=$!
pids+=("$bot")
for i in $(seq 1 120); do
  curl -s -o /dev/null -m 1 "http://127.0.0.1:$PORT/healthz" && break
  kill -0 "$bot" 2>/dev/null || { cat "$work/bot.log" >&2; echo "bot exited" >&2; exit 1; }
  [ "$i" = 120 ] && { echo "bot did not start within 30 s" >&2; exit 1; }
  sleep 0.25
done

declare -A url_of=([discord]="http://127.0.0.1:$PORT/discord/interactions" [slack]="http://127.0.0.1:$PORT/slack/commands")
sign() { # PLATFORM
  if [ "$1" = discord ]; then
    "$tool" sign-discord --secret "$secret_key" --name betssy-chavez --body "$work/discord.body" --headers "$work/discord.headers"
  else
    "$tool" sign-slack --signing-secret "$slack_secret" --text betssy-chavez --body "$work/slack.body" --headers "$work/slack.headers"
  fi
}
for platform in discord slack; do # correctness first
  sign "$platform"
  headers=()
  while IFS= read -r line; do headers+=(-H "$line"); done <"$work/$platform.headers"
  status=$(curl -s -m 5 -o "$work/$platform.response" -w '%{http_code} %{size_header}' "${headers[@]}" --data-binary "@$work/$platform.body" "${url_of[$platform]}")
  echo $(( ${status#* } + $(wc -c <"$work/$platform.response") )) >"$work/$platform.response-bytes" # headers + body, as wrk counts
  status=${status%% *}
  [ "$status" = 200 ] && grep -q Betssy "$work/$platform.response" || { echo "$platform: HTTP $status, not the /who answer" >&2; exit 1; }
done

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"; }
cpu_ticks() { awk '{ s = $0; sub(/^.*\) /, "", s); split(s, f, " "); print f[12] + f[13] }' "/proc/$1/stat"; }
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4; exit }' /proc/stat; }
field() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"$2"; }

# drive SECONDS LABEL: both endpoints at once for SECONDS, freshly signed; one line per platform into $work/segments.tsv
drive() {
  local seconds=$1 label=$2 platform line t0 t1 b0 b1
  local -A wrk_pid
  for platform in discord slack; do sign "$platform"; done
  t0=$(cpu_ticks "$bot"); b0=$(busy_ticks)
  for platform in discord slack; do
    BODY_FILE="$work/$platform.body" HEADERS_FILE="$work/$platform.headers" DELAY_MS="$DELAY_MS" \
      timeout $((seconds + 30)) /usr/bin/time -f '%U %S' -o "$work/$platform.wrk.time" \
      wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" --timeout 5s -s "$repo/bench/request.lua" "${url_of[$platform]}" >"$work/$platform.wrk.out" 2>&1 &
    wrk_pid[$platform]=$!
  done
  for platform in discord slack; do
    wait "${wrk_pid[$platform]}" || { cat "$work/$platform.wrk.out" >&2; echo "wrk failed ($platform)" >&2; exit 1; }
  done
  t1=$(cpu_ticks "$bot"); b1=$(busy_ticks)
  local wrk_cpu
  wrk_cpu=$(cat "$work/discord.wrk.time" "$work/slack.wrk.time" | awk '{ s += $1 + $2 } END { print s }')
  for platform in discord slack; do
    line=$(grep '^RESULT ' "$work/$platform.wrk.out") || { cat "$work/$platform.wrk.out" >&2; exit 1; }
    awk -v lb="$label" -v pf="$platform" -v n="$(field requests "$line")" -v d="$(field duration_us "$line")" \
        -v p50="$(field p50_us "$line")" -v p99="$(field p99_us "$line")" -v mx="$(field max_us "$line")" \
        -v e=$(( $(field err_connect "$line") + $(field err_read "$line") + $(field err_write "$line") + $(field err_status "$line") + $(field err_timeout "$line") )) \
        -v rss="$(rss_kb "$bot")" -v dt=$((t1 - t0)) -v db=$((b1 - b0)) -v w="$wrk_cpu" -v hz="$(getconf CLK_TCK)" \
        -v bytes="$(field bytes "$line")" -v expected="$(cat "$work/$platform.response-bytes")" 'BEGIN {
          secs = d / 1e6; other = (db - dt) / hz - w; if (other < 0) other = 0
          per = (n > 0 ? bytes / n : 0); same = (per >= expected * 0.97 && per <= expected * 1.03) ? "yes" : "NO"
          printf "%s\t%s\t%d\t%.0f\t%.3f\t%.3f\t%.3f\t%d\t%.1f\t%.2f\t%.2f\t%s\n", lb, pf, n, n / secs, p50 / 1000, p99 / 1000, mx / 1000, e,
            rss / 1024, dt / hz / secs, other / secs, same }' >>"$work/segments.tsv"
  done
}

printf 'segment\tplatform\trequests\trps\tp50_ms\tp99_ms\tmax_ms\terrors\trss_mb_after\tbot_cores\tother_cores\tsame_answer\n' >"$work/segments.tsv"
log "warm-up: ${WARMUP_SECONDS}s at the soak load"
remaining=$WARMUP_SECONDS
while [ "$remaining" -gt 0 ]; do
  seconds=$(( remaining < SEGMENT_SECONDS ? remaining : SEGMENT_SECONDS ))
  drive "$seconds" warmup
  remaining=$((remaining - seconds))
done

# RSS sampler: one line per SAMPLE_SECONDS (seconds since the soak started, RSS kB), first sample at 0
started=$(date +%s)
(
  while kill -0 "$bot" 2>/dev/null; do
    printf '%d\t%s\n' $(( $(date +%s) - started )) "$(rss_kb "$bot")"
    sleep "$SAMPLE_SECONDS"
  done
) >"$work/rss.tsv" 2>/dev/null &
sampler=$!
pids+=("$sampler")

log "soak: ${SOAK_SECONDS}s, both endpoints, ${CONNECTIONS} connections each, ${DELAY_MS} ms between requests per connection"
segment=0
while [ $(( $(date +%s) - started )) -lt "$SOAK_SECONDS" ]; do
  remaining=$(( SOAK_SECONDS - ($(date +%s) - started) ))
  seconds=$(( remaining < SEGMENT_SECONDS ? remaining : SEGMENT_SECONDS ))
  [ "$seconds" -ge 1 ] || break
  segment=$((segment + 1))
  drive "$seconds" "$segment"
  log "$(tail -n2 "$work/segments.tsv" | awk -F'\t' '{ printf "%s %s: %s req/s p99 %s ms errors %s RSS %s MB; ", $1, $2, $4, $6, $8, $9 }')"
done
printf '%d\t%s\n' $(( $(date +%s) - started )) "$(rss_kb "$bot")" >>"$work/rss.tsv" # the end, after the last segment
kill "$sampler" 2>/dev/null || true
hwm=$(hwm_kb "$bot")
log_errors=$(grep -cE '^(fail|crit):|Exception' "$work/bot.log" || true)

report="$work/soak.md"
{
  echo "Soak: $(nproc) cores, .NET SDK $(dotnet --version); one bot process; ${SOAK_SECONDS}s after a ${WARMUP_SECONDS}s warm-up;"
  echo "per endpoint wrk -t1 -c${CONNECTIONS} with ${DELAY_MS} ms between requests per connection; signed /who betssy-chavez; RSS sampled every ${SAMPLE_SECONDS}s."
  echo
  awk -F'\t' -v hwm="$hwm" -v goal="$MAX_GROWTH_PERCENT" '
    { t[NR] = $1; r[NR] = $2 / 1024; if (r[NR] > peak) peak = r[NR] }
    END {
      n = NR; k = (n >= 6 ? 3 : 1)
      for (i = 1; i <= k; i++) { a += r[i]; b += r[n - k + i] }
      a /= k; b /= k
      growth = (r[n] - r[1]) / r[1] * 100; trend = (b - a) / a * 100
      printf "| RSS | MB |\n|---|---:|\n"
      printf "| start (first sample after the warm-up) | %.1f |\n| end | %.1f |\n| peak of the samples | %.1f |\n| VmHWM (peak since start-up, warm-up included) | %.1f |\n", r[1], r[n], peak, hwm / 1024
      printf "| growth start → end | %+.1f %% |\n| growth, mean of the first %d samples → mean of the last %d | %+.1f %% |\n| growth start → peak | %+.1f %% |\n", growth, k, k, trend, (peak - r[1]) / r[1] * 100
      printf "\nMemory flat (growth start → end ≤ %d %%): %s\n", goal, (growth <= goal ? "met ✔" : "NOT met ✘")
    }' "$work/rss.tsv"
  echo
  echo "RSS samples (s: MB): $(awk -F'\t' '{ printf "%s: %.1f  ", $1, $2 / 1024 }' "$work/rss.tsv")"
  echo
  echo "| segment | platform | requests | req/s | p50 ms | p99 ms | max ms | errors | RSS after MB | bot CPU (cores) | other CPU (cores) | same answer |"
  echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  awk -F'\t' 'NR > 1 && $1 != "warmup" { printf "| %s |\n", $1 " | " $2 " | " $3 " | " $4 " | " $5 " | " $6 " | " $7 " | " $8 " | " $9 " | " $10 " | " $11 " | " $12 }' "$work/segments.tsv"
  echo
  awk -F'\t' 'NR > 1 && $1 != "warmup" { n[$2] += $3; e[$2] += $8; if ($6 > p[$2]) p[$2] = $6 }
    END { for (pf in n) printf "%s: %d requests, %d errors (socket errors + non-2xx), worst segment p99 %.1f ms\n", pf, n[pf], e[pf], p[pf]
          printf "Errors: %s\n", (e["discord"] + e["slack"] == 0 ? "none ✔" : "some ✘") }' "$work/segments.tsv"
  echo "Bot log lines with fail:/crit:/Exception: $log_errors"
  echo "Same answer = the average response wrk read (headers + body) is within 3 % of the one curl checked (not a \"slow down\")."
  echo "Other CPU = machine user+system time minus the bot's and both wrk's, per second (another process's load)."
} >"$report"
cat "$report"
if [ -n "${OUT:-}" ]; then mkdir -p "$OUT"; cp "$report" "$work/segments.tsv" "$work/rss.tsv" "$OUT/"; fi
log "raw data: $work"
