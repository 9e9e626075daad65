"""Saving results (jobs/results.py) through both queues: the job names the file that was really
written when another program took the planned name during the download, and a download that
failed for good leaves no ``.part`` file in the user's folder (one that will be resumed keeps it)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.conftest import make_clip, make_image
from tests.jobs.test_queue import make_queue as make_verging_queue
from tests.jobs.test_queue import until
from tests.jobs.test_vimmerse_queue import make_queue, vsb  # noqa: F401 (a fixture)
from verging_desktop.api.vimmerse import CropRequest
from verging_desktop.jobs.store import DownloadState, JobRecord, JobStore, LocalStatus


def take_the_name_mid_download(store: JobStore, local_id: int, target: Path) -> list[Path]:
    """When the download's last bytes are written (progress 100 %, before the file gets its name),
    another program saves a file under the planned name."""
    taken: list[Path] = []

    def on(rec: JobRecord) -> None:
        if (rec.local_id == local_id and rec.download_state is DownloadState.DOWNLOADING
                and (rec.download_progress or 0) >= 100 and not target.exists()):
            target.write_bytes(b"someone else's file")
            taken.append(target)

    store.subscribe(on)
    return taken


def test_a_vimmerse_result_names_the_file_really_written(vsb, ffmpeg, tmp_path) -> None:  # noqa: F811
    clip = make_clip(ffmpeg, tmp_path / "street.mp4", seconds=1, size="160x120")

    async def go() -> None:
        store, client, q = make_queue(vsb, tmp_path, auto_download=False)
        await q.start()
        try:
            rec = await q.submit(CropRequest(video_url=str(clip), aspect_ratio="9:16"), input_name=clip.name,
                                 estimated=3)
            await until(lambda: store.get(rec.local_id).status is LocalStatus.COMPLETED)
            target = q.planned_target(store.get(rec.local_id))
            assert target == tmp_path / "out" / "street_cropped.mp4"
            taken = take_the_name_mid_download(store, rec.local_id, target)
            saved = await q.download(rec.local_id)
        finally:
            await q.stop()
            await client.aclose()
        assert taken == [target] and target.read_bytes() == b"someone else's file"
        assert saved == target.with_name("street_cropped (2).mp4") and saved.stat().st_size > 1000
        done = store.get(rec.local_id)
        assert done.download_state is DownloadState.DONE
        assert done.result_path == str(saved) and done.params["result_paths"] == [str(saved)]
        assert not list(target.parent.glob("*.part"))

    asyncio.run(go())


def test_a_verging_result_names_the_file_really_written(sandbox, ffmpeg, tmp_path) -> None:
    img = make_image(ffmpeg, tmp_path / "photo.png")

    async def go() -> None:
        store, client, q = make_verging_queue(sandbox, tmp_path)
        q.download_dir = None  # nowhere to save yet: completes without downloading
        await q.start()
        try:
            rec = await q.submit_background_removal(img)
            await until(lambda: store.get(rec.local_id).status is LocalStatus.COMPLETED)
            q.download_dir = tmp_path / "out"
            target = q.planned_target(store.get(rec.local_id))
            assert target is not None
            taken = take_the_name_mid_download(store, rec.local_id, target)
            saved = await q.download(rec.local_id)
        finally:
            await q.stop()
            await client.aclose()
        assert taken == [target] and saved == target.with_name("photo_nobg (2).png")
        assert store.get(rec.local_id).result_path == str(saved) and saved.read_bytes()[:4] == b"\x89PNG"

    asyncio.run(go())


def test_a_download_failed_for_good_leaves_no_part_file(vsb, ffmpeg, tmp_path) -> None:  # noqa: F811
    clip = make_clip(ffmpeg, tmp_path / "walk.mp4", seconds=1, size="160x120")
    out = tmp_path / "out"

    async def go() -> None:
        store, client, q = make_queue(vsb, tmp_path, auto_download=False)
        await q.start()
        try:
            rec = await q.submit(CropRequest(video_url=str(clip), aspect_ratio="1:1"), input_name=clip.name,
                                 estimated=3)
            await until(lambda: store.get(rec.local_id).status is LocalStatus.COMPLETED)
            real = store.get(rec.local_id)

            def point_at(url: str, asset: str) -> None:
                cur = store.get(rec.local_id)
                store.update(rec.local_id, result_url=url, remote_id=asset, params={**cur.params, "result_urls": [url]})

            # the network is down: the download will be resumed, its claim on the name stays
            point_at("http://127.0.0.1:9/walk.mp4", "gone-1")
            assert await q.download(rec.local_id) is None
            failed = store.get(rec.local_id)
            assert failed.download_state is DownloadState.FAILED
            planned = Path(failed.params["result_paths"][0])
            assert planned.with_name(planned.name + ".part").exists()
            # the file is gone on Vimmerse and no fresh address exists: failed for good, nothing left behind
            point_at(vsb.vimmerse_url + "/files/removed.mp4", "gone-2")
            assert await q.download(rec.local_id) is None
            assert store.get(rec.local_id).download_state is DownloadState.FAILED
            assert list(out.iterdir()) == []
            # the real address again: saved under the planned name
            point_at(real.result_url, real.remote_id)
            saved = await q.download(rec.local_id)
        finally:
            await q.stop()
            await client.aclose()
        assert saved == planned and saved.is_file() and [p.name for p in out.iterdir()] == [planned.name]

    asyncio.run(go())
