"""A local HTTP server that speaks the Verging API wire format (see shared/specs/verging-api.md),
the Vimmerse v2 wire format under ``/vimmerse`` (``sandbox/vimmerse.py``; ``Sandbox.vimmerse_url``) and
the varg gateway's v1 under ``/varg/v1`` (``sandbox/varg.py``; ``Sandbox.varg_url``, ``VARG_DEMO_KEY``).

Used by the desktop app's sandbox mode, by ``verging --sandbox`` and by the integration tests::

    from verging_desktop.sandbox import Sandbox, DEMO_KEY
    with Sandbox(job_seconds=1) as sb:
        client = httpx.Client(base_url=sb.base_url, headers={"Authorization": f"ApiKey {DEMO_KEY}"})

Behaviour chosen where the real service is not documented:

* **Failed jobs are refunded.** A job is charged when it is created (and again when retried);
  when it ends FAILED the charge is returned to the balance and a ``refund`` row is written to
  the ledger (``stats()["refunded"]`` sums them; ``stats()["charged"]`` is the gross total).
  The job keeps showing the credits it was charged. Refunds are settled when the failure time
  has passed and the balance is next read (any authenticated request, :meth:`Sandbox.credits`).
* Jobs fail when :meth:`Sandbox.fail_next` was armed or when ``file_name`` contains
  ``sandbox-fail`` (such a job also fails again when retried); planned failures happen halfway
  through the job. A result that ffmpeg cannot make also ends the job FAILED.
* Chat and vision are billed after the call and never take the balance below zero. A chat
  stream abandoned by the client is billed for the chunks sent (usage status
  ``client_disconnected``); a stream dropped by fault injection is not billed (status ``error``).
* Uploaded and generated files are served without authentication under ``/_storage`` (like a
  CDN), with HTTP Range support. URLs are built from the current address, so a restarted
  sandbox on another port still accepts a ``target_video_url`` it issued before (the path is
  what identifies the upload).

Nothing here imports Qt.
"""

from __future__ import annotations

from .faults import ENHANCE_PATHS, FaultConfig
from .server import DEMO_KEY, Sandbox
from .varg import VARG_DEMO_KEY
from .vimmerse import VIMMERSE_DEMO_KEY

__all__ = ["DEMO_KEY", "ENHANCE_PATHS", "FaultConfig", "Sandbox", "VARG_DEMO_KEY", "VIMMERSE_DEMO_KEY"]
