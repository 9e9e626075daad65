"""What a Vimmerse job will cost, before it is sent.

Vimmerse answers ``/v2/video/estimate-credits`` for the apps it knows (``App.estimate_name``);
the rest (crop, reframe, enhance, sound effect, audio) are priced from the local, editable table
(:class:`verging_desktop.core.vimmerse_pricing.VimmersePricing`). When the estimate route cannot be
reached (a network failure, a 5xx, no such route) the table answers instead and the estimate says
why (``breakdown["reason"]``), and so does a 400 ``INVALID_APP_NAME`` / ``INVALID_OPTION`` (the
route does not know an app or a model the local table prices). A refused key, any other bad
request or a rate limit is raised: those are the caller's to show.
"""

from __future__ import annotations

from ..api.vimmerse.client import VimmerseClient
from ..api.vimmerse.models import CreditEstimate, VimmerseRequest
from ..api.vimmerse.wire import VimmerseBadRequest
from ..core.errors import NotFound, ServerError, ServiceUnavailable, TransportError, UpstreamError
from ..core.i18n import _
from ..core.plural import credits
from ..core.vimmerse_pricing import VimmersePricing, estimate_body

#: the errors after which the local table answers instead of the estimate route
_FALLBACK = (TransportError, ServerError, ServiceUnavailable, UpstreamError, NotFound)
#: the 400 words after which the local table answers: estimate-credits does not know the app or option
_UNKNOWN_TO_VIMMERSE = ("INVALID_APP_NAME", "INVALID_OPTION")


def table_estimate(pricing: VimmersePricing, req: VimmerseRequest, *, duration: float | None,
                   reason: str | None = None) -> CreditEstimate:
    """The local table's price of a request (source "table")."""
    total, bd = pricing.quote_request(req, duration=duration)
    if reason:
        bd["reason"] = reason
    return CreditEstimate(total, bd, source="table")


async def estimate_request(client: VimmerseClient, pricing: VimmersePricing, req: VimmerseRequest, *,
                           duration: float | None) -> CreditEstimate:
    """Vimmerse's estimate of ``req`` when its app has one, else the local table's.

    ``duration`` is the billed file's length in seconds (the video's; the audio's for a lip-sync
    or an avatar: :func:`verging_desktop.core.vimmerse_pricing.billed_media`).
    """
    if not req.app.estimate_name:
        return table_estimate(pricing, req, duration=duration)
    args = estimate_body(req, duration)
    try:
        return await client.estimate(args["app_name"], args["option"], quantity=args["quantity"],
                                     duration=args["duration"], prompt=args["prompt"],
                                     video_duration=args["video_duration"])
    except _FALLBACK as e:
        return table_estimate(pricing, req, duration=duration,
                              reason=_("Vimmerse's estimate did not answer ({message}); the local price table "
                                       "was used.").format(message=e.message))
    except VimmerseBadRequest as e:
        if e.word not in _UNKNOWN_TO_VIMMERSE:
            raise
        if e.word == "INVALID_APP_NAME":
            reason = _("Vimmerse's estimate did not know the app '{app}'; the local price table was used.").format(
                app=args["app_name"])
        else:
            reason = _("Vimmerse's estimate did not know the option '{option}' of {app}; the local price table was "
                       "used.").format(option=args["option"], app=args["app_name"])
        return table_estimate(pricing, req, duration=duration, reason=reason)


def describe(est: CreditEstimate, *, amount: str = "") -> str:
    """``12 credits (Vimmerse's estimate)`` or ``12 credits (local price table, editable in Settings)``;
    ``amount`` in place of ``12 credits`` (e.g. ``12 Vimmerse credits``)."""
    if est.source == "estimate-credits":
        return _("{amount} (Vimmerse's estimate)").format(amount=amount or credits(est.total))
    return _("{amount} (local price table, editable in Settings)").format(amount=amount or credits(est.total))
