"""Navigation that scales: the tools grouped by kind in a sidebar (headers, icons, badges),
Ctrl+1..9, Ctrl+Tab / Ctrl+Shift+Tab (wrapping), the arrow keys (headers skipped) and the Ctrl+K
"Go to tool" quick search. Real key events on the real window (sandbox mode)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from tests.conftest import make_image
from tests.e2e.helpers import drop, forgive_multimedia_noise, open_tab, start_app
from tests.ui.conftest import run, until
from verging_desktop.core.tools import TOOLS, ToolGroup, grouped, navigation_order
from verging_desktop.ui.icons import GLYPHS
from verging_desktop.ui.widgets.goto_popup import GoToPopup
from verging_desktop.ui.widgets.nav_pages import NavEntry, NavPages
from verging_desktop.ui.widgets.tool_nav import HEADER_ROLE

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ORDER = [t.title for t in navigation_order()]


def _window(harness: Any, loop: Any, size: tuple[int, int] = (1280, 800)) -> Any:
    ctl = harness.start("--sandbox")
    w = ctl.window
    w.resize(*size)
    w.activateWindow()
    run(loop, until(lambda: w.first_frame_done and hasattr(w, "act_goto"), 5, "the menus"))
    return ctl


def _settle(loop: Any, seconds: float = 0.1) -> None:
    import asyncio

    run(loop, asyncio.sleep(seconds))


def test_the_sidebar_shows_the_groups_in_order_with_their_tools(harness: Any, loop: Any) -> None:
    w = _window(harness, loop).window
    nav = w.tabs.nav
    assert nav.header_titles() == [g.value for g in ToolGroup] == ["Video", "Image", "Audio", "Text"]
    assert [w.tabs.tabText(i) for i in range(w.tabs.count())] == ORDER == list(w.pages)
    # rows: each header right above its own tools; headers cannot be selected
    rows = []
    for r in range(nav.count()):
        item = nav.item(r)
        if item.data(HEADER_ROLE):
            assert not item.flags() & Qt.ItemFlag.ItemIsSelectable
            rows.append(f"[{item.text()}]")
        else:
            rows.append(item.text())
    assert rows == [row for g, ts in grouped() for row in (f"[{g.value}]", *(t.title for t in ts))]
    for group, first in (("[Video]", "Face Swap"), ("[Image]", "Background Removal"), ("[Audio]", "Text to Speech"),
                         ("[Text]", "Chat")):  # each group starts with its oldest tool
        assert rows[rows.index(group) + 1] == first
    # every entry has its tool's icon, and every registry icon name has a glyph (no fallback square)
    assert all(t.icon in GLYPHS for t in TOOLS)
    assert all(not nav.entry_item(i).icon().isNull() for i in range(nav.entry_count()))
    # the tooltip tells the summary and the shortcut
    bg = ORDER.index("Background Removal")
    assert nav.entry_item(bg).toolTip() == f"Cut the subject out of a photo and get a transparent PNG. (Ctrl+{bg + 1})"


def test_ctrl_number_and_ctrl_tab_move_between_tools(harness: Any, loop: Any, qtbot: Any) -> None:
    w = _window(harness, loop).window
    shown: list[str] = []
    w.tabShown.connect(shown.append)
    qtbot.keyClick(w, Qt.Key.Key_3, CTRL)
    assert w.current_tool == ORDER[2]
    assert w.tabs.nav.currentItem().text() == ORDER[2]  # the sidebar follows
    run(loop, until(lambda: w.pages[ORDER[2]].content is not None, 5, "the page built"))
    assert shown[-1] == ORDER[2]
    qtbot.keyClick(w, Qt.Key.Key_Tab, CTRL)
    assert w.current_tool == ORDER[3]
    qtbot.keyClick(w, Qt.Key.Key_8, CTRL)
    assert w.current_tool == ORDER[min(7, len(ORDER) - 1)]
    # wraps at the end and at the start (Ctrl+9: the last tool)
    qtbot.keyClick(w, Qt.Key.Key_9, CTRL)
    assert w.current_tool == ORDER[-1]
    qtbot.keyClick(w, Qt.Key.Key_Tab, CTRL)
    assert w.current_tool == ORDER[0]
    qtbot.keyClick(w, Qt.Key.Key_Backtab, CTRL | SHIFT)
    assert w.current_tool == ORDER[-1]
    qtbot.keyClick(w, Qt.Key.Key_Backtab, CTRL | SHIFT)
    assert w.current_tool == ORDER[-2]
    # the menu shows the shortcuts; none is used twice
    view = [a for a in w.menu_view.actions() if not a.isSeparator()]
    assert ("Go to tool…", "Ctrl+K") in [(a.text().replace("&", ""), a.shortcut().toString()) for a in view]
    assert [a.shortcut().toString() for a in w.tool_actions] == [f"Ctrl+{i}" if i < 9 else ""
                                                                 for i in range(1, len(ORDER) + 1)]
    keys = [s.toString() for a in w.actions() for s in a.shortcuts() if not s.isEmpty()]
    assert len(keys) == len(set(keys)), keys
    assert w.act_keys.shortcut().toString() == "Ctrl+Shift+K"


def test_arrow_keys_in_the_sidebar_skip_the_headers(harness: Any, loop: Any, qtbot: Any) -> None:
    w = _window(harness, loop).window
    nav = w.tabs.nav
    video = [t.title for g, ts in grouped() if g is ToolGroup.VIDEO for t in ts]
    w.tabs.setCurrentIndex(len(video) - 1)  # the last of the Video group
    nav.setFocus()
    qtbot.keyClick(nav, Qt.Key.Key_Down)
    assert w.current_tool == "Background Removal"  # over the "Image" header
    qtbot.keyClick(nav, Qt.Key.Key_Up)
    assert w.current_tool == video[-1]
    for _ in video:  # at the top it stays on the first tool, never a header
        qtbot.keyClick(nav, Qt.Key.Key_Up)
    assert w.current_tool == "Face Swap" and not nav.is_header(nav.currentRow())
    qtbot.keyClick(nav, Qt.Key.Key_End)
    assert w.current_tool == ORDER[-1]
    qtbot.keyClick(nav, Qt.Key.Key_Home)
    assert w.current_tool == "Face Swap"
    # a click on a header changes nothing
    header = nav.item(len(video) + 1)
    assert header.data(HEADER_ROLE) == "Image"
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(header).center())
    assert w.current_tool == "Face Swap"
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton,
                     pos=nav.visualItemRect(nav.item(len(video) + 2)).center())
    assert w.current_tool == "Background Removal"


def test_ctrl_k_goes_to_a_tool_by_typing(harness: Any, loop: Any, qtbot: Any) -> None:
    w = _window(harness, loop).window
    qtbot.keyClick(w, Qt.Key.Key_K, CTRL)
    pop = w.goto_popup
    assert pop is not None and pop.isVisible()
    assert pop.visible_titles() == ORDER
    qtbot.keyClicks(pop.edit, "spee")
    # the title that starts with it first; "Text to Speech" has a word that does
    assert pop.visible_titles() == ["Text to Speech", "Speech to Text"] and pop.current_key() == "Speech to Text"
    qtbot.keyClick(pop.edit, Qt.Key.Key_Return)
    assert not pop.isVisible()
    assert w.current_tool == "Speech to Text"
    run(loop, until(lambda: w.pages["Speech to Text"].content is not None, 5, "the page built"))
    # arrow keys move in the list; Escape closes and changes nothing
    qtbot.keyClick(w, Qt.Key.Key_K, CTRL)
    assert pop.isVisible() and pop.edit.text() == ""
    qtbot.keyClicks(pop.edit, "image")
    assert pop.current_key() == "Image Generation"
    qtbot.keyClick(pop.edit, Qt.Key.Key_Down)
    assert pop.current_key() in ORDER and pop.current_key() != "Image Generation"
    qtbot.keyClick(pop.edit, Qt.Key.Key_Escape)
    assert not pop.isVisible() and w.current_tool == "Speech to Text"
    # a summary word finds its tool; nothing found: Enter does nothing
    qtbot.keyClick(w, Qt.Key.Key_K, CTRL)
    qtbot.keyClicks(pop.edit, "transparent")
    assert pop.visible_titles() == ["Background Removal"]
    pop.edit.clear()
    qtbot.keyClicks(pop.edit, "zzz")
    assert pop.visible_titles() == [] and pop.current_key() == ""
    qtbot.keyClick(pop.edit, Qt.Key.Key_Return)
    assert pop.isVisible() and w.current_tool == "Speech to Text"
    qtbot.keyClick(pop.edit, Qt.Key.Key_Escape)


def test_show_tool_by_title_or_id_returns_the_built_page(harness: Any, loop: Any) -> None:
    w = _window(harness, loop).window
    vision = w.show_tool("vision")
    assert vision is w.pages["Vision"].content is not None and w.current_tool == "Vision"
    assert w.show_tool("Chat") is w.pages["Chat"].content and w.current_tool == "Chat"
    assert w.show_tool(0) is w.pages["Face Swap"].content
    assert w.show_tool("no-such-tool") is None and w.current_tool == "Face Swap"


def test_at_1024x700_every_tool_is_visible_without_scrolling(harness: Any, loop: Any) -> None:
    ctl = _window(harness, loop, (1024, 700))
    w = ctl.window
    _settle(loop)
    nav = w.tabs.nav
    assert (w.width(), w.height()) == (1024, 700)
    assert nav.compact and nav.width() <= 40  # icons only: the tool keeps its room
    assert nav.verticalScrollBar().maximum() == 0
    view = QRect(nav.viewport().mapTo(w, nav.viewport().rect().topLeft()), nav.viewport().size())
    for i in range(nav.entry_count()):
        r = nav.visualItemRect(nav.entry_item(i))
        r.moveTopLeft(nav.viewport().mapTo(w, r.topLeft()))
        assert view.contains(r) and w.rect().contains(r), (nav.entry_item(i).text(), r, view)
    # wide enough: titles and group headers come back
    w.resize(1440, 900)
    _settle(loop)
    assert not nav.compact and nav.width() > 150
    assert nav.verticalScrollBar().maximum() == 0


def test_a_badge_shows_on_the_entry_of_the_tool_whose_job_finished(harness: Any, store: Any, loop: Any,
                                                                    qtbot: Any, tmp_path: Any, ffmpeg: str,
                                                                    request: Any) -> None:
    request.addfinalizer(lambda: forgive_multimedia_noise(request))
    ctl = start_app(harness, store, tmp_path / "downloads")
    w = ctl.window
    run(loop, until(lambda: hasattr(w, "act_goto"), 5, "the menus"))
    bg = open_tab(loop, ctl, "Background Removal")
    assert drop(bg.drop, [make_image(ffmpeg, tmp_path / "portrait.png")])
    run(loop, until(lambda: bg.items and bg.items[0].state == "ready", 10, "the image checked"))
    bg.submit_button.click()
    run(loop, until(lambda: bg.items[0].local_id is not None, 15, "the job sent"))
    w.activateWindow()
    qtbot.keyClick(w, Qt.Key.Key_1, CTRL)  # another tool, while the job runs
    assert w.current_tool == "Face Swap"
    i = ORDER.index("Background Removal")
    run(loop, until(lambda: w.tabs.badge(i) == 1, 60, "the badge"))
    assert [w.tabs.badge(j) for j in range(w.tabs.count())] == [int(j == i) for j in range(w.tabs.count())]
    assert w.tabs.tabText(i) == "Background Removal (1)"
    assert "1 finished" in w.tabs.nav.entry_item(i).toolTip()
    # looking at the tool clears it
    qtbot.keyClick(w, getattr(Qt.Key, f"Key_{i + 1}"), CTRL)
    run(loop, until(lambda: w.tabs.badge(i) == 0, 5, "the badge cleared"))
    assert w.tabs.tabText(i) == "Background Removal"


def _pages(n: int) -> tuple[NavPages, list[QLabel]]:
    pages = NavPages()
    labels = []
    groups = ["Video", "Image", "Audio", "Text"]
    for i in range(n):
        label = QLabel(f"page {i}")
        labels.append(label)
        pages.add_page(label, NavEntry(f"Tool {i}", f"Tool {i}", groups[i * len(groups) // n], None, f"does {i}"))
    return pages, labels


def test_fourteen_tools_scroll_in_a_short_window(qtbot: Any) -> None:
    """The generic widget: 14 tools in 4 groups; a short window scrolls the sidebar, and the
    current entry is always scrolled into view."""
    pages, labels = _pages(14)
    qtbot.addWidget(pages)
    pages.resize(1000, 360)
    pages.show()
    qtbot.waitExposed(pages)
    nav = pages.nav
    assert not nav.compact and nav.header_titles() == ["Video", "Image", "Audio", "Text"]
    assert nav.verticalScrollBar().maximum() > 0
    pages.setCurrentIndex(13)
    QApplication.processEvents()
    assert pages.currentWidget() is labels[13]
    assert nav.viewport().rect().contains(nav.visualItemRect(nav.entry_item(13))), (nav.viewport().rect(), nav.width())
    pages.step(1)
    assert pages.currentIndex() == 0
    # tall enough: no scrolling
    pages.resize(1000, 800)
    QApplication.processEvents()
    assert nav.verticalScrollBar().maximum() == 0
    # narrow: icons only, each entry still reachable
    pages.resize(600, 800)
    QApplication.processEvents()
    assert nav.compact and nav.width() < 40
    assert "Tool 3: does 3" in nav.entry_item(3).toolTip()


def test_go_to_matches_titles_before_summaries() -> None:
    e = [NavEntry("Chat", "Chat", "Text", None, "Talk to GPT-4o"), NavEntry("Vision", "Vision", "Text", None,
                                                                          "Ask questions about an image.")]
    assert GoToPopup.score(e[0], "ch") == 0
    assert GoToPopup.score(e[1], "image") == 3
    assert GoToPopup.score(e[1], "isi") == 2
    assert GoToPopup.score(e[0], "image") is None
    assert GoToPopup.score(e[0], "  ") == 0


def test_a_wide_page_turns_the_sidebar_compact_instead_of_cutting_its_titles(qtbot: Any) -> None:
    """The sidebar is either wide enough for every title or icons only: when a page's minimum
    width leaves the titles too little room, it goes compact (no "Fac…" entries)."""
    pages, labels = _pages(8)
    qtbot.addWidget(pages)
    pages.resize(1000, 500)
    pages.show()
    qtbot.waitExposed(pages)
    nav = pages.nav
    assert not nav.compact and nav.width() == nav.expanded_width()
    pages.setCurrentIndex(3)
    labels[3].setMinimumWidth(900)  # a page that needs most of the width
    qtbot.waitUntil(lambda: nav.compact)
    assert nav.width() <= 40
    labels[3].setMinimumWidth(0)
    qtbot.waitUntil(lambda: not nav.compact)
    assert nav.width() == nav.expanded_width()


def test_go_to_tool_says_when_nothing_matches(harness: Any, loop: Any, qtbot: Any) -> None:
    """No match: a line saying so, not an empty list; typing a match again brings the list back."""
    w = _window(harness, loop).window
    qtbot.keyClick(w, Qt.Key.Key_K, CTRL)
    pop = w.goto_popup
    assert pop is not None and pop.isVisible()
    assert not pop.empty.isVisible() and pop.list.isVisible()
    qtbot.keyClicks(pop.edit, "xyz")
    assert pop.visible_titles() == []
    assert pop.empty.isVisible() and pop.empty.text() == "No tool matches 'xyz'"
    assert not pop.list.isVisible()
    # the message is inside the popup, below the line edit
    assert pop.rect().contains(pop.empty.geometry()) and pop.empty.y() > pop.edit.y()
    pop.edit.clear()
    qtbot.keyClicks(pop.edit, "cha")
    assert pop.visible_titles() == ["Chat"] and not pop.empty.isVisible() and pop.list.isVisible()
    qtbot.keyClick(pop.edit, Qt.Key.Key_Escape)


def test_every_page_header_says_what_the_registry_and_the_navigation_say(harness: Any, loop: Any,
                                                                          request: Any) -> None:
    """One wording: the page's title and summary, the sidebar's tooltip and the Go to tool list
    all come from the tool registry."""
    from PySide6.QtWidgets import QWidget

    ctl = _window(harness, loop)
    w = ctl.window
    request.addfinalizer(lambda: forgive_multimedia_noise(request))
    nav = w.tabs.nav
    for i, spec in enumerate(navigation_order()):
        page = open_tab(loop, ctl, spec.title)
        header = page.findChild(QWidget, "pageHeader")
        assert header.findChild(QWidget, "pageTitle").text() == spec.title
        assert header.findChild(QWidget, "pageSummary").full_text() == spec.summary, spec.id
        assert nav.entry_item(i).toolTip().startswith(spec.summary)


def test_the_sidebar_is_built_on_first_use_with_what_was_set_before(qtbot: Any) -> None:
    """Before the sidebar is built (the first frame), a slot of its width stands in its place;
    badges and the current page set meanwhile are on it once it is."""
    pages, labels = _pages(6)
    qtbot.addWidget(pages)
    pages.resize(1000, 500)
    pages.set_badge(2, 3)
    pages.setCurrentIndex(4)
    assert not pages.nav_built
    assert pages.badge(2) == 3 and pages.tabText(2) == "Tool 2 (3)" and pages.currentWidget() is labels[4]
    pages.show()
    qtbot.waitExposed(pages)
    slot = pages.findChild(QWidget, "toolNavSlot")
    assert slot is not None and slot.width() > 100 and not pages.nav_built
    nav = pages.nav
    assert pages.nav_built and nav.isVisible() and nav.entry_count() == 6
    assert nav.badge(2) == 3 and "3 finished" in nav.entry_item(2).toolTip()
    assert nav.current_page() == 4 and nav.width() == nav.expanded_width()
    nav.setCurrentItem(nav.entry_item(1))  # the user picks an entry
    assert pages.currentWidget() is labels[1]
