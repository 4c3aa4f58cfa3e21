#!/usr/bin/env bash
# The real-editor layer: installs the tools (setup.sh), builds and packages the extension, then
#  1. runs the mocha extension suite (test/vscode) inside code-server's extension host,
#  2. a UI smoke test in headless chromium (Problems panel, hover, screenshots),
#  3. Neovim as an independent LSP client of dist/server.js,
#  and, before code-server starts, the readiness report opened from disk in headless chromium.
# Cleans up every process it starts; ends with "N passed, N failed".
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
export E2E="$ROOT/.e2e"
# code-server's sockets live in TMPDIR: keep the path short (unix socket paths max 107 chars).
export TMPDIR="$(mktemp -d /tmp/cmmc-e2e.XXXXXX)"
export NODE_PATH="$E2E/tools/node_modules"
PORT="${E2E_PORT:-18090}"
SHOTS="$ROOT/test-results/screenshots"
passed=0; failed=0; PID=""
cleanup() {
  if [ -n "$PID" ]; then kill -- -"$PID" 2>/dev/null; sleep 0.5; kill -9 -- -"$PID" 2>/dev/null; fi
  rm -rf "$TMPDIR"
}
trap cleanup EXIT
layer() { # layer NAME COMMAND...
  local name=$1; shift
  local t0=$SECONDS
  if "$@"; then passed=$((passed + 1)); echo "ok - $name ($((SECONDS - t0)) s)"; else failed=$((failed + 1)); echo "not ok - $name ($((SECONDS - t0)) s)"; fi
}

t0=$SECONDS
bash test/e2e/setup.sh || { echo "e2e setup failed"; echo "0 passed, 1 failed"; exit 1; }
echo "setup: $((SECONDS - t0)) s"
npm run --silent build
rm -f ./*.vsix
npx vsce package --no-dependencies --skip-license --baseContentUrl https://example.invalid/cmmc/blob/main --baseImagesUrl https://example.invalid/cmmc/raw/main -o "$TMPDIR/cmmc.vsix" >/dev/null || { echo "vsce package failed"; echo "0 passed, 1 failed"; exit 1; }
echo "packaged $(du -k "$TMPDIR/cmmc.vsix" | cut -f1) KB .vsix"
layer "readiness report in headless chromium (no console errors, screenshots)" node test/e2e/report-test.js "$SHOTS"

# A scratch copy of the samples as the workspace, with "today" fixed for stable findings.
WS="$TMPDIR/ws"
mkdir -p "$WS/.vscode"
cp -r samples/. "$WS/"
printf '{ "cmmc.today": "2025-05-01" }\n' > "$WS/.vscode/settings.json"

PID=$(VSIX="$TMPDIR/cmmc.vsix" bash test/e2e/start-code-server.sh "$PORT" "$WS" 2>>"$TMPDIR/install.log") || { echo "code-server did not start"; cat "$TMPDIR/install.log"; echo "0 passed, 1 failed"; exit 1; }
BASE="http://127.0.0.1:$PORT"
layer "extension tests in code-server's extension host" node test/e2e/ext-test.js "$BASE" "$WS" "$ROOT" "$ROOT/test/vscode/index.js"
# Fresh copy for the UI test (the extension tests applied a quick fix to the workspace copy).
rm -rf "$WS"/findings && cp -r samples/findings "$WS/"
layer "UI smoke test (Problems panel, hover, screenshots)" node test/e2e/ui-test.js "$BASE" "$WS" "$SHOTS"
layer "Neovim LSP client" node test/nvim/run.js
echo "e2e total: $((SECONDS - t0)) s; screenshots in $SHOTS"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
