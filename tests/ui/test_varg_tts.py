"""Text to Speech's varg choice end to end, in the real app against the sandbox's varg paths: both
costs side by side, the voice browser fed by /voices (search, labels, a preview played), real
clicks, the audio shown, played and saved, the outcome line, a double click is one job, the same
request again is a free cache hit, and no varg key says so."""

from __future__ import annotations

import asyncio
from pathlib import Path

import av
import pytest
from PySide6.QtCore import QPoint, Qt

from tests.e2e.helpers import forgive_multimedia_noise, open_tab, start_app
from tests.ui.conftest import run, until
from verging_desktop.core.varg_models import PRESET_VOICES

LEFT = Qt.MouseButton.LeftButton
TEXT = "The lighthouse keeper climbed the stairs again, counting each step out loud."


@pytest.fixture(autouse=True)
def _multimedia_noise(request):
    yield
    forgive_multimedia_noise(request)


def speech_posts(sb) -> int:
    return sb.varg_stats()["requests"].get("POST /speech", 0)


def click_voice(qtbot, browser, value: str) -> None:
    it = browser.item_of(value)
    assert it is not None, value
    browser_tree = it.treeWidget()
    browser_tree.scrollToItem(it)  # (as a person scrolls to it)
    rect = browser.tree.visualItemRect(it)
    qtbot.mouseClick(browser.tree.viewport(), LEFT, pos=QPoint(browser.tree.header().sectionPosition(1) + 8,
                                                               rect.center().y()))


def click_link(qtbot, label, before: str) -> None:
    """Click a label's link, which follows the plain text ``before`` on its first line."""
    fm = label.fontMetrics()
    m = label.contentsMargins()
    x = m.left() + label.margin() + fm.horizontalAdvance(before) + fm.horizontalAdvance("Add") // 2
    y = m.top() + label.margin() + fm.height() // 2 + 1
    qtbot.mouseClick(label, LEFT, pos=QPoint(x, y))


def choose_varg(qtbot, loop, page) -> None:
    radio = page.provider.radios["varg"]
    qtbot.mouseClick(radio, LEFT, pos=QPoint(8, radio.height() // 2))
    run(loop, until(lambda: page.is_varg() and page.voices.isVisible(), 5, "varg chosen"))


def probe_seconds(path: Path) -> float:
    with av.open(str(path)) as c:
        return float(c.duration) / 1e6


def wait_result(loop, page, n: int, timeout: float = 40) -> None:
    run(loop, until(lambda: page.results.count() >= n and not page.varg_runner.busy, timeout, "the speech"))


def test_varg_speech_with_a_browsed_voice_played_and_saved(harness, store, loop, qtbot, tmp_path):
    downloads = tmp_path / "downloads"
    ctl = start_app(harness, store, downloads)
    sb = ctl.session.sandbox
    key = sb.varg_demo_key
    sb.varg_job_seconds = 0.3
    page = open_tab(loop, ctl, "Text to Speech")
    assert page.provider.current() == "verging" and not page.voices.isVisible()
    qtbot.mouseClick(page.text, LEFT)
    qtbot.keyClicks(page.text, TEXT)
    # both costs side by side before anything is sent
    verging_cost = page.provider.cost_text("verging")
    assert verging_cost.startswith("about ") and "credit" in verging_cost
    varg_cost = page.provider.cost_text("varg")
    est = page.varg_estimate()
    assert est.cents and varg_cost == est.text() and "¢" in varg_cost
    choose_varg(qtbot, loop, page)
    # the voice list from /voices: the presets with their labels, more voices after them
    run(loop, until(lambda: page.voices.loads and not page.voices.loading, 10, "voices"))
    assert "voices" in page.voices.status.text() and not page.voices.load_error
    values = [e.value for e in page.voices.entries()]
    assert values[:9] == list(PRESET_VOICES) and len(values) > 9
    assert page.voices.item_of("adam").text(2) == "male" and page.voices.item_of("adam").text(3) == "american"
    # search narrows the list on the server
    qtbot.keyClicks(page.voices.search, "brit")
    run(loop, until(lambda: page.voices.entries() and all(not e.preset for e in page.voices.entries())
                    and all("brit" in (e.accent + e.name + e.description).lower() for e in page.voices.entries()),
                    10, "a british voice"))
    other = page.voices.entries()[0]
    click_voice(qtbot, page.voices, other.value)
    assert page.voices.current() == other.value
    # the preview plays from the sandbox's served mp3
    qtbot.mouseClick(page.voices.play_button(other.value), LEFT)
    run(loop, until(lambda: page.voices.play_button(other.value).text() == "■", 10, "the preview"))
    assert page.voices.preview_path(other).is_file()
    qtbot.mouseClick(page.voices.play_button(other.value), LEFT)  # stop
    assert page.voices.playing == ""
    # the estimate beside the button, the model chosen
    page.varg_model.setCurrentIndex(page.varg_model.findData("eleven_flash_v2_5"))
    est = page.varg_estimate()
    assert page.varg_outcome.text() == f"Estimate: {est.text()}"
    balance = sb.varg_balance(key)
    qtbot.mouseClick(page.generate_btn, LEFT)
    wait_result(loop, page, 1)
    rec = page.varg_record
    assert rec.provider == "varg" and rec.kind == "varg-speech"
    assert rec.params["voice"] == other.value and rec.params["model"] == "eleven_flash_v2_5"
    charged = balance - sb.varg_balance(key)
    assert charged == pytest.approx(est.cents)
    # the charge from the usage record, next to the estimate
    run(loop, until(lambda: page.varg_outcome.text().startswith("Charged "), 15, "the charge"))
    rec = page.varg_record
    assert rec.charged_credits == pytest.approx(charged)
    from verging_desktop.services.varg_cost import cents_text

    assert page.varg_outcome.text() == f"Charged {cents_text(charged)}, estimate {est.cents:g}\u00a0¢"
    assert page.results.item(0).text().endswith(page.varg_outcome.text())
    assert speech_posts(sb) == 1
    # shown, playable, saved
    path = Path(page.selected_path())
    assert path == Path(rec.result_path) and path.is_file() and probe_seconds(path) > 0.5
    assert page.play_btn.isEnabled() and page.save_btn.isEnabled()
    saved = page.save_to(str(path), str(tmp_path / "mine"))
    assert saved == tmp_path / "mine.mp3" and saved.read_bytes() == path.read_bytes()
    # the choice is remembered for the next time the tab is built
    from verging_desktop.ui.tools.text_to_speech import TextToSpeechTab

    again = TextToSpeechTab(ctl.ctx)
    qtbot.addWidget(again)
    assert again.provider.current() == "varg" and not again.varg_box.isHidden() and again.verging_box.isHidden()
    again.text.setPlainText(TEXT)  # both costs, also while varg is the choice
    assert again.provider.cost_text("verging").startswith("about ") and "¢" in again.provider.cost_text("varg")
    again.voices.shutdown()
    # the preset voice "rachel" is sent by its name
    page.voices.search.clear()
    run(loop, until(lambda: page.voices.item_of("rachel") is not None, 10, "the presets again"))
    click_voice(qtbot, page.voices, "rachel")
    assert page.varg_request().voice == "rachel"


def test_a_double_click_is_one_job_and_the_same_request_again_is_free(harness, store, loop, qtbot, tmp_path):
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    key = sb.varg_demo_key
    sb.varg_job_seconds = 0.5
    page = open_tab(loop, ctl, "Text to Speech")
    choose_varg(qtbot, loop, page)
    qtbot.mouseClick(page.text, LEFT)
    qtbot.keyClicks(page.text, TEXT)
    est = page.varg_estimate()
    assert not est.probably_cached and est.cents
    balance = sb.varg_balance(key)
    qtbot.mouseClick(page.generate_btn, LEFT)  # a double click (two clicks at once): one order
    assert not page.generate_btn.isEnabled()  # (off while the order runs)
    qtbot.mouseClick(page.generate_btn, LEFT)
    assert page.generate_varg() is False
    wait_result(loop, page, 1)
    run(loop, asyncio.sleep(0.5))  # a second order sent by mistake would arrive meanwhile
    assert speech_posts(sb) == 1 and page.varg_runner.orders == 1 and page.results.count() == 1
    assert balance - sb.varg_balance(key) == pytest.approx(est.cents)
    # the same request: the estimate says probably free, varg's cache answers, nothing is charged
    page.update_cost()
    est2 = page.varg_estimate()
    assert est2.probably_cached and est2.billed_cents == 0
    assert page.provider.cost_text("varg").startswith("probably from cache: free")
    assert page.generate_btn.text() == "Generate speech (probably free)"
    balance = sb.varg_balance(key)
    qtbot.mouseClick(page.generate_btn, LEFT)
    wait_result(loop, page, 2)
    assert page.varg_record.params["cache"] == "hit"
    assert page.varg_outcome.text() == "From cache: free"
    assert sb.varg_balance(key) == balance and speech_posts(sb) == 2
    assert "From cache: free" in page.results.item(0).text()
    assert Path(page.varg_record.result_path).is_file()
    # the queue's double click on the job shows it here again
    lid = page.varg_record.local_id
    page.results.clear()
    ctl.ctx.open_job("varg-speech", lid)
    run(loop, until(lambda: page.results.count() == 1, 5, "the job shown"))
    assert page.selected_path() == page.varg_record.result_path


def test_without_a_varg_key_the_choice_says_so(harness, store, loop, qtbot, tmp_path, monkeypatch):
    ctl = start_app(harness, store, tmp_path / "downloads")
    page = open_tab(loop, ctl, "Text to Speech")
    sb = ctl.session.sandbox
    real = type(ctl.ctx).has_key
    monkeypatch.setattr(type(ctl.ctx), "has_key", lambda self, p: False if p == "varg" else real(self, p))
    page._varg_connection()
    assert page.provider.cost_text("varg") == "needs a varg key · Add a varg key"
    choose_varg(qtbot, loop, page)
    assert page.varg_key.isVisible()
    # the presets are there without a key (nothing asked of /voices)
    assert [e.value for e in page.voices.entries()] == list(PRESET_VOICES)
    qtbot.mouseClick(page.text, LEFT)
    qtbot.keyClicks(page.text, TEXT)
    before = speech_posts(sb)
    qtbot.mouseClick(page.generate_btn, LEFT)
    assert "Add a varg key" in page.error.text and speech_posts(sb) == before
    opened: list[str] = []
    monkeypatch.setattr(ctl.ctx, "open_keys", opened.append)
    qtbot.mouseClick(page.varg_key_button, LEFT)
    assert opened == ["varg"]
    # the link beside the varg choice opens the keys dialog on varg too (a real click on the link)
    click_link(qtbot, page.provider.costs["varg"], "needs a varg key · ")
    assert opened == ["varg", "varg"]
    # Verging's side is untouched
    qtbot.mouseClick(page.provider.radios["verging"], LEFT, pos=QPoint(8, 8))
    assert page.verging_box.isVisible() and not page.varg_box.isVisible()


def test_your_own_elevenlabs_key_is_billed_by_the_provider(harness, store, loop, qtbot, tmp_path, sandbox,
                                                          monkeypatch):
    # provider keys go to varg's own servers only (never to sandbox mode): the app runs live here,
    # against the sandbox server's varg paths as its varg base URL
    from verging_desktop.core.settings import Settings

    monkeypatch.setenv("VARG_BASE_URL", sandbox.varg_url)
    monkeypatch.setenv("VARG_API_KEY", sandbox.varg_demo_key)
    (tmp_path / "downloads").mkdir(exist_ok=True)
    store.save(Settings(download_dir=str(tmp_path / "downloads"), poll_interval=0.5))
    ctl = harness.start()
    ctl.window.resize(1280, 800)
    sb = sandbox
    key = sb.varg_demo_key
    sb.varg_job_seconds = 0.3
    run(loop, until(lambda: ctl.ctx.has_key("varg"), 10, "the varg key"))
    page = open_tab(loop, ctl, "Text to Speech")
    choose_varg(qtbot, loop, page)
    qtbot.mouseClick(page.text, LEFT)
    qtbot.keyClicks(page.text, TEXT)
    assert "¢" in page.provider.cost_text("varg")
    run(loop, ctl.session.set_byok_key("elevenlabs", "el_" + "t" * 24, session_only=True))
    run(loop, until(lambda: "your own ElevenLabs key" in page.provider.cost_text("varg"), 5, "the BYOK estimate"))
    assert page.provider.cost_text("varg") == "your own ElevenLabs key: billed by the provider"
    assert page.varg_outcome.text() == "Estimate: your own ElevenLabs key: billed by the provider"
    balance = sb.varg_balance(key)
    qtbot.mouseClick(page.generate_btn, LEFT)
    wait_result(loop, page, 1)
    assert page.varg_record.params["byok"] == "elevenlabs"
    assert page.varg_outcome.text() == "Your own ElevenLabs key: billed by the provider"
    assert sb.varg_balance(key) == balance
    assert "Your own ElevenLabs key" in page.results.item(0).text()


def test_a_short_balance_is_said_and_nothing_is_made(harness, store, loop, qtbot, tmp_path):
    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    sb.set_varg_balance(sb.varg_demo_key, 1)
    page = open_tab(loop, ctl, "Text to Speech")
    choose_varg(qtbot, loop, page)
    qtbot.mouseClick(page.text, LEFT)
    qtbot.keyClicks(page.text, TEXT)
    qtbot.mouseClick(page.generate_btn, LEFT)
    run(loop, until(lambda: page.error.text and not page.varg_runner.busy, 20, "the refusal"))
    said = page.error.text
    assert "Not enough varg balance" in said and "varg.ai" in said  # where to add some
    assert said.lower().count("not enough") == 1  # said once, not wrapped in a second sentence
    assert page.results.count() == 0 and page.generate_btn.isEnabled()
    assert speech_posts(sb) == 1 and sb.varg_balance(sb.varg_demo_key) == 1  # asked once, never again


def test_the_queues_double_click_shows_the_row_it_has_with_the_voices_name(harness, store, loop, qtbot, tmp_path):
    from tests.e2e.helpers import queue_panel
    from verging_desktop.services.varg_cost import cents_text
    from verging_desktop.ui.jobs.queue_model import COL_INPUT
    from verging_desktop.ui.widgets.audio_results import DETAIL_ROLE

    ctl = start_app(harness, store, tmp_path / "downloads")
    sb = ctl.session.sandbox
    sb.varg_job_seconds = 0.3
    page = open_tab(loop, ctl, "Text to Speech")
    choose_varg(qtbot, loop, page)
    run(loop, until(lambda: page.voices.loads and not page.voices.loading, 10, "voices"))
    voice = next(e for e in page.voices.entries() if not e.preset)  # a voice sent by its voice_id
    assert voice.value != voice.name
    click_voice(qtbot, page.voices, voice.value)
    qtbot.mouseClick(page.text, LEFT)
    qtbot.keyClicks(page.text, "Hello there, this is a test of a voice that is not one of the presets.")
    qtbot.mouseClick(page.generate_btn, LEFT)
    wait_result(loop, page, 1)
    run(loop, until(lambda: page.varg_outcome.text().startswith("Charged "), 15, "the charge"))
    rec = page.varg_record
    # the voice's name went with the job; the result says it, never the voice_id
    assert rec.params["voice"] == voice.value and rec.params["voice_name"] == voice.name
    assert f"{voice.name} (Eleven v3) through varg" in page.result.text() and voice.value not in page.result.text()
    # a search that hides the voice: its name is still known
    qtbot.keyClicks(page.voices.search, "zzzz-no-such-voice")
    run(loop, until(lambda: not page.voices.loading and page.voices.item_of(voice.value) is None, 10, "hidden"))
    # the row: its name elided when narrow, the length and the charge under it, never cut
    row = page.results.item(0)
    detail = row.data(DETAIL_ROLE)
    assert detail.endswith(f"Charged {cents_text(rec.charged_credits)}, estimate {rec.estimated_credits:g}\u00a0¢")
    delegate = page.results.itemDelegate()
    for width in (500, 240, 120):
        title, lines = delegate.lines(page.results.indexFromItem(row), width)
        assert " ".join(lines) == detail, width  # every amount whole, on its own lines
        fm = page.results.fontMetrics()
        assert all(fm.horizontalAdvance(t) <= width for t in [title, *lines] if " " in t), width
    assert "…" in delegate.lines(page.results.indexFromItem(row), 120)[0]
    # the queue's double click on the job (real mouse events): the row it has is selected, not a second one
    page.results.clearSelection()
    panel = queue_panel(loop, ctl)
    view = panel.view
    r = next(i for i in range(panel.proxy.rowCount())
             if panel.proxy.index(i, COL_INPUT).data() and voice.name in panel.proxy.index(i, COL_INPUT).data())
    center = view.visualRect(panel.proxy.index(r, COL_INPUT)).center()
    page.result.setText("")
    qtbot.mouseClick(view.viewport(), LEFT, pos=center)
    qtbot.mouseDClick(view.viewport(), LEFT, pos=center)
    run(loop, until(lambda: page.result.text(), 5, "the job shown"))
    assert page.results.count() == 1 and page.results.currentRow() == 0
    assert page.selected_path() == rec.result_path
    assert f"{voice.name} (Eleven v3) through varg" in page.result.text() and voice.value not in page.result.text()
