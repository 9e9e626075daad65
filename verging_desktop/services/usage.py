"""Where the credits went: the AI proxy's usage records and the job charges, in one history.

``/ai/usage`` lists only the AI proxy calls (chat, image generation, speech, vision). Face swap,
video enhancement and background removal are charged per job: their charge is the ``credits`` of
the server's job list (the truth) or, where the server's list cannot be read, what this app's job
queue recorded (the server's figure it polled, else its own estimate). A job that failed is
refunded, so it counts 0. Merged, the history's total is what the balance lost.

Vimmerse publishes neither a balance nor a usage list: its charges are the ``credits`` of each
asset this app's queue made, kept in the job store (:func:`from_provider_jobs`,
:func:`provider_history`, :func:`month_spend`). They are Vimmerse credits, another unit than
Verging's: a history, a chart and a total hold one provider's credits only, never a sum of both.

varg publishes both: its ``/usage`` lists every job with its ``cost_cents`` and whether it was a
cache hit (free), so its history is varg's list (:func:`from_varg_usage`, :func:`load_varg_history`),
joined with this app's queue for the tool and the file name; a job the list does not have yet
counts its estimate (``~``). Its unit is the cent: a varg history says ``35 ¢ ($0.35)``, and is
never added to anybody's credits.

The merged view (:data:`ALL_PROVIDERS`, :func:`merge_histories`, :func:`load_all_history`) holds every
provider's rows and adds them up in US dollars where a unit's dollar value is known: a Verging credit
at its pricing table's rate ("$10 buys 530 credits"), a varg cent at $0.01. A Vimmerse credit has no
published dollar price: Vimmerse's rows are listed in its own credits and kept out of every dollar
figure (:meth:`History.apart`, :attr:`DailyUsage.apart`), never converted at a guessed rate.

No Qt here: the account dialog and its chart draw what :func:`aggregate` and :class:`History`
return.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from ..api.verging.models import Job, JobKind, JobStatus, UsagePage, UsageRecord
from ..core import plural as _plural
from ..core import tools as _tools
from ..core.errors import VergingError
from ..core.i18n import N_, _, n_
from ..core.providers import VARG, VERGING, VIMMERSE
from ..core.providers import provider as _provider
from ..core.varg_models import kind_capability
from ..jobs.store import JobRecord, LocalStatus

log = logging.getLogger("verging_desktop.services.usage")

#: services labelled by tool, as the tabs name them (the registry, core.tools), and the
#: services that have no tool (yet)
SERVICE_LABELS = {
    **{t.service: t.title for t in _tools.TOOLS},
    "image_to_video": N_("Image to Video"),
}

#: the service types the usage endpoint filters on (the AI proxy)
USAGE_SERVICES = _tools.call_services("verging")
#: the services charged per job
JOB_SERVICES = _tools.job_services()
#: every service in the history, in the order of the tool tabs
ALL_SERVICES = _tools.services()

SERVICE_COLORS = {
    "chat": "#4e79a7",
    "imagegen": "#f28e2b",
    "tts": "#59a14f",
    "stt": "#e15759",
    "vision": "#76b7b2",
    "faceswap": "#edc948",
    "video_enhance": "#b07aa1",
    "background_removal": "#ff9da7",
    "image_to_video": "#9c755f",
}
#: the colours of the tools' services :data:`SERVICE_COLORS` does not name, given out in registry
#: order (:data:`ALL_SERVICES`): each far enough from the others and from SERVICE_COLORS to tell
#: stacked bars apart, and at least 2:1 against the chart's background on the light and the dark theme
_EXTRA = ("#7b4ea3", "#2f8f6f", "#c71585", "#3b6fd6", "#e377c2", "#bab0ac", "#66a61e", "#b8860b",
          "#8c6d31", "#7570b3", "#17becf", "#bcbd22", "#d95f02", "#79706e", "#d37295")
#: a service the registry does not know when no colour is left for it
_OTHER = "#8a8f98"


def _service_colors() -> dict[str, str]:
    """SERVICE_COLORS, then every other service of the registry with the next free colour of _EXTRA:
    no two tools share a colour, and a tool keeps its colour while tools are added after it."""
    out = dict(SERVICE_COLORS)
    free = iter([c for c in _EXTRA if c not in out.values()])
    for s in ALL_SERVICES:
        if s not in out:
            out[s] = next(free, _OTHER)
    return out


#: the colour of every known service (the registry's and SERVICE_COLORS')
COLORS = _service_colors()
#: the colours no known service has, for a service the registry does not know (a Vimmerse job kind no tool claims)
_SPARE = tuple(c for c in _EXTRA if c not in COLORS.values()) or (_OTHER,)

#: AI usage records fetched at most (pages of 100, the endpoint's largest)
MAX_AI_RECORDS = 5000
AI_PAGE_SIZE = 100


def service_label(s: str) -> str:
    if s in SERVICE_LABELS:
        return SERVICE_LABELS[s]
    for head in ("vimmerse-", "vimmerse_"):  # a Vimmerse job kind no tool claims (yet): "Crop"
        if s.startswith(head):
            s = s[len(head):]
    return s.replace("_", " ").replace("-", " ").capitalize() or "Other"


def provider_credits(provider_id: str, v: float) -> str:
    """``34 credits`` for Verging, ``34 Vimmerse credits`` for another provider, ``35 ¢ ($0.35)`` for
    varg (it counts cents), ``$1.23`` for the merged view (US dollars): units that are not the same are
    never written the same."""
    if provider_id == ALL_PROVIDERS:
        return money(v)
    if provider_id == VARG.id:
        from .varg_cost import cents_text

        return cents_text(v)
    if provider_id == VERGING.id:
        return _credits(v)
    if v < 0:
        return "-" + provider_credits(provider_id, -v)
    label = _provider(provider_id).label
    if abs(v - round(v)) < 1e-9:
        return n_("%n {provider} credit(s)", round(v)).format(provider=label)
    return _("{n} {provider} credits").format(n=_plural.number(v), provider=label)


def _credits(v: float) -> str:
    """``1 credit``, ``15 credits``, ``0.5 credits`` in the interface's language."""
    if v < 0:
        return "-" + _credits(-v)
    if abs(v - round(v)) < 1e-9:
        return n_("%n credit(s)", round(v))
    return _("{n} credits").format(n=_plural.number(v))


#: the merged view's id: every provider's rows, added up in US dollars where the dollar value is known
ALL_PROVIDERS = "all"
#: the providers of the merged view, in the order of their legend and their rows' label
MERGED_PROVIDERS = (VERGING.id, VARG.id, VIMMERSE.id)
#: each provider's colour in the merged chart (one bar segment per provider)
PROVIDER_COLORS = {VERGING.id: "#4e79a7", VARG.id: "#f28e2b", VIMMERSE.id: "#59a14f"}
#: why a provider's units are not in the dollar figures (the chart's note, the table's tooltip)
NO_DOLLAR_PRICE = N_("{label} publishes no dollar price for its credits")


def money(v: float) -> str:
    """``$1.23`` (a cent or more), ``$0.004`` below a cent, so a small spend is never shown as $0.00."""
    if v and abs(v) < 0.005:
        return f"${v:,.3f}"
    return f"${v:,.2f}"


def credit_rate_text(usd_per_credit: float) -> str:
    """``$10 buys 530 credits ($0.0189 a credit)``: a Verging credit's dollar value as its price list
    says it (never rounded to a cent: $0.02 a credit would be 6% off)."""
    if usd_per_credit <= 0:
        return _("no dollar price")
    return _("$10 buys {credits} credits (${rate} a credit)").format(credits=f"{10 / usd_per_credit:,.0f}",
                                                                     rate=f"{usd_per_credit:.4f}")


def usd_rates(usd_per_credit: float) -> dict[str, float | None]:
    """Dollars per unit of each provider: a Verging credit from its pricing table (``usd_per_credit``),
    a varg cent from its unit ($0.01); None for Vimmerse, whose credits have no published price."""
    out: dict[str, float | None] = {}
    for pid in MERGED_PROVIDERS:
        out[pid] = usd_per_credit if pid == VERGING.id else _provider(pid).unit.usd_per_unit
    return out


def service_color(s: str) -> str:
    """The chart colour of service ``s``: its own for every tool of the registry (:data:`COLORS`)."""
    known = COLORS.get(s)
    if known is not None:
        return known
    return _SPARE[sum(map(ord, s)) % len(_SPARE)]


def plural(n: float, one: str, many: str | None = None) -> str:
    """``1 record``, ``2 records`` (:func:`verging_desktop.core.plural.count`)."""
    return _plural.count(n, one, many)


def job_service(kind: str | JobKind | None) -> str:
    """The pricing service of a job kind (``face-swap`` -> ``faceswap``)."""
    k = kind if isinstance(kind, JobKind) else JobKind.parse(kind)
    return k.pricing_service if k is not None else str(kind or "other")


# -- one history -------------------------------------------------------------------------------
@dataclass(frozen=True)
class SpendEntry:
    """One line of the history: an AI call or a job."""

    id: str
    service_type: str
    created_at: datetime | None
    #: what it took from the balance (0 for a refunded job)
    credits_consumed: float
    status: str
    #: "ai" or "job"
    kind: str = "ai"
    #: the figure is the server's (False: this app's estimate, the server's not known)
    counted_by_server: bool = True
    #: what the job cost before a refund (None for AI calls)
    charged: float | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    latency_ms: float | None = None
    detail: str = ""
    #: whose credits these are (core/providers.py id): one history holds one provider's
    provider: str = VERGING.id
    #: the model and capability that made it (varg's usage records say them; "" elsewhere)
    model: str = ""
    capability: str = ""
    #: it came from the provider's result cache: free (varg)
    cache_hit: bool = False


#: the server's status codes of AI calls and jobs, in words a person reads in the usage table; these
#: are the server's usage-record codes, not the job queue's states (those are worded in ``jobs.words``)
_STATUS_WORDS = {
    "success": N_("done"),
    "succeeded": N_("done"),
    "completed": N_("completed"),
    "client_disconnected": N_("stopped by you"),
    "cancelled": N_("cancelled"),
    "canceled": N_("cancelled"),
    "error": N_("failed"),
    "failed": N_("failed"),
    "timeout": N_("timed out"),
    "pending": N_("waiting"),
    "processing": N_("processing"),
    # a failed job's row (counted 0: the server refunds it), made by this module
    "failed, refunded": N_("failed, refunded"),
}


def _detail(name: str, ref: str) -> str:
    """A row's details: the input file's name (if known) and the job or asset it was."""
    return " · ".join(x for x in (name, ref) if x)


def _job_ref(job_id: str) -> str:
    return _("job {id}", "a job in the spend history").format(id=job_id)


def _asset_ref(asset_id: str) -> str:
    return _("asset {id}", "a Vimmerse asset in the spend history").format(id=asset_id)


def status_words(status: str) -> str:
    """``client_disconnected`` -> ``stopped by you``; an unknown code
    is shown with spaces for its underscores rather than hidden."""
    code = (status or "").strip()
    return _STATUS_WORDS.get(code.lower(), code.replace("_", " ").lower())


def from_usage(records: Iterable[UsageRecord]) -> list[SpendEntry]:
    return [SpendEntry(id=f"ai:{r.id}", service_type=r.service_type or "other", created_at=r.created_at,
                       credits_consumed=float(r.credits_consumed or 0), status=r.status or "",
                       input_tokens=r.input_tokens, output_tokens=r.output_tokens, latency_ms=r.latency_ms)
            for r in records]


def _local_time(t: float | None) -> datetime | None:
    return datetime.fromtimestamp(t, UTC) if t else None


def _job_entry(service: str, remote_id: str, status: str, server_credits: float | None,
               local: JobRecord | None, created: datetime | None, file_name: str | None) -> SpendEntry:
    failed = status.upper() == "FAILED"
    if server_credits is not None:
        price, by_server = float(server_credits), True
    elif local is not None and local.charged_credits is not None:
        price, by_server = float(local.charged_credits), True
    elif local is not None and local.estimated_credits is not None:
        price, by_server = float(local.estimated_credits), False
    else:
        price, by_server = 0.0, False
    name = (local.input_name if local is not None and local.input_name else None) or file_name or ""
    return SpendEntry(
        id=f"job:{service}:{remote_id}", service_type=service,
        created_at=created or (_local_time(local.submitted_at or local.created_at) if local else None),
        credits_consumed=0.0 if failed else price, status="failed, refunded" if failed else status.lower(), kind="job",
        counted_by_server=by_server, charged=price, detail=_detail(name, _job_ref(remote_id)))


_LOCAL_TO_SERVER = {LocalStatus.PENDING: "PENDING", LocalStatus.PROCESSING: "PROCESSING",
                    LocalStatus.COMPLETED: "COMPLETED", LocalStatus.FAILED: "FAILED"}


def from_jobs(local: Iterable[JobRecord], remote: Iterable[Job] | None) -> list[SpendEntry]:
    """The job charges: the server's job list where it was read (``remote``), joined with the queue.

    With ``remote`` None (the list could not be read) the queue's own records are used: every job
    that reached the server (it has a server id; one still being looked for is left out).
    """
    by_key: dict[tuple[str, str], JobRecord] = {}
    for j in local:
        if j.remote_id:
            by_key[(job_service(j.kind), str(j.remote_id))] = j
    out: list[SpendEntry] = []
    if remote is not None:
        for r in remote:
            svc = job_service(r.kind)
            status = r.status.value if isinstance(r.status, JobStatus) else str(r.status)
            out.append(_job_entry(svc, r.id, status, r.credits, by_key.get((svc, r.id)), r.created_at, r.file_name))
        return out
    for (svc, rid), j in by_key.items():
        st = _LOCAL_TO_SERVER.get(j.status)
        if st is None:  # cancelled / unknown: not known to have been charged
            continue
        out.append(_job_entry(svc, rid, st, None, j, None, None))
    return out


#: what a provider's job record says about its charge: counted (the server's figure or an estimate),
#: or None: not known to have been charged (cancelled, never sent, looked for after a crash)
_PROVIDER_STATUS = {LocalStatus.PENDING: "processing", LocalStatus.PROCESSING: "processing",
                    LocalStatus.COMPLETED: "completed", LocalStatus.FAILED: "failed"}


def from_provider_jobs(local: Iterable[JobRecord], provider_id: str) -> list[SpendEntry]:
    """The charges of ``provider_id``'s jobs as this app recorded them (a provider without a usage
    list: Vimmerse). A job counts once it reached the server (it has a server id): the credits the
    server reported on it (an asset's ``credits``), else its estimate, marked as one (``~``).

    A failed job counts 0 ("failed, refunded", as Verging's failed jobs in :func:`_job_entry`),
    whatever credits its asset reported; ``charged`` keeps the reported figure. That Vimmerse
    refunds a failed asset is inferred, not documented: the spec does not say (the sandbox
    refunds it and reports 0)."""
    out: list[SpendEntry] = []
    for j in local:
        if j.provider != provider_id or not j.remote_id:
            continue
        status = _PROVIDER_STATUS.get(j.status)
        if status is None:
            continue
        failed = j.status is LocalStatus.FAILED
        if j.charged_credits is not None:
            price, by_server = float(j.charged_credits), True
        elif failed:
            price, by_server = 0.0, True
        else:
            price, by_server = float(j.estimated_credits or 0), False
        svc = _tools.kind_service(j.kind) or j.kind
        name = j.input_name or ""
        out.append(SpendEntry(
            id=f"job:{provider_id}:{j.remote_id}", service_type=svc,
            created_at=_local_time(j.submitted_at or j.created_at), credits_consumed=0.0 if failed else price,
            status="failed, refunded" if failed else status,
            kind="job", counted_by_server=by_server, charged=price,
            detail=_detail(name, _job_ref(j.remote_id) if provider_id == VARG.id else _asset_ref(j.remote_id)),
            provider=provider_id))
    return out


def provider_history(local: Iterable[JobRecord], provider_id: str) -> History:
    """``provider_id``'s history from this app's records alone (``jobs_from_server`` False)."""
    entries = sorted(from_provider_jobs(local, provider_id), key=_sort_key, reverse=True)
    return History(entries, jobs_from_server=False, provider=provider_id)


#: the months' names, as a date is written in a tooltip ("since March 1")
_MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
           N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))


@dataclass(frozen=True)
class ProviderSpend:
    """What a provider charged for this app's jobs since a moment (the status bar's line)."""

    provider: str
    since: datetime
    #: the credits the server reported on its jobs (assets' ``credits``)
    charged: float = 0.0
    charged_jobs: int = 0
    #: estimates of the jobs sent whose charge the server has not reported yet
    pending: float = 0.0
    pending_jobs: int = 0

    def text(self) -> str:
        """``Vimmerse: 34 credits charged this month`` (only the figures the server reported)."""
        return _("{provider}: {credits} charged this month").format(provider=_provider(self.provider).label,
                                                                    credits=_credits(self.charged))

    def tooltip(self) -> str:
        p = _provider(self.provider)
        since = _("{month} {day}").format(month=_(_MONTHS[self.since.month - 1]), day=self.since.day)
        lines = [_("{provider} does not publish your balance, so the app cannot show it.").format(provider=p.label),
                 _("{credits} charged since {since} for {jobs} sent from this app (from what {provider} "
                   "reported on each).").format(credits=provider_credits(p.id, self.charged), since=since,
                                                jobs=n_("%n job(s)", self.charged_jobs), provider=p.label)]
        if self.pending_jobs:
            lines.append(_("{jobs} not charged yet, estimated at {credits}.").format(
                jobs=n_("%n job(s)", self.pending_jobs), credits=provider_credits(p.id, self.pending)))
        if p.website_host:
            lines.append(_("Your balance is on {host}.").format(host=p.website_host))
        return "\n".join(lines)


def month_start(now: datetime | None = None) -> datetime:
    """The first moment of the current local month."""
    now = (now or datetime.now().astimezone()).astimezone()
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def month_spend(local: Iterable[JobRecord], provider_id: str, now: datetime | None = None) -> ProviderSpend:
    """``provider_id``'s charges for this app's jobs sent since the start of this month."""
    since = month_start(now)
    t0 = since.timestamp()
    charged = pending = 0.0
    n_charged = n_pending = 0
    for e in from_provider_jobs(local, provider_id):
        if e.created_at is None or e.created_at.timestamp() < t0:
            continue
        if e.counted_by_server:
            if e.credits_consumed:
                charged += e.credits_consumed
                n_charged += 1
        else:
            pending += e.credits_consumed
            n_pending += 1
    return ProviderSpend(provider_id, since, charged, n_charged, pending, n_pending)


def _sort_key(e: SpendEntry) -> float:
    return e.created_at.timestamp() if e.created_at is not None else 0.0


@dataclass(frozen=True)
class HistoryPage:
    """A page of the merged history (the shape of :class:`UsagePage`)."""

    records: list[SpendEntry]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // max(1, self.page_size)))


@dataclass
class History:
    """Every AI call and job charge of the account, newest first."""

    entries: list[SpendEntry] = field(default_factory=list)
    #: every AI record was read (False when there were more than :data:`MAX_AI_RECORDS`)
    ai_complete: bool = True
    #: the job charges come from the server's job list (False: from this app's queue)
    jobs_from_server: bool = True
    ai_total: int = 0
    #: whose credits (a history of one provider never mixes providers: their credits are different
    #: units); :data:`ALL_PROVIDERS` for the merged view, whose figures are US dollars
    provider: str = VERGING.id
    #: the merged view: dollars per unit of each provider (None: no known price, :func:`usd_rates`)
    rates: dict[str, float | None] = field(default_factory=dict)
    #: the merged view: each provider's own history, and why a provider's could not be read
    parts: list[History] = field(default_factory=list)
    problems: dict[str, str] = field(default_factory=dict)

    @classmethod
    def merge(cls, ai: Iterable[SpendEntry], jobs: Iterable[SpendEntry], **kw: Any) -> History:
        entries = sorted([*ai, *jobs], key=_sort_key, reverse=True)
        return cls(entries, **kw)

    @property
    def merged(self) -> bool:
        return self.provider == ALL_PROVIDERS

    def filtered(self, service: str | None = None) -> list[SpendEntry]:
        return [e for e in self.entries if service is None or e.service_type == service]

    def dollars(self, e: SpendEntry) -> float | None:
        """What ``e`` cost in US dollars, or None when its provider's unit has no known price."""
        rate = self.rates.get(e.provider)
        return None if rate is None else e.credits_consumed * rate

    def total(self, service: str | None = None) -> float:
        """The credits (cents) of a provider's history; the merged view's: the US dollars of the
        rows whose dollar value is known (never a sum of different units)."""
        if self.merged:
            return sum(d for d in (self.dollars(e) for e in self.filtered(service)) if d is not None)
        return sum(e.credits_consumed for e in self.filtered(service))

    def provider_total(self, provider_id: str, service: str | None = None) -> float:
        """``provider_id``'s rows in its own unit (credits, cents)."""
        return sum(e.credits_consumed for e in self.filtered(service) if e.provider == provider_id)

    def apart(self, service: str | None = None) -> dict[str, float]:
        """The merged view: the providers whose rows have no dollar value (Vimmerse), with their
        own units, kept out of :meth:`total`."""
        out: dict[str, float] = {}
        for e in self.filtered(service):
            if self.rates.get(e.provider) is None:
                out[e.provider] = out.get(e.provider, 0.0) + e.credits_consumed
        return out

    def providers(self) -> list[str]:
        """The providers the merged view holds (read, even with no rows), in legend order."""
        have = {h.provider for h in self.parts} | {e.provider for e in self.entries}
        return [p for p in MERGED_PROVIDERS if p in have] + sorted(have - set(MERGED_PROVIDERS))

    def totals_by_kind(self) -> dict[str, float]:
        out = {"ai": 0.0, "job": 0.0}
        for e in self.entries:
            out[e.kind] = out.get(e.kind, 0.0) + e.credits_consumed
        return out

    def services(self) -> list[str]:
        return sorted({e.service_type for e in self.entries},
                      key=lambda s: ALL_SERVICES.index(s) if s in ALL_SERVICES else len(ALL_SERVICES))

    def page(self, service: str | None, page: int, page_size: int) -> HistoryPage:
        rows = self.filtered(service)
        size = max(1, page_size)
        pages = max(1, -(-len(rows) // size))
        page = min(max(1, page), pages)
        return HistoryPage(rows[(page - 1) * size: page * size], len(rows), page, size)

    def summary(self, service: str | None = None) -> str:
        """``Total: 122 credits in 9 records (15 on AI calls, 107 on jobs)``; the merged view's:
        ``Total: $2.30 in 9 records (Verging 65 credits = $1.23; varg 107 ¢ ($1.07)); not in the
        dollar total: 12 Vimmerse credits``."""
        rows = self.filtered(service)
        if self.merged:
            return self._merged_summary(service)
        spent = sum(e.credits_consumed for e in rows)
        line = _("Total: {amount} in {records}").format(amount=provider_credits(self.provider, spent),
                                                        records=n_("%n record(s)", len(rows)))
        if service is None and self.provider == VERGING.id:
            k = self.totals_by_kind()
            if k["ai"] and k["job"]:
                line += " " + _("({ai} on AI calls, {jobs} on jobs)").format(ai=_credits(k["ai"]),
                                                                           jobs=_credits(k["job"]))
        hits = sum(1 for e in rows if e.cache_hit)
        if hits:
            line += " " + _("({hits}, free)").format(hits=n_("%n cache hit(s)", hits))
        return line

    def _merged_summary(self, service: str | None) -> str:
        """``Total: $4.53 in 7 records (Verging 159 credits = $3.00; varg 153 ¢ ($1.53), 1 cache hit,
        free). Not in the dollar total: 12 Vimmerse credits``: each provider's part in its own unit
        (its cache hits with it), the providers without a dollar price last, apart."""
        rows = self.filtered(service)
        line = _("Total: {amount} in {records}").format(amount=money(self.total(service)),
                                                        records=n_("%n record(s)", len(rows)))
        each = []
        for pid in self.providers():
            rate = self.rates.get(pid)
            mine = [e for e in rows if e.provider == pid]
            if rate is None or not mine:
                continue
            units = sum(e.credits_consumed for e in mine)
            text = f"{_provider(pid).label} {provider_credits(pid, units)}"
            if pid != VARG.id:  # varg's cents say their dollars already
                text += f" = {money(units * rate)}"
            hits = sum(1 for e in mine if e.cache_hit)
            if hits:
                text += ", " + _("{hits}, free").format(hits=n_("%n cache hit(s)", hits))
            each.append(text)
        if each:
            line += f" ({'; '.join(each)})"
        apart = self.apart(service)
        if apart:
            line += ". " + _("Not in the dollar total: {amounts}").format(
                amounts=", ".join(provider_credits(p, v) for p, v in apart.items()))
        return line


def merge_histories(parts: Iterable[History], usd_per_credit: float,
                    problems: dict[str, str] | None = None) -> History:
    """One history of every provider's rows (each row keeps its provider and its own unit), whose
    figures are US dollars (:func:`usd_rates`). ``problems``: provider -> why its history could not be
    read (its rows are missing, a note says why). ``jobs_from_server``: every list there is was read
    (Vimmerse has none: its history is always this app's records)."""
    hs = list(parts)
    entries = sorted([e for h in hs for e in h.entries], key=_sort_key, reverse=True)
    return History(entries, ai_complete=all(h.ai_complete for h in hs),
                   jobs_from_server=all(h.jobs_from_server for h in hs if h.provider != VIMMERSE.id),
                   ai_total=sum(h.ai_total for h in hs), provider=ALL_PROVIDERS,
                   rates=usd_rates(usd_per_credit), parts=hs, problems=dict(problems or {}))


class UsageClient(Protocol):
    async def usage(self, service_type: str | None = None, page: int = 1,
                    page_size: int = 20) -> UsagePage: ...  # pragma: no cover

    async def list_jobs(self, job_ids: list[str] | None = None) -> list[Job]: ...  # pragma: no cover


async def fetch_usage_records(client: UsageClient, *, max_records: int = MAX_AI_RECORDS,
                              page_size: int = AI_PAGE_SIZE) -> tuple[list[UsageRecord], int]:
    """Every AI usage record, newest first (at most ``max_records``), and the server's total."""
    first = await client.usage(None, 1, page_size)
    records = list(first.records)
    pages = min(first.pages, max(1, math.ceil(max_records / page_size)))
    sem = asyncio.Semaphore(3)

    async def one(p: int) -> list[UsageRecord]:
        async with sem:
            return (await client.usage(None, p, page_size)).records

    rest = await asyncio.gather(*(one(p) for p in range(2, pages + 1)))
    seen = {r.id for r in records}
    for recs in rest:  # a record added meanwhile shifts the pages: never count one twice
        for r in recs:
            if r.id not in seen:
                seen.add(r.id)
                records.append(r)
    return records[:max_records], first.total


async def load_history(client: UsageClient, local_jobs: Sequence[JobRecord], *,
                       max_ai_records: int = MAX_AI_RECORDS) -> History:
    """Read the AI usage and the server's job list, and merge them with the local queue.

    Raises the AI usage's :class:`VergingError`; a job list that cannot be read falls back to
    the queue's records (``jobs_from_server`` False).
    """
    records, ai_total = await fetch_usage_records(client, max_records=max_ai_records)
    remote: list[Job] | None
    try:
        remote = await client.list_jobs()
    except VergingError as e:
        log.info("the job list could not be read (%s); job charges from the local queue", type(e).__name__)
        remote = None
    return History.merge(from_usage(records), from_jobs(local_jobs, remote),
                         ai_complete=len(records) >= ai_total, jobs_from_server=remote is not None,
                         ai_total=ai_total)


# -- varg: its own usage list, in cents ------------------------------------------------------------
#: varg's capability -> the job kind of the app (a record the queue does not know is filed by it)
_VARG_KINDS = {"video": "varg-video", "image": "varg-image", "speech": "varg-speech", "music": "varg-music",
               "transcription": "varg-transcription"}


def _iso_time(text: str) -> datetime | None:
    t = (text or "").strip()
    if not t:
        return None
    try:
        d = datetime.fromisoformat(t.replace("Z", "+00:00"))
    except ValueError:
        return None
    return d if d.tzinfo is not None else d.replace(tzinfo=UTC)


def _varg_service(kind: str) -> str:
    return _tools.kind_service(kind) or kind


#: a varg job's status in the usage table, from this app's record of it (varg's usage list says none):
#: a job cancelled or failed (refunded, 0 ¢) is never listed as completed
_VARG_STATUS = {LocalStatus.COMPLETED: "completed", LocalStatus.FAILED: "failed", LocalStatus.CANCELLED: "cancelled",
                LocalStatus.PENDING: "processing", LocalStatus.PROCESSING: "processing"}


def from_varg_usage(records: Iterable[Any], local: Iterable[JobRecord] = ()) -> list[SpendEntry]:
    """varg's usage records (``api.varg.models.UsageRecord``: ``job_id``, ``model``, ``capability``,
    ``cost_cents``, ``cache_hit``, ``created_at``) as history entries in cents, joined with this
    app's varg jobs by varg's job id (their tool, e.g. background removal rather than image, file
    name and status: a job cancelled says cancelled; a record the app does not know says completed).
    A cache hit is free: it counts 0 whatever the record says; its status is the job's (completed),
    the hit is :attr:`SpendEntry.cache_hit`.

    The app's varg jobs that the list does not hold (still running, or sent after the list was
    read) follow: the cents their record holds, else their estimate, marked as one (``~``); one
    sent with the user's own provider key (BYOK) counts 0, as varg bills it nothing."""
    by_id = {str(j.remote_id): j for j in local if j.provider == VARG.id and j.remote_id}
    out: list[SpendEntry] = []
    listed: set[str] = set()
    for r in records:
        jid = str(getattr(r, "job_id", "") or "")
        listed.add(jid)
        j = by_id.get(jid)
        cap = str(getattr(r, "capability", "") or "")
        kind = j.kind if j is not None else _VARG_KINDS.get(cap, f"varg-{cap or 'other'}")
        hit = bool(getattr(r, "cache_hit", False))
        cost = float(getattr(r, "cost_cents", 0) or 0)
        model = str(getattr(r, "model", "") or "")
        name = j.input_name if j is not None and j.input_name else ""
        detail = _detail(name, _job_ref(jid) if jid else "")
        out.append(SpendEntry(
            id=f"job:varg:{jid}", service_type=_varg_service(kind),
            created_at=_iso_time(str(getattr(r, "created_at", "") or "")) or (
                _local_time(j.submitted_at or j.created_at) if j is not None else None),
            credits_consumed=0.0 if hit else cost,
            status=_VARG_STATUS.get(j.status, j.status.value) if j is not None else "completed", kind="job",
            counted_by_server=True, charged=0.0 if hit else cost, detail=detail, provider=VARG.id, model=model,
            capability=cap, cache_hit=hit))
    for jid, j in by_id.items():
        if jid in listed:
            continue
        hit = j.params.get("cache") == "hit"
        for e in from_provider_jobs([j], VARG.id):
            try:
                cap = kind_capability(j.kind).value
            except KeyError:
                cap = ""
            e = replace(e, model=str(j.params.get("model") or ""),
                        capability=cap, cache_hit=hit)
            # a hit is free, whatever was estimated (its status stays the job's); one sent with the
            # user's own provider key (BYOK) too: varg bills it 0
            if hit or j.params.get("byok"):
                e = replace(e, credits_consumed=0.0, charged=0.0, counted_by_server=True)
            out.append(e)
    return out


class VargUsageClient(Protocol):
    async def usage(self, start: Any = None, end: Any = None) -> Any: ...  # pragma: no cover


async def load_varg_history(client: VargUsageClient, local_jobs: Sequence[JobRecord], *,
                            start: date | None = None, end: date | None = None) -> History:
    """varg's ``/usage`` merged with this app's varg jobs (:func:`from_varg_usage`). A list that cannot
    be read falls back to the app's records (``jobs_from_server`` False)."""
    try:
        usage = await client.usage(start, end)
    except VergingError as e:
        log.info("varg's usage could not be read (%s); its charges from the local queue", type(e).__name__)
        entries = from_varg_usage([], local_jobs)
        return History(sorted(entries, key=_sort_key, reverse=True), jobs_from_server=False, provider=VARG.id)
    entries = from_varg_usage(usage.records, local_jobs)
    return History(sorted(entries, key=_sort_key, reverse=True), jobs_from_server=True, provider=VARG.id)


async def load_all_history(*, usd_per_credit: float,
                           verging: tuple[UsageClient, Sequence[JobRecord]] | None = None,
                           varg: tuple[VargUsageClient, Sequence[JobRecord]] | None = None,
                           vimmerse: Sequence[JobRecord] | None = None) -> History:
    """The merged view: Verging's history (its usage and job list with this account's jobs), varg's
    (``/usage`` with this app's varg jobs) and Vimmerse's (this app's records), read at once; a
    provider left None has no key. A provider whose usage cannot be read is left out and said in
    :attr:`History.problems` (the others are still shown)."""
    problems: dict[str, str] = {}

    async def read_verging() -> History | None:
        if verging is None:
            return None
        try:
            return await load_history(verging[0], verging[1])
        except VergingError as e:
            problems[VERGING.id] = str(e)
            return None

    async def read_varg() -> History | None:
        return await load_varg_history(varg[0], varg[1]) if varg is not None else None

    got = await asyncio.gather(read_verging(), read_varg())
    parts = [h for h in got if h is not None]
    if vimmerse is not None:
        parts.append(provider_history(vimmerse, VIMMERSE.id))
    return merge_histories(parts, usd_per_credit, problems)


# -- the chart ----------------------------------------------------------------------------------
@dataclass
class DailyUsage:
    days: list[date]
    services: list[str]  # largest total first
    values: dict[str, list[float]] = field(default_factory=dict)
    #: whose credits (the chart names them: "12 Vimmerse credits"); :data:`ALL_PROVIDERS`: US dollars,
    #: one series per provider (``services`` are provider ids)
    provider: str = VERGING.id
    #: the series' names and colours when they are not tools (the merged view's providers)
    labels: dict[str, str] = field(default_factory=dict)
    colors: dict[str, str] = field(default_factory=dict)
    #: the merged view: what the period holds of the providers without a dollar price, in their own
    #: units (provider -> credits), not in the bars; and the note that says why
    apart: dict[str, float] = field(default_factory=dict)
    note: str = ""

    @property
    def money(self) -> bool:
        """The values are US dollars (the merged view)."""
        return self.provider == ALL_PROVIDERS

    def label(self, s: str) -> str:
        return self.labels.get(s) or service_label(s)

    def color(self, s: str) -> str:
        return self.colors.get(s) or service_color(s)

    def text(self, v: float) -> str:
        """A value in the chart's unit: ``$1.23`` (merged) or ``12`` (credits, cents)."""
        if self.money:
            return money(v)
        return f"{v:,.0f}" if abs(v - round(v)) < 1e-9 else f"{v:,.1f}"

    def total(self, i: int) -> float:
        return sum(v[i] for v in self.values.values())

    def service_total(self, s: str) -> float:
        return sum(self.values.get(s, []))

    @property
    def grand_total(self) -> float:
        return sum(self.total(i) for i in range(len(self.days)))

    @property
    def max_total(self) -> float:
        return max((self.total(i) for i in range(len(self.days))), default=0.0)

    @property
    def empty(self) -> bool:
        return self.max_total <= 0


def _local_day(t: datetime) -> date:
    return t.astimezone().date() if t.tzinfo is not None else t.date()


def aggregate(records: Iterable[Any], days: int = 14, today: date | None = None,
              provider: str = VERGING.id) -> DailyUsage:
    """Credits per local day (the last ``days`` days, ending today) and per service.

    ``records`` are :class:`SpendEntry` or :class:`UsageRecord` (anything with ``created_at``,
    ``service_type`` and ``credits_consumed``), all of ``provider``: an entry of another provider
    (:attr:`SpendEntry.provider`) is left out, never added to these credits.
    """
    today = today or datetime.now().astimezone().date()
    day_list = [today - timedelta(days=days - 1 - i) for i in range(days)]
    index = {d: i for i, d in enumerate(day_list)}
    values: dict[str, list[float]] = {}
    for r in records:
        t = getattr(r, "created_at", None)
        if t is None or getattr(r, "provider", provider) != provider:
            continue
        i = index.get(_local_day(t))
        if i is None:
            continue
        svc = str(getattr(r, "service_type", "") or "other")
        values.setdefault(svc, [0.0] * days)[i] += float(getattr(r, "credits_consumed", 0) or 0)
    services = sorted(values, key=lambda s: (-sum(values[s]), s))
    return DailyUsage(day_list, services, {s: values[s] for s in services}, provider)


def aggregate_dollars(history: History, days: int = 14, today: date | None = None) -> DailyUsage:
    """The merged chart: per local day (the last ``days`` days, ending today), each provider's
    spend in US dollars (one series per provider whose unit has a dollar price, :attr:`History.rates`).
    The providers without one (Vimmerse) are not in the bars: their credits of the period are
    :attr:`DailyUsage.apart`, with a note saying why."""
    today = today or datetime.now().astimezone().date()
    day_list = [today - timedelta(days=days - 1 - i) for i in range(days)]
    index = {d: i for i, d in enumerate(day_list)}
    providers = history.providers()
    series = [p for p in providers if history.rates.get(p) is not None]
    values = {p: [0.0] * days for p in series}
    apart: dict[str, float] = {}
    for e in history.entries:
        if e.created_at is None:
            continue
        i = index.get(_local_day(e.created_at))
        if i is None:
            continue
        d = history.dollars(e)
        if d is None:
            apart[e.provider] = apart.get(e.provider, 0.0) + e.credits_consumed
        elif e.provider in values:
            values[e.provider][i] += d
    # what the bars leave out: only a provider that charged something in the period, said once
    note = " ".join(_("Not in the bars: {amount} ({why}).").format(
        amount=provider_credits(p, v), why=_(NO_DOLLAR_PRICE).format(label=_provider(p).label))
                    for p, v in apart.items() if v)
    return DailyUsage(day_list, series, values, ALL_PROVIDERS,
                      labels={p: _provider(p).label for p in series},
                      colors={p: PROVIDER_COLORS.get(p, _OTHER) for p in series}, apart=apart, note=note)


def nice_ceiling(v: float, whole: bool = True) -> tuple[float, float]:
    """A round axis maximum at or above ``v`` and its tick step (4 or 5 ticks); ``whole``: whole
    ticks up to 5 (credits), else fractions too (dollars: $0.50 with ticks of $0.10)."""
    if v <= 0:
        return 1.0, 1.0
    if whole and v <= 5:  # credits are mostly whole numbers: whole ticks
        return float(max(1, math.ceil(v - 1e-9))), 1.0
    exp = 10 ** math.floor(math.log10(v))
    for m, step in ((1, 0.2), (2, 0.5), (2.5, 0.5), (5, 1), (10, 2)):
        if m * exp >= v - 1e-12:
            return m * exp, step * exp
    return 10 * exp, 2 * exp  # pragma: no cover


# -- a stopped chat reply: what the server counted -------------------------------------------------
def match_chat_record(records: Iterable[UsageRecord], started: float, stopped: float,
                      claimed: Iterable[str] = (), skew: float = 10.0) -> UsageRecord | None:
    """The usage record of a chat reply sent at ``started`` and stopped at ``stopped`` (epoch s).

    The server writes it when it notices the client left, so after the send: among the chat
    records from ``started - skew`` on (clocks differ a little) not already claimed by another
    reply, one not marked ``success`` (a stream cut short) first, then the nearest to ``stopped``.
    None when there is none yet (or the clocks differ by more than ``skew``): the estimate stays.
    """
    taken = set(claimed)
    cands = [r for r in records if r.service_type == "chat" and r.created_at is not None and r.id not in taken
             and r.created_at.timestamp() >= started - skew]
    if not cands:
        return None

    def key(r: UsageRecord) -> tuple[int, float]:
        assert r.created_at is not None
        return (1 if r.status.lower() == "success" else 0, abs(r.created_at.timestamp() - stopped))

    return min(cands, key=key)
