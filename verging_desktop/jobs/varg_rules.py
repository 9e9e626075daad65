"""What the varg queue (:mod:`verging_desktop.jobs.varg_queue`) decides by, apart from its tasks:
how often an open job is read when it has no stream, when a dropped stream is opened again and
when a job is no longer read (:class:`VargPollPolicy`), a varg job's status as the queue's
(:func:`local_status`), and the words a varg job's state is given. No I/O here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.errors import ApiError, TransportError
from ..core.i18n import N_, _
from ..core.stored_text import stored, template
from .store import JobRecord, LocalStatus
from .vimmerse_rules import AssetPollPolicy, is_url

if TYPE_CHECKING:  # pragma: no cover
    from ..api.varg.models import VargJob

__all__ = ["VargPollPolicy", "is_url", "local_status", "failure_text", "unknown_text", "waiting_text"]

#: why a job is unknown (the create request may have reached varg and no job id came back to follow it by)
UNKNOWN_LOST = N_("The connection was lost while sending this job, before varg gave it a job id: it may have been "
                  "created on varg; the app will not send it again. Check your usage at varg.ai (or `verging varg "
                  "usage`) before sending it again.")
UNKNOWN_STOPPED = N_("The app stopped while sending this job, before varg gave it a job id: it may have been created "
                     "on varg; the app will not send it again. Check your usage at varg.ai (or `verging varg usage`) "
                     "before sending it again.")
UNKNOWN_CANCELLED = N_("Sending was interrupted before varg gave this job a job id: it may have been created on varg; "
                       "the app will not send it again. Check your usage at varg.ai (or `verging varg usage`) before "
                       "sending it again.")
UNKNOWN_NO_ID = N_("varg answered without a job id, so the app cannot follow this job; the app will not send it "
                   "again. Check your usage at varg.ai (or `verging varg usage`) before sending it again.")

CANCELLED_BEFORE_SENDING = N_("Cancelled before sending; nothing was charged.")
STOPPED_BEFORE_SENDING = N_("The app stopped before this job was sent; nothing was charged.")
CANCELLED_ON_VARG = N_("Cancelled on varg.")
#: cancelled while being sent, and varg refused the create (429): never sent again
CANCELLED_REFUSED = N_("Cancelled; varg did not create it (too many running jobs); nothing was charged.")


UNKNOWN_AFTER = template(N_("{reason} The job may have been created on varg all the same; the app will not send it "
                            "again. Check your usage at varg.ai (or `verging varg usage`) before sending it again."))
UNKNOWN_UNEXPECTED = template(N_("Sending failed in an unexpected way ({kind}): this job may have been created on varg; "
                                 "the app will not send it again. Check your usage at varg.ai (or `verging varg usage`) "
                                 "before sending it again."))


def unknown_text(e: BaseException) -> str:
    """Why a job whose create() failed that way may exist all the same (in words a person can act on)."""
    if isinstance(e, TransportError):
        return UNKNOWN_LOST
    if isinstance(e, ApiError):
        return stored(UNKNOWN_AFTER, reason=e)
    return stored(UNKNOWN_UNEXPECTED, kind=type(e).__name__)


def waiting_text(running: int) -> str:
    """A job kept on this computer until one of the account's running varg jobs ends."""
    return _("Waiting for a free varg slot ({running} running)").format(running=running)


def stuck_text(rec: JobRecord, after: float) -> str:
    return (f"varg was still working on this job {after / 3600:g} hours after it was sent, so the app stopped "
            f"checking it. It may still finish (and be charged): see job {rec.remote_id} (`verging varg job "
            f"{rec.remote_id}`).")


def missing_text(rec: JobRecord, after: float) -> str:
    return (f"varg answered \"not found\" for job {rec.remote_id} for {after / 60:g} minutes in a row, so the app "
            "stopped checking it; see your usage at varg.ai.")


@dataclass(frozen=True)
class VargPollPolicy(AssetPollPolicy):
    """How often an open varg job without a stream is read (like :class:`AssetPollPolicy`, but from
    2 s: the SDK's interval for a young job; 30 s from about 3 minutes of age on), and how soon a
    job whose stream dropped gets a stream again (it is polled meanwhile)."""

    base: float = 2.0
    max: float = 30.0
    ramp: float = 6.0
    concurrency: int = 4
    #: seconds before a stream that dropped (or could not be opened) is opened again; doubles per drop in a row
    stream_retry: float = 5.0
    stream_retry_max: float = 60.0
    #: the longest a job refused with a 429 waits before it is sent again, whatever Retry-After says (a
    #: slot may free up sooner: the jobs of the same key elsewhere are not seen here; a 429 costs nothing)
    create_retry_max: float = 30.0
    #: seconds between looks at the usage records for a finished job's charge (and how many looks)
    charge_retry: float = 2.0
    charge_attempts: int = 6

    def stream_backoff(self, drops: int) -> float:
        return float(min(self.stream_retry_max, self.stream_retry * (2 ** max(0, min(drops - 1, 6)))))


def local_status(job: VargJob) -> LocalStatus:
    """A varg job's status as the queue's."""
    from ..api.varg.models import VargStatus

    return {
        VargStatus.QUEUED: LocalStatus.PENDING,
        VargStatus.PROCESSING: LocalStatus.PROCESSING,
        VargStatus.COMPLETED: LocalStatus.COMPLETED,
        VargStatus.FAILED: LocalStatus.FAILED,
        VargStatus.CANCELLED: LocalStatus.CANCELLED,
    }.get(job.status, LocalStatus.PROCESSING)


def failure_text(job: VargJob) -> str:
    from ..api.varg.models import VargStatus

    if job.status is VargStatus.CANCELLED:
        return job.error or CANCELLED_ON_VARG
    tag = f" ({job.error_tag})" if job.error_tag and job.error_tag not in (job.error or "") else ""
    return (job.error or "The job failed on varg.") + tag
