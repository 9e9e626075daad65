"""The `verging` command against the sandbox: results, files written, exit codes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import make_audio, make_clip, make_image
from verging_desktop.cli import main
from verging_desktop.sandbox import DEMO_KEY


def test_me_and_json(cli, sandbox) -> None:
    code, out, err = cli("me")
    assert code == 0 and "credits" in out
    code, out, _ = cli("me", "--json")
    assert code == 0 and json.loads(out)["credits"] == sandbox.credits(DEMO_KEY)


def test_estimate_needs_no_key(capsys) -> None:
    assert main(["estimate", "faceswap", "--duration", "5", "--hd"]) == 0
    assert capsys.readouterr().out.startswith("15 credits")
    assert main(["estimate", "enhance", "--duration", "5", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["credits"] == 15
    assert main(["estimate", "faceswap"]) == 2
    assert "--duration" in capsys.readouterr().err


def test_bg_remove_downloads_and_reports_charge(cli, ffmpeg, tmp_path, sandbox) -> None:
    img = make_image(ffmpeg, tmp_path / "photo one.jpg")
    before = sandbox.credits(DEMO_KEY)
    code, out, err = cli("bg-remove", "-i", str(img), "-d")
    assert code == 0, err
    written = Path(out.strip().splitlines()[0])
    assert written.exists() and written.name == "photo one_nobg.png"
    assert "Estimated cost: 1 credit (" in err and "Charged: 1 credit (estimated 1 credit)" in err
    assert "1 credits" not in err
    assert sandbox.credits(DEMO_KEY) == before - 1
    # a second run never overwrites the first result
    code, out, err = cli("bg-remove", "-i", str(img), "-d")
    assert code == 0 and Path(out.strip().splitlines()[0]).name == "photo one_nobg (2).png"


def test_imagegen_to_folder(cli, tmp_path) -> None:
    code, out, err = cli("imagegen", "-p", "a lighthouse", "-n", "2", "-o", str(tmp_path / "renders"))
    assert code == 0, err
    paths = [Path(p) for p in out.split()]
    assert len(paths) == 2 and all(p.exists() and p.parent.name == "renders" for p in paths)


def test_chat_streams_and_no_stream(cli) -> None:
    code, out, err = cli("chat", "-m", "hello there", "--max-tokens", "30")
    assert code == 0 and out.strip() and "Charged:" in err
    code, out2, _ = cli("chat", "-m", "hello there", "--max-tokens", "30", "--no-stream")
    assert code == 0 and out2.strip() == out.strip()


def test_tts_stt_vision(cli, ffmpeg, tmp_path) -> None:
    code, out, err = cli("tts", "-t", "Hello world", "-v", "nova", "--speed", "1.2", "-o", str(tmp_path / "hi.mp3"))
    assert code == 0, err and (tmp_path / "hi.mp3").exists()
    audio = make_audio(ffmpeg, tmp_path / "talk.wav", seconds=2)
    code, out, err = cli("stt", "-f", str(audio), "-o", str(tmp_path / "t.txt"))
    assert code == 0, err
    assert (tmp_path / "t.txt").read_text().strip()
    img = make_image(ffmpeg, tmp_path / "v.png", size="200x100")
    code, out, err = cli("vision", "-i", str(img), "-p", "what size?")
    assert code == 0 and "200x100" in out


def test_usage_and_keys(cli) -> None:
    cli("chat", "-m", "hi", "--no-stream")
    code, out, _ = cli("usage", "--service", "chat")
    assert code == 0 and "chat" in out and "page 1 of 1" in out
    code, out, _ = cli("keys", "list")
    assert code == 0 and "(in use)" in out and DEMO_KEY not in out
    code, out, _ = cli("keys", "validate")
    assert code == 0 and DEMO_KEY not in out


def test_keys_add_reads_stdin_and_uses_keyring(cli, sandbox, monkeypatch, memory_keyring, capsys) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(DEMO_KEY + "\n"))
    assert main(["keys", "add", "--profile", "studio", "--base-url", sandbox.base_url]) == 0
    err = capsys.readouterr().err
    assert "studio" in err and DEMO_KEY not in err
    assert list(memory_keyring.store.values()) == [DEMO_KEY]
    # now the key comes from the keyring
    assert main(["me", "--base-url", sandbox.base_url]) == 0
    monkeypatch.setattr(sys, "stdin", io.StringIO("vrg_sk_refused_by_server_x\n"))
    assert main(["keys", "add", "--profile", "bad", "--base-url", sandbox.base_url]) == 4
    assert len(memory_keyring.store) == 1
    assert main(["keys", "remove", "--profile", "studio"]) == 0
    assert memory_keyring.store == {}


@pytest.mark.parametrize(
    "args, message",
    [
        (["bg-remove", "-i", "missing.png"], "does not exist"),
        (["bg-remove", "-i", "."], "folder"),
        (["imagegen", "-p", "  "], "empty"),
        (["imagegen", "-p", "x", "-n", "5"], "between 1 and 4"),
        (["tts", "-t", "x", "--speed", "9"], "between 0.25 and 4"),
        (["tts", "-t", "   "], "empty"),
        (["tts", "-t", "hi", "-v", "robot"], "one of"),
        (["chat", "-m", "hi", "--temperature", "2.5"], "between 0 and 2"),
        (["usage", "--page-size", "500"], "between 1 and 100"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_exits_2_before_anything_is_sent(cli, sandbox, args, message) -> None:
    sandbox.reset_stats()
    code, out, err = cli(*args)
    assert code == 2
    assert message in err and err.count("\n") == 1 and "Traceback" not in err
    posts = [k for k in sandbox.stats()["requests"] if k.startswith("POST")]
    assert posts == []


def test_wrong_image_content_exits_2(cli, ffmpeg, tmp_path, sandbox) -> None:
    clip = make_clip(ffmpeg, tmp_path / "fake.jpg", seconds=0.5, extra=["-f", "mp4"])
    code, _, err = cli("bg-remove", "-i", str(clip))
    assert code == 2 and "video, not an image" in err
    big = tmp_path / "big.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * (10 * 1024 * 1024 + 1))
    code, _, err = cli("bg-remove", "-i", str(big))
    assert code == 2 and "10.0 MB" in err
    assert sandbox.stats()["charged"] == 0
    # an audio file over 25 MB is no longer refused: it is re-encoded to compact mono audio, then sent
    big_audio = make_audio(ffmpeg, tmp_path / "long.wav", seconds=140, extra=["-ar", "48000", "-ac", "2"])
    assert big_audio.stat().st_size > 25 * 1024 * 1024
    code, out, err = cli("stt", "-f", str(big_audio))
    assert code == 0, err
    assert "over the 25.0 MB limit" in err and "re-encoded as 16 kHz mono MP3" in err
    assert "sandbox transcript" in out and sandbox.stats()["charged"] == 3


def test_tts_long_text_is_split_and_joined(cli, sandbox, tmp_path) -> None:
    """Text over 4,096 characters is split at sentence ends and joined into one file (it used to be refused)."""
    import av

    text = ("A short sentence that repeats. " * 330).strip()  # ~10,000 characters
    assert len(text) > 4096 * 2
    out = tmp_path / "long.mp3"
    before = sandbox.credits(DEMO_KEY)
    code, stdout, err = cli("tts", "-t", text, "--speed", "4", "-o", str(out))
    assert code == 0, err
    assert "in 3 parts" in err and "Joining 3 parts" in err and Path(stdout.strip()) == out
    with av.open(str(out)) as c:
        duration = c.duration / 1e6
    from verging_desktop.core.pricing import Pricing
    from verging_desktop.services.tts import plan_tts

    chunks = plan_tts(text, Pricing.default()).chunks
    assert len(chunks) == 3
    assert abs(duration - sum(len(c) * 0.06 / 4 for c in chunks)) < 0.3  # the parts' lengths add up
    assert sandbox.stats()["requests"]["POST /api/v1/ai/tts"] == 3
    charged = before - sandbox.credits(DEMO_KEY)
    from verging_desktop.core.plural import credits

    assert f"Charged: {credits(charged)}" in err and f"Estimated cost: {credits(charged)}" in err


def test_stt_writes_subtitles_for_srt_and_vtt(cli, ffmpeg, tmp_path) -> None:
    clip = make_clip(ffmpeg, tmp_path / "talk.mp4", seconds=7)
    code, _, err = cli("stt", "-f", str(clip), "-o", str(tmp_path / "talk.srt"))
    assert code == 0, err
    assert "sound track is extracted" in err
    assert (tmp_path / "talk.srt").read_text().startswith("1\n00:00:00,000 --> ")
    code, _, err = cli("stt", "-f", str(clip), "-o", str(tmp_path / "talk.vtt"))
    assert code == 0 and (tmp_path / "talk.vtt").read_text().startswith("WEBVTT")


def test_exit_codes_for_credits_and_auth(cli, sandbox, ffmpeg, tmp_path) -> None:
    code, _, err = cli("me", key="vrg_sk_unknown_key_abc")
    assert code == 4 and "vrg_sk_unknown_key_abc" not in err
    sandbox.set_credits(DEMO_KEY, 0)
    img = make_image(ffmpeg, tmp_path / "p.png")
    code, _, err = cli("bg-remove", "-i", str(img))
    assert code == 3 and "needs 1" in err
    assert sandbox.stats()["create_jobs"]["background_removal"] == 0


def test_api_failure_exits_5(cli, sandbox) -> None:
    sandbox.faults.error_rate = 1.0
    sandbox.faults.error_paths = ("/auth/me",)
    code, _, err = cli("me")
    assert code == 5 and err.count("\n") == 1


def test_subprocess_sandbox_flag_and_no_traceback(tmp_path) -> None:
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith("VERGING_")}
    env["VERGING_CONFIG_DIR"] = str(tmp_path / "cfg")
    r = subprocess.run([sys.executable, "-m", "verging_desktop.cli", "--sandbox", "me"], capture_output=True,
                       text=True, timeout=120, env=env)
    assert r.returncode == 0 and "Sandbox mode" in r.stderr and "credits" in r.stdout
    r = subprocess.run([sys.executable, "-m", "verging_desktop.cli", "me"], capture_output=True, text=True,
                       timeout=60, env=env)
    assert r.returncode == 4 and "No API key" in r.stderr and "Traceback" not in r.stderr


def test_one_credit_is_never_one_credits(capsys) -> None:
    assert main(["estimate", "background_removal"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 credit ($") and "1 credits" not in out, out
    assert main(["estimate", "faceswap", "--duration", "5", "--hd"]) == 0
    assert capsys.readouterr().out.startswith("15 credits (")


def test_jobs_list_is_the_explicit_form_of_jobs(cli, ffmpeg, tmp_path) -> None:
    img = make_image(ffmpeg, tmp_path / "photo.jpg")
    assert cli("bg-remove", "-i", str(img), "-d")[0] == 0
    code, plain, err = cli("jobs")
    assert code == 0, err
    assert "photo.jpg" in plain and "completed" in plain
    code, listed, err = cli("jobs", "list")
    assert code == 0, err
    assert listed == plain
    code, done, err = cli("jobs", "list", "--status", "completed")
    assert code == 0 and done == plain
    code, failed, err = cli("jobs", "list", "--status", "failed")
    assert code == 0 and failed.strip() == "(no jobs)"
    assert cli("jobs", "--status", "failed")[1] == failed  # the status before 'list' counts too
    assert cli("jobs", "--status", "failed", "list")[1] == failed
    code, _, err = cli("jobs", "list", "--status", "nonsense")
    assert code == 2 and "--status must be one of" in err
