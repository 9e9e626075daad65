"""`verging vimmerse ...` end to end against the sandbox's Vimmerse paths: every command with real
files, exit codes, one-line errors, bad input refused before any request, --no-wait then
`verging jobs wait`, -o as a file or a folder, URLs passed on without upload, and `verging keys add
--provider ...`."""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

import av
import pytest

from tests.conftest import make_audio, make_clip, make_image
from verging_desktop.cli import main


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    from verging_desktop.media.binaries import ffmpeg_exe

    ff = ffmpeg_exe()
    d = tmp_path_factory.mktemp("vimmerse-cli")
    return {
        "video": make_clip(ff, d / "beach walk.mp4", seconds=3, size="320x240"),
        "long": make_clip(ff, d / "long.mp4", seconds=12, size="160x120", gop=25),
        "face": make_image(ff, d / "face.png"),
        "friend": make_image(ff, d / "friend.jpg"),
        "bg": make_image(ff, d / "bg.png", size="320x240"),
        "voice": make_audio(ff, d / "voice.wav", seconds=2),
        "music": make_audio(ff, d / "music.mp3", seconds=5),
    }


def vimmerse_requests(sandbox) -> list[str]:
    return [k for k, n in sandbox.stats()["requests"].items() if n and k.split(" ", 1)[1].startswith("/vimmerse")]


def estimated(err: str) -> float:
    m = re.search(r"Estimated cost: ([\d.]+) credits?", err)
    assert m, err
    return float(m.group(1))


def duration(p: Path) -> float:
    with av.open(str(p)) as c:
        return float(c.duration) / 1e6


def error_line(err: str) -> str:
    """The one error line (progress and costs come before it on stderr)."""
    lines = err.strip().splitlines()
    assert [x for x in lines if x.startswith("verging: ")] == lines[-1:], err
    return lines[-1]


def paths_of(out: str) -> list[Path]:
    paths = [Path(line) for line in out.splitlines() if line.strip()]
    assert paths and all(p.is_file() for p in paths), out
    return paths


# -- every job command, end to end -----------------------------------------------------------------------
def job_args(files: dict[str, Path], name: str) -> list[str]:
    v, face, friend, bg = str(files["video"]), str(files["face"]), str(files["friend"]), str(files["bg"])
    return {
        "crop": ["crop", "-v", v, "--aspect", "9:16", "--offset-x", "40"],
        "reframe": ["reframe", "-v", v, "--aspect", "1:1", "-p", "a sunny beach"],
        "enhance": ["enhance", "-v", str(files["long"]), "--mode", "2X", "-s", "2", "-e", "7"],
        "sound-effect": ["sound-effect", "-v", v, "-p", "waves and gulls"],
        "lip-sync-image": ["lip-sync", "-i", face, "-a", str(files["voice"]), "--option", "KlingAvatar"],
        "lip-sync-text": ["lip-sync", "-v", v, "-t", "Hello there, welcome back.", "--voice", "Rachel"],
        "effects": ["effects", "-i", face, "--ref", friend, "--effect", "Hug", "-n", "2"],
        "replace-bg": ["replace-bg", "-v", v, "--bg-image", bg, "--align", "left", "--scale", "0.5"],
        "ref2video": ["ref2video", "-i", face, "-i", friend, "-p", "two friends on a beach", "--duration", "3",
                      "--aspect", "9:16", "-n", "1"],
        "v2v": ["v2v", "-v", v, "-p", "make it anime", "-i", friend, "--option", "LumaModify"],
        "add-audio": ["add-audio", "-v", v, "-a", str(files["music"]), "--mode", "MatchAudio"],
        "avatar": ["avatar", "--avatar", "anna", "--voice", "rachel-v2", "-p", "Welcome to the show.",
                   "--aspect", "9:16", "--captions"],
    }[name]


@pytest.mark.parametrize("name", ["crop", "reframe", "enhance", "sound-effect", "lip-sync-image", "lip-sync-text",
                                  "effects", "replace-bg", "ref2video", "v2v", "add-audio", "avatar"])
def test_every_job_command_end_to_end(cli, sandbox, files, tmp_path, name) -> None:
    key = sandbox.vimmerse_demo_key
    before = sandbox.vimmerse_credits(key)
    out_dir = tmp_path / "results"
    out_dir.mkdir()
    code, out, err = cli("vimmerse", *job_args(files, name), "-o", str(out_dir))
    assert code == 0, err
    paths = paths_of(out)
    assert all(p.parent == out_dir for p in paths)
    assert len(paths) == (2 if name == "effects" else 1)
    est = estimated(err)
    charged = before - sandbox.vimmerse_credits(key)
    assert charged == est, err  # the sandbox charges what it estimated
    assert f"Charged: {charged:g} credit" in err
    assert "Traceback" not in err
    if name == "enhance":
        assert "Cut 2.000-7.000 s" in err or "Cut 2.0" in err
    if name == "add-audio":
        assert "The result will last 5.0 s" in err
        assert duration(paths[0]) == pytest.approx(5.0, abs=0.3)
    assert sandbox.vimmerse_stats()["authorization_headers"] == 0


def test_json_output_and_jobs_list_and_show(cli, sandbox, files) -> None:
    code, out, err = cli("vimmerse", "crop", "-v", str(files["video"]), "--aspect", "1:1", "-d", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["charged"] == data["estimate"] and len(data["paths"]) == 1 and Path(data["paths"][0]).is_file()
    local_id = data["job"]["local_id"]
    code, listed, _ = cli("jobs")
    assert code == 0 and "vimmerse" in listed and "crop" in listed and "beach walk.mp4" in listed
    code, shown, _ = cli("jobs", "show", str(local_id))
    assert code == 0, shown
    assert "provider: vimmerse" in shown and "tool: crop (vimmerse-crop)" in shown
    assert f"saved: {data['paths'][0]}" in shown and "asset: " in shown
    assert "status: completed" in shown


# -- the other commands ------------------------------------------------------------------------------
def test_upload_prints_the_hosted_url_and_a_url_passes_through_without_upload(cli, sandbox, files) -> None:
    code, out, err = cli("vimmerse", "upload", "-v", str(files["video"]))
    assert code == 0, err
    url = out.strip()
    assert url.startswith("http://127.0.0.1:") and "\n" not in url
    uploads = sandbox.vimmerse_stats()["uploads"]
    sandbox.reset_stats()
    code, out, err = cli("vimmerse", "crop", "-v", url, "--aspect", "9:16", "-d")
    assert code == 0, err
    assert paths_of(out)
    assert sandbox.vimmerse_stats()["uploads"] == uploads
    assert not [r for r in vimmerse_requests(sandbox) if r.startswith("POST /vimmerse/v2/video ")
                or r == "POST /vimmerse/v2/video"]
    # with -s/-e a URL is fetched (only the selection, when the site allows it), cut and uploaded
    code, _, err = cli("vimmerse", "enhance", "-v", url, "-s", "1")
    assert code == 0 and "Fetching the video from 127.0.0.1 (1-end s)" in err, err
    assert sandbox.vimmerse_stats()["uploads"] == uploads + 1


def test_estimate_asks_vimmerse_and_the_table_answers_the_rest(cli, sandbox) -> None:
    sandbox.reset_stats()
    code, out, err = cli("vimmerse", "estimate", "reference-to-video", "--option", "KlingO", "--duration", "10",
                         "-n", "2")
    assert code == 0, err
    assert "(Vimmerse's estimate)" in out
    assert sandbox.stats()["requests"]["POST /vimmerse/v2/video/estimate-credits"] == 1
    code, out, err = cli("vimmerse", "estimate", "enhance", "--option", "4X", "--duration", "12", "--json")
    assert code == 0, err
    d = json.loads(out)
    assert d["source"] == "table" and d["total_credits"] > 0
    code, _, err = cli("vimmerse", "estimate", "frobnicate", "--option", "x")
    assert code == 2 and "not an app Vimmerse prices" in err


def test_asset_prints_and_downloads(cli, sandbox, files, tmp_path) -> None:
    code, out, err = cli("vimmerse", "effects", "-i", str(files["face"]), "-n", "2", "--no-wait")
    assert code == 0, err
    local_id = int(out.strip())
    code, out, err = cli("jobs", "wait", str(local_id), "--no-download")
    assert code == 0, err
    code, shown, _ = cli("jobs", "show", str(local_id))
    asset_id = re.search(r"asset: (\S+)", shown).group(1)
    code, out, err = cli("vimmerse", "asset", asset_id)
    assert code == 0, err
    assert f"id: {asset_id}" in out and "status: success" in out and out.count("result: http") == 2
    code, out, err = cli("vimmerse", "asset", asset_id, "-o", str(tmp_path / "got"))
    assert code == 0, err
    got = paths_of(out)
    assert len(got) == 2 and all(p.parent == tmp_path / "got" for p in got)
    code, _, err = cli("vimmerse", "asset", "no-such-asset")
    assert code == 5 and err.count("\n") == 1


# -- outputs ------------------------------------------------------------------------------------------
def test_output_is_a_file_or_an_existing_folder(cli, files, tmp_path) -> None:
    target = tmp_path / "vertical.mp4"
    code, out, err = cli("vimmerse", "crop", "-v", str(files["video"]), "--aspect", "9:16", "-o", str(target))
    assert code == 0, err
    assert paths_of(out) == [target]
    with av.open(str(target)) as c:
        s = c.streams.video[0]
        assert s.codec_context.height > s.codec_context.width
    # the same name again: the first result is kept, the second gets its own name
    code, out, err = cli("vimmerse", "crop", "-v", str(files["video"]), "--aspect", "9:16", "-o", str(target))
    assert code == 0, err
    second = paths_of(out)[0]
    assert second != target and second.parent == tmp_path and target.is_file()
    folder = tmp_path / "shorts"
    folder.mkdir()
    code, out, err = cli("vimmerse", "crop", "-v", str(files["video"]), "--aspect", "9:16", "-o", str(folder))
    assert code == 0, err
    (p,) = paths_of(out)
    assert p.parent == folder and p.name.startswith("beach walk")
    # several results need a folder: refused before anything is sent
    code, _, err = cli("vimmerse", "effects", "-i", str(files["face"]), "-n", "2", "-o", str(tmp_path / "one.mp4"))
    assert code == 2 and "must be a folder" in err


def test_no_download_prints_the_result_urls(cli, files) -> None:
    code, out, err = cli("vimmerse", "sound-effect", "-v", str(files["video"]), "-p", "rain")
    assert code == 0, err
    assert out.strip().startswith("http://127.0.0.1:") and len(out.strip().splitlines()) == 1


# -- --no-wait, then verging jobs wait ------------------------------------------------------------------
def test_no_wait_then_jobs_wait_downloads_where_asked(cli, sandbox, files, tmp_path) -> None:
    dest = tmp_path / "later"
    dest.mkdir()
    code, out, err = cli("vimmerse", "crop", "-v", str(files["video"]), "--aspect", "4:5", "-o", str(dest),
                         "--no-wait", key=None)  # the key from $VIMMERSE_API_KEY, as 'jobs wait' reads it
    assert code == 0, err
    local_id = int(out.strip())
    assert f"verging jobs wait {local_id}" in err
    assert not list(dest.iterdir())
    code, out, err = cli("jobs", "wait", str(local_id))
    assert code == 0, err
    (p,) = paths_of(out)
    assert p.parent == dest
    code, out, err = cli("jobs", "wait", "--all")
    assert code == 0 and "No unfinished jobs" in err


def test_jobs_wait_refuses_a_job_of_another_key(cli, sandbox, files) -> None:
    sandbox.add_vimmerse_key("vim-other-key-0123456789", credits=100)
    code, out, err = cli("vimmerse", "crop", "-v", str(files["video"]), "--aspect", "4:5", "--no-wait",
                         key="vim-other-key-0123456789")
    assert code == 0, err
    code, _, err = cli("jobs", "wait", out.strip())
    assert code == 2 and "another key or server" in err and err.count("\n") == 1


# -- exit codes ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("case", ["text_as_video", "image_as_audio", "audio_as_image", "missing", "folder", "ratio",
                                  "quantity", "duration", "lip_sync_no_speech", "lip_sync_no_face",
                                  "replace_bg_none", "two_backgrounds", "voice_with_audio", "compression",
                                  "attach_mode", "hug_alone", "outside_range", "empty_prompt"])
def test_bad_input_exits_2_before_any_request(cli, sandbox, files, tmp_path, case) -> None:
    v, face, voice = str(files["video"]), str(files["face"]), str(files["voice"])
    notes = tmp_path / "notes.mp4"
    notes.write_text("this is not a video")
    args = {
        "text_as_video": ["crop", "-v", str(notes), "--aspect", "9:16"],
        "image_as_audio": ["add-audio", "-v", v, "-a", face],
        "audio_as_image": ["effects", "-i", voice],
        "missing": ["reframe", "-v", str(tmp_path / "gone.mp4"), "--aspect", "1:1"],
        "folder": ["sound-effect", "-v", str(tmp_path), "-p", "x"],
        "ratio": ["crop", "-v", v, "--aspect", "9x16"],
        "quantity": ["ref2video", "-i", face, "-p", "x", "-n", "5"],
        "duration": ["ref2video", "-i", face, "-p", "x", "--duration", "31"],
        "lip_sync_no_speech": ["lip-sync", "-i", face],
        "lip_sync_no_face": ["lip-sync", "-a", voice],
        "replace_bg_none": ["replace-bg", "-v", v],
        "two_backgrounds": ["replace-bg", "-v", v, "--bg-image", face, "--bg-video", v],
        "voice_with_audio": ["lip-sync", "-i", face, "-a", voice, "--voice", "Rachel"],
        "compression": ["enhance", "-v", v, "--compression", "3"],
        "attach_mode": ["add-audio", "-v", v, "-a", voice, "--mode", "Loop"],
        "hug_alone": ["effects", "-i", face, "--effect", "Hug"],
        "outside_range": ["enhance", "-v", str(files["long"]), "-s", "20", "-e", "25"],
        "empty_prompt": ["v2v", "-v", v, "-p", "   "],
    }[case]
    sandbox.reset_stats()
    uploads = sandbox.vimmerse_stats()["uploads"]
    code, out, err = cli("vimmerse", *args)
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith("verging: ") and "Traceback" not in err
    assert vimmerse_requests(sandbox) == []
    assert sandbox.vimmerse_stats()["uploads"] == uploads and out == ""


def test_not_enough_credits_exits_3(cli, sandbox, files) -> None:
    sandbox.set_vimmerse_credits(sandbox.vimmerse_demo_key, 0)
    code, out, err = cli("vimmerse", "crop", "-v", str(files["video"]), "--aspect", "9:16")
    assert code == 3, err
    assert "credits" in error_line(err) and out == ""
    assert sandbox.vimmerse_stats()["created"].get("crop-to-aspect-ratio", 0) == 0


def test_a_bad_key_exits_4_and_is_never_shown(cli, sandbox, files) -> None:
    code, out, err = cli("vimmerse", "ref2video", "-i", str(files["face"]), "-p", "x", key="made-up-key-4711-abcdef")
    assert code == 4, err
    assert "made-up-key-4711-abcdef" not in err and err.count("\n") == 1
    # another provider's key never goes to Vimmerse
    sandbox.reset_stats()
    code, _, err = cli("vimmerse", "estimate", "lip-sync", "--option", "AutoLipSync", key="vrg_sk_abcdefghijklmnop")
    assert code == 4 and "Verging key" in err and vimmerse_requests(sandbox) == []


def test_a_failed_job_exits_5(cli, sandbox, files) -> None:
    sandbox.vimmerse_fail_next(1)
    code, out, err = cli("vimmerse", "crop", "-v", str(files["video"]), "--aspect", "9:16")
    assert code == 5, err
    assert "failed" in error_line(err)


def test_no_key_at_all_exits_4(cli, monkeypatch, files) -> None:
    monkeypatch.delenv("VIMMERSE_API_KEY")
    code, _, err = cli("vimmerse", "crop", "-v", str(files["video"]), "--aspect", "9:16", key=None)
    assert code == 4 and "No Vimmerse API key" in err


# -- keys ---------------------------------------------------------------------------------------------
def test_keys_add_for_vimmerse_is_checked_first(sandbox, monkeypatch, memory_keyring, capsys) -> None:
    monkeypatch.setenv("VIMMERSE_BASE_URL", sandbox.vimmerse_url)
    good = "vim-good-key-0123456789abcdef"
    sandbox.add_vimmerse_key(good, credits=50)
    monkeypatch.setattr(sys, "stdin", io.StringIO(good + "\n"))
    assert main(["keys", "add", "--provider", "vimmerse", "--profile", "studio"]) == 0
    err = capsys.readouterr().err
    assert "studio" in err and good not in err
    assert memory_keyring.store == {("verging-desktop:vimmerse", "studio"): good}
    monkeypatch.setattr(sys, "stdin", io.StringIO("vim-refused-key-0123456789\n"))
    assert main(["keys", "add", "--provider", "vimmerse", "--profile", "bad"]) == 4
    assert "refused" in capsys.readouterr().err and len(memory_keyring.store) == 1
    # --no-check stores without asking
    sandbox.reset_stats()
    monkeypatch.setattr(sys, "stdin", io.StringIO("vim-unchecked-key-0123456789\n"))
    assert main(["keys", "add", "--provider", "vimmerse", "--profile", "later", "--no-check"]) == 0
    assert vimmerse_requests(sandbox) == []
    assert memory_keyring.store[("verging-desktop:vimmerse", "later")] == "vim-unchecked-key-0123456789"
    capsys.readouterr()
    assert main(["keys", "profiles", "--provider", "vimmerse"]) == 0
    listed = capsys.readouterr().out
    assert "studio" in listed and "* later" in listed
    assert main(["keys", "use", "--provider", "vimmerse", "studio"]) == 0
    monkeypatch.delenv("VIMMERSE_API_KEY", raising=False)
    assert main(["keys", "validate", "--provider", "vimmerse"]) == 0
    assert "Valid Vimmerse key" in capsys.readouterr().out
    assert main(["keys", "remove", "--provider", "vimmerse", "--profile", "later"]) == 0
    assert ("verging-desktop:vimmerse", "later") not in memory_keyring.store


@pytest.mark.parametrize("key, whose", [("vrg_sk_abcdefghijklmnop", "Verging key"),
                                        ("varg_live_0123456789abcdef", "varg key")])
def test_keys_add_for_vimmerse_refuses_another_provider_s_key_before_asking(sandbox, monkeypatch, memory_keyring,
                                                                            capsys, key, whose) -> None:
    monkeypatch.setenv("VIMMERSE_BASE_URL", sandbox.vimmerse_url)
    sandbox.reset_stats()
    monkeypatch.setattr(sys, "stdin", io.StringIO(key + "\n"))
    assert main(["keys", "add", "--provider", "vimmerse", "--profile", "wrong"]) == 2
    err = capsys.readouterr().err
    assert whose in err and key not in err and err.count("\n") == 1
    assert vimmerse_requests(sandbox) == [] and memory_keyring.store == {}


def test_a_varg_key_in_vimmerse_api_key_is_refused_before_anything_is_sent(cli, sandbox, monkeypatch) -> None:
    monkeypatch.setenv("VIMMERSE_API_KEY", "varg_live_0123456789abcdef")
    sandbox.reset_stats()
    code, _, err = cli("vimmerse", "estimate", "lip-sync", "--option", "AutoLipSync", key=None)
    assert code == 4 and "varg key" in err and "varg_live_0123456789abcdef" not in err
    assert vimmerse_requests(sandbox) == []


# a varg key is checked with varg's /me before it is stored: tests/cli/test_cli_varg.py (against the sandbox)
@pytest.mark.parametrize("provider, key", [("fal", "fal-key-0123456789"),
                                           ("elevenlabs", "sk_0123456789abcdef"), ("higgsfield", "hf-0123456789ab"),
                                           ("replicate", "r8_0123456789abcdef")])
def test_keys_add_for_the_keys_varg_passes_on(monkeypatch, memory_keyring, capsys, provider, key) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(key + "\n"))
    assert main(["keys", "add", "--provider", provider]) == 0
    err = capsys.readouterr().err
    assert key not in err and "without a check" in err
    service = "verging-desktop:varg" if provider == "varg" else f"verging-desktop:varg-byok:{provider}"
    assert memory_keyring.store == {(service, "default"): key}


def test_a_varg_key_must_look_like_one(monkeypatch, memory_keyring, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("not-a-varg-key-0123456789\n"))
    assert main(["keys", "add", "--provider", "varg"]) == 2
    assert "varg_" in capsys.readouterr().err and memory_keyring.store == {}


def test_byok_keys_fall_back_to_the_environment(monkeypatch, tmp_path) -> None:
    from verging_desktop.core.keystore import KeyStore
    from verging_desktop.core.providers import BYOK_KEYS, byok_key

    monkeypatch.setenv("VARG_PROVIDER_KEY_REPLICATE", "r8_from_the_environment_1234")
    ks = KeyStore(tmp_path, provider=byok_key("replicate").as_provider())
    assert ks.get() == "r8_from_the_environment_1234" and ks.active == "environment"
    assert [k.env_key for k in BYOK_KEYS] == ["VARG_PROVIDER_KEY_FAL", "VARG_PROVIDER_KEY_ELEVENLABS",
                                              "VARG_PROVIDER_KEY_HIGGSFIELD", "VARG_PROVIDER_KEY_REPLICATE"]
    assert byok_key("fal").as_provider().auth_headers("k") == {"X-Provider-Key-Fal": "k"}


def test_help_lists_every_command(capsys) -> None:
    assert main(["vimmerse", "--help"]) == 0
    out = capsys.readouterr().out
    for c in ("upload", "enhance", "crop", "reframe", "sound-effect", "lip-sync", "effects", "replace-bg",
              "ref2video", "v2v", "add-audio", "avatar", "estimate", "asset"):
        assert c in out


def test_embedded_sandbox_no_wait_then_jobs_wait_in_a_new_run(files, tmp_path, monkeypatch, capsys) -> None:
    """`--sandbox --sandbox-data DIR`: the second run's sandbox (another port, same data) is the same
    Vimmerse account, so `jobs wait` follows the job the first run sent."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("VERGING_SANDBOX_JOB_SECONDS", "1")
    monkeypatch.setenv("VERGING_POLL_INTERVAL", "0.2")
    data = str(tmp_path / "sandbox-data")
    assert main(["--sandbox", "--sandbox-data", data, "vimmerse", "reframe", "-v", str(files["video"]),
                 "--aspect", "9:16", "-d", "--no-wait"]) == 0
    out, err = capsys.readouterr()
    local_id = out.strip()
    assert local_id.isdigit() and "Sandbox mode" in err and "/vimmerse" in err
    assert main(["--sandbox", "--sandbox-data", data, "jobs", "wait", local_id]) == 0
    out, err = capsys.readouterr()
    (p,) = paths_of(out)
    assert p.parent == tmp_path and p.name.startswith("beach walk")
