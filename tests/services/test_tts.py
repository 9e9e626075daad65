"""Long text to speech: splitting, per-chunk estimates, synthesis and joining against the sandbox."""

from __future__ import annotations

import asyncio
import itertools
import re

import av
import pytest

from verging_desktop.api.retry import RetryPolicy
from verging_desktop.api.verging import VergingClient
from verging_desktop.core.errors import InputError, InsufficientCredits
from verging_desktop.core.pricing import Pricing
from verging_desktop.sandbox import DEMO_KEY
from verging_desktop.services.tts import TtsChunkFailed, TtsRun, plan_tts, split_text


def _words(s: str) -> list[str]:
    return s.split()


def test_short_text_is_one_chunk() -> None:
    assert split_text("  Hello world.  ") == ["Hello world."]
    assert split_text("   ") == []


def test_chunks_end_at_sentence_boundaries_and_keep_every_word() -> None:
    sentence = "The quick brown fox jumps over the lazy dog number {i}. "
    text = "".join(sentence.format(i=i) for i in range(400))  # ~22,000 chars
    chunks = split_text(text, 4096)
    assert len(chunks) > 1
    assert all(len(c) <= 4096 for c in chunks)
    assert all(c.endswith(".") for c in chunks)
    assert _words(" ".join(chunks)) == _words(text)
    # greedy packing: no two neighbours could have been merged
    assert all(len(a) + 1 + len(b) > 4096 for a, b in itertools.pairwise(chunks))


def test_question_marks_quotes_and_line_breaks_are_boundaries() -> None:
    text = 'Is it? "Yes!" she said.\nA new line without a full stop\nAnd more.'
    assert all(len(c) <= 12 for c in split_text(text, 12))
    chunks = split_text(text, 30)
    assert chunks[0] == 'Is it? "Yes!" she said.'
    assert chunks[1] == "A new line without a full stop"


def test_a_sentence_longer_than_a_chunk_is_split_at_words() -> None:
    long = " ".join(f"word{i}" for i in range(2000)) + "."  # ~13,000 chars, one sentence
    chunks = split_text("Short one. " + long + " Tail.", 4096)
    assert all(len(c) <= 4096 for c in chunks)
    assert chunks[0].startswith("Short one.")
    assert all(not re.search(r"word\d+$", c) or c.split()[-1].startswith("word") for c in chunks)
    assert _words(" ".join(chunks)) == _words("Short one. " + long + " Tail.")
    # a "word" with no boundary at all is cut
    assert [len(c) for c in split_text("x" * 9000, 4096)] == [4096, 4096, 808]


def test_plan_sums_per_chunk_estimates_each_with_its_minimum() -> None:
    pricing = Pricing.default("docs")  # 2 per 1K chars, minimum 1
    plan = plan_tts("A. " * 3400, pricing)  # 10,200 chars
    assert len(plan) == 3
    assert plan.estimates == [pricing.tts(len(c)).credits for c in plan.chunks]
    assert plan.total == sum(plan.estimates)
    tiny = plan_tts("Hi. " * 2, pricing, limit=4)
    assert tiny.estimates == [1, 1] and tiny.total == 2  # two minimums, not one
    assert "in 3 parts" in plan.describe()
    with pytest.raises(InputError):
        plan_tts("   ", pricing)


@pytest.fixture
def client(sandbox):
    return VergingClient(DEMO_KEY, sandbox.base_url, retry=RetryPolicy(attempts=1))


def _duration(path) -> float:
    with av.open(str(path)) as c:
        return float(c.duration) / 1e6


def test_run_joins_parts_into_one_file(sandbox, client, tmp_path) -> None:
    pricing = Pricing.default()
    text = " ".join(f"Sentence number {i} is here." for i in range(30))  # ~800 chars
    plan = plan_tts(text, pricing, limit=300)
    assert len(plan) == 3
    seen = []
    before = sandbox.credits(DEMO_KEY)

    async def go():
        try:
            return await TtsRun(client, plan, tmp_path / "speech.mp3", voice="nova", progress=seen.append).run()
        finally:
            await client.aclose()

    out = asyncio.run(go())
    assert out.path.exists() and out.chunks == 3
    expected = sum(len(c) * 0.06 for c in plan.chunks)
    assert abs(_duration(out.path) - expected) < 0.3
    assert abs(out.duration - sum(out.part_durations)) < 0.2
    assert out.charged == plan.total == before - sandbox.credits(DEMO_KEY)
    assert seen[0].stage.startswith("Synthesizing part 1 of 3")
    assert any(p.stage.startswith("Joining") for p in seen)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".verging-tts")]  # work dir removed


def test_failed_chunk_stops_and_reports_charged_chunks(sandbox, client, tmp_path) -> None:
    pricing = Pricing.default()
    plan = plan_tts("One sentence here. " * 40, pricing, limit=300)
    assert len(plan) == 3
    # enough credits for the first chunk only
    sandbox.set_credits(DEMO_KEY, plan.estimates[0])

    async def go():
        try:
            return await TtsRun(client, plan, tmp_path / "s.mp3").run()
        finally:
            await client.aclose()

    with pytest.raises(TtsChunkFailed) as ei:
        asyncio.run(go())
    e = ei.value
    assert e.index == 1 and e.charged_chunks == 1 and e.charged == plan.estimates[0]
    assert isinstance(e.cause, InsufficientCredits) and e.exit_code == 3
    assert "Part 2 of 3 failed" in str(e) and "So far 1 part was synthesized and charged" in str(e)
    assert not (tmp_path / "s.mp3").exists()
    assert sandbox.stats()["requests"].get("POST /api/v1/ai/tts", 0) == 2  # never retried


def test_resume_after_a_failed_chunk_pays_nothing_twice(sandbox, client, tmp_path) -> None:
    pricing = Pricing.default()
    plan = plan_tts("One sentence here. " * 40, pricing, limit=300)
    sandbox.set_credits(DEMO_KEY, plan.estimates[0])
    run = TtsRun(client, plan, tmp_path / "s.mp3", keep_on_failure=True)

    async def go():
        try:
            with pytest.raises(TtsChunkFailed):
                await run.run()
            assert run.resumable and len(run.parts) == 1
            sandbox.set_credits(DEMO_KEY, 100)
            return await run.run()
        finally:
            await client.aclose()

    out = asyncio.run(go())
    assert out.chunks == 3 and out.charged == plan.total
    assert sandbox.credits(DEMO_KEY) == 100 - plan.estimates[1] - plan.estimates[2]
    assert sandbox.stats()["requests"].get("POST /api/v1/ai/tts", 0) == 4  # 1 + the refused one + 2
    assert not run.resumable and not [p for p in tmp_path.iterdir() if p.name.startswith(".verging")]
