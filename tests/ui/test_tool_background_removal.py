"""Background Removal tab, end to end against the sandbox: drop images (good and bad), see the
cost, submit, watch the jobs complete in the queue, compare over a checkerboard, save as PNG;
downscale an image over 10 MB; a balance too low."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.conftest import make_clip, make_image
from tests.e2e.helpers import (
    drop,
    forgive_multimedia_noise,
    open_tab,
    panel_rows,
    queue_panel,
    start_app,
)
from tests.ui.conftest import run, until
from verging_desktop.jobs.store import DownloadState, LocalStatus
from verging_desktop.sandbox import DEMO_KEY


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


def noise_png(path: Path, w: int = 2000, h: int = 1900) -> Path:
    """A PNG that does not compress: over 10 MB."""
    data = os.urandom(w * h * 3)
    img = QImage(data, w, h, w * 3, QImage.Format.Format_RGB888)
    assert img.save(str(path), "PNG")
    return path


def test_batch_with_bad_files_submit_compare_and_save(harness, store, loop, qtbot, tmp_path, ffmpeg):
    media = tmp_path / "media"
    media.mkdir()
    good = [make_image(ffmpeg, media / "portrait.png"), make_image(ffmpeg, media / "street.jpg"),
            make_image(ffmpeg, media / "cat.webp")]
    fake = media / "notes.png"
    fake.write_text("this is text, not a picture")
    video_as_jpg = media / "holiday.jpg"
    make_clip(ffmpeg, media / "v.mp4", seconds=1).rename(video_as_jpg)
    gif = media / "anim.gif"
    subprocess.run([ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=64x64:rate=1:duration=1", "-frames:v", "1", str(gif)], check=True)
    broken = media / "broken.png"
    broken.write_bytes(good[0].read_bytes()[:60])
    empty = media / "empty.png"
    empty.write_bytes(b"")

    downloads = tmp_path / "downloads"
    ctl = start_app(harness, store, downloads)
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Background Removal")
    panel = queue_panel(loop, ctl)
    before = sb.stats()["charged"]
    balance_before = sb.credits(DEMO_KEY)

    assert drop(page.drop, [*good, fake, video_as_jpg, gif, broken, empty])
    run(loop, until(lambda: all(i.state not in ("checking",) for i in page.items) and len(page.items) == 8,
                    10, "the files to be checked"))
    states = {i.name: i.state for i in page.items}
    assert states == {"portrait.png": "ready", "street.jpg": "ready", "cat.webp": "ready", "notes.png": "bad",
                      "holiday.jpg": "bad", "anim.gif": "bad", "broken.png": "bad", "empty.png": "bad"}
    reasons = page.problems.text()
    assert "notes.png is not a readable image" in reasons
    assert "holiday.jpg is a video, not an image" in reasons
    assert "anim.gif is a GIF image" in reasons
    assert "broken.png is not a readable image" in reasons
    assert "empty.png is empty" in reasons
    assert page.problems.isVisible()
    # the cost of the good ones, next to the balance
    assert page.cost.text().startswith("Cost: 3 credits (3 images x 1)")
    assert "Balance: 1,000 credits" in page.cost.text()
    assert page.submit_button.isEnabled() and "3 credits" in page.submit_button.text()

    page.submit_button.click()
    run(loop, until(lambda: all(i.local_id is not None for i in page.items if i.state == "sent")
                    and sum(i.state == "sent" for i in page.items) == 3, 15, "three jobs sent"))
    store_ = ctl.ctx.jobs.queue.store
    ids = [i.local_id for i in page.items if i.local_id is not None]
    run(loop, until(lambda: all(store_.get(i).download_state is DownloadState.DONE for i in ids), 30,
                    "results downloaded"))
    # the queue panel shows them completed, with estimate and charge
    run(loop, until(lambda: sum(r[2] == "Completed, saved" for r in panel_rows(panel)) == 3, 5, "queue rows"))
    assert {r[0] for r in panel_rows(panel)} == {"Background Removal"}
    assert all(r[3] == "1 est. / 1 charged" for r in panel_rows(panel))
    # nothing was sent for the bad files; the charge equals the estimate
    stats = sb.stats()
    assert stats["create_jobs"].get("background_removal") == 3
    estimates = sum(store_.get(i).estimated_credits for i in ids)
    assert stats["charged"] - before == estimates == 3
    assert balance_before - sb.credits(DEMO_KEY) == 3
    assert sorted(p.name for p in downloads.iterdir()) == ["cat_nobg.png", "portrait_nobg.png", "street_nobg.png"]

    # the compare view shows the first one: the original and a transparent result on a checkerboard
    res = page.result
    run(loop, until(lambda: res.result_path is not None and res.compare.result.image() is not None, 10, "compare"))
    assert res.compare.kind == "image"
    assert res.compare.result.image().hasAlphaChannel()
    assert res.charge.text() == "Estimated 1 credit · charged 1 credit"
    for mode in ("wipe", "side", "toggle"):
        res.compare.set_mode(mode)
        assert not res.compare.canvas.grab().toImage().isNull()
    # the selected row shows its own result
    page.list.setCurrentRow(1)
    assert res.title.text() == "Result: street.jpg"
    # save as PNG: an existing name is never overwritten silently
    target = tmp_path / "saved.png"
    target.write_bytes(b"keep me")
    out = res.save_to(target)
    assert out is not None and out.name == "saved (2).png" and target.read_bytes() == b"keep me"
    assert QImage(str(out)).hasAlphaChannel()
    # the user confirmed replacing it in the dialog: then it is replaced
    out2 = res.save_to(target, overwrite=True)
    assert out2 == target and target.read_bytes() != b"keep me"


def test_large_image_is_offered_a_downscale(harness, store, loop, qtbot, tmp_path, ffmpeg):
    big = noise_png(tmp_path / "huge.png")
    assert big.stat().st_size > 10 * 1024 * 1024
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    page = open_tab(loop, ctl, "Background Removal")
    assert drop(page.drop, [big])
    run(loop, until(lambda: page.items and page.items[0].state == "too_big", 15, "too big"))
    assert page.downscale_button.isVisible()
    assert not page.submit_button.isEnabled()
    assert "huge.png is" in page.problems.text() and "the limit is 10 MB" in page.problems.text()
    page.downscale_button.click()
    run(loop, until(lambda: page.items[0].state == "ready", 60, "downscaled"))
    item = page.items[0]
    assert item.upload != big and item.upload.stat().st_size <= 10 * 1024 * 1024
    assert "downscaled from 2000×1900" in item.note
    assert big.stat().st_size > 10 * 1024 * 1024  # the user's file is untouched
    assert page.cost.credits == 1 and page.submit_button.isEnabled()
    page.submit_button.click()
    run(loop, until(lambda: item.local_id is not None, 20, "sent"))
    q = ctl.ctx.jobs.queue
    run(loop, until(lambda: q.store.get(item.local_id).status is LocalStatus.COMPLETED, 30, "completed"))
    assert sb.stats()["charged"] == 1


def test_low_balance_disables_submit_and_shows_the_shortfall(harness, store, loop, qtbot, tmp_path, ffmpeg):
    imgs = [make_image(ffmpeg, tmp_path / f"p{i}.png") for i in range(3)]
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    sb.set_credits(DEMO_KEY, 2)
    run(loop, ctl.session.wait_refreshed())
    page = open_tab(loop, ctl, "Background Removal")
    assert drop(page.drop, imgs)
    run(loop, until(lambda: len(page.ready_items()) == 3, 10, "ready"))
    assert not page.submit_button.isEnabled()
    text = page.cost.text()
    assert "Cost: 3 credits" in text and "Balance: 2 credits" in text and "1 credit short" in text
    assert page.cost.buy.isVisible() and "verging.ai/pricing" in page.cost.buy.text()
    assert "#c62828" in page.cost.label.text()
    # credits bought: the balance is read again and submit comes back
    sb.set_credits(DEMO_KEY, 10)
    run(loop, ctl.session.wait_refreshed())
    assert page.submit_button.isEnabled() and not page.cost.buy.isVisible()
    assert sb.stats()["create_jobs"].get("background_removal", 0) == 0
