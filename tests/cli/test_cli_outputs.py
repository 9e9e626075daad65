"""One rule for `-o` in every command: a folder keeps the usual name, a bare name gets the result's
extension, a batch needs a folder (created if missing), nothing is overwritten. Real runs against
the sandbox; files checked on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_audio, make_clip, make_image


@pytest.fixture(scope="module")
def media(tmp_path_factory):
    from verging_desktop.media.binaries import ffmpeg_exe

    d = tmp_path_factory.mktemp("outputs-media")
    ff = ffmpeg_exe()
    return {
        "clip": make_clip(ff, d / "clip.mp4", seconds=2, size="160x120"),
        "face": make_image(ff, d / "face.png"),
        "a": make_image(ff, d / "a.png"),
        "b": make_image(ff, d / "b.png"),
        "talk": make_audio(ff, d / "talk.wav", seconds=2),
    }


def written(out: str) -> list[Path]:
    return [Path(line) for line in out.strip().splitlines() if line.strip()]


def test_faceswap_into_an_existing_folder_keeps_the_usual_name(cli, media, tmp_path) -> None:
    folder = tmp_path / "results"
    folder.mkdir()
    code, out, err = cli("faceswap", "-v", str(media["clip"]), "-f", str(media["face"]), "-o", str(folder))
    assert code == 0, err
    assert written(out)[-1] == folder / "clip_faceswap.mp4" and (folder / "clip_faceswap.mp4").is_file()


def test_enhance_name_without_extension_gets_the_result_extension(cli, media, tmp_path) -> None:
    code, out, err = cli("enhance", "-v", str(media["clip"]), "-o", str(tmp_path / "better"))
    assert code == 0, err
    assert written(out)[-1] == tmp_path / "better.mp4" and (tmp_path / "better.mp4").is_file()
    assert not (tmp_path / "better").exists()


def test_bg_remove_batch_into_a_folder_that_does_not_exist_yet(cli, media, tmp_path) -> None:
    out_dir = tmp_path / "cutouts"
    code, out, err = cli("bg-remove", "-i", str(media["a"]), "-i", str(media["b"]), "-o", str(out_dir))
    assert code == 0, err
    assert out_dir.is_dir()
    assert sorted(p.name for p in out_dir.iterdir()) == ["a_nobg.png", "b_nobg.png"]
    assert sorted(written(out)) == sorted(out_dir / n for n in ("a_nobg.png", "b_nobg.png"))


def test_bg_remove_single_into_a_path_ending_in_a_separator(cli, media, tmp_path) -> None:
    code, out, err = cli("bg-remove", "-i", str(media["a"]), "-o", str(tmp_path / "new") + "/")
    assert code == 0, err
    assert (tmp_path / "new" / "a_nobg.png").is_file()


def test_bg_remove_single_bare_name_gets_png(cli, media, tmp_path) -> None:
    code, out, err = cli("bg-remove", "-i", str(media["a"]), "-o", str(tmp_path / "DIR"))
    assert code == 0, err
    assert (tmp_path / "DIR.png").is_file() and not (tmp_path / "DIR").exists()


@pytest.mark.parametrize("target", ["one.png", "existing-file"])
def test_a_batch_needs_a_folder_and_nothing_is_sent_otherwise(cli, media, tmp_path, sandbox, target) -> None:
    t = tmp_path / target
    if target == "existing-file":
        t.write_bytes(b"mine")
    code, out, err = cli("bg-remove", "-i", str(media["a"]), "-i", str(media["b"]), "-o", str(t))
    assert code == 2
    assert "With 2 images, -o must be a folder" in err and len(err.strip().splitlines()) == 1
    assert sandbox.stats()["create_jobs"]["background_removal"] == 0
    if target == "existing-file":
        assert t.read_bytes() == b"mine"
    else:
        assert not t.exists()


def test_an_existing_file_is_never_overwritten(cli, media, tmp_path) -> None:
    keep = tmp_path / "keep.png"
    keep.write_bytes(b"mine")
    code, out, err = cli("bg-remove", "-i", str(media["a"]), "-o", str(keep))
    assert code == 0, err
    assert keep.read_bytes() == b"mine"
    assert written(out)[-1] == tmp_path / "keep (2).png" and (tmp_path / "keep (2).png").is_file()


def test_imagegen_one_image_follows_the_same_rule(cli, tmp_path) -> None:
    code, out, err = cli("imagegen", "-p", "a lighthouse", "-o", str(tmp_path / "cat"))
    assert code == 0, err
    assert written(out) == [tmp_path / "cat.png"] and (tmp_path / "cat.png").is_file()
    folder = tmp_path / "renders"
    folder.mkdir()
    code, out, err = cli("imagegen", "-p", "a lighthouse", "-o", str(folder))
    assert code == 0, err
    assert written(out) == [folder / "image_1.png"]
    code, out, err = cli("imagegen", "-p", "a lighthouse", "-n", "2", "-o", str(tmp_path / "x.png"))
    assert code == 2 and "With 2 images, -o must be a folder" in err


def test_tts_and_stt_follow_the_same_rule(cli, media, tmp_path) -> None:
    code, out, err = cli("tts", "-t", "Hello world", "--format", "wav", "-o", str(tmp_path / "greeting"))
    assert code == 0, err
    assert (tmp_path / "greeting.wav").is_file()
    folder = tmp_path / "speech"
    folder.mkdir()
    code, out, err = cli("tts", "-t", "Hello again", "-o", str(folder))
    assert code == 0, err
    assert (folder / "speech.mp3").is_file()
    code, out, err = cli("stt", "-f", str(media["talk"]), "-o", str(tmp_path / "notes"))
    assert code == 0, err
    assert (tmp_path / "notes.txt").read_text("utf-8").strip()
    code, out, err = cli("stt", "-f", str(media["talk"]), "-o", str(folder))
    assert code == 0, err
    assert (folder / "talk.txt").is_file()


def test_jobs_wait_o_after_an_interrupted_download_goes_to_the_new_place(cli, media, tmp_path) -> None:
    """An interrupted download leaves its planned path and a .part; `jobs wait N -o other.png` saves
    the result at other.png (not at the old path), and the old partial file is removed."""
    from verging_desktop.core.settings import app_dirs
    from verging_desktop.jobs.store import DownloadState, JobStore

    code, out, err = cli("bg-remove", "-i", str(media["a"]), "--json")
    assert code == 0, err
    store = JobStore(app_dirs().data / "jobs.db")
    try:
        (rec,) = store.list()
        assert rec.result_url and rec.download_state is DownloadState.NONE
        old = tmp_path / "old" / "a_nobg.png"
        old.parent.mkdir()
        part = old.with_name(old.name + ".part")
        part.write_bytes(b"\x89PNG partial")
        # what a download killed half-way leaves (mark_interrupted turns DOWNLOADING back into NONE)
        store.update(rec.local_id, result_path=str(old), download_state=DownloadState.NONE, download_progress=40.0,
                     dest=str(old))
    finally:
        store.close()
    other = tmp_path / "other.png"
    code, out, err = cli("jobs", "wait", str(rec.local_id), "-o", str(other))
    assert code == 0, err
    assert written(out) == [other] and other.is_file() and other.stat().st_size > 100
    assert not part.exists() and not old.exists()
    store = JobStore(app_dirs().data / "jobs.db")
    try:
        after = store.get(rec.local_id)
        assert after is not None and after.result_path == str(other) and after.download_state is DownloadState.DONE
    finally:
        store.close()
