"""Remote inputs (services/remote.py) against a real HTTP server on 127.0.0.1, real ffmpeg and
yt-dlp's real generic extractor. Nothing here reaches another host."""

from __future__ import annotations

import asyncio
import os
import socket
from pathlib import Path

import av
import numpy as np
import pytest

from tests.conftest import make_audio, make_clip, make_image
from tests.media_host import MediaHost, forbid_other_hosts
from verging_desktop.core.errors import InputError
from verging_desktop.jobs.prepare import plan_video, probe_video
from verging_desktop.media import ffrun
from verging_desktop.media.probe import probe
from verging_desktop.services import remote
from verging_desktop.services.remote import RemoteMedia, fetch, is_url

pytestmark = pytest.mark.timeout(60)


def run(coro, timeout: float = 45.0):
    async def bounded():
        return await asyncio.wait_for(coro, timeout)

    return asyncio.run(bounded())


@pytest.fixture(autouse=True)
def only_localhost(monkeypatch):
    """Every connection made in this process goes to 127.0.0.1 (yt-dlp included): another host fails the test."""
    elsewhere = forbid_other_hosts(monkeypatch)
    yield
    assert elsewhere == []


@pytest.fixture(scope="module")
def clips(tmp_path_factory, ffmpeg) -> Path:
    d = tmp_path_factory.mktemp("clips")
    make_clip(ffmpeg, d / "clip.mp4", seconds=12, size="640x360", gop=25, extra=["-movflags", "+faststart"])
    make_image(ffmpeg, d / "face.png")
    make_audio(ffmpeg, d / "voice.mp3", seconds=2)
    (d / "page.mp4").write_text("<!DOCTYPE html><html><body>Sign in to watch</body></html>")
    return d


@pytest.fixture
def host(clips, tmp_path):
    with MediaHost(clips) as h:
        yield h


@pytest.fixture
def cache(tmp_path) -> Path:
    return tmp_path / "cache"


def cache_files(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*") if p.is_file()) if cache.exists() else []


def gray_frame(path: Path, t: float) -> tuple[np.ndarray, float]:
    """The first decoded frame at or after ``t`` (seconds from the file's start) and its time."""
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        origin = (c.start_time or 0) / 1_000_000
        for f in c.decode(v):
            ft = float(f.time) - origin
            if ft >= t - 1e-3:
                return f.to_ndarray(format="gray").astype(int), ft
    raise AssertionError("no frame")


# -- is_url -----------------------------------------------------------------------------------------
def test_is_url() -> None:
    assert is_url("https://example.com/a.mp4") and is_url("  http://127.0.0.1:8/x \n")
    for text in ("/home/me/a.mp4", "C:\\videos\\a.mp4", "a.mp4", "ftp://host/a.mp4", "file:///a.mp4", "", "http://",
                 "see https://x.com/a b"):
        assert not is_url(text), text
    assert not is_url(Path("/tmp/a.mp4")) and not is_url(None)


def test_local_range() -> None:
    r = RemoteMedia(Path("x.mp4"), "x", "http://h/x.mp4", offset=3.96, section=(4.3, 7.0))
    s, e = r.local_range(4.3, 7.0)
    assert s == pytest.approx(0.34) and e == pytest.approx(3.04)
    assert r.local_range(None, None) == (None, None) and r.local_range(1.0, None) == (0.0, None)


# -- direct URLs ------------------------------------------------------------------------------------
def test_direct_video_whole_then_cached(host, clips, cache) -> None:
    seen: list[float] = []
    url = host.url("clip.mp4")
    r = run(fetch(url, cache_dir=cache, progress=lambda p: seen.append(p.done)))
    size = (clips / "clip.mp4").stat().st_size
    assert r.path.read_bytes() == (clips / "clip.mp4").read_bytes()
    assert (r.title, r.url, r.offset, r.section, r.from_cache, r.kind) == ("clip.mp4", url, 0.0, None, False, "mp4")
    assert r.fetched_bytes == size == host.sent("clip.mp4")
    assert seen and seen[-1] == size
    assert url not in str(r.path) and "clip" not in str(r.path.relative_to(cache))  # a hash, not the URL
    # the fetched file is used as a dropped one
    info = run(probe_video(r.path))
    assert plan_video(info, *r.local_range(2.0, 7.0)).length == pytest.approx(5.0)

    host.reset_counters()
    again = run(fetch(url, cache_dir=cache))
    assert again.from_cache and again.fetched_bytes == 0 and again.path == r.path
    assert host.count() == 0  # no request at all
    # a whole file covers every section
    part = run(fetch(url, cache_dir=cache, start=3.0, end=6.0))
    assert part.from_cache and part.offset == 0.0 and host.count() == 0

    # a cached entry whose file changed, or is gone, is fetched again
    with r.path.open("ab") as f:
        f.write(b"x")
    third = run(fetch(url, cache_dir=cache))
    assert not third.from_cache and host.count() > 0 and third.path.stat().st_size == size
    third.path.unlink()
    fourth = run(fetch(url, cache_dir=cache))
    assert not fourth.from_cache and fourth.path.stat().st_size == size
    assert len(cache_files(cache)) == 2  # the file and its entry.json, nothing else


def test_direct_image_and_audio(host, cache) -> None:
    img = run(fetch(host.url("face.png"), cache_dir=cache, want="image"))
    assert img.kind == "png" and img.path.suffix == ".png" and img.title == "face.png"
    aud = run(fetch(host.url("voice.mp3"), cache_dir=cache, want="audio", start=1.0))
    assert aud.kind == "mp3" and aud.section is None and aud.offset == 0.0
    with pytest.raises(InputError, match="not an image"):
        run(fetch(host.url("voice.mp3"), cache_dir=cache / "x", want="image"))
    assert cache_files(cache / "x") == []


def test_content_type_without_extension(host, clips, cache) -> None:
    (clips / "stream").write_bytes((clips / "face.png").read_bytes())
    host.types["stream"] = "image/png"
    r = run(fetch(host.url("stream?size=big"), cache_dir=cache, want="image"))
    assert r.kind == "png" and r.path.suffix == ".png"


# -- sections -------------------------------------------------------------------------------------
def test_section_reads_fewer_bytes_and_starts_at_offset(host, clips, cache) -> None:
    src = clips / "clip.mp4"
    whole = src.stat().st_size
    r = run(fetch(host.url("clip.mp4"), cache_dir=cache, start=6.5, end=9.0))
    sent = host.sent("clip.mp4")
    assert r.section == (6.5, 9.0) and not r.from_cache and r.note == ""
    assert sent < whole * 0.75, (sent, whole)
    src_info, got = probe(src), probe(r.path)
    key = src_info.keyframe_at_or_before(6.5)
    assert key == pytest.approx(6.0)
    # the file's first frame is the source's keyframe, at ``offset`` in the original
    first = got.frame_times[0]
    assert r.offset + first == pytest.approx(key, abs=1e-3)
    a, _ = gray_frame(r.path, first)
    b, tb = gray_frame(src, key)
    assert tb == pytest.approx(key, abs=1e-3) and np.abs(a - b).mean() < 1.0
    c, _ = gray_frame(src, key + src_info.frame_duration)
    assert np.abs(a - c).mean() > 1.0  # the comparison tells neighbouring frames apart
    # the section is covered: the user's 6.5..9.0 is inside the file
    s, e = r.local_range(6.5, 9.0)
    assert 0 < s < e <= got.duration + 0.05
    info = run(probe_video(r.path))
    assert plan_video(info, s, e).length == pytest.approx(2.5)
    # the same or a covered section again: from the cache, no request
    host.reset_counters()
    assert run(fetch(host.url("clip.mp4"), cache_dir=cache, start=7.0, end=8.0)).from_cache
    assert host.count() == 0
    assert not run(fetch(host.url("clip.mp4"), cache_dir=cache, start=2.0, end=3.0)).from_cache


def test_section_of_separate_video_and_audio(host, clips, ffmpeg, tmp_path) -> None:
    """A site's video-only and audio-only formats (what yt-dlp finds on YouTube) are copied together."""
    import subprocess

    src = clips / "clip.mp4"
    for name, opts in (("v.mp4", ["-an"]), ("a.m4a", ["-vn"])):
        subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-i", str(src), *opts, "-c", "copy",
                        "-movflags", "+faststart", str(clips / name)], check=True, timeout=60)
    work = tmp_path / "work"
    work.mkdir()
    got = run(remote._ffmpeg_section([(host.url("v.mp4"), {"Referer": host.base}), (host.url("a.m4a"), None)],
                                     work, 6.5, 9.0, progress=None, audio_codec="aac"))
    assert got is not None
    out, offset = got
    info = probe(out)
    assert info.has_audio and info.audio_codec == "aac" and info.video_codec == "h264"
    assert offset + info.frame_times[0] == pytest.approx(6.0, abs=1e-3)
    a, _ = gray_frame(out, info.frame_times[0])
    b, _ = gray_frame(src, 6.0)
    assert np.abs(a - b).mean() < 1.0
    assert host.sent("v.mp4") < (clips / "v.mp4").stat().st_size * 0.75


def test_section_of_a_webm_and_a_section_that_is_most_of_the_file(host, clips, ffmpeg, cache) -> None:
    import subprocess

    webm = clips / "clip.webm"
    subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=320x240:rate=25:duration=12", "-c:v", "libvpx", "-deadline", "realtime",
                    "-g", "25", "-b:v", "1M", str(webm)], check=True, timeout=60)
    r = run(fetch(host.url("clip.webm"), cache_dir=cache, start=6.5, end=9.0))
    assert r.section == (6.5, 9.0) and r.path.suffix == ".mkv" and r.kind == "webm"
    got = probe(r.path)
    assert r.offset + got.frame_times[0] == pytest.approx(6.0, abs=1e-3)
    # 1 s to 12 s is most of the file: fetched whole, which then covers every section
    whole = run(fetch(host.url("clip.mp4"), cache_dir=cache, start=1.0))
    assert whole.section is None and whole.offset == 0.0 and whole.note == ""
    assert whole.path.read_bytes() == (clips / "clip.mp4").read_bytes()


def test_section_without_range_support_fetches_whole(host, clips, cache) -> None:
    host.no_range.add("clip.mp4")
    r = run(fetch(host.url("clip.mp4"), cache_dir=cache, start=4.0, end=6.0))
    assert r.section is None and r.offset == 0.0 and "whole file" in r.note
    assert r.path.stat().st_size == (clips / "clip.mp4").stat().st_size


# -- pages through yt-dlp ----------------------------------------------------------------------------
def test_generic_page_gives_video_with_title(host, clips, cache, tmp_path, monkeypatch) -> None:
    # yt-dlp writes nowhere but the cache entry: not the working folder, not a home or cache folder
    for var in ("HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        (tmp_path / var).mkdir()
        monkeypatch.setenv(var, str(tmp_path / var))
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    page = host.video_page("watch.html", "clip.mp4", title="Sunset over the bay")
    r = run(fetch(page, cache_dir=cache))
    for d in ("HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "cwd"):
        assert list((tmp_path / d).iterdir()) == [], d
    assert sorted(p.name for p in cache_files(cache)) == ["entry.json", "media.mp4"]
    assert r.title == "Sunset over the bay" and r.url == page and r.offset == 0.0
    assert r.path.stat().st_size == (clips / "clip.mp4").stat().st_size and r.kind == "mp4"
    host.reset_counters()
    assert run(fetch(page, cache_dir=cache)).from_cache and host.count() == 0


def test_generic_page_section(host, clips, cache) -> None:
    page = host.video_page("watch.html", "clip.mp4", title="Sunset")
    r = run(fetch(page, cache_dir=cache, start=6.5, end=9.0))
    assert r.title == "Sunset" and r.section == (6.5, 9.0)
    assert host.sent("clip.mp4") < (clips / "clip.mp4").stat().st_size * 0.75
    got = probe(r.path)
    assert r.offset + got.frame_times[0] == pytest.approx(6.0, abs=1e-3)


def test_hls_playlist_whole_and_section(host, clips, cache, ffmpeg) -> None:
    long = make_clip(ffmpeg, clips / "long.mp4", seconds=24, gop=25)
    playlist = host.hls(ffmpeg, long, "hls/index.m3u8", segment=1.0)
    whole = run(fetch(playlist, cache_dir=cache))
    assert whole.kind == "mp4" and whole.offset == 0.0
    w = probe(whole.path)
    assert w.duration == pytest.approx(24.0, abs=0.1)
    total = sum(host.bytes_sent.values())
    host.reset_counters()
    # a page whose <video> is the playlist, with a section: ffmpeg reads only the segments needed
    page = host.page("live.html", f"<html><head><title>Stream</title></head><body><video src='{playlist}'>"
                                  "</video></body></html>")
    r = run(fetch(page, cache_dir=cache, start=15.5, end=18.0))
    assert r.title == "Stream" and r.section == (15.5, 18.0)
    # fewer bytes than the whole (opening the playlist reads its first segments, twice: PyAV, ffmpeg)
    assert sum(host.bytes_sent.values()) < total * 0.6, dict(host.bytes_sent)
    got = probe(r.path)
    # in the playlist's own times (those of the whole download), the section begins at a keyframe
    key = w.keyframe_at_or_before(15.5)
    assert r.offset + got.frame_times[0] == pytest.approx(key, abs=2e-3)
    a, _ = gray_frame(r.path, got.frame_times[0])
    b, _ = gray_frame(whole.path, key)
    assert np.abs(a - b).mean() < 1.0


def test_page_without_video(host, cache) -> None:
    page = host.page("empty.html", "<html><head><title>Nothing here</title></head><body><p>Hi</p></body></html>")
    with pytest.raises(InputError, match="No video was found"):
        run(fetch(page, cache_dir=cache))
    assert cache_files(cache) == []
    with pytest.raises(InputError, match="web page, not an image"):
        run(fetch(page, cache_dir=cache, want="image"))


# -- refusals ---------------------------------------------------------------------------------------
def test_http_errors(host, cache) -> None:
    with pytest.raises(InputError, match="Nothing was found at this address") as e404:
        run(fetch(host.url("missing.mp4"), cache_dir=cache))
    assert "404" in str(e404.value)
    host.status["secret.mp4"] = 403
    with pytest.raises(InputError, match="refused to give this file"):
        run(fetch(host.url("secret.mp4"), cache_dir=cache))
    host.status["broken.mp4"] = 500
    with pytest.raises(InputError, match=r"had a problem \(500\)"):
        run(fetch(host.url("broken.mp4"), cache_dir=cache))
    host.status["gone.html"] = 404
    with pytest.raises(InputError, match="Nothing was found"):
        run(fetch(host.url("gone.html"), cache_dir=cache))
    assert cache_files(cache) == []


def test_connection_refused(cache) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(InputError, match="could not be reached"):
        run(fetch(f"http://127.0.0.1:{port}/clip.mp4", cache_dir=cache))
    assert cache_files(cache) == []


def test_web_page_instead_of_video(host, cache) -> None:
    with pytest.raises(InputError, match="This address gave a web page, not a video"):
        run(fetch(host.url("page.mp4"), cache_dir=cache))
    with pytest.raises(InputError, match="web page, not a video"):
        run(fetch(host.url("page.mp4"), cache_dir=cache, start=1.0, end=2.0))
    assert cache_files(cache) == []


def test_too_large_and_confirm(host, clips, cache, monkeypatch) -> None:
    size = (clips / "clip.mp4").stat().st_size
    with pytest.raises(InputError, match="the limit is"):
        run(fetch(host.url("clip.mp4"), cache_dir=cache, max_bytes=size - 1))
    assert host.sent("clip.mp4") == 0 and cache_files(cache) == []

    monkeypatch.setattr(remote, "LARGE_BYTES", 1024)
    asked: list[int] = []

    async def no(n: int) -> bool:
        asked.append(n)
        return False

    async def yes(n: int) -> bool:
        asked.append(n)
        return True

    with pytest.raises(InputError, match="not confirmed"):
        run(fetch(host.url("clip.mp4"), cache_dir=cache, confirm_size=no))
    assert asked == [size] and host.sent("clip.mp4") == 0 and cache_files(cache) == []
    with pytest.raises(InputError, match="not confirmed"):  # no one to ask: refused
        run(fetch(host.url("clip.mp4"), cache_dir=cache))
    r = run(fetch(host.url("clip.mp4"), cache_dir=cache, confirm_size=yes))
    assert r.fetched_bytes == size and asked == [size, size]


def test_too_large_without_a_size_in_advance(host, clips, cache) -> None:
    # HEAD refused: the one-byte range probe still tells the size
    (clips / "nohead.mp4").write_bytes((clips / "clip.mp4").read_bytes())
    host.no_head.add("nohead.mp4")
    r = run(fetch(host.url("nohead.mp4"), cache_dir=cache, max_bytes=10 * 1024 * 1024))
    assert r.kind == "mp4"
    with pytest.raises(InputError, match="the limit is"):
        run(fetch(host.url("nohead.mp4"), cache_dir=cache / "b", max_bytes=1024))
    assert cache_files(cache / "b") == []


def test_no_size_in_advance_limit_and_confirm(host, clips, cache, monkeypatch) -> None:
    (clips / "unsized.mp4").write_bytes((clips / "clip.mp4").read_bytes())
    size = (clips / "unsized.mp4").stat().st_size
    host.no_length.add("unsized.mp4")
    with pytest.raises(InputError, match="the limit is"):
        run(fetch(host.url("unsized.mp4"), cache_dir=cache, max_bytes=1024 * 1024))
    assert cache_files(cache) == []
    assert host.sent("unsized.mp4") < size  # stopped while streaming
    monkeypatch.setattr(remote, "LARGE_BYTES", 1024 * 1024)
    asked: list[int] = []

    async def yes(n: int) -> bool:
        asked.append(n)
        return True

    r = run(fetch(host.url("unsized.mp4"), cache_dir=cache, confirm_size=yes))
    # asked once the download passed the threshold (the size was not known), then finished
    assert len(asked) == 1 and asked[0] > 1024 * 1024
    assert r.path.read_bytes() == (clips / "unsized.mp4").read_bytes()


def test_site_errors_are_clear_sentences() -> None:
    import yt_dlp

    def err(msg: str, ie: str = "youtube") -> str:
        inner = yt_dlp.utils.ExtractorError(msg, expected=True, ie=ie)
        try:
            raise inner
        except yt_dlp.utils.ExtractorError:
            import sys

            outer = yt_dlp.utils.DownloadError(f"ERROR: [{ie}] {msg}", sys.exc_info())
        return str(remote._ydl_error(outer, "https://www.example.com/watch?v=x"))

    assert "This video is private" in err("Private video. Sign in if you've been granted access to this video")
    assert "removed or is not available" in err("Video unavailable. This video has been removed by the uploader")
    assert "No video was found" in err("Unsupported URL: https://www.example.com/", ie="generic")
    assert "Nothing was found" in err("Unable to download webpage: HTTP Error 404: Not Found")
    text = err("Sign in to confirm your age")
    assert text == ("This site could not be read: Sign in to confirm your age. Download the video yourself and drop "
                    "the file in.")


def test_credentials_refused_and_never_stored(host, cache, caplog) -> None:
    caplog.set_level("DEBUG")
    url = host.url("clip.mp4").replace("http://", "http://alice:hunter2secret@")
    with pytest.raises(InputError) as err:
        run(fetch(url, cache_dir=cache))
    msg = str(err.value)
    assert "user name or password" in msg and "hunter2secret" not in msg and "alice" not in msg
    assert "hunter2secret" not in caplog.text
    assert host.count() == 0
    for p in cache.rglob("*") if cache.exists() else []:
        assert "hunter2secret" not in p.name
        if p.is_file():
            assert b"hunter2secret" not in p.read_bytes()
    assert not is_url("not a url") and cache_files(cache) == []


def test_bad_addresses(cache) -> None:
    with pytest.raises(InputError, match="starts with ftp"):
        run(fetch("ftp://127.0.0.1/a.mp4", cache_dir=cache))
    with pytest.raises(InputError, match="is not a web address"):
        run(fetch("/home/me/a.mp4", cache_dir=cache))
    with pytest.raises(InputError, match="must come after"):
        run(fetch("http://127.0.0.1:1/a.mp4", cache_dir=cache, start=5, end=2))


# -- cancel -----------------------------------------------------------------------------------------
def test_cancel_direct_download_leaves_nothing(host, cache) -> None:
    host.slow["clip.mp4"] = 0.05  # 64 KB every 50 ms: about 2 s for the file

    async def go() -> None:
        seen: list[float] = []
        task = asyncio.create_task(fetch(host.url("clip.mp4"), cache_dir=cache, progress=lambda p: seen.append(p.done)))
        for _ in range(200):
            if seen:
                break
            await asyncio.sleep(0.02)
        assert seen and not task.done()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await asyncio.wait_for(task, 10)

    run(go())
    assert cache_files(cache) == []


def test_cancel_section_kills_ffmpeg(host, cache) -> None:
    host.slow["clip.mp4"] = 0.1
    pids: list[int] = []
    real = ffrun.run_ffmpeg

    async def spy(*a, **kw):
        kw["on_start"] = pids.append
        return await real(*a, **kw)

    async def go() -> None:
        import unittest.mock

        with unittest.mock.patch.object(ffrun, "run_ffmpeg", spy):
            task = asyncio.create_task(fetch(host.url("clip.mp4"), cache_dir=cache, start=6.5, end=9.0))
            for _ in range(300):
                if pids:
                    break
                await asyncio.sleep(0.02)
            assert pids
            await asyncio.sleep(0.2)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await asyncio.wait_for(task, 15)

    run(go())
    assert pids and pids[0] not in ffrun.active_pids()
    with pytest.raises(ProcessLookupError):
        os.kill(pids[0], 0)
    assert cache_files(cache) == []


def test_cancel_page_download(host, cache) -> None:
    host.slow["clip.mp4"] = 0.05
    page = host.video_page("watch.html", "clip.mp4", title="Slow")

    async def go() -> None:
        seen: list[float] = []
        task = asyncio.create_task(fetch(page, cache_dir=cache, progress=lambda p: seen.append(p.done)))
        for _ in range(300):
            if seen:
                break
            await asyncio.sleep(0.02)
        assert seen
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await asyncio.wait_for(task, 20)

    run(go())
    assert cache_files(cache) == []


def test_cancel_while_a_page_is_read(host, cache) -> None:
    """Cancel during yt-dlp's extraction (a page that answers slowly) returns at once, leaving nothing."""
    host.video_page("slow.html", "clip.mp4", title="Slow page")
    host.slow["slow.html"] = 2.0

    async def go() -> float:
        task = asyncio.create_task(fetch(host.url("slow.html"), cache_dir=cache))
        for _ in range(300):
            if host.count("slow.html") >= 2:  # the HEAD, then yt-dlp's GET
                break
            await asyncio.sleep(0.02)
        assert host.count("slow.html") >= 2
        loop = asyncio.get_running_loop()
        t0 = loop.time()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await asyncio.wait_for(task, 10)
        return loop.time() - t0

    assert run(go()) < 1.0
    assert cache_files(cache) == []


def test_site_extractors_are_recognised_without_a_request() -> None:
    assert remote._site_extractor("https://www.youtube.com/watch?v=dQw4w9WgXcQ") == "Youtube"
    assert remote._site_extractor("https://www.bilibili.com/video/BV1xx411c7mD") == "BiliBili"
    assert remote._site_extractor("http://127.0.0.1:8000/watch.html") is None


def test_a_fetched_section_goes_through_the_video_use_case(host, cache, tmp_path) -> None:
    """verging faceswap -v URL -s 2 -e 7: the section fetched, then cut exactly as a dropped file: 5 s."""
    from verging_desktop.jobs.prepare import prepare_video

    r = run(fetch(host.url("clip.mp4"), cache_dir=cache, start=2.0, end=7.0))
    assert r.section == (2.0, 7.0) and r.offset <= 2.0
    s, e = r.local_range(2.0, 7.0)
    prepared = run(prepare_video(r.path, start=s, end=e, work_dir=tmp_path / "cuts"))
    assert prepared.duration == pytest.approx(5.0, abs=0.05)
    assert probe(prepared.path).duration == pytest.approx(5.0, abs=0.05)
    # and it begins with the original's frame at 2.0 s (the smart cut re-encodes up to the next keyframe)
    src = host.root / "clip.mp4"
    a, _ = gray_frame(prepared.path, 0.0)
    here, before, after = (np.abs(a - gray_frame(src, t)[0]).mean() for t in (2.0, 1.96, 2.04))
    assert here < 2.0 and here < before and here < after


def test_page_with_audio(host, cache) -> None:
    page = host.page("song.html", "<html><head><title>A song</title></head><body>"
                                  "<audio controls src='/voice.mp3'></audio></body></html>")
    r = run(fetch(page, cache_dir=cache, want="audio"))
    assert r.title == "A song" and r.kind == "mp3" and r.offset == 0.0


def test_page_video_over_the_limit(host, clips, cache) -> None:
    size = (clips / "clip.mp4").stat().st_size
    page = host.video_page("big.html", "clip.mp4", title="Big")
    with pytest.raises(InputError, match="the limit is"):  # the server says the size: yt-dlp stops at once
        run(fetch(page, cache_dir=cache, max_bytes=size // 2))
    assert host.sent("clip.mp4") <= 256 * 1024 and cache_files(cache) == []  # the answer's first bytes only
    (clips / "unsized.mp4").write_bytes((clips / "clip.mp4").read_bytes())
    host.no_length.add("unsized.mp4")
    # paced (10 ms per 64 KB) so that loopback's socket buffers cannot take the whole file before
    # the client stops reading, however loaded the machine is
    host.slow["unsized.mp4"] = 0.01
    page = host.video_page("big2.html", "unsized.mp4", title="Big")
    with pytest.raises(InputError, match="the limit is"):  # no size said: stopped while downloading
        run(fetch(page, cache_dir=cache, max_bytes=size // 2))
    assert host.sent("unsized.mp4") < size and cache_files(cache) == []


def test_youtube_challenges_are_solved_locally() -> None:
    """YouTube gives no usable format without a JavaScript runtime: the declared deno is found and
    yt-dlp accepts it, and the challenge scripts are installed (nothing is fetched at run time)."""
    import yt_dlp
    import yt_dlp_ejs

    from verging_desktop.services.remote import js_runtimes

    rt = js_runtimes()
    path = Path(rt["deno"]["path"])
    assert path.is_file()
    with yt_dlp.YoutubeDL({"js_runtimes": rt, "quiet": True, "remote_components": []}) as ydl:
        info = ydl._js_runtimes["deno"].info
    assert info is not None and info.supported and info.path == str(path)
    solver = Path(yt_dlp_ejs.__file__).parent / "yt" / "solver"
    assert sorted(p.name for p in solver.glob("*.js"))
