"""The merged usage view's figures: every provider's rows in one history, added up in US dollars where
the dollar value is known (a Verging credit at its price list's rate, a varg cent at $0.01), one chart
series per provider per day; Vimmerse's credits (no published dollar price) kept out of every dollar
figure, with a note saying why."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from verging_desktop.api.retry import RetryPolicy
from verging_desktop.api.varg import VargClient, VargRequest
from verging_desktop.api.verging import VergingClient
from verging_desktop.core.pricing import Pricing
from verging_desktop.jobs.store import JobStore, LocalStatus
from verging_desktop.sandbox import DEMO_KEY
from verging_desktop.services.usage import (
    ALL_PROVIDERS,
    History,
    aggregate_dollars,
    from_jobs,
    from_varg_usage,
    load_all_history,
    merge_histories,
    provider_history,
)

VARG_ACCOUNT = "varg|sandbox|demo"
VIM_ACCOUNT = "vimmerse|sandbox|demo"
RATE = Pricing.default().usd_per_credit


def test_the_pricing_table_s_rate_is_ten_dollars_for_530_credits() -> None:
    assert pytest.approx(10 / 530) == RATE


def _add(store: JobStore, *, provider: str, kind: str, remote: str, at: datetime, charged: float | None,
         status: LocalStatus = LocalStatus.COMPLETED, account: str = "", params: dict | None = None,
         estimated: float | None = None) -> None:
    rec = store.add(provider=provider, kind=kind, params=params or {}, input_name=f"{remote}.png",
                    estimated_credits=estimated, account=account)
    store.update(rec.local_id, remote_id=remote, status=status, charged_credits=charged,
                 created_at=at.timestamp(), submitted_at=at.timestamp())


def test_dollars_per_provider_per_day_from_a_real_job_store(tmp_path: Path) -> None:
    """Records written to a real JobStore over three days: each provider's dollars land on their day,
    Vimmerse's credits are listed but never in a bar or the total."""
    store = JobStore(tmp_path / "jobs.db")
    now = datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
    two_days_ago, long_ago = now - timedelta(days=2), now - timedelta(days=30)
    _add(store, provider="verging", kind="background-removal", remote="v1", at=two_days_ago, charged=53)
    _add(store, provider="verging", kind="face-swap", remote="v2", at=now, charged=106)
    _add(store, provider="verging", kind="face-swap", remote="v3", at=long_ago, charged=530)   # out of the chart
    _add(store, provider="varg", kind="varg-video", remote="g1", at=now, charged=150, account=VARG_ACCOUNT)
    _add(store, provider="varg", kind="varg-image", remote="g2", at=two_days_ago, charged=3, account=VARG_ACCOUNT)
    _add(store, provider="varg", kind="varg-image", remote="g3", at=now, charged=0, account=VARG_ACCOUNT,
         params={"cache": "hit", "model": "flux-schnell"}, estimated=3)
    _add(store, provider="vimmerse", kind="vimmerse-crop", remote="m1", at=now, charged=12, account=VIM_ACCOUNT)
    jobs = store.list(include_hidden=True)
    store.close()

    verging = History.merge([], from_jobs([j for j in jobs if j.provider == "verging"], None), jobs_from_server=False)
    varg = History(from_varg_usage([], [j for j in jobs if j.provider == "varg"]), jobs_from_server=False,
                   provider="varg")
    vimmerse = provider_history(jobs, "vimmerse")
    h = merge_histories([verging, varg, vimmerse], RATE)
    assert h.merged and h.provider == ALL_PROVIDERS and len(h.entries) == 7
    assert {e.provider for e in h.entries} == {"verging", "varg", "vimmerse"}
    assert h.rates == {"verging": RATE, "varg": 0.01, "vimmerse": None}

    data = aggregate_dollars(h, 14, today=now.date())
    assert data.money and data.provider == ALL_PROVIDERS
    assert data.services == ["verging", "varg"]                    # one series per provider with a dollar price
    assert data.labels == {"verging": "Verging", "varg": "varg"} and data.color("verging") != data.color("varg")
    today, before = len(data.days) - 1, len(data.days) - 3
    assert data.values["verging"][today] == pytest.approx(106 * 10 / 530)   # $2.00
    assert data.values["verging"][before] == pytest.approx(53 * 10 / 530)   # $1.00
    assert data.values["varg"][today] == pytest.approx(1.50)                # 150 cents; the cache hit 0
    assert data.values["varg"][before] == pytest.approx(0.03)
    assert sum(data.total(i) for i in range(len(data.days)) if i not in (today, before)) == 0
    assert data.grand_total == pytest.approx(3.0 + 1.53)
    assert "vimmerse" not in data.values and data.apart == {"vimmerse": 12}
    assert data.note == "Not in the bars: 12 Vimmerse credits (Vimmerse publishes no dollar price for its credits)."
    assert data.text(1.5) == "$1.50" and data.text(0.03) == "$0.03"

    # the total counts every dollar row (the one out of the chart too), never Vimmerse's credits
    assert h.total() == pytest.approx((53 + 106 + 530) * 10 / 530 + 1.53)
    assert h.apart() == {"vimmerse": 12}
    # each provider in its own unit (varg's cache hit with varg), Vimmerse apart, after the dollars
    assert h.summary() == ("Total: $14.53 in 7 records (Verging 689 credits = $13.00; varg 153\u00a0¢ ($1.53), "
                           "1 cache hit, free). Not in the dollar total: 12 Vimmerse credits")
    assert h.summary("imagegen") == "Total: $0.03 in 2 records (varg 3\u00a0¢ ($0.03), 1 cache hit, free)"
    # a tool only Verging used: no varg part, no Vimmerse part
    assert h.summary("faceswap") == "Total: $12.00 in 2 records (Verging 636 credits = $12.00)"


def test_merged_history_from_real_sandbox_jobs_and_a_provider_that_cannot_be_read(sandbox, tmp_path: Path) -> None:
    """Real Verging AI calls and real varg jobs (one charged, one from the cache, one cancelled) on the
    sandbox: today's dollars per provider are exactly what each balance lost, at each rate."""
    sandbox.varg_job_seconds = 0.3
    store = JobStore(tmp_path / "jobs.db")

    async def go() -> tuple[History, History, float, float]:
        async with VergingClient(DEMO_KEY, sandbox.base_url, retry=RetryPolicy(attempts=1)) as vc, \
                VargClient(sandbox.varg_demo_key, sandbox.varg_url, retry=RetryPolicy(attempts=1)) as gc:
            credits_before = (await vc.me()).credits
            cents_before = (await gc.balance()).cents
            await vc.chat([{"role": "user", "content": "hello"}])
            await vc.tts("a line to say")
            req = VargRequest(kind="varg-image", model="flux-schnell", prompt="a red kite", aspect_ratio="1:1")
            first = await gc.create(req)
            for _ in range(200):
                if (await gc.job(first.id)).final:
                    break
                await asyncio.sleep(0.05)
            hit = await gc.create(req)                   # the same request: varg's cache, free
            assert hit.cache_hit
            video = await gc.create(VargRequest(kind="varg-video", model="kling-v2.5", prompt="waves", duration=5))
            await gc.cancel(video.id)
            for job, status, cache in ((first, LocalStatus.COMPLETED, "miss"), (hit, LocalStatus.COMPLETED, "hit"),
                                       (video, LocalStatus.CANCELLED, "miss")):
                kind = "varg-video" if job is video else "varg-image"
                _add(store, provider="varg", kind=kind, remote=job.id, at=datetime.now().astimezone(), charged=None,
                     status=status, account=VARG_ACCOUNT, params={"cache": cache}, estimated=3)
            _add(store, provider="vimmerse", kind="vimmerse-crop", remote="m1", at=datetime.now().astimezone(),
                 charged=7, account=VIM_ACCOUNT)
            mine = store.list(include_hidden=True)
            spent_credits = credits_before - (await vc.me()).credits
            spent_cents = cents_before - (await gc.balance()).cents
            h = await load_all_history(usd_per_credit=RATE, verging=(vc, []),
                                       varg=(gc, [j for j in mine if j.provider == "varg"]),
                                       vimmerse=[j for j in mine if j.provider == "vimmerse"])
            async with VergingClient("vk_" + "w" * 30, sandbox.base_url, retry=RetryPolicy(attempts=1)) as bad:
                broken = await load_all_history(usd_per_credit=RATE, verging=(bad, []),
                                                varg=(gc, [j for j in mine if j.provider == "varg"]))
            return h, broken, spent_credits, spent_cents

    h, broken, spent_credits, spent_cents = asyncio.run(go())
    store.close()
    assert spent_credits > 0 and spent_cents > 0
    data = aggregate_dollars(h, 14)
    today = len(data.days) - 1
    assert data.values["verging"][today] == pytest.approx(spent_credits * 10 / 530)
    assert data.values["varg"][today] == pytest.approx(spent_cents / 100)
    assert data.apart == {"vimmerse": 7} and "vimmerse" not in data.values
    assert h.total() == pytest.approx(spent_credits * 10 / 530 + spent_cents / 100)
    varg_rows = {e.id.split(":")[-1]: e for e in h.entries if e.provider == "varg"}
    assert len(varg_rows) == 3
    statuses = sorted((e.status, e.cache_hit, e.credits_consumed) for e in varg_rows.values())
    assert statuses == [("cancelled", False, 0), ("completed", False, spent_cents), ("completed", True, 0)]
    assert {e.provider for e in h.entries} == {"verging", "varg", "vimmerse"}

    # Verging's key is refused: its rows are missing and said so; varg's are still there
    assert set(broken.problems) == {"verging"} and broken.problems["verging"]
    assert {e.provider for e in broken.entries} == {"varg"} and "w" * 30 not in broken.problems["verging"]
    assert aggregate_dollars(broken, 14).services == ["varg"]


def test_vimmerse_said_only_when_it_charged_in_the_period_and_a_failed_job_is_free(tmp_path: Path) -> None:
    """A Vimmerse job older than the chart, a failed Verging job (refunded) and a varg job sent with
    the user's own provider key (billed 0): the bars hold only what was charged, no note about
    Vimmerse when it charged nothing in the period; the rate is said as the price list says it."""
    store = JobStore(tmp_path / "jobs.db")
    now = datetime.now().astimezone().replace(hour=12, minute=0, second=0, microsecond=0)
    _add(store, provider="verging", kind="face-swap", remote="v1", at=now, charged=53, status=LocalStatus.FAILED)
    _add(store, provider="verging", kind="background-removal", remote="v2", at=now - timedelta(days=1), charged=53)
    _add(store, provider="varg", kind="varg-video", remote="g1", at=now, charged=None, account=VARG_ACCOUNT,
         params={"byok": "fal"}, estimated=35)
    _add(store, provider="varg", kind="varg-image", remote="g2", at=now, charged=4, account=VARG_ACCOUNT)
    _add(store, provider="vimmerse", kind="vimmerse-crop", remote="m1", at=now - timedelta(days=20), charged=9,
         account=VIM_ACCOUNT)
    jobs = store.list(include_hidden=True)
    store.close()
    h = merge_histories([History.merge([], from_jobs([j for j in jobs if j.provider == "verging"], None)),
                         History(from_varg_usage([], [j for j in jobs if j.provider == "varg"]), provider="varg"),
                         provider_history(jobs, "vimmerse")], RATE)
    data = aggregate_dollars(h, 14, today=now.date())
    today = len(data.days) - 1
    assert data.values["verging"][today] == 0                             # failed: refunded
    assert data.values["verging"][today - 1] == pytest.approx(53 * RATE)
    assert data.values["varg"][today] == pytest.approx(0.04)               # the BYOK job: 0
    assert data.apart == {} and data.note == ""                           # Vimmerse's job is 20 days old
    assert h.apart() == {"vimmerse": 9}                                    # ... but in the history's total line
    assert h.summary().endswith(". Not in the dollar total: 9 Vimmerse credits")
    from verging_desktop.services.usage import credit_rate_text

    assert credit_rate_text(RATE) == "$10 buys 530 credits ($0.0189 a credit)"
