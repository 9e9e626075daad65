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

from ..core.i18n import N_, _, n_
from ..core.plural import number
from ..core.providers import BYOK_KEYS, PROVIDERS
from ..core.stored_text import shown
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
    LocalStatus.PREPARING: StatusWords(N_("Preparing"), N_("Preparing"), "preparing"),
    LocalStatus.SUBMITTING: StatusWords(N_("Sending"), N_("Sending"), "sending"),
    LocalStatus.PENDING: StatusWords(N_("Waiting"), N_("Waiting in the queue"), "waiting"),
    LocalStatus.PROCESSING: StatusWords(N_("Processing"), N_("Processing"), "processing"),
    LocalStatus.COMPLETED: StatusWords(N_("Completed"), N_("Completed"), "completed"),
    LocalStatus.FAILED: StatusWords(N_("Failed"), N_("Failed"), "failed"),
    LocalStatus.UNKNOWN: StatusWords(N_("Unknown: check verging.ai"), N_("Unknown: check verging.ai"), "unknown"),
    LocalStatus.CANCELLED: StatusWords(N_("Cancelled"), N_("Cancelled"), "cancelled"),
}


def status_word(status: LocalStatus | str, form: Form = "short") -> str:
    """The word for ``status`` (a :class:`LocalStatus` or its value) in ``form``; an unknown
    status is shown as it is rather than hidden."""
    try:
        s = status if isinstance(status, LocalStatus) else LocalStatus(status)
    except ValueError:
        return str(status)
    words = STATUS_WORDS.get(s)
    if words is None:
        return s.value
    return words.form(form) if form == "cli" else _(words.form(form))  # the command line stays English


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
    return waiting_text(int(running)) if isinstance(running, (int, float)) else _("Waiting for a free varg slot")


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
        return _("From cache: free")
    if rec.params.get("byok"):
        return _("Your own {provider} key: billed by the provider").format(provider=byok_label(str(rec.params['byok'])))
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
        return _(t.title) if t else kind
    title = _(t.title) if t else kind.removeprefix(f"{provider}-").replace("-", " ").capitalize()
    return _("{tool} · {provider}").format(tool=title, provider=_provider_label(provider))


def error_text(rec: JobRecord) -> str:
    """The job's error as shown: a stored message the catalogue knows (the queues' fixed texts,
    marked where they are written) in the interface's language, any other as it was stored."""
    return shown(rec.error)


def _state(rec: JobRecord, form: Form) -> str:
    """The job's state word; an unknown job of another provider names that provider's website."""
    if rec.status is LocalStatus.UNKNOWN and form != "cli" and rec.provider and rec.provider != _HOME:
        return _("Unknown: check {website}").format(website=_website(rec.provider))
    return status_word(rec.status, form)


def queue_status(rec: JobRecord) -> str:
    """The Job Queue's status cell: ``Waiting``, ``Downloading 40%``, ``Completed, saved``."""
    if varg_waiting(rec):
        return waiting_words(rec)
    text = _state(rec, "short")
    if rec.status is LocalStatus.COMPLETED:
        if rec.download_state is DownloadState.DOWNLOADING:
            text = _("Downloading {percent}%").format(percent=f"{rec.download_progress or 0:.0f}")
        elif rec.download_state is DownloadState.DONE:
            text = _("Completed, saved")
        elif rec.download_state is DownloadState.FAILED:
            text = _("Completed, download failed")
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
            text = _("Downloading the result {percent}%").format(percent=f"{rec.download_progress or 0:.0f}")
        elif rec.download_state is DownloadState.FAILED:
            text = _("Completed, but the download failed")
        elif rec.download_state is DownloadState.NONE:
            text = _("Completed, downloading")
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
    return " " + _("({provider} credits)").format(provider=other) if other else ""


def _credits(v: float) -> str:
    """``5 credits`` in the interface's language (untranslated: :func:`core.plural.credits`)."""
    if v < 0:
        return "-" + _credits(-v)
    r = round(v)
    if abs(v - r) < 1e-9:
        return n_("%n credit(s)", int(r))
    return _("{amount} credits").format(amount=number(v))


def _amount(rec: JobRecord, v: float) -> str:
    """``5 credits``, and another provider's as ``5 Vimmerse credits`` (never read as Verging's)."""
    if rec.provider == VARG:
        return cents_amount(v)
    other = _other_provider(rec)
    if not other:
        return _credits(v)
    if v < 0:
        return "-" + _amount(rec, -v)
    r = round(v)
    if abs(v - r) < 1e-9:
        return n_("%n {provider} credit(s)", int(r)).format(provider=other)
    # a fractional amount: always the plural form (untranslated, what plural() made of it before)
    return _("{amount} {provider} credits").format(amount=number(v), provider=other)


def estimate_charge_text(rec: JobRecord) -> str:
    """``90 est. / 88 charged``, ``90 est.``, ``? est.`` when nothing was estimated; another
    provider's credits add their unit: ``6 est. / 6 charged (Vimmerse credits)``."""
    unit = "\u00a0¢" if rec.provider == VARG else ""  # never broken from its number
    est = f"{rec.estimated_credits:g}{unit}" if rec.estimated_credits is not None else "?"
    if rec.charged_credits is not None:
        return _("{estimate} est. / {charged} charged").format(
            estimate=est, charged=f"{rec.charged_credits:g}{unit}") + _unit_note(rec)
    return _("{estimate} est.").format(estimate=est) + _unit_note(rec)


def short_charge_text(rec: JobRecord) -> str:
    """The credits in a narrow cell: what was charged once known, else the estimate, else ""
    (another provider's with their unit: ``6 charged (Vimmerse credits)``)."""
    unit = "\u00a0¢" if rec.provider == VARG else ""  # never broken from its number
    if rec.charged_credits is not None:
        if rec.provider == VARG and not rec.charged_credits:
            if rec.params.get("cache") == "hit":
                return _("free (cache)")
            if rec.params.get("byok"):
                return _("own key")
        return _("{charged} charged").format(charged=f"{rec.charged_credits:g}{unit}") + _unit_note(rec)
    if rec.estimated_credits is None:
        return ""
    return _("{estimate} est.").format(estimate=f"{rec.estimated_credits:g}{unit}") + _unit_note(rec)


def result_charge_text(rec: JobRecord) -> str:
    """``Estimated 5 credits · charged 5 credits``, with ``(differs from the estimate)`` when it
    does; a failed job says it was not charged. Another provider's credits are named:
    ``Estimated 6 Vimmerse credits · charged 6 Vimmerse credits``."""
    est = _amount(rec, rec.estimated_credits) if rec.estimated_credits is not None else "?"
    free = varg_free_text(rec)
    if free and rec.status is LocalStatus.COMPLETED and not rec.charged_credits:
        return _("{free} (estimated {estimate})").format(free=free, estimate=est)
    if rec.status is LocalStatus.FAILED:
        if _other_provider(rec) and rec.charged_credits:  # what the asset says it cost
            return _("Estimated {estimate} · charged {charged} (as {provider} reports)").format(
                estimate=est, charged=_amount(rec, rec.charged_credits), provider=_provider_label(rec.provider))
        return _("Estimated {estimate} · a failed job is not charged (its credits are returned)").format(estimate=est)
    if rec.charged_credits is not None:
        charged = _amount(rec, rec.charged_credits)
        if rec.estimated_credits is not None and abs(rec.charged_credits - rec.estimated_credits) > 1e-9:
            return _("Estimated {estimate} · charged {charged} (differs from the estimate)").format(
                estimate=est, charged=charged)
        return _("Estimated {estimate} · charged {charged}").format(estimate=est, charged=charged)
    return _("Estimated {estimate}").format(estimate=est)


def ended_text(rec: JobRecord) -> str | None:
    """The status bar's line once a job is over, replacing "Sending…" / "1 job queued.":
    ``Reframe & Crop · Vimmerse finished: walk.mp4, saved (charged 3 Vimmerse credits).``, or
    that it failed or its download did; None while the job (or its download) still runs."""
    name = rec.input_name or _("the job")
    tool = tool_text(rec.kind)
    if rec.status is LocalStatus.COMPLETED:
        if rec.download_state is DownloadState.DONE:
            if rec.charged_credits is not None:
                return _("{tool} finished: {name}, saved (charged {charged}).").format(
                    tool=tool, name=name, charged=_amount(rec, rec.charged_credits))
            return _("{tool} finished: {name}, saved.").format(tool=tool, name=name)
        if rec.download_state is DownloadState.FAILED:
            return _("{tool} finished: {name}, but the download failed (see the Job Queue).").format(tool=tool, name=name)
        return None
    if rec.status is LocalStatus.FAILED:
        if rec.error:
            return _("{tool} failed: {name}: {error}").format(tool=tool, name=name, error=error_text(rec))
        return _("{tool} failed: {name}.").format(tool=tool, name=name)
    if rec.status is LocalStatus.CANCELLED:
        return _("{tool} cancelled: {name}.").format(tool=tool, name=name)
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
    return _("{elapsed}, ~{left} left").format(elapsed=text, left=fmt_duration(left)) if left is not None else text
