"""URLs wherever a command takes a file (cli/remote_input.py over services/remote.py), end to end:
the real `verging` command against the sandbox, media served by `tests.media_host.MediaHost` on
127.0.0.1, real ffmpeg and yt-dlp's real generic extractor. Nothing here reaches another host."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import av
import pytest

from tests.conftest import make_audio, make_clip, make_image
from tests.media_host import MediaHost, forbid_other_hosts, wait_until
from verging_desktop.jobs.store import JobStore
from verging_desktop.sandbox import DEMO_KEY

pytestmark = pytest.mark.timeout(120)


@pytest.fixture(autouse=True)
def only_localhost(monkeypatch):
    """Every connection made in this process goes to 127.0.0.1 (yt-dlp included)."""
    elsewhere = forbid_other_hosts(monkeypatch)
    yield
    assert elsewhere == []


@pytest.fixture(scope="module")
def media(tmp_path_factory, ffmpeg) -> Path:
    d = tmp_path_factory.mktemp("remote-cli")
    make_clip(ffmpeg, d / "clip.mp4", seconds=30, size="640x360", gop=25, extra=["-movflags", "+faststart"])
    make_clip(ffmpeg, d / "short.mp4", seconds=3, size="160x120")
    make_image(ffmpeg, d / "face.png")
    make_image(ffmpeg, d / "product.jpg")
    make_audio(ffmpeg, d / "voice.mp3", seconds=2)
    (d / "page.mp4").write_text("<!DOCTYPE html><html><body>Sign in to watch</body></html>")
    return d


@pytest.fixture
def host(media):
    with MediaHost(media) as h:
        yield h


def duration(p: Path) -> float:
    with av.open(str(p)) as c:
        return float(c.duration) / 1e6


def store_jobs() -> list:
    db = Path(os.environ["VERGING_DATA_DIR"]) / "jobs.db"
    if not db.exists():
        return []
    s = JobStore(db)
    try:
        return s.list(include_hidden=True)
    finally:
        s.close()


def writes(sandbox) -> list[str]:
    return [k for k, n in sandbox.stats()["requests"].items() if n and k.startswith(("POST", "PUT"))]


def uploaded(sandbox) -> list[Path]:
    """The video files the sandbox received (its storage of uploads)."""
    root = Path(sandbox.store.files_dir) / "uploads"
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix == ".mp4") if root.exists() else []


def refused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# -- Verging: faceswap / enhance ------------------------------------------------------------------
def test_faceswap_direct_url_section_is_cut_to_5_s_and_fetched_in_part(cli, sandbox, host, media) -> None:
    url = host.url("clip.mp4")
    code, out, err = cli("faceswap", "-v", url, "-f", str(media / "face.png"), "-s", "2", "-e", "7", "-d")
    assert code == 0, err
    assert "Fetching the video from 127.0.0.1 (2-7 s)" in err and "Estimated cost: 5 credits" in err
    assert "Fetching the video: 100.0% (5.0/5.0 s)" in err  # a section's progress is in seconds
    # only the section was read from the host
    assert 0 < host.sent("clip.mp4") < (media / "clip.mp4").stat().st_size * 0.6
    # what went up lasts 5 s (the fetched section, cut or as it is), and so does the result
    ups = uploaded(sandbox)
    assert len(ups) == 1 and duration(ups[0]) == pytest.approx(5.0, abs=0.1)
    result = Path(out.strip().splitlines()[-1])
    assert result.exists() and duration(result) == pytest.approx(5.0, abs=0.1)
    assert result.name == "clip_faceswap.mp4"
    (job,) = store_jobs()
    assert job.input_name == "clip.mp4" and job.params["source_url"] == url
    assert job.status.value == "completed"

    # the same URL again: from the cache, no request to the host
    host.reset_counters()
    code, out, err = cli("faceswap", "-v", url, "-f", str(media / "face.png"), "-s", "2", "-e", "7", "--json")
    assert code == 0, err
    assert host.count() == 0 and "fetched before (no download)" in err
    assert json.loads(out)["duration"] == pytest.approx(5.0, abs=0.1)


def test_faceswap_page_url_uses_the_title_and_cuts_5_s(cli, sandbox, host, media) -> None:
    page = host.video_page("watch.html", "clip.mp4", title="Sunset over the bay")
    face = host.url("face.png")
    code, out, err = cli("faceswap", "-v", page, "-f", face, "-s", "2", "-e", "7", "-d")
    assert code == 0, err
    assert host.sent("clip.mp4") < (media / "clip.mp4").stat().st_size * 0.6
    ups = uploaded(sandbox)
    assert len(ups) == 1 and duration(ups[0]) == pytest.approx(5.0, abs=0.1)
    result = Path(out.strip().splitlines()[-1])
    assert result.name == "Sunset over the bay_faceswap.mp4" and duration(result) == pytest.approx(5.0, abs=0.1)
    (job,) = store_jobs()
    assert job.input_name == "Sunset over the bay.mp4" and job.status.value == "completed"
    assert job.params["source_url"] == page and job.params["source_urls"] == [page, face]
    # 'verging jobs show' tells where it came from
    code, out, err = cli("jobs", "show", str(job.local_id))
    assert code == 0 and f"source: {page}" in out and "input: Sunset over the bay.mp4" in out

    host.reset_counters()
    code, out, err = cli("faceswap", "-v", page, "-f", face, "-s", "2", "-e", "7")
    assert code == 0, err
    assert host.count() == 0


def test_enhance_whole_url_without_trim(cli, sandbox, host, media) -> None:
    code, out, err = cli("enhance", "-v", host.url("short.mp4"))
    assert code == 0, err
    assert host.sent("short.mp4") == (media / "short.mp4").stat().st_size and "Estimated cost: 9 credits" in err


# -- Verging: bg-remove, stt, vision ----------------------------------------------------------------
def test_bg_remove_image_url(cli, sandbox, host, media) -> None:
    url = host.url("product.jpg")
    code, out, err = cli("bg-remove", "-i", url, "-d")
    assert code == 0, err
    # one progress line, in bytes
    assert "Fetching the image: 100.0% (" in err and " KB of " in err and " s)" not in err
    path = Path(out.strip().splitlines()[-1])
    assert path.exists() and path.name.startswith("product")
    (job,) = store_jobs()
    assert job.input_name == "product.jpg" and job.params["source_url"] == url


def test_stt_audio_url(cli, sandbox, host) -> None:
    code, out, err = cli("stt", "-f", host.url("voice.mp3"))
    assert code == 0, err
    assert out.strip() and host.sent("voice.mp3") > 0


def test_stt_page_url_transcribes_its_sound(cli, sandbox, host, tmp_path) -> None:
    page = host.video_page("talk.html", "clip.mp4", title="Town meeting")
    code, out, err = cli("stt", "-f", page, "-o", str(tmp_path) + "/")
    assert code == 0, err
    written = [Path(x) for x in out.strip().splitlines() if x.endswith(".txt")]
    assert [p.name for p in written] == ["Town meeting.txt"] and written[0].exists()


def test_vision_direct_image_url_is_passed_on(cli, sandbox, host) -> None:
    code, out, err = cli("vision", "-i", host.url("face.png"), "-p", "What is this?")
    assert code == 0, err
    # the API reads a direct image address itself: nothing was fetched here
    assert not (Path(os.environ["VERGING_DATA_DIR"]) / "remote").exists()
    assert "Fetching" not in err


# -- bad input ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("case", ["404", "refused", "html", "credentials", "page_for_image"])
def test_bad_urls_are_refused_before_anything_is_sent(cli, sandbox, host, media, case) -> None:
    face = str(media / "face.png")
    if case == "404":
        args = ["faceswap", "-v", host.url("missing.mp4"), "-f", face, "-s", "2", "-e", "7"]
        expect = "Nothing was found at this address"
    elif case == "refused":
        args = ["enhance", "-v", f"http://127.0.0.1:{refused_port()}/clip.mp4"]
        expect = "could not be reached"
    elif case == "html":
        args = ["faceswap", "-v", host.url("page.mp4"), "-f", face]
        expect = "web page, not a video"
    elif case == "credentials":
        args = ["faceswap", "-v", host.url("clip.mp4").replace("http://", "http://alice:hunter2secret@"),
                "-f", face]
        expect = "user name or password"
    else:
        args = ["bg-remove", "-i", host.video_page("watch.html", "clip.mp4")]
        expect = "web page, not an image"
    sandbox.reset_stats()
    code, out, err = cli(*args)
    assert code == 2, err
    lines = [x for x in err.strip().splitlines() if x.startswith("verging: ")]
    assert len(lines) == 1 and expect in lines[0] and lines[0] == err.strip().splitlines()[-1], err
    assert "Traceback" not in err and "hunter2secret" not in out + err and "alice" not in out + err
    assert writes(sandbox) == [] and sandbox.stats()["uploads"] == 0 and store_jobs() == []
    remote_dir = Path(os.environ["VERGING_DATA_DIR"]) / "remote"
    assert not [p for p in remote_dir.rglob("*") if p.is_file()] if remote_dir.exists() else True
    if case == "credentials":
        assert host.count() == 0


def gray_frame(path: Path, t: float):
    """The first decoded frame at or after ``t`` (seconds from the file's start) as gray pixels."""
    import numpy as np

    with av.open(str(path)) as c:
        origin = (c.start_time or 0) / 1_000_000
        for f in c.decode(c.streams.video[0]):
            if float(f.time) - origin >= t - 1e-3:
                return f.to_ndarray(format="gray").astype(np.int16)
    raise AssertionError("no frame")


def test_a_section_between_keyframes_is_exactly_the_asked_range(cli, sandbox, host, media) -> None:
    """-s 2.6 -e 7.6: the section is fetched from the keyframe at 2 s, then cut in the fetched file's
    times, so what goes up begins with the original's frame at 2.6 s and lasts 5 s."""
    import numpy as np

    code, out, err = cli("enhance", "-v", host.url("clip.mp4"), "-s", "2.6", "-e", "7.6", "-d")
    assert code == 0, err
    assert "Cut 2.600-7.600 s" in err
    (up,) = uploaded(sandbox)
    assert duration(up) == pytest.approx(5.0, abs=0.05)
    first = gray_frame(up, 0.0)
    assert np.abs(first - gray_frame(media / "clip.mp4", 2.6)).mean() < 3.0
    assert np.abs(first - gray_frame(media / "clip.mp4", 2.0)).mean() > 3.0  # not the keyframe's


@pytest.mark.parametrize(("start", "end", "expect"), [("40", "45", "The in point 40 s is past the end of the video"),
                                                      ("27", "33", "The out point 33 s is past the end of the video")])
def test_a_range_past_the_end_is_said_in_the_original_times(cli, sandbox, host, media, start, end, expect) -> None:
    sandbox.reset_stats()
    code, out, err = cli("enhance", "-v", host.url("clip.mp4"), "-s", start, "-e", end)
    assert code == 2 and expect in err and "ends at 30.0" in err, err
    assert writes(sandbox) == [] and store_jobs() == []


def test_a_range_too_long_is_refused_before_fetching(cli, sandbox, host, media) -> None:
    code, out, err = cli("faceswap", "-v", host.url("clip.mp4"), "-f", str(media / "face.png"), "-s", "0", "-e", "40")
    assert code == 2 and "The range 0.000 s to 40.000 s is 40.0 s" in err, err
    assert host.count() == 0


def test_large_download_needs_yes_without_a_terminal(cli, sandbox, host, media, monkeypatch) -> None:
    from verging_desktop.services import remote

    monkeypatch.setattr(remote, "LARGE_BYTES", 1024)
    monkeypatch.setattr(sys, "stdin", open(os.devnull))  # noqa: SIM115 - not a terminal
    url = host.url("short.mp4")
    code, out, err = cli("enhance", "-v", url)
    assert code == 2 and "not confirmed" in err and "--yes" in err, err
    assert host.sent("short.mp4") == 0 and store_jobs() == []
    code, out, err = cli("enhance", "-v", url, "--yes")
    assert code == 0, err
    assert host.sent("short.mp4") == (media / "short.mp4").stat().st_size


class _Terminal:
    """Standard input that is a terminal, where the user types ``answer``."""

    def __init__(self, answer: str) -> None:
        self.answer = answer
        self.asked = 0

    def isatty(self) -> bool:
        return True

    def readline(self) -> str:
        self.asked += 1
        return self.answer


@pytest.mark.parametrize("answer", ["n\n", "y\n"])
def test_large_download_is_asked_on_a_terminal(cli, sandbox, host, media, monkeypatch, answer) -> None:
    from verging_desktop.services import remote

    monkeypatch.setattr(remote, "LARGE_BYTES", 1024)
    term = _Terminal(answer)
    monkeypatch.setattr(sys, "stdin", term)
    code, out, err = cli("enhance", "-v", host.url("short.mp4"))
    assert term.asked == 1 and "Download it? [y/N]" in err
    if answer.startswith("n"):
        assert code == 2 and "not confirmed" in err and "--yes" not in err, err
        assert host.sent("short.mp4") == 0 and store_jobs() == []
    else:
        assert code == 0, err
        assert [j.status.value for j in store_jobs()] == ["completed"]


def test_ctrl_c_during_a_fetch_leaves_nothing_and_exits_130(sandbox, host, media, tmp_path) -> None:
    host.slow["clip.mp4"] = 0.1  # 64 KB every 100 ms
    data = Path(os.environ["VERGING_DATA_DIR"])
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen([sys.executable, "-m", "verging_desktop.cli", "enhance", "-v", host.url("clip.mp4"),
                             "--base-url", sandbox.base_url, "--api-key", DEMO_KEY],
                            cwd=tmp_path, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert wait_until(lambda: host.sent("clip.mp4") > 0, timeout=30)
        time.sleep(0.3)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    remote_dir = data / "remote"
    assert not [p for p in remote_dir.rglob("*") if p.is_file()] if remote_dir.exists() else True
    assert store_jobs() == []


# -- Vimmerse and varg -----------------------------------------------------------------------------
def test_vimmerse_direct_url_is_passed_on_and_a_trim_fetches_and_uploads(cli, sandbox, host, media) -> None:
    url = host.url("clip.mp4")
    uploads = sandbox.vimmerse_stats()["uploads"]
    # passed on as it is (the sandbox cannot read other hosts, so the job is only sent, not followed)
    code, out, err = cli("vimmerse", "crop", "-v", url, "--aspect", "9:16", "--no-wait")
    assert code == 0, err
    assert sandbox.vimmerse_stats()["uploads"] == uploads and "Fetching" not in err
    (crop,) = store_jobs()
    assert crop.params["request"]["video_url"] == url and "source_url" not in crop.params
    code, out, err = cli("vimmerse", "enhance", "-v", url, "-s", "2", "-e", "7", "-d")
    assert code == 0, err
    assert sandbox.vimmerse_stats()["uploads"] == uploads + 1
    assert 0 < host.sent("clip.mp4") < (media / "clip.mp4").stat().st_size * 0.6
    job = [j for j in store_jobs() if j.kind.endswith("enhance")][0]
    assert job.params["source_url"] == url and job.input_name == "clip.mp4"
    sent = [Path(p) for p in job.inputs]  # the local file that was hosted on Vimmerse
    assert len(sent) == 1 and duration(sent[0]) == pytest.approx(5.0, abs=0.1)


def test_vimmerse_page_url_is_fetched_and_uploaded(cli, sandbox, host, media) -> None:
    page = host.video_page("watch.html", "clip.mp4", title="Harbour")
    uploads = sandbox.vimmerse_stats()["uploads"]
    code, out, err = cli("vimmerse", "sound-effect", "-v", page, "-p", "waves")
    assert code == 0, err
    assert sandbox.vimmerse_stats()["uploads"] == uploads + 1
    (job,) = store_jobs()
    assert job.input_name == "Harbour.mp4" and job.params["source_url"] == page


def test_varg_page_url_is_fetched_and_a_direct_one_passed_on(sandbox, host, media, capsys, monkeypatch,
                                                            tmp_path) -> None:
    from verging_desktop.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VERGING_POLL_INTERVAL", "0.2")
    sandbox.varg_job_seconds = 0.4
    base = ["--base-url", sandbox.varg_url, "--api-key", sandbox.varg_demo_key]
    page = host.video_page("talk.html", "voice.mp3", title="Interview")
    code = main(["varg", "transcribe", "-f", page, *base])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert sandbox.varg_stats()["uploads"] == 1
    (job,) = store_jobs()
    assert job.input_name.startswith("Interview") and job.params["source_url"] == page
    before = sandbox.varg_stats()["uploads"]
    # passed on as it is (the sandbox cannot read other hosts, so the job is only sent, not followed)
    code = main(["varg", "image", "-p", "the same, in blue", "-i", host.url("product.jpg"), "--no-wait", *base])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert sandbox.varg_stats()["uploads"] == before and "Fetching" not in err



def _subparsers(parser):
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield name, sub
                yield from ((f"{name} {n}", s) for n, s in _subparsers(sub))


def test_every_media_option_says_it_takes_a_url() -> None:
    from verging_desktop.cli.parser import build_parser

    media = {"video", "face", "image", "file", "audio", "ref", "bg_image", "bg_video"}
    seen = 0
    for name, sub in _subparsers(build_parser()):
        dests = {a.dest: a for a in sub._actions}
        for dest in media & dests.keys():
            seen += 1
            assert "URL" in (dests[dest].help or ""), (name, dest)
        if media & dests.keys():
            for dest in ("start", "end"):
                if dest in dests and name != "vimmerse estimate":
                    assert "only" in (dests[dest].help or "") and "URL" in (dests[dest].help or ""), (name, dest)
    assert seen > 20


def test_vimmerse_and_varg_bad_urls_are_refused_before_anything_is_sent(cli, sandbox, host, capsys) -> None:
    from verging_desktop.cli import main

    missing = host.video_page("gone.html", "clip.mp4")
    host.status["gone.html"] = 404
    uploads = sandbox.vimmerse_stats()["uploads"]
    code, out, err = cli("vimmerse", "sound-effect", "-v", missing, "-p", "waves")
    assert code == 2 and err.strip().splitlines()[-1].startswith("verging: Nothing was found at this address"), err
    assert sandbox.vimmerse_stats()["uploads"] == uploads and store_jobs() == []
    assert not [k for k, n in sandbox.stats()["requests"].items() if n and "/vimmerse/" in k]

    secret = host.url("talk").replace("http://", "http://carol:s3cretpass@")
    code = main(["varg", "transcribe", "-f", secret, "--base-url", sandbox.varg_url,
                 "--api-key", sandbox.varg_demo_key])
    out, err = capsys.readouterr()
    assert code == 2 and "user name or password" in err and "s3cretpass" not in out + err, err
    assert sandbox.varg_stats()["uploads"] == 0 and not sandbox.varg_stats()["created"] and store_jobs() == []


def test_looks_direct() -> None:
    from verging_desktop.services.remote import looks_direct

    for url in ("https://cdn.example.com/a/clip.MP4", "http://h/x.jpg?sig=1", " https://h/voice.mp3 "):
        assert looks_direct(url), url
    for url in ("https://www.youtube.com/watch?v=x", "https://www.bilibili.com/video/BV1", "https://h/page.html",
                "https://h/hls/index.m3u8", "https://h/stream", "/home/me/a.mp4", "ftp://h/a.mp4", ""):
        assert not looks_direct(url), url
