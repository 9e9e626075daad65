#!/usr/bin/env bash
# Build the wheel and the sdist (python -m build: the sdist first, the wheel from the unpacked sdist),
# install the wheel into a fresh virtual environment, and start it as a new user would:
# `verging --version`, and the window offscreen against its embedded sandbox up to the first paint
# (VERGING_STARTUP_PROBE=1 prints VERGING_FIRST_PAINT and exits 0). The resources (pricing tables,
# icons, desktop entry) must be found from site-packages, not from this checkout.
#
#   packaging/check_wheel.sh [OUT_DIR]     # OUT_DIR gets dist/*.whl and *.tar.gz (default: a temp dir)
#
# Needs: python3 with venv, and the `build` package in the running environment (`pip install build`).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d -t verging-wheel.XXXXXX)"
trap 'rm -rf "$work"' EXIT
out="${1:-$work/dist}"
py="${PYTHON:-python3}"

"$py" -m build --outdir "$out" "$root" >"$work/build.log" 2>&1 || { tail -40 "$work/build.log" >&2; echo "check_wheel: python -m build failed" >&2; exit 1; }
whl="$(ls "$out"/verging_desktop-*.whl)"
sdist="$(ls "$out"/verging_desktop-*.tar.gz)"
echo "check_wheel: built $(basename "$whl") and $(basename "$sdist")"
for f in verging_desktop/resources/pricing.json verging_desktop/resources/icons/app/verging-desktop.svg \
         verging_desktop/resources/linux/ai.verging.VergingDesktop.desktop; do
  "$py" -c "import sys, zipfile; sys.exit(0 if '$f' in zipfile.ZipFile('$whl').namelist() else 1)" \
    || { echo "check_wheel: $f is not in the wheel" >&2; exit 1; }
done

# a clean venv, a clean home: nothing of this checkout or this user on the way
"$py" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q "$whl"
home="$work/home"; mkdir -p "$home"
run() { (cd "$work" && env -u PYTHONPATH -u VERGING_API_KEY HOME="$home" XDG_DATA_HOME="$home/.local/share" \
  XDG_CONFIG_HOME="$home/.config" XDG_CACHE_HOME="$home/.cache" XDG_STATE_HOME="$home/.local/state" "$@"); }
run "$work/venv/bin/verging" --version
where="$(run "$work/venv/bin/python" -c 'from verging_desktop.core.resources import resource_path; print(resource_path("pricing.json"))')"
case "$where" in
  "$work/venv/"*) echo "check_wheel: resources from the wheel: $where" ;;
  *) echo "check_wheel: resources came from $where, not from the installed wheel" >&2; exit 1 ;;
esac
paint="$(run env QT_QPA_PLATFORM=offscreen VERGING_STARTUP_PROBE=1 timeout 180 "$work/venv/bin/verging-desktop" --sandbox 2>"$work/app.err")" \
  || { cat "$work/app.err" >&2; echo "check_wheel: the installed app did not start" >&2; exit 1; }
case "$paint" in
  *VERGING_FIRST_PAINT*) echo "check_wheel: first paint: ${paint##*VERGING_FIRST_PAINT }s" ;;
  *) cat "$work/app.err" >&2; echo "check_wheel: no first paint from the installed app" >&2; exit 1 ;;
esac
echo "check_wheel: ok"
