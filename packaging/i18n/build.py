"""Build the compiled catalogues ``resources/translations/*.qm`` from the ``.ts`` sources.

    python packaging/i18n/build.py            # every .ts -> .qm beside it (committed)
    python packaging/i18n/build.py --check    # exit 1 if a committed .qm differs from a fresh build

``pyside6-lrelease`` does the work; a test (tests/i18n/test_catalogue.py) runs the check, so the
committed ``.qm`` files are always those of the ``.ts`` files beside them.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract import TRANSLATIONS, tool


def build(ts: Path, qm: Path) -> None:
    subprocess.run([tool("lrelease"), "-silent", "-nounfinished", str(ts),
                    "-qm", str(qm)], check=True, stdout=subprocess.DEVNULL)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Build the .qm catalogues from the .ts sources.")
    p.add_argument("--check", action="store_true", help="only say whether the committed .qm files are current")
    args = p.parse_args(argv)
    stale = []
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if args.check:
            with tempfile.TemporaryDirectory(prefix="verging-qm-") as tmp:
                fresh = Path(tmp) / qm.name
                build(ts, fresh)
                if not qm.exists() or qm.read_bytes() != fresh.read_bytes():
                    stale.append(qm)
        else:
            build(ts, qm)
            print(f"built {qm.name}")
    for qm in stale:
        print(f"{qm.name} is not current with its .ts: run python packaging/i18n/build.py")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
