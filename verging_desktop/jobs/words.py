"""How a queue job is put in words, in one place for the app and the command line.

* :data:`STATUS_WORDS`: one table, one row per :class:`~verging_desktop.jobs.store.LocalStatus`,
  with the three forms the job's state is shown in: ``short`` (the Job Queue panel's cells),
  ``long`` (a tool tab's result panel) and ``cli`` (the ``verging`` command's lowercase lines).
  :func:`queue_status` and :func:`result_status` add what the download is doing.
* :func:`estimate_charge_text` / :func:`short_charge_text`: the estimate and the charge of a job;
  :func:`result_charge_text` says them in words (a tool tab's result panel); another provider's
  credits are named after it (``6 Vimmerse credits``), never read as Verging's.
* :func:`ended_text`: the status bar's line once a job is over (it replaces "Sending…").
* :func:`fmt_duration`, :func:`eta`, :func:`time_text`: how long a job took or is taking, and
  about how long it has left.
* :func:`tool_text`: the tool of a job kind, with its provider beside it when that is not Verging
  (``Reframe & Crop · Vimmerse``); an unknown job names the provider's website to check.
* varg: amounts are cents (``35 ¢ ($0.35)``, :func:`cents_amount`); a job waiting on this computer
  for a free varg slot says so (``Waiting for a free varg slot (2 running)``); a cache hit is
  ``From cache: free`` and a job paid by the user's own provider key says the provider bills it.

Counts of credits in sentences are :func:`verging_desktop.core.plural.credits` (the app's
translatable form is :func:`verging_desktop.ui.plural.credits`, built on it).

No Qt here.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Literal

from ..core.plural import credits, plural
from ..core.providers import BYOK_KEYS, PROVIDERS
from ..core.tools import kind_provider, tool_for_kind
from .store import DownloadState, JobRecord, LocalStatus

Form = Literal["short", "long", "cli"]


@dataclass(frozen=True)
class StatusWords:
    """A job state's words: ``short`` for a table cell, ``long`` for a sentence-like line, ``cli``
    for the command line."""

    short: str
    long: str
    cli: str

    def form(self, form: Form) -> str:
        return {"short": self.short, "long": self.long, "cli": self.cli}[form]


STATUS_WORDS: dict[LocalStatus, StatusWords] = {
    LocalStatus.PREPARING: StatusWords("Preparing", "Preparing", "preparing"),
    LocalStatus.SUBMITTING: StatusWords("Sending", "Sending", "sending"),
    LocalStatus.PENDING: StatusWords("Waiting", "Waiting in the queue", "waiting"),
    LocalStatus.PROCESSING: StatusWords("Processing", "Processing", "processing"),
    LocalStatus.COMPLETED: StatusWords("Completed", "Completed", "completed"),
    LocalStatus.FAILED: StatusWords("Failed", "Failed", "failed"),
    LocalStatus.UNKNOWN: StatusWords("Unknown: check verging.ai", "Unknown: check verging.ai", "unknown"),
    LocalStatus.CANCELLED: StatusWords("Cancelled", "Cancelled", "cancelled"),
}


def status_word(status: LocalStatus | str, form: Form = "short") -> str:
    """The word for ``status`` (a :class:`LocalStatus` or its value) in ``form``; an unknown
    status is shown as it is rather than hidden."""
    try:
        s = status if isinstance(status, LocalStatus) else LocalStatus(status)
    except ValueError:
        return str(status)
    words = STATUS_WORDS.get(s)
    return words.form(form) if words is not None else s.value


_HOME = "verging"
#: the provider whose amounts are cents, not credits
VARG = "varg"


def cents_amount(c: float) -> str:
    """``35 ¢ ($0.35)``, ``0.5 ¢ ($0.005)``, ``1,250 ¢ ($12.50)`` (the same form as
    ``services.varg_cost.cents_text``)."""
    c = max(0.0, float(c))
    cents = f"{c:,.2f}".rstrip("0").rstrip(".")
    dollars = f"{c / 100:,.2f}"
    if abs(float(dollars.replace(",", "")) - c / 100) > 1e-9:
        dollars = f"{c / 100:,.4f}".rstrip("0")
    return f"{cents}\u00a0¢ (${dollars})"


def varg_waiting(rec: JobRecord) -> bool:
    """A varg job kept on this computer until one of the account's running jobs ends."""
    return rec.provider == VARG and rec.status is LocalStatus.PREPARING and bool(rec.params.get("waiting"))


def waiting_words(rec: JobRecord) -> str:
    """``Waiting for a free varg slot (2 running)``."""
    from .varg_rules import waiting_text

    running = rec.params.get("running")
    return waiting_text(int(running)) if isinstance(running, (int, float)) else "Waiting for a free varg slot"


def byok_label(kid: str) -> str:
    for k in BYOK_KEYS:
        if k.id == kid:
            return k.name
    return kid


def varg_free_text(rec: JobRecord) -> str:
    """Why a varg job costs nothing on varg: ``From cache: free`` or ``Your own fal.ai key: billed
    by the provider`` ("" when neither)."""
    if rec.provider != VARG:
        return ""
    if rec.params.get("cache") == "hit":
        return "From cache: free"
    if rec.params.get("byok"):
        return f"Your own {byok_label(str(rec.params['byok']))} key: billed by the provider"
    return ""


def _provider_label(provider_id: str) -> str:
    for p in PROVIDERS:
        if p.id == provider_id:
            return p.label
    return provider_id.capitalize()


def _website(provider_id: str) -> str:
    for p in PROVIDERS:
        if p.id == provider_id:
            return p.website_host
    return provider_id


def tool_text(kind: str) -> str:
    """The tool that makes ``kind``, as the queue names it: ``Face Swap``, and for another
    provider's kind ``Reframe & Crop · Vimmerse`` (a kind the registry does not know yet is named
    after itself: ``Crop · Vimmerse``)."""
    provider = kind_provider(kind)
    t = tool_for_kind(kind)
    if provider == _HOME:
        return t.title if t else kind
    title = t.title if t else kind.removeprefix(f"{provider}-").replace("-", " ").capitalize()
    return f"{title} · {_provider_label(provider)}"


def _state(rec: JobRecord, form: Form) -> str:
    """The job's state word; an unknown job of another provider names that provider's website."""
    if rec.status is LocalStatus.UNKNOWN and form != "cli" and rec.provider and rec.provider != _HOME:
        return f"Unknown: check {_website(rec.provider)}"
    return status_word(rec.status, form)


def queue_status(rec: JobRecord) -> str:
    """The Job Queue's status cell: ``Waiting``, ``Downloading 40%``, ``Completed, saved``."""
    if varg_waiting(rec):
        return waiting_words(rec)
    text = _state(rec, "short")
    if rec.status is LocalStatus.COMPLETED:
        if rec.download_state is DownloadState.DOWNLOADING:
            text = f"Downloading {rec.download_progress or 0:.0f}%"
        elif rec.download_state is DownloadState.DONE:
            text = "Completed, saved"
        elif rec.download_state is DownloadState.FAILED:
            text = "Completed, download failed"
    return text


def result_status(rec: JobRecord) -> str:
    """A result panel's status line: ``Waiting in the queue``, ``Processing 40%``,
    ``Downloading the result 10%``, ``Completed, but the download failed``."""
    if varg_waiting(rec):
        return waiting_words(rec)
    text = _state(rec, "long")
    if rec.status is LocalStatus.PROCESSING and rec.progress:
        text += f" {rec.progress:.0f}%"
    if rec.status is LocalStatus.COMPLETED:
        if rec.download_state is DownloadState.DOWNLOADING:
            text = f"Downloading the result {rec.download_progress or 0:.0f}%"
        elif rec.download_state is DownloadState.FAILED:
            text = "Completed, but the download failed"
        elif rec.download_state is DownloadState.NONE:
            text = "Completed, downloading"
    return text


def cli_status(rec: JobRecord) -> str:
    """The command line's status of a job: ``waiting``, ``processing 40%`` (progress while open)."""
    if varg_waiting(rec):
        return waiting_words(rec).lower()
    text = status_word(rec.status, "cli")
    if rec.progress is not None and rec.status.open:
        text += f" {rec.progress:.0f}%"
    return text


# -- credits -------------------------------------------------------------------------------------
def _other_provider(rec: JobRecord) -> str:
    """The label of the job's provider when its credits are not Verging's (``Vimmerse``), else ""."""
    return _provider_label(rec.provider) if rec.provider not in ("", _HOME) else ""


def _unit_note(rec: JobRecord) -> str:
    """`` (Vimmerse credits)`` after a bare number of another provider's credits; "" for Verging
    (and for varg, whose amounts say their cents)."""
    if rec.provider == VARG:
        return ""
    other = _other_provider(rec)
    return f" ({other} credits)" if other else ""


def _amount(rec: JobRecord, v: float) -> str:
    """``5 credits``, and another provider's as ``5 Vimmerse credits`` (never read as Verging's)."""
    if rec.provider == VARG:
        return cents_amount(v)
    other = _other_provider(rec)
    if not other:
        return credits(v)
    if v < 0:
        return "-" + _amount(rec, -v)
    return plural(f"%n {other} credit(s)", v)


def estimate_charge_text(rec: JobRecord) -> str:
    """``90 est. / 88 charged``, ``90 est.``, ``? est.`` when nothing was estimated; another
    provider's credits add their unit: ``6 est. / 6 charged (Vimmerse credits)``."""
    unit = "\u00a0¢" if rec.provider == VARG else ""  # never broken from its number
    est = f"{rec.estimated_credits:g}{unit}" if rec.estimated_credits is not None else "?"
    if rec.charged_credits is not None:
        return f"{est} est. / {rec.charged_credits:g}{unit} charged{_unit_note(rec)}"
    return f"{est} est.{_unit_note(rec)}"


def short_charge_text(rec: JobRecord) -> str:
    """The credits in a narrow cell: what was charged once known, else the estimate, else ""
    (another provider's with their unit: ``6 charged (Vimmerse credits)``)."""
    unit = "\u00a0¢" if rec.provider == VARG else ""  # never broken from its number
    if rec.charged_credits is not None:
        if rec.provider == VARG and not rec.charged_credits:
            if rec.params.get("cache") == "hit":
                return "free (cache)"
            if rec.params.get("byok"):
                return "own key"
        return f"{rec.charged_credits:g}{unit} charged{_unit_note(rec)}"
    return f"{rec.estimated_credits:g}{unit} est.{_unit_note(rec)}" if rec.estimated_credits is not None else ""


def result_charge_text(rec: JobRecord) -> str:
    """``Estimated 5 credits · charged 5 credits``, with ``(differs from the estimate)`` when it
    does; a failed job says it was not charged. Another provider's credits are named:
    ``Estimated 6 Vimmerse credits · charged 6 Vimmerse credits``."""
    est = _amount(rec, rec.estimated_credits) if rec.estimated_credits is not None else "?"
    free = varg_free_text(rec)
    if free and rec.status is LocalStatus.COMPLETED and not rec.charged_credits:
        return f"{free} (estimated {est})"
    if rec.status is LocalStatus.FAILED:
        if _other_provider(rec) and rec.charged_credits:  # what the asset says it cost
            return (f"Estimated {est} · charged {_amount(rec, rec.charged_credits)} "
                    f"(as {_provider_label(rec.provider)} reports)")
        return f"Estimated {est} · a failed job is not charged (its credits are returned)"
    if rec.charged_credits is not None:
        mark = ""
        if rec.estimated_credits is not None and abs(rec.charged_credits - rec.estimated_credits) > 1e-9:
            mark = " (differs from the estimate)"
        return f"Estimated {est} · charged {_amount(rec, rec.charged_credits)}{mark}"
    return f"Estimated {est}"


def ended_text(rec: JobRecord) -> str | None:
    """The status bar's line once a job is over, replacing "Sending…" / "1 job queued.":
    ``Reframe & Crop · Vimmerse finished: walk.mp4, saved (charged 3 Vimmerse credits).``, or
    that it failed or its download did; None while the job (or its download) still runs."""
    name = rec.input_name or "the job"
    tool = tool_text(rec.kind)
    if rec.status is LocalStatus.COMPLETED:
        if rec.download_state is DownloadState.DONE:
            charged = f" (charged {_amount(rec, rec.charged_credits)})" if rec.charged_credits is not None else ""
            return f"{tool} finished: {name}, saved{charged}."
        if rec.download_state is DownloadState.FAILED:
            return f"{tool} finished: {name}, but the download failed (see the Job Queue)."
        return None
    if rec.status is LocalStatus.FAILED:
        return f"{tool} failed: {name}" + (f": {rec.error}" if rec.error else ".")
    if rec.status is LocalStatus.CANCELLED:
        return f"{tool} cancelled: {name}."
    return None


# -- time ----------------------------------------------------------------------------------------
def fmt_duration(seconds: float) -> str:
    """``45s``, ``3m 05s``, ``2h 07m``."""
    s = int(max(0, seconds))
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m {s % 60:02d}s"
    return f"{s // 3600}h {s % 3600 // 60:02d}m"


def eta(rec: JobRecord, now: float) -> float | None:
    """Seconds a processing job has left at ``now``, from its progress so far (None: not known)."""
    if rec.status is not LocalStatus.PROCESSING or not rec.progress or rec.progress <= 0:
        return None
    start = rec.started_at or rec.submitted_at or rec.created_at
    spent = now - start
    return spent * (100.0 - rec.progress) / rec.progress


def time_text(rec: JobRecord, now: float | None = None) -> str:
    """``3m 05s``, or ``1m 10s, ~2m 00s left`` while it runs."""
    text = fmt_duration(rec.elapsed)
    left = eta(rec, time.time() if now is None else now)
    return f"{text}, ~{fmt_duration(left)} left" if left is not None else text
