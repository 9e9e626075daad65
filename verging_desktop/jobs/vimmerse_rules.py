"""What the Vimmerse queue (:mod:`verging_desktop.jobs.vimmerse_queue`) decides by, apart from its
tasks: how often an asset is read and when it is no longer read (:class:`AssetPollPolicy`), an
asset's state as the queue's (:func:`local_status`), and the words a Vimmerse job's state is given
(why it is unknown, stopped, no longer read, or not sent again). No I/O here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..api.vimmerse.models import Asset, AssetState
from ..core.errors import ApiError, TransportError
from ..core.i18n import N_, _
from ..core.stored_text import stored, template
from .results import grown_interval
from .store import JobRecord, LocalStatus

#: why a job is unknown (the create request may have reached Vimmerse; no route can find it)
UNKNOWN_LOST = N_("The connection was lost while sending this job: it may have been created on Vimmerse; the app "
                  "will not send it again. Check your assets at vimmerse.net before sending it again.")
UNKNOWN_STOPPED = N_("The app stopped while sending this job: it may have been created on Vimmerse; the app will not "
                     "send it again. Check your assets at vimmerse.net before sending it again.")
UNKNOWN_CANCELLED = N_("Sending was interrupted: this job may have been created on Vimmerse; the app will not send it "
                       "again. Check your assets at vimmerse.net before sending it again.")
UNKNOWN_NO_ID = N_("Vimmerse answered without an asset id, so the app cannot follow this job; the app will not send "
                   "it again. Check your assets at vimmerse.net before sending it again.")


CANCELLED_BEFORE_SENDING = N_("Cancelled before sending; nothing was charged.")
STOPPED_BEFORE_SENDING = N_("The app stopped before this job was sent; nothing was charged.")


UNKNOWN_AFTER = template(N_("{reason} The job may have been created on Vimmerse all the same; the app will not send it "
                            "again. Check your assets at vimmerse.net before sending it again."))
UNKNOWN_UNEXPECTED = template(N_("Sending failed in an unexpected way ({kind}): this job may have been created on "
                                 "Vimmerse; the app will not send it again. Check your assets at vimmerse.net before "
                                 "sending it again."))


def unknown_after(e: Exception) -> str:
    return stored(UNKNOWN_AFTER, reason=e)


def unknown_text(e: BaseException) -> str:
    """Why a job whose create() failed that way may exist all the same (in words a person can act on)."""
    if isinstance(e, TransportError):
        return UNKNOWN_LOST
    if isinstance(e, ApiError):
        return unknown_after(e)
    return stored(UNKNOWN_UNEXPECTED, kind=type(e).__name__)


def stuck_text(rec: JobRecord, after: float) -> str:
    return (f"Vimmerse was still working on this job {after / 3600:g} hours after it was sent, so the app stopped "
            f"checking it. It may still finish (and be charged): see asset {rec.remote_id} in your assets at "
            "vimmerse.net.")


def missing_text(rec: JobRecord, after: float) -> str:
    return (f"Vimmerse answered \"not found\" for this job's asset {rec.remote_id} for {after / 60:g} minutes in a "
            "row, so the app stopped checking it; see your assets at vimmerse.net.")


def resent_text(rec: JobRecord) -> str:
    """Why ``rec`` is not sent again: it was, as another job."""
    again = rec.params.get("resent_as")
    return _("Job {id} ({name}) was already sent again as job {again}; send job {again} again "
             "if it did not work (each sending charges again).").format(id=rec.local_id, name=rec.input_name, again=again)


@dataclass(frozen=True)
class AssetPollPolicy:
    """How often each open asset is read, and how many reads may run at once."""

    # Each asset costs a request of its own (no batch read), so a young asset is read every 3 s
    # (a crop is back within seconds) and the interval grows three times as fast as PollPolicy's
    # batched rounds: 8 s at 30 s of age, 13 s at a minute, 30 s from about 3 minutes on (AI video
    # takes minutes). 50 assets for 2 minutes: about half the requests of reading each every 5 s,
    # a sixth once they are old (benchmarks/poll.py).
    base: float = 3.0          # seconds between reads of a young asset
    max: float = 30.0          # the slowest interval, for assets about 3 minutes old and older
    ramp: float = 6.0          # every `ramp` seconds of age adds one second
    concurrency: int = 4       # reads in flight at once for the provider
    error_backoff_max: float = 30.0
    give_up_after: float = 24 * 3600.0  # an asset still working this long after it was sent is no longer read
    missing_for: float = 600.0          # nor one Vimmerse answered "not found" for this long in a row

    def interval(self, age: float) -> float:
        return grown_interval(self.base, self.max, self.ramp, age)

    def backoff(self, errors: int) -> float:
        return float(min(self.error_backoff_max, self.base * (2 ** min(errors, 5))))


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def local_status(a: Asset) -> LocalStatus:
    """An asset's state as the queue's: still working is waiting or processing."""
    state = a.state
    if state is AssetState.SUCCESS:
        return LocalStatus.COMPLETED
    if state in (AssetState.FAILED, AssetState.CANCELLED):
        return LocalStatus.FAILED
    return LocalStatus.PENDING if "queue" in a.status.lower() else LocalStatus.PROCESSING


def failure_text(a: Asset) -> str:
    if a.state is AssetState.CANCELLED:
        return a.error or N_("Vimmerse cancelled this job before it finished.")
    return a.error or N_("The job failed on Vimmerse.")
