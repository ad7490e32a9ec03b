#!/usr/bin/env bash
# Checks CoreLanes' exports in real viewers, headless, and leaves screenshots to look at.
#
#   src/site/scripts/check-exports-in-browser.sh [OUTDIR]
#
# 1. Runs 4 compute tasks x 0.5 s in child processes with the CLI (JAR, default target/corelanes.jar;
#    build it with `mvn -DskipTests package`), writing the run file, a trace-event export and an HTML page
#    (or, with RUNFILE set, exports that saved run instead).
# 2. Replays speedscope's import of every track of the trace-event file and counts slices it would draw
#    nested (must be 0: the track would be a staircase instead of one flat row).
# 3. Loads the trace in speedscope (the npm package, installed into SPEEDSCOPE_DIR if missing, served
#    from 127.0.0.1) in headless Chromium and takes OUTDIR/speedscope.png: the first track is CPU 0.
# 4. Opens the HTML page in headless Chromium: OUTDIR/html.png must not be blank; a probe copy of the page
#    records every error and console.error, moves the pointer over a span and turns the wheel, and the
#    script checks that there was no error, a hover tip appeared and the view zoomed (OUTDIR/html-hover.png).
#
# Needs: java 21+, python3, node/npm, Debian's `chromium`, ImageMagick's `identify`. Exits non-zero on
# any failed check. Environment: MODE (default processes) or RUNFILE (check a saved run instead), JAR, JAVA (a Java 21+ launcher), SPEEDSCOPE_DIR (default: a folder in
# the temp dir), CHROMIUM.
set -euo pipefail

OUT=${1:-$(mktemp -d "${TMPDIR:-/tmp}/corelanes-viewers.XXXXXX")}
JAR=${JAR:-target/corelanes.jar}
SPEEDSCOPE_DIR=${SPEEDSCOPE_DIR:-${TMPDIR:-/tmp}/corelanes-speedscope}
CHROMIUM=${CHROMIUM:-chromium}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
command -v "$CHROMIUM" >/dev/null || fail "no $CHROMIUM (Debian: apt-get install -y chromium)"
[ -f "$JAR" ] || fail "no $JAR (build it with: mvn -DskipTests package)"

PROFILE=$(mktemp -d "${TMPDIR:-/tmp}/corelanes-chromium.XXXXXX")
SERVER_PID=
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
    rm -rf "$PROFILE"
}
trap cleanup EXIT

chromium_run() { # chromium_run ARGS... : headless, no network chatter, a fresh profile every time
    local dir
    dir=$(mktemp -d "$PROFILE/p.XXXXXX")
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking \
        --disable-component-update --disable-sync --no-first-run --user-data-dir="$dir" \
        --window-size=1280,800 --virtual-time-budget=15000 "$@"
}

not_blank() { # an image with more than a handful of colours has something drawn on it
    local colours
    colours=$(identify -format '%k' "$1")
    [ "$colours" -gt 8 ] || fail "$1 looks blank ($colours colours)"
    echo "ok   $1 is not blank ($colours colours)"
}

if [ -n "${RUNFILE:-}" ]; then
    echo "== 1. a saved run: $RUNFILE"
    "${JAVA:-java}" -jar "$JAR" export "$RUNFILE" --trace-event "$OUT/trace.json" --html "$OUT/run.html"
else
    echo "== 1. a real run: 4 compute tasks x 0.5 s (${MODE:-processes})"
    "${JAVA:-java}" -jar "$JAR" run --mode "${MODE:-processes}" --kind compute --tasks 4 --seconds 0.5 \
        --json "$OUT/run.json" --trace-event "$OUT/trace.json" --html "$OUT/run.html"
fi

echo "== 2. every track of the trace-event file is flat"
python3 - "$OUT/trace.json" <<'PY'
# speedscope's own import replayed: times shifted by the track's first; each "X" split into a begin at
# ts and an end at ts + dur; begins and ends merged in time order, at equal times an end first unless it
# is the same slice (same name and args); an end whose name is not on top of the stack is ignored. A
# slice pushed onto another is drawn nested: the staircase this check exists for.
import collections, json, sys
events = json.load(open(sys.argv[1]))["traceEvents"]
tracks, names = collections.defaultdict(list), {}
for e in events:
    if e["ph"] == "X":
        tracks[(e["pid"], e["tid"])].append(e)
    elif e["name"] == "thread_name":
        names[(e["pid"], e["tid"])] = e["args"]["name"]
key = lambda e: e["name"] + " " + json.dumps(e.get("args"), sort_keys=True)
bad = 0
for track in sorted(tracks):
    x = sorted(tracks[track], key=lambda e: (e["ts"], -e["dur"]))
    first = x[0]["ts"]
    begins = [(e["ts"] - first, key(e), e["name"]) for e in x]
    ends = sorted(((e["ts"] - first) + e["dur"], key(e), e["name"]) for e in x)
    ends.sort(key=lambda t: t[0])
    stack, nested, i, j = [], 0, 0, 0
    while i < len(begins) or j < len(ends):
        begin = j == len(ends) or (i < len(begins) and (begins[i][0] < ends[j][0]
                or (begins[i][0] == ends[j][0] and begins[i][1] == ends[j][1])))
        if begin:
            nested += bool(stack)
            stack.append(begins[i]); i += 1
        else:
            if stack and stack[-1][2] == ends[j][2]:
                stack.pop()
            j += 1
    print("     %-22s %5d slices, %d drawn nested" % (names.get(track, track), len(x), nested))
    bad += nested
sys.exit("FAIL: a track is not flat" if bad else 0)
PY

echo "== 3. speedscope"
SPEEDSCOPE="$SPEEDSCOPE_DIR/node_modules/speedscope/dist/release"
if [ ! -f "$SPEEDSCOPE/index.html" ]; then
    mkdir -p "$SPEEDSCOPE_DIR"
    npm install --prefix "$SPEEDSCOPE_DIR" --no-audit --no-fund speedscope >/dev/null
fi
cp "$OUT/trace.json" "$SPEEDSCOPE/corelanes-trace.json"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$SPEEDSCOPE" >/dev/null 2>&1 &
SERVER_PID=$!
sleep 1
chromium_run --screenshot="$OUT/speedscope.png" \
    "http://127.0.0.1:$PORT/index.html#profileURL=/corelanes-trace.json" 2>/dev/null
not_blank "$OUT/speedscope.png"

echo "== 4. the HTML page"
chromium_run --screenshot="$OUT/html.png" "file://$OUT/run.html" 2>/dev/null
not_blank "$OUT/html.png"
# The probe: the same page with a recorder before anything else, and a user's hover and wheel after load.
python3 - "$OUT/run.html" "$OUT/probe.html" <<'PY'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
recorder = """<script>
(function () {
  var log = [];
  function note(what) { log.push(String(what)); document.documentElement.setAttribute("data-errors", log.join(" | ")); }
  window.addEventListener("error", function (e) { note(e.message); });
  var original = console.error;
  console.error = function () { note(Array.prototype.join.call(arguments, " ")); original.apply(console, arguments); };
  window.addEventListener("load", function () {
    var box = document.getElementById("slide"), svg = box.querySelector("svg");
    var spans = JSON.parse(document.getElementById("spans").textContent);
    var s = spans[Math.floor(spans.length / 2)], r = svg.getBoundingClientRect();
    var k = r.width / svg.viewBox.baseVal.width;
    var at = { clientX: r.left + (s[0] + s[2] / 2) * k, clientY: r.top + (s[1] + s[3] / 2) * k, bubbles: true };
    box.dispatchEvent(new MouseEvent("mousemove", at));
    document.documentElement.setAttribute("data-hover", document.getElementById("tip").hidden ? "" : document.getElementById("tip").textContent);
    var before = svg.getAttribute("viewBox");
    box.dispatchEvent(new WheelEvent("wheel", Object.assign({ deltaY: -100, cancelable: true }, at)));
    document.documentElement.setAttribute("data-zoomed", String(svg.getAttribute("viewBox") !== before));
    box.dispatchEvent(new MouseEvent("mousemove", at));
  });
})();
</script>
"""
open(sys.argv[2], "w", encoding="utf-8").write(page.replace("<head>\n", "<head>\n" + recorder, 1))
PY
chromium_run --dump-dom "file://$OUT/probe.html" 2>/dev/null > "$OUT/probe-dom.html"
python3 - "$OUT/probe-dom.html" <<'PY'
import re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
html = re.search(r"<html[^>]*>", dom).group(0)
attr = lambda name: (re.search(name + r'="([^"]*)"', html) or [None, None])[1]
if attr("data-errors"):
    sys.exit("FAIL: errors in the page: " + attr("data-errors"))
if not attr("data-hover"):
    sys.exit("FAIL: no hover tip over a span")
if attr("data-zoomed") != "true":
    sys.exit("FAIL: the wheel did not zoom")
print("ok   no errors; hover tip: " + attr("data-hover") + "; the wheel zoomed")
PY
chromium_run --screenshot="$OUT/html-hover.png" "file://$OUT/probe.html" 2>/dev/null
not_blank "$OUT/html-hover.png"
echo "All checks passed. Screenshots in $OUT"
