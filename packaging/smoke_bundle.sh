#!/usr/bin/env bash
# Smoke-test a built Linux bundle the way a new user would run it: an empty environment (no
# Python, no PYTHONPATH, no ffmpeg on PATH, a fresh HOME), then
#   1. the window offscreen against its embedded sandbox up to the first paint and the session
#      ready (VERGING_STARTUP_PROBE=ready prints VERGING_FIRST_PAINT and VERGING_READY);
#   2. one face swap with the frozen `verging` beside it, against its embedded sandbox, on a clip
#      and a face made with the bundle's own ffmpeg; the result must be downloaded;
#   0. every file of resources/ and Qt's qtbase_zh_CN.qm are in the bundle;
#   3. --install-desktop-entry into the fresh HOME: the entry's Exec is the bundle's program, and
#      desktop-file-validate accepts it (when installed).
#
#   packaging/smoke_bundle.sh [BUNDLE_DIR]    # default: dist/verging-desktop
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bundle="$(cd "${1:-$root/dist/verging-desktop}" && pwd)"
work="$(mktemp -d -t verging-smoke.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home"
mkdir -p "$work/tmp"
clean() { (cd "$work" && env -i HOME="$work/home" TMPDIR="$work/tmp" PATH=/usr/bin:/bin LANG=C.UTF-8 "$@"); }

out="$(clean QT_QPA_PLATFORM=offscreen VERGING_STARTUP_PROBE=ready timeout 180 "$bundle/verging-desktop" --sandbox 2>"$work/gui.err")" \
  || { cat "$work/gui.err" >&2; echo "smoke_bundle: the frozen app did not start" >&2; exit 1; }
case "$out" in
  *VERGING_FIRST_PAINT*VERGING_READY*state=sandbox*) echo "smoke_bundle: first paint and sandbox session: $(echo "$out" | tr '\n' ' ')" ;;
  *) cat "$work/gui.err" >&2; echo "smoke_bundle: no first paint / ready from the frozen app: $out" >&2; exit 1 ;;
esac

# every file of this checkout's resources/ (pricing, icons, translations, the desktop entry) is in
# the bundle where core/resources.py looks for it, and Qt's own Chinese translations are there
missing=""
while IFS= read -r f; do
  [ -f "$bundle/_internal/verging_desktop/resources/$f" ] || missing="$missing $f"
done < <(cd "$root/resources" && find . -type f ! -path '*/__pycache__/*' ! -name '*.pyc' | sed 's|^\./||')
[ -z "$missing" ] || { echo "smoke_bundle: resources missing from the bundle:$missing" >&2; exit 1; }
[ -f "$bundle/_internal/PySide6/Qt/translations/qtbase_zh_CN.qm" ] \
  || { echo "smoke_bundle: Qt's qtbase_zh_CN.qm is not in the bundle" >&2; exit 1; }
echo "smoke_bundle: resources/ and Qt's translations are in the bundle"
# what yt-dlp needs for YouTube: deno (run once) and the challenge scripts of yt-dlp-ejs
"$bundle/_internal/deno/deno" --version >/dev/null 2>&1 \
  || { echo "smoke_bundle: deno is not in the bundle (or does not run)" >&2; exit 1; }
ls "$bundle"/_internal/yt_dlp_ejs/yt/solver/*.js >/dev/null 2>&1 \
  || { echo "smoke_bundle: yt-dlp-ejs's challenge scripts are not in the bundle" >&2; exit 1; }
echo "smoke_bundle: deno and yt-dlp-ejs are in the bundle"

ff="$(ls "$bundle"/_internal/imageio_ffmpeg/binaries/ffmpeg-* | head -1)"
[ -x "$ff" ] || { echo "smoke_bundle: the bundle has no ffmpeg" >&2; exit 1; }
"$ff" -v error -f lavfi -i testsrc2=size=320x240:rate=25 -f lavfi -i sine=frequency=440 -t 4 \
  -c:v libx264 -pix_fmt yuv420p -c:a aac "$work/clip.mp4"
"$ff" -v error -f lavfi -i testsrc2=size=256x256 -frames:v 1 "$work/face.jpg"
clean VERGING_POLL_INTERVAL=0.2 timeout 300 "$bundle/verging" --sandbox faceswap -v clip.mp4 -f face.jpg \
  -o swapped.mp4 >"$work/cli.out" 2>"$work/cli.err" \
  || { cat "$work/cli.out" "$work/cli.err" >&2; echo "smoke_bundle: the frozen CLI's face swap failed" >&2; exit 1; }
[ -s "$work/swapped.mp4" ] && grep -q "Charged:" "$work/cli.err" \
  || { cat "$work/cli.out" "$work/cli.err" >&2; echo "smoke_bundle: no face swap result" >&2; exit 1; }
echo "smoke_bundle: frozen CLI face swap: $(grep -E '^(Estimated|Charged)' "$work/cli.err" | tr '\n' ' ')"

clean "$bundle/verging-desktop" --install-desktop-entry >"$work/install.out" 2>&1 \
  || { cat "$work/install.out" >&2; echo "smoke_bundle: --install-desktop-entry failed" >&2; exit 1; }
entry="$work/home/.local/share/applications/ai.verging.VergingDesktop.desktop"
grep -qx "Exec=$bundle/verging-desktop %F" "$entry" \
  || { cat "$entry" >&2; echo "smoke_bundle: the installed entry does not start this bundle" >&2; exit 1; }
[ -f "$work/home/.local/share/icons/hicolor/256x256/apps/ai.verging.VergingDesktop.png" ] \
  || { echo "smoke_bundle: the icons were not installed" >&2; exit 1; }
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$entry"; fi
echo "smoke_bundle: desktop entry installed for the user: $entry"
echo "smoke_bundle: ok"
