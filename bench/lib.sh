# What load.sh, soak.sh and faults.sh share: sourced from the repository root, after `set -euo pipefail`.
#
#   bench_init NAME         a work folder /tmp/bot-NAME.XXXXXX in $work; background processes put in $pids are
#                           stopped on exit
#   bench_require TOOL...   installs wrk if it is missing, then checks the tools and GNU time
#   bench_build             publishes the bot for this machine (precompiled, as the image is) into $work/bot and builds the load tool ($tool), or links BOT_DIR and
#                           TOOL_DIR when they are set (reuse a build: same binaries, no wait)
#   bench_keys              a fresh Ed25519 key pair ($public_key, $secret_key) and Slack signing secret ($slack_secret)

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

bench_init() {
  work=$(mktemp -d "/tmp/bot-$1.XXXXXX")
  pids=()
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

bench_cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}

bench_require() {
  if ! command -v wrk >/dev/null 2>&1; then
    log "installing wrk"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk) >/dev/null
  fi
  local tool
  for tool in "$@"; do command -v "$tool" >/dev/null 2>&1 || { echo "$tool is required" >&2; exit 1; }; done
  [ -x /usr/bin/time ] || { echo "/usr/bin/time (GNU time) is required" >&2; exit 1; }
}

bench_build() {
  # --artifacts-path keeps obj/ and bin/ out of the source tree (and apart from any build running at the same time)
  if [ -n "${BOT_DIR:-}" ]; then
    [ -f "$BOT_DIR/bot.dll" ] || { echo "BOT_DIR=$BOT_DIR has no bot.dll" >&2; exit 1; }
    ln -s "$(cd "$BOT_DIR" && pwd)" "$work/bot"
  else
    log "publishing the bot (Release) into $work/bot"
    local arch
    case "$(uname -m)" in aarch64 | arm64) arch=arm64 ;; *) arch=x64 ;; esac
    dotnet publish src/Bot.App -c Release -a "$arch" -o "$work/bot" --artifacts-path "$work/artifacts" --nologo -v quiet >"$work/publish.log" 2>&1 \
      || { cat "$work/publish.log" >&2; exit 1; }
  fi
  if [ -n "${TOOL_DIR:-}" ]; then
    [ -x "$TOOL_DIR/Bot.LoadTool" ] || { echo "TOOL_DIR=$TOOL_DIR has no Bot.LoadTool" >&2; exit 1; }
    ln -s "$(cd "$TOOL_DIR" && pwd)" "$work/tool"
  else
    log "building the load tool into $work/tool"
    dotnet build bench/Bot.LoadTool -c Release -o "$work/tool" --artifacts-path "$work/artifacts" --nologo -v quiet >"$work/build.log" 2>&1 \
      || { cat "$work/build.log" >&2; exit 1; }
  fi
  tool="$work/tool/Bot.LoadTool"
}

bench_keys() {
  "$tool" keys >"$work/keys"
  public_key=$(sed -n 's/^public=//p' "$work/keys")
  secret_key=$(sed -n 's/^secret=//p' "$work/keys")
  slack_secret=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
}
