"""The result panel's charge line (jobs/words.py, Qt-free), and the file helpers the tabs save with."""

from __future__ import annotations

from pathlib import Path

import pytest

from verging_desktop.core.errors import InputError
from verging_desktop.jobs.store import JobRecord, LocalStatus
from verging_desktop.jobs.words import result_charge_text
from verging_desktop.services.files import copy_result


def _rec(status: LocalStatus, **kw: object) -> JobRecord:
    base: dict[str, object] = {"local_id": 1, "provider": "verging", "kind": "face-swap", "status": status,
                               "created_at": 0.0, "input_name": "a.mp4"}
    base.update(kw)
    return JobRecord(**base)  # type: ignore[arg-type]


def test_the_charge_line_says_estimate_and_charge_in_words() -> None:
    assert result_charge_text(_rec(LocalStatus.PENDING)) == "Estimated ?"
    assert result_charge_text(_rec(LocalStatus.PENDING, estimated_credits=1.0)) == "Estimated 1 credit"
    done = _rec(LocalStatus.COMPLETED, estimated_credits=5.0, charged_credits=5.0)
    assert result_charge_text(done) == "Estimated 5 credits · charged 5 credits"
    other = _rec(LocalStatus.COMPLETED, estimated_credits=1500.0, charged_credits=1.5)
    assert result_charge_text(other) == "Estimated 1,500 credits · charged 1.5 credits (differs from the estimate)"
    failed = _rec(LocalStatus.FAILED, estimated_credits=15.0, charged_credits=15.0)
    assert result_charge_text(failed) == "Estimated 15 credits · a failed job is not charged (its credits are returned)"


def test_copy_result_keeps_an_existing_file_unless_told(tmp_path: Path) -> None:
    src = tmp_path / "dl" / "result.png"
    src.parent.mkdir()
    src.write_bytes(b"new")
    dest = tmp_path / "out" / "result.png"
    assert copy_result(src, dest) == dest and dest.read_bytes() == b"new"
    dest.write_bytes(b"old")
    second = copy_result(src, dest)
    assert second == tmp_path / "out" / "result (2).png" and dest.read_bytes() == b"old"
    assert copy_result(src, dest, overwrite=True) == dest and dest.read_bytes() == b"new"
    assert copy_result(src, src) == src  # onto itself: nothing to do
    assert not list((tmp_path / "out").glob("*.part"))
    with pytest.raises(InputError, match="missing"):
        copy_result(tmp_path / "gone.png", dest)


def test_a_vimmerse_job_in_words() -> None:
    from verging_desktop.jobs.words import cli_status, queue_status, result_status, tool_text

    assert tool_text("face-swap") == "Face Swap"
    assert tool_text("vimmerse-crop").endswith(" · Vimmerse")
    unknown = _rec(LocalStatus.UNKNOWN, provider="vimmerse", kind="vimmerse-crop")
    assert queue_status(unknown) == result_status(unknown) == "Unknown: check vimmerse.net"
    assert cli_status(unknown) == "unknown"
    assert queue_status(_rec(LocalStatus.UNKNOWN)) == "Unknown: check verging.ai"
    failed = _rec(LocalStatus.FAILED, provider="vimmerse", kind="vimmerse-crop", estimated_credits=4.0,
                  charged_credits=4.0)
    assert result_charge_text(failed) == ("Estimated 4 Vimmerse credits · charged 4 Vimmerse credits "
                                          "(as Vimmerse reports)")
    free = _rec(LocalStatus.FAILED, provider="vimmerse", kind="vimmerse-crop", estimated_credits=4.0)
    assert result_charge_text(free) == ("Estimated 4 Vimmerse credits · a failed job is not charged "
                                        "(its credits are returned)")


def test_vimmerse_charges_say_vimmerse_credits_and_vergings_stay_as_they_were() -> None:
    from verging_desktop.jobs.words import estimate_charge_text, short_charge_text

    done = _rec(LocalStatus.COMPLETED, provider="vimmerse", kind="vimmerse-crop", estimated_credits=6.0,
                charged_credits=6.0)
    assert result_charge_text(done) == "Estimated 6 Vimmerse credits · charged 6 Vimmerse credits"
    one = _rec(LocalStatus.PENDING, provider="vimmerse", kind="vimmerse-crop", estimated_credits=1.0)
    assert result_charge_text(one) == "Estimated 1 Vimmerse credit"
    assert estimate_charge_text(done) == "6 est. / 6 charged (Vimmerse credits)"
    assert short_charge_text(done) == "6 charged (Vimmerse credits)"
    assert estimate_charge_text(one) == "1 est. (Vimmerse credits)" and short_charge_text(one) == "1 est. (Vimmerse credits)"
    mine = _rec(LocalStatus.COMPLETED, estimated_credits=6.0, charged_credits=6.0)
    assert result_charge_text(mine) == "Estimated 6 credits · charged 6 credits"
    assert estimate_charge_text(mine) == "6 est. / 6 charged" and short_charge_text(mine) == "6 charged"


def test_the_status_line_once_a_job_is_over() -> None:
    from verging_desktop.jobs.store import DownloadState
    from verging_desktop.jobs.words import ended_text, tool_text

    kw: dict[str, object] = {"provider": "vimmerse", "kind": "vimmerse-crop", "input_name": "walk.mp4"}
    assert ended_text(_rec(LocalStatus.PROCESSING, **kw)) is None
    assert ended_text(_rec(LocalStatus.COMPLETED, download_state=DownloadState.DOWNLOADING, **kw)) is None
    saved = _rec(LocalStatus.COMPLETED, download_state=DownloadState.DONE, charged_credits=3.0, **kw)
    assert ended_text(saved) == f"{tool_text('vimmerse-crop')} finished: walk.mp4, saved (charged 3 Vimmerse credits)."
    failed = _rec(LocalStatus.FAILED, error="the clip is too short", **kw)
    assert ended_text(failed) == f"{tool_text('vimmerse-crop')} failed: walk.mp4: the clip is too short"
