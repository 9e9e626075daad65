"""The one plural helper below ui/ (the command line, services) and ui/plural's English forms agree."""

from __future__ import annotations

from verging_desktop.core.plural import count, credits, number, plural


def test_counts_take_the_singular_only_for_one() -> None:
    assert credits(1) == "1 credit" and credits(0) == "0 credits" and credits(15) == "15 credits"
    assert credits(1000) == "1,000 credits" and credits(1.5) == "1.5 credits" and credits(0.002) == "0.002 credits"
    assert credits(-1) == "-1 credit"
    assert count(1, "record") == "1 record" and count(2, "record") == "2 records"
    assert count(1, "upload or cut", "uploads or cuts") == "1 upload or cut"
    assert count(3, "upload or cut", "uploads or cuts") == "3 uploads or cuts"
    assert plural("%n job(s) (is|are) waiting", 1) == "1 job is waiting"
    assert plural("%n job(s) (is|are) waiting", 12345) == "12,345 jobs are waiting"
    assert number(2.0) == "2" and number(1234.5) == "1,234.5"


def test_services_and_ui_use_the_same_forms(qapp) -> None:
    from verging_desktop.services.usage import plural as usage_plural
    from verging_desktop.ui import plural as ui

    for n in (0, 1, 2, 1000):
        assert ui.credits(n) == credits(n)
        assert usage_plural(n, "record") == count(n, "record")
    assert ui.plural("%n image(s) (is|are) waiting", 1) == "1 image is waiting"
    assert ui.plural("2500 image(s)", 2500) == "2,500 images"
