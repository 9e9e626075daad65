"""`verging faceswap` and `verging enhance`: probe, cut, upload, create, poll, download."""

from __future__ import annotations

from pathlib import Path

import av
import pytest

from tests.conftest import make_clip, make_image
from verging_desktop.sandbox import DEMO_KEY


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    from verging_desktop.media.binaries import ffmpeg_exe

    d = tmp_path_factory.mktemp("clips")
    ff = ffmpeg_exe()
    return {
        "long": make_clip(ff, d / "long clip é.mp4", seconds=32, size="160x120", gop=25),
        "short": make_clip(ff, d / "short.mp4", seconds=3, size="160x120"),
        "face": make_image(ff, d / "face.png"),
        "audio": d / "a.mp3",
        "ff": ff,
        "dir": d,
    }


def duration(p: Path) -> float:
    with av.open(str(p)) as c:
        return float(c.duration) / 1e6


def test_faceswap_range_is_cut_and_billed_by_real_duration(cli, sandbox, clips, tmp_path) -> None:
    before = sandbox.credits(DEMO_KEY)
    code, out, err = cli("faceswap", "-v", str(clips["long"]), "-f", str(clips["face"]), "-s", "2", "-e", "7",
                         "--hd", "-o", str(tmp_path / "swapped.mp4"))
    assert code == 0, err
    assert "Estimated cost: 15 credits" in err and "Charged: 15 credits" in err
    assert sandbox.credits(DEMO_KEY) == before - 15
    result = Path(out.strip().splitlines()[-1])
    assert result == tmp_path / "swapped.mp4" and result.exists()
    assert duration(result) == pytest.approx(5.0, abs=0.1)


def test_long_video_uses_the_first_30_seconds_and_says_so(cli, sandbox, clips) -> None:
    code, out, err = cli("enhance", "-v", str(clips["long"]), "-d")
    assert code == 0, err
    assert "first 30 s are used" in err and "Estimated cost: 90 credits" in err
    path = Path(out.strip().splitlines()[-1])
    assert path.name == "long clip é_enhanced.mp4"


def test_short_mp4_goes_up_uncut(cli, sandbox, clips) -> None:
    code, out, err = cli("faceswap", "-v", str(clips["short"]), "-f", str(clips["face"]))
    assert code == 0, err
    assert "Cut " not in err and "Estimated cost: 3 credits" in err


@pytest.mark.parametrize("case", ["reversed", "too_long", "outside", "not_video", "image_as_video", "video_as_face",
                                  "truncated", "missing"])
def test_bad_input_is_refused_before_anything_is_sent(cli, sandbox, clips, tmp_path, case) -> None:
    long, face = str(clips["long"]), str(clips["face"])
    args = {
        "reversed": ["faceswap", "-v", long, "-f", face, "-s", "9", "-e", "4"],
        "too_long": ["faceswap", "-v", long, "-f", face, "-s", "0", "-e", "31"],
        "outside": ["enhance", "-v", long, "-s", "40", "-e", "45"],
        "image_as_video": ["enhance", "-v", face],
        "video_as_face": ["faceswap", "-v", long, "-f", long],
        "missing": ["enhance", "-v", str(tmp_path / "nope.mp4")],
    }.get(case)
    if case == "not_video":
        p = tmp_path / "notes.mp4"
        p.write_text("this is not a video")
        args = ["enhance", "-v", str(p)]
    if case == "truncated":
        p = tmp_path / "half.mp4"
        data = clips["short"].read_bytes()
        p.write_bytes(data[: len(data) // 2])
        args = ["enhance", "-v", str(p)]
    sandbox.reset_stats()
    code, out, err = cli(*args)
    assert code == 2, err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert not [k for k in sandbox.stats()["requests"] if k.startswith(("POST", "PUT"))]
    assert sandbox.stats()["uploads"] == 0


def test_the_choice_and_the_upload_rate_are_printed(cli, sandbox, clips) -> None:
    # no upload measured to the sandbox yet in this data dir: the default rate is assumed and said
    code, out, err = cli("faceswap", "-v", str(clips["long"]), "-f", str(clips["face"]), "-s", "2", "-e", "5")
    assert code == 0, err
    assert "not measured yet" in err or "at your" in err
    assert "Uploaded " in err and "Mbit/s" in err
    assert err.index("to upload at") < err.index("Uploaded ")
    # a forced mode wins and says so
    code, out, err = cli("faceswap", "-v", str(clips["long"]), "-f", str(clips["face"]), "-s", "2", "-e", "5",
                         "--cut-mode", "compact")
    assert code == 0, err
    assert "(compact)" in err and "as you chose" in err
