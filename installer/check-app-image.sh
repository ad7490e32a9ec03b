#!/usr/bin/env bash
# Builds the app-image (no OS package) and checks that its launcher really works: the CLI, and a run in
# processes mode (the worker relaunch from a packaged app) that leaves no worker behind.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Pinstaller -Dinstaller.package.skip=true package
launcher=target/jpackage/CoreLanes/bin/CoreLanes
[ -x "$launcher" ] || launcher=target/jpackage/CoreLanes/CoreLanes.exe
"$launcher" info
"$launcher" run --mode processes --kind compute --tasks 2 --seconds 0.5 --json target/jpackage/check-run.json
grep -q '"state" : "spawning"' target/jpackage/check-run.json || { echo "no spawning span: workers did not start" >&2; exit 1; }
sleep 0.5
if pgrep -f 'CoreLanes.* --worker' >/dev/null; then echo "a worker outlived the packaged run" >&2; exit 1; fi
echo "app-image OK: $(du -sh target/jpackage/CoreLanes | cut -f1)"
