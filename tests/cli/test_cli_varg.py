"""`verging varg ...` end to end against the sandbox's varg paths over loopback: every command of
issue 13's table with real files, the estimate then the charge (cents from the usage record), cache
hits free (`cache hit: free`), --no-cache / --no-store, BYOK from the environment, upload dedupe,
transcripts as .txt/.srt/.vtt, bad input refused before any request, exit codes and one-line
errors, --no-wait then `verging jobs wait`, and `verging keys add --provider varg`."""

from __future__ import annotations

import asyncio
import io
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import av
import pytest

from tests.conftest import make_audio, make_image
from verging_desktop.cli import main
from verging_desktop.core.errors import JobFailed

#: made-up keys, built at run time (never a real key in a file)
OTHER_KEY = "varg_" + "t" * 20
FAL_KEY = "fal-" + "k" * 20


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    from verging_desktop.media.binaries import ffmpeg_exe

    ff = ffmpeg_exe()
    d = tmp_path_factory.mktemp("varg-cli")
    text = d / "notes.txt"
    text.write_text("not an image at all\n" * 20, "utf-8")
    fake = d / "fake.png"
    fake.write_text("this is text pretending to be a PNG\n", "utf-8")
    return {
        "cat": make_image(ff, d / "cat.png", size="320x240"),
        "dog": make_image(ff, d / "dog.jpg", color="blue"),
        "voice": make_audio(ff, d / "voice.wav", seconds=3),
        "text": text,
        "fake": fake,
    }


@pytest.fixture
def vcli(sandbox, capsys, monkeypatch, tmp_path):
    """``vcli(*args, key=...)``: ``verging varg ARGS --base-url <sandbox varg> --api-key KEY`` (the
    demo key by default; None: no --api-key). VARG_BASE_URL/VARG_API_KEY point at the sandbox too, so
    ``verging jobs wait`` follows the varg jobs. ``vcli.top(*argv)`` runs any other command."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VERGING_POLL_INTERVAL", "0.2")
    for var in ("VARG_PROVIDER_KEY_FAL", "VARG_PROVIDER_KEY_ELEVENLABS", "VARG_PROVIDER_KEY_HIGGSFIELD",
                "VARG_PROVIDER_KEY_REPLICATE", "VARG_MAX_RUNNING"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("VARG_BASE_URL", sandbox.varg_url)
    monkeypatch.setenv("VARG_API_KEY", sandbox.varg_demo_key)
    sandbox.varg_job_seconds = 0.4

    def run(*args: str, key: str | None = sandbox.varg_demo_key):
        argv = ["varg", *args, "--base-url", sandbox.varg_url]
        if key:
            argv += ["--api-key", key]
        code = main(argv)
        out, err = capsys.readouterr()
        return code, out, err

    def top(*argv: str):
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    run.top = top  # type: ignore[attr-defined]
    return run


def posts(sandbox) -> int:
    """The charging requests (and uploads) varg received."""
    return sum(n for k, n in sandbox.varg_stats()["requests"].items() if k.startswith("POST "))


def varg_requests(sandbox) -> int:
    return sum(sandbox.varg_stats()["requests"].values())


def estimated_cents(err: str) -> float:
    m = re.search(r"Estimated cost: ([\d.,]+)\u00a0¢", err)
    assert m, err
    return float(m.group(1).replace(",", ""))


def charged_cents(err: str) -> float:
    m = re.search(r"Charged ([\d.,]+)\u00a0¢ \(\$[\d.,]+\), estimate ([\d.,]+)\u00a0¢", err)
    assert m, err
    return float(m.group(1).replace(",", ""))


def error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert [x for x in lines if x.startswith("verging: ")] == lines[-1:], err
    return lines[-1]


def one_path(out: str) -> Path:
    (line,) = [x for x in out.splitlines() if x.strip()]
    p = Path(line)
    assert p.is_file(), out
    return p


def seconds(p: Path) -> float:
    with av.open(str(p)) as c:
        return float(c.duration) / 1e6


# -- jobs -------------------------------------------------------------------------------------------------
def test_video_charges_its_usage_record_then_the_same_request_is_a_free_cache_hit(vcli, sandbox, tmp_path) -> None:
    key = sandbox.varg_demo_key
    before = sandbox.varg_balance(key)
    out_dir = tmp_path / "clips"
    out_dir.mkdir()
    code, out, err = vcli("video", "-p", "a red fox in the snow", "--duration", "5", "--aspect", "16:9",
                          "-o", str(out_dir))
    assert code == 0, err
    clip = one_path(out)
    assert clip.parent == out_dir and seconds(clip) > 0
    est, charged = estimated_cents(err), charged_cents(err)
    assert charged > 0 and before - sandbox.varg_balance(key) == pytest.approx(charged)
    assert charged == pytest.approx(est)  # the sandbox charges the table the estimate reads
    assert "cache hit" not in err and "Traceback" not in err

    # the same request: varg's cache answers, free, at once; the estimate said it probably would be
    mid = sandbox.varg_balance(key)
    code, out, err = vcli("video", "-p", "a red fox in the snow", "--duration", "5", "--aspect", "16:9",
                          "-o", str(out_dir))
    assert code == 0, err
    assert "cache hit: free" in err.splitlines()
    assert "Estimated cost: probably from cache: free" in err  # the CLI remembered the first request
    assert sandbox.varg_balance(key) == mid
    second = one_path(out)
    assert second != clip and second.parent == out_dir  # nothing is overwritten

    # --no-cache: looked up again, charged again; --no-store: charged, and not stored
    code, _, err = vcli("video", "-p", "a red fox in the snow", "--duration", "5", "--aspect", "16:9", "--no-cache")
    assert code == 0, err
    assert "cache hit" not in err
    assert sandbox.varg_balance(key) == pytest.approx(mid - charged_cents(err))
    code, _, err = vcli("video", "-p", "a blue fox", "--no-store")
    assert code == 0 and "cache hit" not in err
    code, _, err = vcli("video", "-p", "a blue fox")
    assert code == 0 and "cache hit" not in err, err  # --no-store kept it out of the cache

    # the queue has them all: 'verging jobs' lists varg jobs in cents, 'jobs show' says the cache
    code, listed, _ = vcli.top("jobs")
    assert code == 0 and listed.count("varg") >= 5 and "¢" in listed
    code, shown, _ = vcli.top("jobs", "show", "2")
    assert code == 0 and "provider: varg" in shown and "cache: hit (free)" in shown and "¢" in shown


def test_image_to_video_and_images_json(vcli, sandbox, files) -> None:
    code, out, err = vcli("video", "-p", "the cat walks", "-i", str(files["cat"]), "--model", "kling-v2.6",
                          "--duration", "10", "-d", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert Path(data["paths"][0]).is_file() and data["cache"] == "miss"
    assert data["charged_cents"] == pytest.approx(data["estimate_cents"]) and data["charged_cents"] > 0
    assert data["job"]["kind"] == "varg-video" and data["job"]["params"]["file_urls"]

    code, out, err = vcli("image", "-p", "a lighthouse at dusk", "--aspect", "9:16", "-d")
    assert code == 0, err
    png = one_path(out)
    with av.open(str(png)) as c:
        frame = next(c.decode(video=0))
        assert frame.height > frame.width  # 9:16
    code, out, err = vcli("image", "--model", "background-remover", "-i", str(files["dog"]), "-d")
    assert code == 0, err
    cut = one_path(out)
    with av.open(str(cut)) as c:
        assert "a" in c.streams.video[0].codec_context.pix_fmt  # alpha
    code, out, err = vcli("image", "-p", "x y", "--json")
    assert code == 0, err
    code, out, _ = vcli.top("jobs", "show", str(json.loads(out)["job"]["local_id"]))
    assert code == 0 and "tool: image" in out


def test_speech_and_music_follow_their_length(vcli, sandbox) -> None:
    code, out, err = vcli("speech", "-t", "Hello there. " * 12, "--voice", "sarah", "-d")
    assert code == 0, err
    long_ = seconds(one_path(out))
    code, out, err = vcli("speech", "-t", "Hi.", "-d")
    assert code == 0, err
    assert seconds(one_path(out)) < long_
    code, out, err = vcli("music", "-p", "calm piano", "--duration", "12", "-d")
    assert code == 0, err
    assert seconds(one_path(out)) == pytest.approx(12, abs=1.0)
    assert "Charged" in err


@pytest.mark.parametrize("ext", [".txt", ".srt", ".vtt"])
def test_transcribe_writes_the_format_its_name_says(vcli, sandbox, files, tmp_path, ext) -> None:
    target = tmp_path / f"words{ext}"
    code, out, err = vcli("transcribe", "-f", str(files["voice"]), "--language", "en", "-o", str(target))
    assert code == 0, err
    assert target.is_file() and str(target) in out
    body = target.read_text("utf-8")
    text = out.replace(str(target), "").strip()
    assert text and text.split()[0] in body
    assert "no timestamps" not in err  # the sandbox's transcript file has segments
    if ext == ".srt":
        assert re.search(r"^1\n00:00:00,000 --> 00:00:\d\d,\d{3}$", body, re.M), body
        assert re.search(r"--> 00:00:03,000$", body, re.M), body  # the last cue ends with the audio
    elif ext == ".vtt":
        assert body.startswith("WEBVTT\n") and re.search(r"^00:00:00\.000 --> ", body, re.M), body
    else:
        assert "-->" not in body


def test_no_wait_then_jobs_wait_downloads_it(vcli, sandbox, tmp_path) -> None:
    sandbox.varg_job_seconds = 1.5
    out_file = tmp_path / "later.png"
    code, out, err = vcli("image", "-p", "a kite", "--no-wait", "-o", str(out_file))
    assert code == 0, err
    local_id = out.strip()
    assert local_id.isdigit() and "jobs wait" in err
    code, out, err = vcli.top("jobs", "wait", local_id, "--timeout", "60")
    assert code == 0, err
    assert one_path(out) == out_file


def test_cancel_and_job(vcli, sandbox) -> None:
    sandbox.varg_job_seconds = 60
    code, out, err = vcli("video", "-p", "a slow sunset", "--no-wait", "--json")
    assert code == 0, err
    job = json.loads(out)["job"]
    remote, local = job["remote_id"], job["local_id"]
    code, out, _ = vcli("job", remote)
    assert code == 0 and f"id: {remote}" in out and re.search(r"status: (queued|processing)", out)
    code, out, err = vcli("cancel", str(local))
    assert code == 0, err
    assert "cancelled" in out
    code, out, _ = vcli("job", remote, "--json")
    assert code == 0 and json.loads(out)["status"] == "cancelled"
    code, out, _ = vcli.top("jobs", "show", str(local))
    assert "cancelled" in out
    # an id varg does not know: 404, exit 5, one line
    code, _, err = vcli("job", "job_doesnotexist")
    assert code == 5 and "verging: " in error_line(err)


# -- the account ------------------------------------------------------------------------------------------
def test_upload_twice_sends_nothing_the_second_time(vcli, sandbox, files) -> None:
    code, out, err = vcli("upload", "-f", str(files["cat"]))
    assert code == 0, err
    assert re.search(r"^url: https?://", out, re.M) and re.search(r"^hash: sha256:[0-9a-f]{64}$", out, re.M)
    assert "deduplicated: no" in out
    sent = sandbox.varg_stats()["upload_bytes"]
    assert sent == files["cat"].stat().st_size
    code, out, err = vcli("upload", "-f", str(files["cat"]))
    assert code == 0, err
    assert "deduplicated: yes" in out and "0 bytes sent" in out
    assert sandbox.varg_stats()["upload_bytes"] == sent
    code, _, err = vcli("upload", "-f", str(files["cat"].with_name("missing.png")))
    assert code == 2 and "missing.png" in error_line(err)


def test_voices_balance_usage_me(vcli, sandbox) -> None:
    code, out, _ = vcli("voices")
    assert code == 0 and "rachel" in out.lower()
    code, out, _ = vcli("voices", "--search", "rachel", "--json")
    voices = json.loads(out)
    assert voices and all("rachel" in (v["name"] + v["voice_id"]).lower() for v in voices)
    code, out, _ = vcli("balance")
    cents = sandbox.varg_balance(sandbox.varg_demo_key)
    assert code == 0 and out.strip().startswith(f"{cents:,g}\u00a0¢") and "$" in out
    code, out, _ = vcli("me", "--json")
    assert code == 0 and json.loads(out)["user_id"]

    assert vcli("image", "-p", "a green apple")[0] == 0
    assert vcli("image", "-p", "a green apple")[0] == 0  # a hit
    code, out, _ = vcli("usage")
    assert code == 0 and "flux-schnell" in out and "image" in out and "hit" in out and "free" in out
    assert re.search(r"Total: [\d.,]+\u00a0¢ \(\$[\d.]+\) in 2 jobs \(1 from cache, free\)", out), out
    code, out, _ = vcli("usage", "--from", "2000-01-01", "--to", "2000-01-02", "--json")
    assert code == 0 and json.loads(out)["records"] == []
    code, _, err = vcli("usage", "--from", "yesterday")
    assert code == 2 and "YYYY-MM-DD" in error_line(err)


# -- refused before anything is sent ------------------------------------------------------------------------
@pytest.mark.parametrize("args, words", [
    (["video", "-p", "  "], "prompt"),
    (["video", "-p", "a fox", "--model", "kling-9"], "kling-v2.5"),          # the message lists the known models
    (["video", "-p", "a fox", "--duration", "7"], "5"),                      # kling takes 5 or 10
    (["video", "-p", "a fox", "--aspect", "wide"], "W:H"),
    (["image", "-p", "a fox", "-i", "missing.png"], "missing.png"),
    (["image", "-p", "a fox", "-i", "FAKE"], "fake.png"),                    # content, not extension
    (["speech", "-t", ""], "text"),
    (["transcribe", "-f", "TEXT"], "notes.txt"),
])
def test_bad_input_is_refused_before_any_request(vcli, sandbox, files, args, words) -> None:
    args = [str(files["fake"]) if a == "FAKE" else str(files["text"]) if a == "TEXT" else a for a in args]
    before = varg_requests(sandbox)
    code, out, err = vcli(*args)
    assert code == 2, err
    line = error_line(err)
    assert words in line and out == ""
    assert varg_requests(sandbox) == before


def test_short_balance_is_refused_before_sending_and_a_402_exits_3(vcli, sandbox) -> None:
    sandbox.set_varg_balance(sandbox.varg_demo_key, 1)
    before = posts(sandbox)
    code, _, err = vcli("video", "-p", "an expensive fox")
    assert code == 3 and "varg.ai" in error_line(err)
    assert posts(sandbox) == before


def test_a_refused_key_exits_4_and_no_key_says_what_to_do(vcli, sandbox, monkeypatch) -> None:
    code, _, err = vcli("balance", key=OTHER_KEY)
    assert code == 4 and OTHER_KEY not in err
    error_line(err)
    monkeypatch.delenv("VARG_API_KEY")
    code, _, err = vcli("balance", key=None)
    assert code == 4 and "No varg API key" in error_line(err) and "keys add --provider varg" in err
    code, _, err = vcli("balance", key="vrg_sk_" + "v" * 20)  # a Verging key: refused before sending
    assert code == 4 and "Verging key" in error_line(err)


def test_server_errors_exit_5_with_one_line(vcli, sandbox) -> None:
    sandbox.varg_fail_next(1, status=500)
    code, _, err = vcli("balance")
    assert code in (0, 5)  # a GET may be retried by the shared policy
    sandbox.varg_fail_next(5, status=500)
    code, _, err = vcli("me")
    assert code == 5 and "Traceback" not in err
    error_line(err)


# -- keys -------------------------------------------------------------------------------------------------
def test_keys_add_for_varg_is_checked_then_used(vcli, sandbox, monkeypatch, memory_keyring) -> None:
    key = "varg_" + "s" * 24
    sandbox.add_varg_key(key, cents=777)
    monkeypatch.delenv("VARG_API_KEY")
    monkeypatch.setattr(sys, "stdin", io.StringIO(key + "\n"))
    code, _, err = vcli.top("keys", "add", "--provider", "varg", "--profile", "studio")
    assert code == 0, err
    assert key not in err and memory_keyring.store == {("verging-desktop:varg", "studio"): key}
    # a key varg refuses is not stored
    monkeypatch.setattr(sys, "stdin", io.StringIO(OTHER_KEY + "\n"))
    code, _, err = vcli.top("keys", "add", "--provider", "varg", "--profile", "typo")
    assert code == 4 and "refused" in err and len(memory_keyring.store) == 1
    # the stored profile is the key of 'verging varg' (no --api-key, no VARG_API_KEY)
    code, out, _ = vcli("balance", key=None)
    assert code == 0 and out.startswith("777\u00a0¢")
    code, out, _ = vcli.top("keys", "validate", "--provider", "varg")
    assert code == 0 and "Valid varg key" in out and key not in out
    # VARG_API_KEY is the fallback when there is no profile
    vcli.top("keys", "remove", "--provider", "varg", "--profile", "studio")
    monkeypatch.setenv("VARG_API_KEY", key)
    code, out, _ = vcli("balance", key=None)
    assert code == 0 and out.startswith("777\u00a0¢")


def test_byok_from_the_environment_makes_a_fal_model_free(vcli, sandbox, monkeypatch) -> None:
    monkeypatch.setenv("VARG_PROVIDER_KEY_FAL", FAL_KEY)
    before = sandbox.varg_balance(sandbox.varg_demo_key)
    code, out, err = vcli("image", "-p", "a fox on a bike", "--model", "flux-pro", "-d")
    assert code == 0, err
    assert "fal.ai" in err and "billed by the provider" in err and FAL_KEY not in err + out
    assert sandbox.varg_balance(sandbox.varg_demo_key) == before
    # not for another provider's model: ElevenLabs speech is charged
    code, _, err = vcli("speech", "-t", "Charged as usual.")
    assert code == 0 and "Charged" in err
    assert sandbox.varg_balance(sandbox.varg_demo_key) < before


def test_help_lists_every_command(capsys) -> None:
    assert main(["varg", "--help"]) == 0
    out = capsys.readouterr().out
    for c in ("video", "image", "speech", "music", "transcribe", "upload", "voices", "balance", "usage", "me",
              "job", "cancel"):
        assert re.search(rf"^\s+{c}\s", out, re.M), c


def test_an_image_over_the_limit_is_refused_or_sent_downscaled(vcli, sandbox, monkeypatch, tmp_path) -> None:
    import subprocess

    from verging_desktop.cli import varg as varg_cli
    from verging_desktop.media.binaries import ffmpeg_exe

    big = tmp_path / "noisy.png"
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "nullsrc=s=640x480,geq=random(1)*255:128:128", "-frames:v", "1", str(big)], check=True, timeout=60)
    limit = big.stat().st_size // 2
    assert limit > 20_000
    monkeypatch.setattr(varg_cli, "UPLOAD_LIMIT", limit)
    before = varg_requests(sandbox)
    code, _, err = vcli("video", "-p", "it moves", "-i", str(big))
    line = error_line(err)
    assert code == 2 and "noisy.png" in line and "MB" in line and "--downscale" in line
    assert varg_requests(sandbox) == before
    original = big.read_bytes()
    code, out, err = vcli("video", "-p", "it moves", "-i", str(big), "--downscale", "-d")
    assert code == 0, err
    assert "downscaled copy" in err and one_path(out).is_file()
    assert big.read_bytes() == original  # the original is never touched
    assert 0 < sandbox.varg_stats()["upload_bytes"] <= limit


def test_jobs_wait_all_follows_varg_jobs(vcli, sandbox) -> None:
    sandbox.varg_job_seconds = 1.0
    ids = []
    for prompt in ("a red kite", "a blue kite"):
        code, out, err = vcli("image", "-p", prompt, "--no-wait", "-d")
        assert code == 0, err
        ids.append(out.strip())
    code, out, err = vcli.top("jobs", "wait", "--all", "--timeout", "60")
    assert code == 0, err
    assert f"Waiting for 2 jobs: {', '.join(ids)}." in err
    assert len([x for x in out.splitlines() if Path(x).is_file()]) == 2
    code, out, _ = vcli.top("jobs", "retry", ids[0])
    assert code == 2


def test_a_stored_provider_key_is_sent_for_its_models_only(vcli, sandbox, monkeypatch, memory_keyring) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(FAL_KEY + "\n"))
    code, _, err = vcli.top("keys", "add", "--provider", "fal")
    assert code == 0 and "without a check" in err and FAL_KEY not in err
    assert memory_keyring.store == {("verging-desktop:varg-byok:fal", "default"): FAL_KEY}
    before = sandbox.varg_balance(sandbox.varg_demo_key)
    code, out, err = vcli("video", "-p", "a fox runs", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["job"]["params"]["byok"] == "fal" and data["charged_cents"] == 0
    assert "your own fal.ai key" in err.lower() and FAL_KEY not in out + err
    assert sandbox.varg_balance(sandbox.varg_demo_key) == before


def test_embedded_sandbox_no_wait_then_jobs_wait_in_a_new_run(tmp_path, monkeypatch, capsys) -> None:
    """`--sandbox --sandbox-data DIR`: the second run's sandbox (another port, same data) is the same
    varg account, so `jobs wait` follows the job the first run sent."""
    for var in ("VARG_API_KEY", "VARG_BASE_URL", "VARG_PROVIDER_KEY_FAL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VERGING_SANDBOX_JOB_SECONDS", "1")
    monkeypatch.setenv("VERGING_POLL_INTERVAL", "0.2")
    data = str(tmp_path / "sandbox-data")
    assert main(["--sandbox", "--sandbox-data", data, "varg", "music", "-p", "a calm tune", "--duration", "10",
                 "-d", "--no-wait"]) == 0
    out, err = capsys.readouterr()
    local_id = out.strip()
    assert local_id.isdigit() and "Sandbox mode" in err and "/varg/v1" in err
    assert main(["--sandbox", "--sandbox-data", data, "jobs", "wait", local_id, "--timeout", "60"]) == 0
    out, err = capsys.readouterr()
    p = one_path(out)
    assert p.parent == tmp_path and seconds(p) == pytest.approx(10, abs=1.0)
    assert main(["--sandbox", "--sandbox-data", data, "varg", "balance"]) == 0
    assert "¢" in capsys.readouterr().out


def test_job_saves_a_finished_job_s_result(vcli, sandbox, tmp_path) -> None:
    code, out, err = vcli("image", "-p", "a paper boat", "--json")
    assert code == 0, err
    data = json.loads(out)
    remote, local = data["job"]["remote_id"], data["job"]["local_id"]
    got = tmp_path / "got"
    got.mkdir()
    for ident in (remote, str(local)):  # varg's id or the local one
        code, out, err = vcli("job", ident, "-o", str(got))
        assert code == 0, err
        assert f"id: {remote}" in err and "status: completed" in err and "cache: miss" in err
        assert one_path(out).parent == got
    assert len(list(got.iterdir())) == 2  # the second did not overwrite the first
    code, _, err = vcli("job", "999")
    assert code == 2 and "no varg job 999" in error_line(err)


# -- review fixes -----------------------------------------------------------------------------------------
def test_a_transcription_with_only_inline_text_is_a_result(tmp_path) -> None:
    """A transcription whose answer has ``output.text`` and no URL (a cache hit of the live gateway)
    completed: its transcript is the result, not "varg gave no reason"."""
    import argparse

    from verging_desktop.cli.context import Context
    from verging_desktop.cli.jobs import follow_job
    from verging_desktop.jobs.store import JobStore, LocalStatus
    from verging_desktop.jobs.varg_queue import has_result

    store = JobStore(tmp_path / "jobs.db")
    try:
        rec = store.add(provider="varg", kind="varg-transcription", status=LocalStatus.COMPLETED,
                        params={"model": "whisper", "transcript": "hello there", "cache": "hit"})

        class Q:
            def __init__(self) -> None:
                self.store = store
                self.downloads = 0

            async def wait(self, ids, timeout=None, *, download=True):
                return [store.get(i) for i in ids]

            async def download(self, local_id):
                self.downloads += 1
                return None

        q = Q()
        ctx = Context(argparse.Namespace(json=False, quiet=True))
        got, paths = asyncio.run(follow_job(ctx, q, rec.local_id, download=False, who="varg",
                                            has_result=has_result))
        assert got.local_id == rec.local_id and paths == [] and q.downloads == 0
        # a completed job with neither a URL nor a transcript still fails, saying so
        empty = store.add(provider="varg", kind="varg-video", status=LocalStatus.COMPLETED, params={})
        with pytest.raises(JobFailed, match="varg gave no reason"):
            asyncio.run(follow_job(ctx, q, empty.local_id, download=False, who="varg", has_result=has_result))
    finally:
        store.close()


def test_ctrl_c_on_a_job_waiting_for_a_slot_stops_it(vcli, sandbox, monkeypatch) -> None:
    """Ctrl-C while the job still waits for a free slot: it is stopped (never sent later by the app or
    another command, so running the command again is one order, not two), said in one line."""
    from verging_desktop.cli import jobs as cli_jobs
    from verging_desktop.jobs.store import JobStore, LocalStatus

    monkeypatch.setenv("VARG_MAX_RUNNING", "1")
    sandbox.varg_job_seconds = 60
    code, out, err = vcli("image", "-p", "a slow one", "--no-wait")
    assert code == 0, err
    first = int(out.strip())
    seen: list[int] = []

    async def interrupted(ctx, q, local_id, **kw):
        rec = q.store.get(local_id)
        assert rec.status is LocalStatus.PREPARING and rec.params.get("waiting"), rec
        seen.append(local_id)
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_jobs, "follow_job", interrupted)
    before = posts(sandbox)
    code, out, err = vcli("image", "-p", "the waiting one")
    assert code == 130 and seen, err
    lines = [x for x in err.splitlines() if f"Job {seen[0]}" in x and "not sent" in x]
    assert len(lines) == 1, err
    store = JobStore(Path(os.environ["VERGING_DATA_DIR"]) / "jobs.db")
    try:
        rec = store.get(seen[0])
        assert rec.status is LocalStatus.CANCELLED and not rec.remote_id
    finally:
        store.close()
    # the slot frees up: nothing sends the stopped job
    assert vcli("cancel", str(first))[0] == 0
    monkeypatch.undo()
    sandbox.varg_job_seconds = 0.2
    code, _, err = vcli.top("jobs", "wait", "--all", "--timeout", "30")
    assert code == 0, err
    assert posts(sandbox) == before


def test_keys_add_varg_in_sandbox_mode_stores_the_live_key_unchecked(vcli, sandbox, monkeypatch,
                                                                    memory_keyring) -> None:
    """As the app does in sandbox mode: the live key is stored without a check (the sandbox would
    refuse it) and checked when it is used live."""
    key = "varg_" + "l" * 24  # a live key the sandbox does not know
    monkeypatch.setattr(sys, "stdin", io.StringIO(key + "\n"))
    code, out, err = vcli.top("--sandbox", "keys", "add", "--provider", "varg", "--profile", "live")
    assert code == 0, err
    assert memory_keyring.store == {("verging-desktop:varg", "live"): key}
    assert "checked when" in err and key not in err + out


def _save_app_settings(xdg: Path, **values: Any) -> None:
    """Write the settings the way the app saves them (QSettings, its native file on Linux)."""
    from PySide6.QtCore import QSettings

    from verging_desktop.core.settings import Settings
    from verging_desktop.ui.settings_store import APPLICATION, ORGANIZATION, SettingsStore

    q = QSettings(str(xdg / ORGANIZATION / f"{APPLICATION}.conf"), QSettings.Format.IniFormat)
    s = Settings()
    for k, v in values.items():
        setattr(s, k, v)
    SettingsStore(q).save(s)


def test_the_saved_varg_plan_and_url_are_the_command_line_s(vcli, sandbox, monkeypatch, tmp_path) -> None:
    import argparse

    from verging_desktop.cli.context import Context
    from verging_desktop.cli.parser import build_parser

    xdg = tmp_path / "xdg"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(xdg))
    _save_app_settings(xdg, varg_plan="custom", varg_custom_running=1, varg_base_url="https://gw.example.com/v1")
    sandbox.varg_job_seconds = 60
    code, out, err = vcli("image", "-p", "one at a time", "--no-wait")
    assert code == 0 and "created on varg" in err, err
    code, out, err = vcli("image", "-p", "the second waits", "--no-wait")
    assert code == 0, err
    assert "waits for a free slot (1 varg jobs run at once)" in err
    assert vcli("cancel", out.strip())[0] == 0

    # the saved base URL; VARG_BASE_URL first, --base-url before both
    monkeypatch.delenv("VARG_BASE_URL")
    args: argparse.Namespace = build_parser().parse_args(["varg", "balance"])
    assert Context(args).resolve_varg()[0] == "https://gw.example.com/v1"
    monkeypatch.setenv("VARG_BASE_URL", "https://env.example.com/v1")
    assert Context(args).resolve_varg()[0] == "https://env.example.com/v1"
    args = build_parser().parse_args(["varg", "balance", "--base-url", "https://flag.example.com/v1"])
    assert Context(args).resolve_varg()[0] == "https://flag.example.com/v1"
    # and the Pro plan runs 10
    _save_app_settings(xdg, varg_plan="pro")
    from verging_desktop.cli.context import saved_settings

    assert saved_settings().varg_max_running == 10


def test_no_varg_output_carries_the_key(vcli, sandbox, monkeypatch) -> None:
    key = "varg_" + "q" * 24
    sandbox.add_varg_key(key, cents=900)
    monkeypatch.setenv("VARG_API_KEY", key)
    outs = []
    for args in (("me", "--json"), ("balance", "--json"), ("image", "-p", "a key-free fox", "--json")):
        code, out, err = vcli(*args, key=key)
        assert code == 0, err
        outs.append(out + err)
    job = json.loads(out)
    for ident in (job["job"]["remote_id"], str(job["job"]["local_id"])):
        code, out, err = vcli("job", ident, "--json", key=key)
        assert code == 0, err
        outs.append(out + err)
    code, out, err = vcli("job", "job_nope", "--json", key=key)
    assert code == 5
    outs.append(out + err)
    sandbox.set_varg_balance(key, 0)
    code, out, err = vcli("video", "-p", "too dear", "--json", key=key)
    assert code == 3
    outs.append(out + err)
    for o in outs:
        assert key not in o and "q" * 24 not in o
