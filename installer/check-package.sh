#!/usr/bin/env bash
# Checks what a user installs, not just what the build made:
#  1. the app-image's launcher works (CLI, a processes run) and leaves no worker behind;
#  2. the .deb's maintainer scripts and contents are what we ship (menu entry, run-file type, best effort);
#  3. where this runs as root on Debian/Ubuntu (as CI does): the .deb really installs, upgrades and
#     uninstalls — without a desktop menu system and with one — and leaves nothing behind.
# Elsewhere (no dpkg-deb, or not root; macOS; Windows under Git Bash) it builds and checks what it can and says
# what it skipped. With --no-build it checks what target/jpackage already holds (CI: after `mvn -Pinstaller package`).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "check-package: $*"; }
fail() { echo "check-package: FAILED: $*" >&2; exit 1; }

can_deb=false
command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null && can_deb=true
if [ "${1:-}" = --no-build ]; then
  say "checking what target/jpackage already holds (--no-build)"
elif $can_deb; then
  mvn -B -q -Pinstaller package
else
  say "no dpkg-deb/fakeroot here: building the app-image only"
  mvn -B -q -Pinstaller -Dinstaller.package.skip=true package
fi

# 1. The app-image, through the launcher that prints in a terminal: bin/CoreLanes on Linux, the .app's
#    Contents/MacOS/CoreLanes on macOS, and on Windows corelanes-cli.exe (CoreLanes.exe is a GUI program: it
#    would run, but print nothing).
image=target/jpackage/CoreLanes
for launcher in "$image/bin/CoreLanes" "$image/corelanes-cli.exe" target/jpackage/CoreLanes.app/Contents/MacOS/CoreLanes; do
  [ -x "$launcher" ] && break
done
[ -x "$launcher" ] || fail "no launcher in target/jpackage (was the installer profile built?)"
[ -d "$image" ] || image=target/jpackage/CoreLanes.app
info=$("$launcher" info 2>target/jpackage/check-info.err) || fail "the packaged launcher's info failed"
# The launcher's JVM options keep the console clean: no sun.misc.Unsafe or native-access warnings (JDK 24+).
if grep -q '^WARNING' target/jpackage/check-info.err; then
  cat target/jpackage/check-info.err >&2
  fail "the packaged launcher prints JVM warnings"
fi
# `info` loads no JavaFX: the window's Unsafe warnings come only with a JDK 24+ runtime not told to allow them.
release=$(find "$image" -name release -path '*runtime*' | head -1)
feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" 2>/dev/null)
cfg=$(find "$image" -name 'CoreLanes.cfg' | head -1)
if [ -n "$feature" ] && [ "$feature" -ge 24 ] && ! grep -q 'sun-misc-unsafe-memory-access=allow' "$cfg"; then
  fail "the launcher of a JDK $feature runtime does not allow JavaFX's Unsafe calls: the window prints warnings"
fi
grep -q '^Cores ' <<<"$info" || fail "the packaged launcher printed nothing for info (a GUI launcher?)"
"$launcher" run --mode processes --kind compute --tasks 2 --seconds 0.5 --json target/jpackage/check-run.json >/dev/null
grep -q '"spawning"' target/jpackage/check-run.json || fail "no spawning span: workers did not start"
# Workers are stopped before the CLI exits; a loaded machine may need a moment to reap them, not 10 s.
if command -v pgrep >/dev/null; then
  pattern="$PWD/$image.* --worker"
  for _ in $(seq 1 50); do pgrep -f "$pattern" >/dev/null || break; sleep 0.2; done
  if pgrep -f "$pattern" >/dev/null; then
    pgrep -f "$pattern" | while read -r pid; do ps -o pid= -o command= -p "$pid"; done >&2
    fail "a worker outlived the packaged run"
  fi
else
  say "no pgrep here (Windows): did not look for workers left behind"
fi
# A shipped window cache on Linux is checked once at install (lib/app/check-start-up-cache, run by postinst), not
# by the launcher at every start (-XX:+VerifySharedSpaces reads all of it); elsewhere the launcher checks it.
shipped_cache=false
if [ -f "$image/lib/app/corelanes.aot" ]; then
  shipped_cache=true
  [ -x "$image/lib/app/check-start-up-cache" ] || fail "a window cache is shipped without its install-time check"
  ! grep -q VerifySharedSpaces "$image/bin/CoreLanes" "$cfg" || fail "the Linux launcher still verifies the cache at every start"
  out=$("$image/lib/app/check-start-up-cache") || fail "the install-time check of the window cache failed"
  [ -z "$out" ] && [ -f "$image/lib/app/corelanes.aot" ] || fail "the freshly built window cache did not pass its check: $out"
fi
say "app-image OK ($(du -sh "$image" | cut -f1))"

$can_deb || { say "skipped the .deb checks (no dpkg-deb)"; exit 0; }
deb=$(ls target/jpackage/corelanes_*.deb)

# 2. What the package holds.
ctl=$(mktemp -d)
made=""          # menu folders this check created
ours=false       # true while a corelanes package installed by this check may be on the system
markers=""       # files standing for the user's runs and cache
cleanup() {
  rm -rf "$ctl"
  [ -z "$markers" ] || rm -f $markers
  if $ours; then dpkg --purge corelanes >/dev/null 2>&1 || true; fi
  [ -z "$made" ] || rm -rf $made
}
trap cleanup EXIT
dpkg-deb -e "$deb" "$ctl/DEBIAN"
for s in postinst prerm postrm preinst; do
  [ -f "$ctl/DEBIAN/$s" ] && { sh -n "$ctl/DEBIAN/$s" || fail "$s is not valid sh"; }
done
grep -q 'no menu entry or file type registered' "$ctl/DEBIAN/postinst" \
  || fail "postinst is jpackage's template, not installer/linux/postinst (menu registration would be fatal)"
files=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./opt/corelanes/bin/CoreLanes ./opt/corelanes/lib/corelanes-CoreLanes.desktop \
         ./opt/corelanes/lib/corelanes-CoreLanes-MimeInfo.xml ./opt/corelanes/lib/runtime/bin/java; do
  grep -qx "$f" <<<"$files" || fail "the package lacks $f"
done
desktop=$(dpkg-deb --fsys-tarfile "$deb" | tar -xO ./opt/corelanes/lib/corelanes-CoreLanes.desktop)
grep -q '^Exec=/opt/corelanes/bin/CoreLanes %F$' <<<"$desktop" || fail "the menu entry does not pass files: $desktop"
grep -q '^MimeType=application/x-corelanes-run+json;$' <<<"$desktop" || fail "the menu entry claims no run files"
dpkg-deb --fsys-tarfile "$deb" | tar -xO ./opt/corelanes/lib/corelanes-CoreLanes-MimeInfo.xml \
  | grep -q 'pattern="\*.corelanes.json"' || fail "the run-file type does not match *.corelanes.json"
say ".deb contents OK ($(du -h "$deb" | cut -f1))"
for rpm_file in target/jpackage/*.rpm; do
  [ -f "$rpm_file" ] && command -v rpm >/dev/null || continue
  rpm -qp --scripts "$rpm_file" | grep -q 'no menu entry or file type registered' \
    || fail "the .rpm's scriptlets are jpackage's, not installer/linux/corelanes.spec"
  say ".rpm scriptlets OK"
done

# 3. A real install, upgrade and removal.
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  say "skipped installing the .deb (needs root and apt-get)"; exit 0
fi
if dpkg -s corelanes >/dev/null 2>&1; then
  say "skipped installing the .deb: a corelanes package is already installed here, and this check leaves it alone"
  exit 0
fi
# Its dependencies first, so the before/after comparison sees only what the package itself does.
deps=$(dpkg-deb -f "$deb" Depends | tr ',' '\n' | sed 's/(.*)//; s/ //g' | grep -v '^$')
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $deps >/dev/null \
  || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $deps >/dev/null; }

watched="/opt /usr/share/desktop-directories /usr/share/applications /usr/share/mime/packages /usr/share/icons /usr/local/share /etc/xdg"
snapshot() { { find $watched -xdev 2>/dev/null || true; } | sort; }

# Installs (twice: the second is an upgrade in place), runs, removes; $1 names the case.
round() {
  local before out
  before=$(snapshot)
  ours=true
  out=$(DEBIAN_FRONTEND=noninteractive apt-get install -y "./$deb" 2>&1) || { echo "$out" >&2; fail "$1: apt-get install failed"; }
  [ "$(dpkg-query -W -f '${Status}' corelanes)" = "install ok installed" ] || fail "$1: package not fully installed"
  if $shipped_cache; then
    [ -f /opt/corelanes/lib/app/corelanes.aot ] || { echo "$out" >&2; fail "$1: the window cache did not pass its check at install"; }
  fi
  if [ "$1" = "no menu system" ]; then
    grep -q 'CoreLanes: no menu entry or file type registered' <<<"$out" || { echo "$out" >&2; fail "$1: no one-line notice"; }
  else
    [ -f /usr/share/applications/corelanes-CoreLanes.desktop ] || fail "$1: no menu entry registered"
    [ -f /usr/share/mime/packages/corelanes-CoreLanes-MimeInfo.xml ] || fail "$1: run-file type not registered"
  fi
  # Runs of the installed app keep their cache in a home of their own: the user's is compared below.
  local home
  home=$(mktemp -d)
  HOME=$home XDG_CACHE_HOME=$home/.cache XDG_DATA_HOME=$home/.local/share JAVA_TOOL_OPTIONS=-Duser.home=$home \
    /opt/corelanes/bin/CoreLanes info >/dev/null 2>&1 || fail "$1: the installed launcher does not run"
  HOME=$home XDG_CACHE_HOME=$home/.cache XDG_DATA_HOME=$home/.local/share JAVA_TOOL_OPTIONS=-Duser.home=$home \
    /opt/corelanes/bin/CoreLanes run --mode processes --kind sleep --tasks 2 --seconds 0.2 >/dev/null 2>&1 \
    || fail "$1: a processes run through the installed launcher failed"
  rm -rf "$home"
  out=$(dpkg -i "$deb" 2>&1) || { echo "$out" >&2; fail "$1: reinstalling (upgrade in place) failed"; }
  out=$(dpkg --purge corelanes 2>&1) || { echo "$out" >&2; fail "$1: removing the package failed"; }
  dpkg -s corelanes >/dev/null 2>&1 && fail "$1: the package is still known to dpkg after removal"
  ours=false
  local left
  left=$(comm -13 <(echo "$before") <(snapshot))
  [ -z "$left" ] || fail "$1: removal left files behind: $left"
  say ".deb $1: installs, upgrades, runs, uninstalls cleanly"
}

# The user's runs and cache are theirs: installing and removing the package must not touch them. Marker
# files stand for them (other programs may change the real ones while this runs).
data_dir=${XDG_DATA_HOME:-$HOME/.local/share}/corelanes/runs
cache_dir=${XDG_CACHE_HOME:-$HOME/.cache}/corelanes
mkdir -p "$data_dir" "$cache_dir"
markers="$data_dir/check-package-marker.corelanes.json $cache_dir/check-package-marker"
for m in $markers; do echo "check-package $$" > "$m"; done

# xdg-desktop-menu needs a writable menus folder and desktop-directories folder, which a desktop has.
menu_dirs="/etc/xdg/menus /usr/share/desktop-directories"
has_menu=true
for d in $menu_dirs; do [ -d "$d" ] || has_menu=false; done
if $has_menu; then
  round "with a menu system"
else
  round "no menu system"
  # The same with the folders of a desktop menu system, for as long as this check runs.
  for d in $menu_dirs; do [ -d "$d" ] || { mkdir -p "$d"; made="$made $d"; }; done
  round "with a menu system"
fi
for m in $markers; do
  [ "$(cat "$m" 2>/dev/null)" = "check-package $$" ] || fail "removing the package touched the user's $m"
  rm -f "$m"
done
say "the user's runs and cache were left alone"
