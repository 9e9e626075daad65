"""The varg queue against the sandbox's varg routes: the running limit (jobs wait here instead of
collecting 429s; a 429 all the same is no failure), cache hits final at once and free, BYOK free,
cancel (DELETE /jobs/{id}, or here for a waiting job), refused / lost creates, uploads stored and
deduplicated, a transcription saved as .txt, the words of a waiting job."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.conftest import make_audio, make_image
from tests.jobs.varg_common import ACCOUNT, image_req, make_queue, requests, start_sandbox, until
from verging_desktop.api.varg.client import VargClient
from verging_desktop.api.varg.models import CacheMode, VargRequest
from verging_desktop.core.errors import InputError, InsufficientCredits, ServerError
from verging_desktop.jobs.store import DownloadState, JobStore, LocalStatus
from verging_desktop.jobs.words import queue_status, result_charge_text, short_charge_text


@pytest.fixture
def vsb(tmp_path: Path):
    sb = start_sandbox(tmp_path, job_seconds=1.0)
    try:
        yield sb
    finally:
        sb.stop()


@pytest.fixture
def slow(tmp_path: Path):
    sb = start_sandbox(tmp_path, job_seconds=3600.0, name="slow")
    try:
        yield sb
    finally:
        sb.stop()


# -- the running limit ------------------------------------------------------------------------------
def test_three_jobs_on_free_two_sent_one_waits_then_sent_without_a_429(tmp_path) -> None:
    sb = start_sandbox(tmp_path, job_seconds=3600.0)

    async def go() -> None:
        store, client, q = make_queue(sb, tmp_path, max_running=2)
        await q.start()
        try:
            a = await q.submit(image_req("fox one"), input_name="one.png", estimated=0.3)
            b = await q.submit(image_req("fox two"), input_name="two.png", estimated=0.3)
            c = await q.submit(image_req("fox three"), input_name="three.png", estimated=0.3)
            assert a.remote_id and b.remote_id
            # the third waits here: nothing was sent for it
            assert c.status is LocalStatus.PREPARING and c.params["waiting"] is True and not c.remote_id
            assert queue_status(c) == "Waiting for a free varg slot (2 running)"
            assert requests(sb, "POST /image") == 2
            assert q.unfinished()[-1].local_id == c.local_id
            sb.varg_finish_now(a.remote_id)
            await until(lambda: store.get(c.local_id).remote_id is not None)
            sent = store.get(c.local_id)
            assert sent.params["waiting"] is False and sent.status.open and sent.submitted_at
            assert requests(sb, "POST /image") == 3
            for r in (b, sent):
                sb.varg_finish_now(r.remote_id)
            await until(lambda: all(store.get(r.local_id).download_state is DownloadState.DONE for r in (a, b, c)))
        finally:
            await q.stop()
            await client.aclose()
        stats = sb.varg_stats()
        assert stats["max_running"] == 2
        assert q.rate_limited_creates == 0  # no 429 was ever answered

    try:
        asyncio.run(go())
    finally:
        sb.stop()


def test_a_429_on_create_is_no_failure_the_job_waits_and_is_sent_later(tmp_path) -> None:
    """Another client of the same key fills the plan's two slots: varg refuses the queue's create
    with a 429 (nothing created), so the job waits and is sent once a slot is free: one charge."""
    sb = start_sandbox(tmp_path, job_seconds=3600.0)

    async def go() -> None:
        other = VargClient(sb.varg_demo_key, sb.varg_url)
        store, client, q = make_queue(sb, tmp_path, max_running=2)
        await q.start()
        try:
            busy = [await other.create(image_req(f"elsewhere {i}")) for i in range(2)]
            before = sb.varg_balance(sb.varg_demo_key)
            rec = await q.submit(image_req("fox here"), input_name="here.png", estimated=0.3)
            assert rec.status is LocalStatus.PREPARING and rec.params["waiting"] and not rec.remote_id
            assert q.rate_limited_creates == 1 and rec.error is None
            assert sb.varg_balance(sb.varg_demo_key) == before  # refused: nothing charged
            sb.varg_finish_now(busy[0].id)
            await until(lambda: store.get(rec.local_id).remote_id is not None, timeout=30)
            sb.varg_finish_now(store.get(rec.local_id).remote_id)
            await until(lambda: store.get(rec.local_id).status is LocalStatus.COMPLETED)
            await until(lambda: store.get(rec.local_id).charged_credits is not None)
            done = store.get(rec.local_id)
            assert done.charged_credits > 0
            assert sum(1 for u in (await client.usage()).records if u.job_id == done.remote_id) == 1
        finally:
            await q.stop()
            await client.aclose()
            await other.aclose()

    try:
        asyncio.run(go())
    finally:
        sb.stop()


def test_a_larger_limit_starts_waiting_jobs(slow, tmp_path) -> None:
    key = "varg_" + "p" * 20
    slow.add_varg_key(key, plan="pro")

    async def go() -> None:
        store, client, q = make_queue(slow, tmp_path, key=key, max_running=1)
        await q.start()
        try:
            a = await q.submit(image_req("fox a"), input_name="a.png", estimated=0.3)
            b = await q.submit(image_req("fox b"), input_name="b.png", estimated=0.3)
            assert a.remote_id and b.params["waiting"]
            assert queue_status(b) == "Waiting for a free varg slot (1 running)"
            q.max_running = 10  # the plan changed to Pro
            await until(lambda: store.get(b.local_id).remote_id is not None)
        finally:
            await q.stop()
            await client.aclose()

    asyncio.run(go())


# -- the cache, BYOK ---------------------------------------------------------------------------------
def test_a_cache_hit_is_final_at_once_and_free(vsb, tmp_path) -> None:
    async def go() -> None:
        store, client, q = make_queue(vsb, tmp_path)
        await q.start()
        try:
            first = await q.submit(image_req("a lighthouse at dusk"), input_name="light.png", estimated=0.3)
            await until(lambda: store.get(first.local_id).charged_credits is not None)
            streams = client.streamed.total()
            hit = await q.submit(image_req("a lighthouse at dusk"), input_name="light again.png", estimated=0.3)
            # completed in the POST's answer: final at once, charged nothing, never followed
            assert hit.status is LocalStatus.COMPLETED and hit.charged_credits == 0
            assert hit.params["cache"] == "hit" and hit.params["cache_key"] == store.get(first.local_id).params[
                "cache_key"]
            assert short_charge_text(hit) == "free (cache)"
            assert result_charge_text(hit).startswith("From cache: free")
            await until(lambda: store.get(hit.local_id).download_state is DownloadState.DONE)
            assert client.streamed.total() == streams and client.reads[hit.remote_id or ""] == 0
            # no-cache skips the lookup: a new, charged job
            again = await q.submit(image_req("a lighthouse at dusk", cache=CacheMode.REFRESH),
                                   input_name="light fresh.png", estimated=0.3)
            assert again.status.open and again.params["cache"] == "miss" and again.params["cache_mode"] == "no-cache"
        finally:
            await q.stop()
            await client.aclose()

    asyncio.run(go())


def test_a_byok_job_costs_nothing_on_varg(vsb, tmp_path) -> None:
    async def go() -> None:
        store, client, q = make_queue(vsb, tmp_path)
        client.set_byok_key("fal", "fal_" + "k" * 24)
        await q.start()
        try:
            rec = await q.submit(image_req("a fox paid by my own key"), input_name="own.png", estimated=0)
            assert rec.params["byok"] == "fal"
            await until(lambda: store.get(rec.local_id).charged_credits is not None)
            done = store.get(rec.local_id)
            await until(lambda: store.get(rec.local_id).download_state is DownloadState.DONE)
        finally:
            await q.stop()
            await client.aclose()
        assert done.status is LocalStatus.COMPLETED and done.charged_credits == 0
        assert "Your own fal.ai key: billed by the provider" in result_charge_text(done)
        assert vsb.varg_stats()["provider_keys"]

    asyncio.run(go())


# -- cancel --------------------------------------------------------------------------------------------
def test_cancel_sends_delete_for_a_job_on_varg_and_cancels_a_waiting_one_here(slow, tmp_path) -> None:
    async def go() -> None:
        store, client, q = make_queue(slow, tmp_path, max_running=1)
        await q.start()
        try:
            before = slow.varg_balance(slow.varg_demo_key)
            a = await q.submit(image_req("fox to cancel"), input_name="a.png", estimated=0.3)
            b = await q.submit(image_req("fox waiting"), input_name="b.png", estimated=0.3)
            assert a.remote_id and b.params["waiting"]
            await until(lambda: q.stats["streams_open"] == 1)
            out = await q.cancel(b.local_id)  # waiting here: nothing to tell varg
            assert out.status is LocalStatus.CANCELLED and "nothing was charged" in out.error
            assert requests(slow, "DELETE /jobs/{id}") == 0
            out = await q.cancel(a.local_id)
            assert out.status is LocalStatus.CANCELLED and out.error == "Cancelled on varg."
            assert requests(slow, "DELETE /jobs/{id}") == 1
            assert (await client.job(a.remote_id)).status.value == "cancelled"
            await until(lambda: q.stats["streams_open"] == 0)
            await asyncio.sleep(0.5)  # the slot is free: the cancelled waiting job is not sent
            assert requests(slow, "POST /image") == 1
            assert slow.varg_balance(slow.varg_demo_key) == pytest.approx(before)  # refunded
        finally:
            await q.stop()
            await client.aclose()

    asyncio.run(go())


# -- refused, lost --------------------------------------------------------------------------------------
def test_refused_402_fails_and_charges_nothing(vsb, tmp_path) -> None:
    key = "varg_" + "b" * 20
    vsb.add_varg_key(key, cents=0)

    async def go() -> None:
        store, client, q = make_queue(vsb, tmp_path, key=key)
        await q.start()
        try:
            with pytest.raises(InsufficientCredits):
                await q.submit(image_req("no money"), input_name="x.png", estimated=0.3)
            rec = store.list()[-1]
        finally:
            await q.stop()
            await client.aclose()
        assert rec.status is LocalStatus.FAILED and "varg.ai" in rec.error and "nothing was charged" in rec.error

    asyncio.run(go())


def test_a_5xx_on_create_is_unknown_and_never_sent_again(vsb, tmp_path) -> None:
    async def go() -> None:
        store, client, q = make_queue(vsb, tmp_path)
        await q.start()
        try:
            vsb.varg_fail_next(1, 500)
            with pytest.raises(ServerError):
                await q.submit(image_req("lost fox"), input_name="lost.png", estimated=0.3)
            rec = store.list()[-1]
            assert rec.status is LocalStatus.UNKNOWN and not rec.remote_id
            assert "may have been created on varg" in rec.error and "varg.ai" in rec.error
            await asyncio.sleep(0.5)
            assert requests(vsb, "POST /image") == 1  # never again
            # sent again by hand: a new job, once
            again = await q.resend(rec.local_id)
            assert again.local_id != rec.local_id and again.remote_id and again.params["resent_from"] == rec.local_id
            assert store.get(rec.local_id).params["resent_as"] == again.local_id
            assert requests(vsb, "POST /image") == 2
            with pytest.raises(InputError, match="already sent again"):
                await q.resend(rec.local_id)
        finally:
            await q.stop()
            await client.aclose()
        # a restart does not send it either
        store2, client2, q2 = make_queue(vsb, tmp_path, store=JobStore(tmp_path / "jobs.db"))
        await q2.start()
        try:
            await asyncio.sleep(0.3)
            assert store2.get(rec.local_id).status is LocalStatus.UNKNOWN
            assert requests(vsb, "POST /image") == 2
        finally:
            await q2.stop()
            await client2.aclose()

    asyncio.run(go())


# -- files, transcription ----------------------------------------------------------------------------
def test_input_files_are_uploaded_once_and_their_urls_stored(vsb, ffmpeg, tmp_path) -> None:
    img = make_image(ffmpeg, tmp_path / "face.png")

    async def go() -> None:
        store, client, q = make_queue(vsb, tmp_path)
        await q.start()
        try:
            req = VargRequest(kind="varg-video", model="kling-v2.5", prompt="the face smiles", duration=5,
                              files=(str(img),))
            a = await q.submit(req, input_name="face.png", estimated=35)
            urls = a.params["file_urls"]
            assert list(urls) == [str(img)] and urls[str(img)].startswith("http://127.0.0.1")
            assert a.inputs == [str(img)] and a.params["files"] == [str(img)]
            sent = vsb.varg_stats()["upload_bytes"]
            b = await q.submit(VargRequest(kind="varg-video", model="kling-v2.5", prompt="the face frowns",
                                           duration=5, files=(str(img),)), input_name="face.png", estimated=35)
            assert b.params["file_urls"] == urls and vsb.varg_stats()["upload_bytes"] == sent
            await until(lambda: all(store.get(r.local_id).download_state is DownloadState.DONE for r in (a, b)))
            assert Path(store.get(a.local_id).result_path).suffix == ".mp4"
        finally:
            await q.stop()
            await client.aclose()

    asyncio.run(go())


def test_a_transcription_is_saved_as_text(vsb, ffmpeg, tmp_path) -> None:
    audio = make_audio(ffmpeg, tmp_path / "talk.wav", seconds=2)

    async def go() -> None:
        store, client, q = make_queue(vsb, tmp_path)
        await q.start()
        try:
            rec = await q.submit(VargRequest(kind="varg-transcription", model="whisper", audio=str(audio)),
                                 input_name="talk.wav", estimated=1)
            await until(lambda: store.get(rec.local_id).download_state is DownloadState.DONE)
            done = store.get(rec.local_id)
        finally:
            await q.stop()
            await client.aclose()
        out = Path(done.result_path)
        assert out.name == "talk_transcript.txt"
        assert done.params["transcript"] and out.read_text(encoding="utf-8").strip() == done.params["transcript"].strip()
        assert isinstance(done.params["segments"], list)  # client.transcript's timed segments, for .srt/.vtt

    asyncio.run(go())


def test_jobs_of_another_account_are_not_followed(slow, tmp_path) -> None:
    async def go() -> None:
        store, client, q = make_queue(slow, tmp_path)
        await q.start()
        try:
            rec = await q.submit(image_req("mine"), input_name="m.png", estimated=0.3)
            await until(lambda: q.stats["streams_open"] == 1)
            q.identify("varg|sandbox|someone-else")
            await until(lambda: q.stats["streams_open"] == 0)
            assert q.open_jobs() == [] and store.get(rec.local_id).status.open
            q.identify(ACCOUNT)
            await until(lambda: q.stats["streams_open"] == 1)
        finally:
            await q.stop()
            await client.aclose()

    asyncio.run(go())


# -- words ----------------------------------------------------------------------------------------------
def test_varg_words_are_cents_and_say_why_a_job_is_free() -> None:
    from verging_desktop.jobs.store import JobRecord
    from verging_desktop.jobs.words import cents_amount, cli_status, estimate_charge_text, result_status

    assert cents_amount(35) == "35\u00a0¢ ($0.35)" and cents_amount(0.5) == "0.5\u00a0¢ ($0.005)"
    assert cents_amount(1250) == "1,250\u00a0¢ ($12.50)"
    waiting = JobRecord(local_id=1, provider="varg", kind="varg-video", status=LocalStatus.PREPARING,
                        params={"waiting": True, "running": 2})
    assert result_status(waiting) == "Waiting for a free varg slot (2 running)"
    assert cli_status(waiting) == "waiting for a free varg slot (2 running)"
    done = JobRecord(local_id=2, provider="varg", kind="varg-video", status=LocalStatus.COMPLETED,
                     estimated_credits=35, charged_credits=35, params={"cache": "miss", "byok": ""})
    assert estimate_charge_text(done) == "35\u00a0¢ est. / 35\u00a0¢ charged"
    assert result_charge_text(done) == "Estimated 35\u00a0¢ ($0.35) · charged 35\u00a0¢ ($0.35)"
    own = JobRecord(local_id=3, provider="varg", kind="varg-speech", status=LocalStatus.COMPLETED,
                    estimated_credits=0, charged_credits=0, params={"cache": "miss", "byok": "elevenlabs"})
    assert short_charge_text(own) == "own key"
    assert result_charge_text(own).startswith("Your own ElevenLabs key: billed by the provider")
    unknown = JobRecord(local_id=4, provider="varg", kind="varg-image", status=LocalStatus.UNKNOWN)
    assert queue_status(unknown) == "Unknown: check varg.ai"
