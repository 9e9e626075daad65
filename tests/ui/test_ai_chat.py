"""The Chat tab against the sandbox: streaming, Stop, conversations, minimum balance, errors."""

from __future__ import annotations

import asyncio
import json

from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import until
from tests.ui.test_ai_common import click, ctrl_enter, open_tab, type_text
from verging_desktop.sandbox import DEMO_KEY


def _chat_posts(sb) -> int:
    return sb.stats()["requests"].get("POST /api/v1/ai/chat", 0)


def test_streaming_reply_tokens_credits_and_saved(harness, loop, qtbot, isolated) -> None:
    ctl, tab = open_tab(harness, loop, "Chat")
    assert "10,000 input tokens" in tab.price_label.text()
    assert "No messages yet" in tab.view.toPlainText() and tab.list.count() == 0
    click(qtbot, tab.send_btn)
    assert "Type a message first" in tab.error.text
    type_text(qtbot, tab.system, "Answer briefly.")
    type_text(qtbot, tab.input, "Tell me about **lighthouses**")
    assert "Next reply: about" in tab.cost.text()
    ctrl_enter(qtbot, tab.input)
    sizes = []

    async def watch():
        while tab.runner.is_running:
            sizes.append(len(tab.current.messages[-1].content) if tab.current.messages else 0)
            await asyncio.sleep(0.05)

    loop.run_until_complete(until(lambda: tab.runner.is_running, 5))
    loop.run_until_complete(watch())
    grown = sorted(set(sizes))
    assert len(grown) >= 3, f"the reply did not stream in pieces: {grown}"
    reply = tab.current.messages[-1]
    assert reply.role == "assistant" and reply.content.startswith("Sandbox reply to: Tell me about")
    assert reply.completion_tokens and reply.credits and not reply.stopped
    text = tab.view.toPlainText()
    assert "lighthouses" in text and "**" not in text  # markdown rendered
    assert f"{reply.completion_tokens} out tokens" in text
    # saved, listed, titled from the first message, no key in the file
    assert tab.list.count() == 1 and tab.list.item(0).text().startswith("Tell me about")
    # sandbox conversations are kept apart from the live ones
    files = list((isolated["data"] / "chats" / "sandbox").glob("*.json"))
    assert len(files) == 1
    raw = files[0].read_text("utf-8")
    assert DEMO_KEY not in raw and "vrg_sk" not in raw
    saved = json.loads(raw)
    assert saved["system"] == "Answer briefly." and saved["messages"][1]["credits"] == reply.credits
    loop.run_until_complete(until(lambda: ctl.session.account.credits == 1000 - reply.credits, 5, "balance"))


def test_stop_cancels_at_once_and_keeps_the_partial_reply(harness, loop, qtbot, isolated) -> None:
    _ctl, tab = open_tab(harness, loop, "Chat")
    type_text(qtbot, tab.input, "Please write a long answer")
    click(qtbot, tab.send_btn)
    loop.run_until_complete(until(lambda: tab.streaming is not None and len(tab.streaming.content) > 40, 10,
                                  "some of the reply"))
    assert tab.stop_btn.isVisible() and not tab.send_btn.isVisible()
    click(qtbot, tab.stop_btn)
    kept = tab.current.messages[-1].content
    loop.run_until_complete(until(lambda: not tab.runner.is_running, 2, "stopped"))
    loop.run_until_complete(asyncio.sleep(0.5))
    reply = tab.current.messages[-1]
    assert reply.content == kept and reply.stopped  # it stopped growing at once
    assert len(kept) < len("Sandbox reply to: Please write a long answer -- This answer was written by the local "
                           "Verging sandbox, not by a language model, so it costs only pretend credits.")
    assert "Stopped" in tab.error.text and "stopped, the part that arrived is kept" in tab.view.toPlainText()
    assert tab.send_btn.isVisible() and tab.send_btn.isEnabled()
    stored = json.loads(next((isolated["data"] / "chats" / "sandbox").glob("*.json")).read_text("utf-8"))
    assert stored["messages"][-1]["content"] == kept and stored["messages"][-1]["stopped"] is True


def test_a_stopped_reply_shows_what_the_server_counted_once_known(harness, loop, qtbot, isolated) -> None:
    ctl, tab = open_tab(harness, loop, "Chat")
    type_text(qtbot, tab.input, "Please write a long answer")
    click(qtbot, tab.send_btn)
    loop.run_until_complete(until(lambda: tab.streaming is not None and len(tab.streaming.content) > 40, 10,
                                  "some of the reply"))
    click(qtbot, tab.stop_btn)
    reply = tab.current.messages[-1]
    loop.run_until_complete(until(lambda: reply.stopped, 2, "stopped"))
    # at once: this app's count, marked as an estimate
    assert reply.estimated and reply.completion_tokens
    ours = reply.completion_tokens
    assert f"{reply.prompt_tokens:,} in + {ours:,} out tokens, estimated here · about " in tab.view.toPlainText()
    # then what Verging counted (the sandbox bills one token per chunk sent, not chars / 4)
    loop.run_until_complete(until(lambda: not reply.estimated, 15, "the server's count"))
    page = loop.run_until_complete(ctl.session.usage("chat", 1, 20))
    billed = next(r for r in page.records if r.id == reply.usage_id)
    assert billed.status == "client_disconnected"
    assert (reply.prompt_tokens, reply.completion_tokens, reply.credits) == \
        (billed.input_tokens, billed.output_tokens, billed.credits_consumed)
    assert billed.output_tokens != ours  # the two counts differ: the server's is the one shown
    text = tab.view.toPlainText()
    assert f"{billed.input_tokens:,} in + {billed.output_tokens:,} out tokens, counted by Verging" in text
    assert "estimated here" not in text and "about " not in text.split("counted by Verging")[1][:20]
    stored = json.loads(next((isolated["data"] / "chats" / "sandbox").glob("*.json")).read_text("utf-8"))
    m = stored["messages"][-1]
    assert m["usage_id"] == billed.id and m["completion_tokens"] == billed.output_tokens
    # a second reply stopped in the same conversation gets its own record, never the first one's
    type_text(qtbot, tab.input, "And another long one")
    click(qtbot, tab.send_btn)
    loop.run_until_complete(until(lambda: tab.streaming is not None and len(tab.streaming.content) > 40, 10,
                                  "the second reply"))
    click(qtbot, tab.stop_btn)
    second = tab.current.messages[-1]
    loop.run_until_complete(until(lambda: not second.estimated, 15, "the second count"))
    assert second.usage_id != reply.usage_id


def test_new_rename_delete(harness, loop, qtbot) -> None:
    _ctl, tab = open_tab(harness, loop, "Chat")
    tab.max_tokens.setValue(5)
    for msg in ("first chat", "second chat"):
        click(qtbot, tab.new_btn)
        type_text(qtbot, tab.input, msg)
        click(qtbot, tab.send_btn)
        loop.run_until_complete(until(lambda: not tab.runner.is_running and tab.current.messages, 10))
    assert [tab.list.item(i).text() for i in range(tab.list.count())] == ["second chat", "first chat"]
    # switch back to the first one
    tab.list.setCurrentRow(1)
    assert tab.current.title == "first chat" and "Sandbox reply to: first" in tab.view.toPlainText()
    # rename in place
    it = tab.list.item(1)
    it.setText("Renamed chat")
    assert tab.store.load(tab.current.id).title == "Renamed chat"
    # delete (confirmation answered yes)
    asked = []
    tab.confirm = lambda text, yes: (asked.append(text), yes())
    tab.list.setCurrentRow(0)
    click(qtbot, tab.delete_btn)
    assert "second chat" in asked[0]
    assert [tab.list.item(i).text() for i in range(tab.list.count())] == ["Renamed chat"]
    assert len(tab.store.list()) == 1


def test_minimum_balance_checked_before_sending(harness, loop, qtbot) -> None:
    ctl, tab = open_tab(harness, loop, "Chat")
    sb = ctl.session.sandbox
    sb.set_credits(DEMO_KEY, 2)
    loop.run_until_complete(ctl.session.wait_refreshed())
    sb.reset_stats()
    type_text(qtbot, tab.input, "hello")
    click(qtbot, tab.send_btn)
    loop.run_until_complete(until(lambda: tab.error.text, 5, "error"))
    assert "at least 5 credits" in tab.error.text and "yours is 2" in tab.error.text
    assert _chat_posts(sb) == 0 and tab.input.toPlainText() == "hello" and not tab.current.messages
    # the server's own 402 (stale balance) is readable too, with required/available
    sb.set_credits(DEMO_KEY, 1000)
    loop.run_until_complete(ctl.session.wait_refreshed())
    sb.set_credits(DEMO_KEY, 3)
    click(qtbot, tab.error.retry)
    loop.run_until_complete(until(lambda: tab.error.text and not tab.runner.is_running, 5, "402"))
    assert "needs 5 credits and your balance is 3" in tab.error.text
    assert tab.error.retry.isVisible()


def test_rate_limit_then_retry_and_dropped_stream(harness, loop, qtbot) -> None:
    ctl, tab = open_tab(harness, loop, "Chat")
    sb = ctl.session.sandbox
    sb.faults.rate_limit_reset = 1
    sb.faults.rate_limit_burst = 1
    type_text(qtbot, tab.input, "are you there")
    click(qtbot, tab.send_btn)
    loop.run_until_complete(until(lambda: tab.error.text and not tab.runner.is_running, 5, "429"))
    assert "429" in tab.error.text and "wait 1 s" in tab.error.text
    assert not tab.error.retry.isEnabled()  # until the wait is over; never automatic
    assert _chat_posts(sb) == 1
    loop.run_until_complete(until(lambda: tab.error.retry.isEnabled(), 3, "retry enabled"))
    click(qtbot, tab.error.retry)
    loop.run_until_complete(until(lambda: not tab.runner.is_running and tab.current.messages[-1].credits, 10))
    assert [m.role for m in tab.current.messages] == ["user", "assistant"]
    # a stream dropped by the server: the part kept, marked, and Retry asks again
    sb.faults.drop_stream_after = 3
    type_text(qtbot, tab.input, "again please")
    click(qtbot, tab.send_btn)
    loop.run_until_complete(until(lambda: tab.error.text and not tab.runner.is_running, 10, "drop"))
    assert "dropped" in tab.error.text
    assert tab.current.messages[-1].error and tab.current.messages[-1].content
    click(qtbot, tab.error.retry)
    # the call may have been charged (the stream dropped after the server took it): Retry asks first, as any repeat does
    box = tab.guard.dialog
    assert box is not None and box.text().startswith("You sent this same request "), box
    click(qtbot, box.button(QMessageBox.StandardButton.Yes))
    loop.run_until_complete(until(lambda: not tab.runner.is_running and tab.current.messages[-1].credits, 10))
    assert [m.role for m in tab.current.messages] == ["user", "assistant", "user", "assistant"]
    assert not tab.current.messages[-1].error


def test_a_long_conversation_title_never_scrolls_the_list_sideways(harness, loop, qtbot) -> None:
    ctl, tab = open_tab(harness, loop, "Chat")
    long_title = "Ideas for a travel vlog about Lisbon's trams, the old town and the long way round " * 3
    conv = tab.store.new()
    conv.title = long_title.strip()
    tab.store.save(conv)
    tab.reload_list(select=conv.id)
    tab.list.doItemsLayout()
    loop.run_until_complete(until(lambda: tab.list.count() >= 1, 5, "the list"))
    assert not tab.list.horizontalScrollBar().isVisible()
    item = next(tab.list.item(i) for i in range(tab.list.count()) if tab.list.item(i).text() == long_title.strip())
    assert item.toolTip().startswith(long_title.strip())
