"""The services the app speaks, as data: a name, where it lives, how its key is sent, what its
balance is counted in and where its prices come from.

Verging, Vimmerse v2 and the varg gateway: keys, balances, prices and job kinds have one shape
for all three (``../shared/DESIGN.md``, "Three providers").
Nothing here talks to the network: ``api/<provider>/`` does, and ``app.py`` builds one client per
provider from these entries.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .i18n import N_, _


class PricingSource(str, enum.Enum):
    """Where a provider's prices come from."""

    TABLE = "table"          # the local, editable pricing table (resources/pricing.json)
    ESTIMATE_ROUTE = "estimate"  # the service answers "what would this cost" before a job
    PRICING_ROUTE = "pricing"    # the service publishes a price list


@dataclass(frozen=True)
class BalanceUnit:
    """What a provider's balance counts, and what one unit is worth in US dollars (if known)."""

    one: str                     # "credit"
    many: str                    # "credits"
    usd_per_unit: float | None = None

    def money(self, amount: float) -> str | None:
        """``$1.50`` for ``amount`` units, or None when the unit has no known price."""
        if self.usd_per_unit is None:
            return None
        return f"${amount * self.usd_per_unit:,.2f}"


@dataclass(frozen=True)
class Provider:
    """One cloud service.

    ``key_header``/``key_prefix`` say how the key is sent (``Authorization: Bearer <key>`` or
    ``X-API-Key: <key>``); a key goes only to ``base_url``'s host. ``env_key`` is the environment
    variable that may hold the key (shown read-only, never written to the keyring).
    ``keyring_service`` is the keyring's service name for this provider's keys, one entry per
    profile. ``short_name`` is the name used in messages ("Verging is unavailable"), and
    ``key_starts_with`` the prefix every key of this provider has ("" when keys have no shape).
    """

    id: str
    name: str
    base_url: str
    key_header: str
    key_prefix: str
    env_key: str
    keyring_service: str
    unit: BalanceUnit
    pricing: PricingSource
    built: bool = True
    website: str = ""
    short_name: str = ""
    key_starts_with: str = ""

    @property
    def label(self) -> str:
        """The name used in messages: ``short_name``, else ``name``."""
        return self.short_name or self.name

    @property
    def website_host(self) -> str:
        """``verging.ai`` for ``https://verging.ai`` (where to buy credits, in messages)."""
        return self.website.split("://", 1)[-1].split("/", 1)[0]

    def auth_headers(self, key: str) -> dict[str, str]:
        """The header that carries ``key`` to this provider's ``base_url`` (and nowhere else)."""
        return {self.key_header: f"{self.key_prefix}{key}"}


VERGING = Provider(
    id="verging",
    name="Verging AI",
    # specs/verging-api.md: base URL https://verging.ai/api/v1, "Authorization: ApiKey vrg_sk_..." is canonical
    base_url="https://verging.ai/api/v1",
    key_header="Authorization",
    key_prefix="ApiKey ",
    env_key="VERGING_API_KEY",
    # the keys saved before providers existed live here: it never changes
    keyring_service="verging-desktop:verging",
    # the dollar value of a credit comes from the pricing table ($10 buys 530 credits)
    unit=BalanceUnit("credit", "credits"),
    pricing=PricingSource.TABLE,
    website="https://verging.ai",
    short_name="Verging",
    key_starts_with="vrg_sk_",
)

VIMMERSE = Provider(
    id="vimmerse",
    name="Vimmerse",
    base_url="https://api.vimmerse.net",
    key_header="X-Api-Key",
    key_prefix="",
    env_key="VIMMERSE_API_KEY",
    keyring_service="verging-desktop:vimmerse",
    unit=BalanceUnit("credit", "credits"),
    # /v2/video/estimate-credits for the app_names it knows, the local table for the rest
    pricing=PricingSource.ESTIMATE_ROUTE,
    website="https://vimmerse.net",
    short_name="Vimmerse",
)

VARG = Provider(
    id="varg",
    name="varg gateway",
    base_url="https://api.varg.ai/v1",
    key_header="Authorization",
    key_prefix="Bearer ",
    env_key="VARG_API_KEY",
    keyring_service="verging-desktop:varg",
    # GET /balance answers cents (the official CLI calls a cent a credit): the app says cents and dollars
    unit=BalanceUnit("cent", "cents", usd_per_unit=0.01),
    # GET /pricing when it answers, the local table (resources/varg_pricing.json) for the rest
    pricing=PricingSource.PRICING_ROUTE,
    website="https://varg.ai",
    short_name="varg",
    key_starts_with="varg_",
)

PROVIDERS: tuple[Provider, ...] = (VERGING, VIMMERSE, VARG)


@dataclass(frozen=True)
class ByokKey:
    """A model provider's own key that the varg gateway accepts from the user ("bring your own
    key", ``specs/varg-gateway.md``): varg then calls that provider with it instead of billing its
    pooled key. A BYOK key is a secret exactly like the varg key: it is kept in its own keyring
    service (``verging-desktop:varg-byok:<id>``, one entry per profile), read from ``env_key`` when
    set, and sent only to varg's base URL, in ``header``.

    :meth:`as_provider` gives the :class:`Provider` that ``core.keystore.KeyStore`` stores it under
    (id ``varg-byok-<id>``, so its profile names live in ``profiles-varg-byok-<id>.json``).
    """

    id: str                # "fal"
    name: str              # "fal.ai"
    header: str            # "X-Provider-Key-Fal"
    env_key: str           # "VARG_PROVIDER_KEY_FAL"
    website: str = ""

    @property
    def keyring_service(self) -> str:
        return f"verging-desktop:varg-byok:{self.id}"

    def as_provider(self) -> Provider:
        return Provider(id=f"varg-byok-{self.id}", name=f"{self.name} (through varg)", base_url=VARG.base_url,
                        key_header=self.header, key_prefix="", env_key=self.env_key,
                        keyring_service=self.keyring_service, unit=VARG.unit, pricing=VARG.pricing,
                        built=VARG.built, website=self.website, short_name=self.name)


#: the provider keys varg accepts (its X-Provider-Key-* headers)
BYOK_KEYS: tuple[ByokKey, ...] = (
    ByokKey("fal", "fal.ai", "X-Provider-Key-Fal", "VARG_PROVIDER_KEY_FAL", "https://fal.ai"),
    ByokKey("elevenlabs", "ElevenLabs", "X-Provider-Key-ElevenLabs", "VARG_PROVIDER_KEY_ELEVENLABS",
            "https://elevenlabs.io"),
    ByokKey("higgsfield", "Higgsfield", "X-Provider-Key-Higgsfield", "VARG_PROVIDER_KEY_HIGGSFIELD",
            "https://higgsfield.ai"),
    ByokKey("replicate", "Replicate", "X-Provider-Key-Replicate", "VARG_PROVIDER_KEY_REPLICATE",
            "https://replicate.com"),
)


def byok_key(kid: str) -> ByokKey:
    for k in BYOK_KEYS:
        if k.id == kid:
            return k
    raise KeyError(kid)


def key_owner(pid: str) -> Provider:
    """The :class:`Provider` whose keys ``verging keys --provider pid`` manages: a provider
    (``verging``, ``vimmerse``, ``varg``) or one of varg's BYOK keys (``fal``, ``elevenlabs``...)."""
    for p in PROVIDERS:
        if p.id == pid:
            return p
    return byok_key(pid).as_provider()


def key_looks_like(key: str, owner: Provider) -> Provider | None:
    """The other provider whose key ``key`` is by its shape (it starts with that provider's
    ``key_starts_with``, not with ``owner``'s), or None: a key pasted into the wrong provider's
    field is recognised before it is sent anywhere."""
    k = (key or "").strip()
    if owner.key_starts_with and k.startswith(owner.key_starts_with):
        return None
    for p in PROVIDERS:
        if p.id != owner.id and p.key_starts_with and k.startswith(p.key_starts_with):
            return p
    return None


def foreign_key_problem(key: str, owner: Provider, what: str = N_("That")) -> str:
    """"" when ``key`` may be ``owner``'s, else one sentence saying whose key it looks like
    (``what`` names the key: "That", "The key in VIMMERSE_API_KEY", already in the interface's language
    or one of the words marked ``N_``). Never repeats the key.

    The one check used wherever a key is taken for a provider (``core.keystore.check_key_format``,
    the Vimmerse link's live key, the ``verging`` command's ``--api-key``)."""
    other = key_looks_like(key, owner)
    if other is None:
        return ""
    if owner.website_host:
        return _("{what} looks like a {other} key (it starts with {prefix}), not a {owner} key: {owner} needs its "
                 "own key, from {site}.").format(what=_(what), other=other.label, prefix=other.key_starts_with,
                                                 owner=owner.label, site=owner.website_host)
    return _("{what} looks like a {other} key (it starts with {prefix}), not a {owner} key: {owner} needs its "
             "own key.").format(what=_(what), other=other.label, prefix=other.key_starts_with, owner=owner.label)


def provider(pid: str) -> Provider:
    for p in PROVIDERS:
        if p.id == pid:
            return p
    raise KeyError(pid)


def built_providers() -> tuple[Provider, ...]:
    return tuple(p for p in PROVIDERS if p.built)
