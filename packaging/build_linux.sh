#!/usr/bin/env bash
# Build the self-contained Linux bundle: a PyInstaller onedir folder and a .tar.gz of it.
#
#   packaging/build_linux.sh [OUT_DIR]      # default OUT_DIR: dist/ at the top of the checkout
#
# Gives OUT_DIR/verging-desktop/ (run OUT_DIR/verging-desktop/verging-desktop; the `verging`
# command is beside it) and OUT_DIR/verging-desktop-<version>-linux-<arch>.tar.gz.
# Runs PyInstaller with the Python in $PYTHON (default: python3), which must have the app's
# dependencies and PyInstaller:  pip install . pyinstaller   (or -e .; the spec takes the
# package's code from this checkout). The bundle is built for this machine's architecture and
# glibc: build on the oldest distribution you want it to run on.
#
# No AppImage: appimagetool and the AppImage runtime are not in Debian's or PyPI's packages (the
# PyPI tools that make AppImages download them at build time), and this build uses registry
# packages only. The onedir archive is the download.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
py="${PYTHON:-python3}"
out="${1:-$root/dist}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$(mktemp -d -t verging-pyinstaller.XXXXXX)"
trap 'rm -rf "$work"' EXIT

version="$(cd "$root" && "$py" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')"
arch="$(uname -m)"
start=$(date +%s)
rm -rf "$out/verging-desktop"
(cd "$root" && "$py" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$out" --workpath "$work/build" packaging/pyinstaller/verging-desktop.spec)
bundle="$out/verging-desktop"
[ -x "$bundle/verging-desktop" ] && [ -x "$bundle/verging" ] || { echo "build_linux: the programs are missing" >&2; exit 1; }
built=$(date +%s)

archive="$out/verging-desktop-$version-linux-$arch.tar.gz"
# reproducible-ish: sorted names, no owner, one timestamp (the last commit's, else now)
mtime="${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}"
tar -C "$out" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$mtime" -czf "$archive" verging-desktop
end=$(date +%s)
echo "build_linux: $bundle ($(du -sh "$bundle" | cut -f1)) in $((built - start)) s"
echo "build_linux: $archive ($(du -sh "$archive" | cut -f1)) in $((end - built)) s"
