#!/usr/bin/env bash
# Runs a command with DISPLAY set to a fresh Xvfb server (WebKitGTK's
# MiniBrowser needs a display, even under WebDriver), then stops the server.
set -euo pipefail
fifo="$(mktemp -u)"
mkfifo "$fifo"
Xvfb -displayfd 3 -screen 0 1600x1200x24 -nolisten tcp 3>"$fifo" &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null || true; rm -f "$fifo"' EXIT
read -r number <"$fifo"
DISPLAY=":$number" "$@"
