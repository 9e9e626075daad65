"""Every list of tools, job kinds and services below ui/ is derived from the one registry
(core.tools): a sixth copy that drifts fails here."""

from __future__ import annotations

import argparse

import pytest

from verging_desktop.api.verging.models import JobKind
from verging_desktop.core import tools
from verging_desktop.core.consent import ConsentStore
from verging_desktop.core.pricing import SERVICES
from verging_desktop.jobs.store import DownloadState, JobRecord, LocalStatus
from verging_desktop.jobs.words import (
    STATUS_WORDS,
    cli_status,
    estimate_charge_text,
    fmt_duration,
    queue_status,
    result_status,
    short_charge_text,
    status_word,
)
from verging_desktop.services import usage


def test_the_registry_is_consistent() -> None:
    ids = [t.id for t in tools.TOOLS]
    assert len(set(ids)) == len(ids) and len({t.title for t in tools.TOOLS}) == len(ids)
    # a Verging tool's service is a row of Verging's price table; another provider's tool names its own
    assert all(t.service in SERVICES for t in tools.TOOLS if "verging" in t.providers)
    assert all(t.service.startswith(f"{t.providers[0]}_") for t in tools.TOOLS if "verging" not in t.providers)
    # the row of tabs keeps today's order; the grouped navigation holds the same tools
    assert [t.title for t in tools.TOOLS] == ["Face Swap", "Video Enhance", "Background Removal",
                                              "Image Generation", "Chat", "Text to Speech", "Speech to Text",
                                              "Vision", "Reframe & Crop", "Sound", "Generate Video", "Lip Sync",
                                              "Replace Background"]
    assert sorted(tools.navigation_order(), key=lambda t: ids.index(t.id)) == list(tools.TOOLS)
    assert tools.kind_service("face-swap") == "faceswap" and tools.kind_service("nope") is None


def test_job_kinds_and_their_services_come_from_the_registry() -> None:
    assert [k.value for k in JobKind] == list(tools.provider_job_kinds("verging"))
    assert all(tools.kind_provider(k.value) == "verging" for k in JobKind)
    assert tools.kind_provider("vimmerse-crop") == "vimmerse" and tools.kind_provider("face-swap") == "verging"
    for k in JobKind:
        spec = tools.tool_for_kind(k.value)
        assert spec is not None and k.pricing_service == spec.service
    assert usage.job_service("face-swap") == "faceswap"


def test_the_spend_history_lists_the_registry() -> None:
    assert tuple(t.service for t in tools.TOOLS) == usage.ALL_SERVICES
    assert usage.JOB_SERVICES == ("faceswap", "video_enhance", "background_removal")
    assert usage.USAGE_SERVICES == ("imagegen", "chat", "tts", "stt", "vision")
    for t in tools.TOOLS:
        assert usage.service_label(t.service) == t.title


def test_the_cli_offers_the_registry_services() -> None:
    from verging_desktop.cli import build_parser

    p = build_parser()
    sub = next(a for a in p._actions if isinstance(a, argparse._SubParsersAction))
    usage_parser = sub.choices["usage"]
    service = next(a for a in usage_parser._actions if a.dest == "service")
    assert list(service.choices) == list(tools.call_services("verging"))


def _rec(status: LocalStatus, **kw: object) -> JobRecord:
    base: dict[str, object] = {"local_id": 1, "provider": "verging", "kind": "face-swap", "status": status, "created_at": 0.0,
                               "input_name": "a.mp4"}
    base.update(kw)
    return JobRecord(**base)  # type: ignore[arg-type]


def test_one_table_of_status_words_with_three_forms() -> None:
    assert set(STATUS_WORDS) == set(LocalStatus)
    for s, w in STATUS_WORDS.items():
        assert w.cli == w.cli.lower() and status_word(s, "cli") == w.cli and status_word(s.value) == w.short
    assert status_word("nonsense") == "nonsense"
    assert queue_status(_rec(LocalStatus.PENDING)) == "Waiting"
    assert result_status(_rec(LocalStatus.PENDING)) == "Waiting in the queue"
    assert cli_status(_rec(LocalStatus.SUBMITTING)) == "sending"
    assert cli_status(_rec(LocalStatus.PROCESSING, progress=42.0)) == "processing 42%"
    assert result_status(_rec(LocalStatus.PROCESSING, progress=42.0)) == "Processing 42%"
    done = _rec(LocalStatus.COMPLETED, download_state=DownloadState.DONE)
    assert queue_status(done) == "Completed, saved" and result_status(done) == "Completed"
    failed = _rec(LocalStatus.COMPLETED, download_state=DownloadState.FAILED)
    assert queue_status(failed) == "Completed, download failed"
    assert result_status(failed) == "Completed, but the download failed"


def test_charge_and_time_texts() -> None:
    r = _rec(LocalStatus.COMPLETED, estimated_credits=90.0, charged_credits=88.0)
    assert estimate_charge_text(r) == "90 est. / 88 charged" and short_charge_text(r) == "88 charged"
    assert estimate_charge_text(_rec(LocalStatus.PENDING)) == "? est." and short_charge_text(_rec(LocalStatus.PENDING)) == ""
    assert [fmt_duration(s) for s in (5, 185, 7620)] == ["5s", "3m 05s", "2h 07m"]


def test_the_consent_store_remembers_faces_by_digest() -> None:
    c = ConsentStore()
    assert "abc" not in c
    c.add("abc")
    assert "abc" in c and len(c) == 1
    c.discard("abc")
    c.discard("abc")
    assert "abc" not in c


@pytest.mark.parametrize("kind", ["face-swap", "video-enhance", "background-removal"])
def test_kind_names(kind: str) -> None:
    spec = tools.tool_for_kind(kind)
    assert spec is not None and tools.kind_title(kind) == spec.title and tools.kind_noun(kind) == spec.sentence_name


def test_every_tool_names_known_providers_and_each_provider_its_tools() -> None:
    from verging_desktop.core.providers import PROVIDERS, built_providers

    known = {p.id for p in PROVIDERS}
    assert all(t.providers and set(t.providers) <= known for t in tools.TOOLS)
    # Verging (built) offers every tool but the Vimmerse-only ones; the queue kinds it creates are the JobKind values
    assert [p.id for p in built_providers()] == ["verging", "vimmerse", "varg"]
    assert tools.provider_tools("verging") == tuple(t for t in tools.TOOLS if "verging" in t.providers)
    assert {"Sound", "Generate Video"} <= {t.title for t in tools.provider_tools("vimmerse")}
    assert all(t.service.startswith("vimmerse_") for t in tools.TOOLS if t.providers == ("vimmerse",))
    assert list(tools.provider_job_kinds("verging")) == [k.value for k in JobKind]
    assert set(tools.provider_job_kinds("vimmerse")) >= {"vimmerse-sound-effect", "vimmerse-add-audio",
                                                          "vimmerse-reference-to-video", "vimmerse-video-effects",
                                                          "vimmerse-video-to-video"}
    # varg: one queue kind per route it is offered for, each a second provider of a tool
    from verging_desktop.core import varg_models

    assert set(tools.provider_job_kinds("varg")) == set(varg_models.JOB_KINDS)
    assert all(tools.kind_provider(k) == "varg" for k in varg_models.JOB_KINDS)
    assert {m.kind for m in varg_models.MODELS} == set(varg_models.JOB_KINDS)
    for tid in ("image-generation", "text-to-speech", "speech-to-text", "background-removal"):
        assert tools.tool(tid).providers == ("verging", "varg")
    # Verging's AI calls stay direct calls although the tools now have varg queue kinds
    assert {"imagegen", "tts", "stt", "chat", "vision"} <= set(tools.call_services("verging"))
    assert "background_removal" not in tools.call_services("verging")
    assert tools.call_services("varg") == ()
    # Vimmerse: Video Enhance's second provider and the Vimmerse-only tools, each kind its own
    assert tools.tool("video-enhance").providers == ("verging", "vimmerse")
    assert {"vimmerse-enhance", "vimmerse-crop", "vimmerse-reframe"} <= set(tools.provider_job_kinds("vimmerse"))
    assert {"vimmerse-lip-sync", "vimmerse-avatar", "vimmerse-replace-background"} <= set(
        tools.provider_job_kinds("vimmerse"))
    assert all(tools.kind_provider(k) == "vimmerse" for k in tools.provider_job_kinds("vimmerse"))


def test_job_capabilities_come_from_the_registry() -> None:
    from verging_desktop.core.pricing import ALIASES, canonical_service
    from verging_desktop.jobs.prepare import VIDEO_KINDS

    assert tools.video_kinds() == VIDEO_KINDS == ("face-swap", "video-enhance")
    assert [k for k in tools.job_kinds() if tools.kind_needs_face(k)] == ["face-swap"]
    assert [k for k in tools.job_kinds() if tools.kind_retries(k)] == ["face-swap"]
    assert not tools.kind_needs_face("nope") and not tools.kind_retries("nope")
    # every job kind (and its snake-case spelling) names its tool's service; the typed shorthands stay
    # (a Verging kind's service is a row of Verging's price table; another provider prices its own)
    for t in tools.TOOLS:
        for k in t.job_kinds:
            assert ALIASES[k] == ALIASES[k.replace("-", "_")] == t.service
            if tools.kind_provider(k) == "verging":
                assert canonical_service(k) == t.service
    assert tools.video_kinds("vimmerse") == ("vimmerse-enhance", "vimmerse-crop", "vimmerse-reframe")
    assert canonical_service("enhance") == "video_enhance" and canonical_service("bg-remove") == "background_removal"
    assert canonical_service("Face_Swap") == "faceswap" and canonical_service("image-to-video") == "image_to_video"


def test_create_job_dispatches_by_capability() -> None:
    import asyncio

    from verging_desktop.core.errors import InputError
    from verging_desktop.jobs.prepare import create_job

    class Q:
        calls: list[str] = []

        async def submit_faceswap(self, *a: object, **kw: object) -> str:
            self.calls.append("faceswap")
            return "f"

        async def submit_enhance(self, *a: object, **kw: object) -> str:
            self.calls.append("enhance")
            return "e"

    q = Q()
    with pytest.raises(InputError, match="A face swap needs a face image"):
        asyncio.run(create_job(q, "face-swap", "v.mp4", duration=1.0, hd=False))  # type: ignore[arg-type]
    with pytest.raises(InputError, match="Unknown video job kind 'background-removal'"):
        asyncio.run(create_job(q, "background-removal", "v.mp4", duration=1.0, hd=False))  # type: ignore[arg-type]
    assert q.calls == []
    assert asyncio.run(create_job(q, "video-enhance", "v.mp4", duration=1.0, hd=False)) == "e"  # type: ignore[arg-type]
    assert q.calls == ["enhance"]


def test_the_consent_store_remembers_a_face_with_a_video() -> None:
    c = ConsentStore()
    c.add("face", "video")
    assert c.given("face", "video") and not c.given("face", "other") and not c.given("other", "video")
    assert "face" not in c  # the face alone was not confirmed
    c.discard("face", "video")
    assert not c.given("face", "video") and len(c) == 0
