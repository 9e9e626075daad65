"""``verging me``, ``verging usage``, ``verging keys`` and ``verging estimate``."""

from __future__ import annotations

import sys

from ..api.verging import VergingClient
from ..core import filetypes as ft
from ..core.errors import AuthError
from ..core.keystore import check_key_format
from ..core.plural import credits
from ..core.providers import VARG, VERGING, VIMMERSE, Provider, key_owner
from ..core.redact import mask
from ..core.settings import DEFAULT_BASE_URL, DEFAULT_VIMMERSE_URL, env_base_url, env_vimmerse_url
from .context import EXIT_OK, Context, UsageError


async def cmd_me(ctx: Context) -> int:
    me = await ctx.client().me()
    ctx.out.result(f"{me.email}\n{me.name}\n{credits(me.credits)} (${ctx.pricing.dollars(me.credits):.2f})", me)
    return EXIT_OK


async def cmd_usage(ctx: Context) -> int:
    a = ctx.args
    ft.check_range(a.page_size, 1, 100, "--page-size")
    ft.check_range(a.page, 1, 10**9, "--page")
    p = await ctx.client().usage(a.service, a.page, a.page_size)
    lines = [f"{'when':19}  {'service':8} {'credits':>7} {'in':>7} {'out':>7}  status"]
    for r in p.records:
        when = r.created_at.strftime("%Y-%m-%d %H:%M:%S") if r.created_at else "-"
        lines.append(f"{when:19}  {r.service_type:8} {r.credits_consumed:7g} {r.input_tokens or 0:7d} "
                     f"{r.output_tokens or 0:7d}  {r.status}")
    lines.append(f"page {p.page} of {p.pages} ({p.total} records)")
    ctx.out.result("\n".join(lines), p)
    return EXIT_OK


async def cmd_keys(ctx: Context) -> int:
    a = ctx.args
    action = a.keys_action
    pid = getattr(a, "provider", VERGING.id)
    owner = key_owner(pid)
    ks = ctx.keystore() if owner.id == VERGING.id else ctx.keystore(owner)
    whose = "" if owner.id == VERGING.id else f"{owner.label} "
    if action == "profiles":
        active = ks.active
        profs = ks.profiles()
        ctx.out.result("\n".join(f"{'*' if p.name == active else ' '} {p.label}" for p in profs) or "(no profiles)",
                       [{"name": p.name, "source": p.source, "active": p.name == active} for p in profs])
        return EXIT_OK
    if action == "use":
        ks.set_active(a.profile)
        ctx.out.info(f"Active {whose}profile: {a.profile}")
        return EXIT_OK
    if action == "add":
        prompt = f"{owner.label} API key: " if owner.id != VERGING.id else "API key: "
        raw = sys.stdin.readline() if not sys.stdin.isatty() else __import__("getpass").getpass(prompt)
        key = check_key_format(raw, owner)
        if not a.no_validate:
            await _validate_new_key(ctx, owner, key)
        ks.add(a.profile, key, make_active=True)
        ctx.out.info(f"Stored {whose}key {mask(key)} in the OS keyring as profile '{a.profile}' (active).")
        return EXIT_OK
    if action == "remove":
        ks.remove(a.profile)
        ctx.out.info(f"Removed {whose}profile '{a.profile}' and its key from the OS keyring.")
        return EXIT_OK
    if action == "validate" and owner.id == VARG.id:
        gclient = ctx.varg_client()
        me = await gclient.validate_key()
        ctx.out.result(f"Valid varg key {mask(gclient.api_key or '')} ({me.email or me.user_id})",
                       {"provider": VARG.id, "valid": True})
        return EXIT_OK
    if action == "validate" and owner.id == VIMMERSE.id:
        vc = ctx.vimmerse_client()
        await vc.validate_key()
        ctx.out.result(f"Valid Vimmerse key {mask(vc.api_key or '')}", {"provider": VIMMERSE.id, "valid": True})
        return EXIT_OK
    c = ctx.client()
    if action == "validate":
        v = await c.validate_key()
        if not v.valid:
            raise AuthError("The key is not valid or has been revoked. " + v.message)
        ctx.out.result(f"Valid key {mask(c.api_key or '')}", v)
        return EXIT_OK
    if action == "list":
        keys = await c.list_api_keys()
        lines = []
        for k in keys:
            mine = " (in use)" if c.api_key and k.matches(c.api_key) else ""
            made = k.created_at.strftime("%Y-%m-%d") if k.created_at else "-"
            used = k.last_used_at.strftime("%Y-%m-%d") if k.last_used_at else "never"
            lines.append(f"{k.id:>6}  {k.prefix:18} {k.name or '-':16} created {made}  last used {used}"
                         f"{'' if k.active else '  revoked'}{mine}")
        ctx.out.result("\n".join(lines) or "(no keys)", keys)
        return EXIT_OK
    if action == "delete":
        await c.delete_api_key(a.id)
        ctx.out.info(f"Revoked key {a.id}.")
        return EXIT_OK
    raise UsageError("Unknown keys action.")


async def _validate_new_key(ctx: Context, owner: Provider, key: str) -> None:
    """Ask the key's own server before it is stored: Verging's ``/auth/me`` family, Vimmerse's
    0-credit estimate, varg's ``/me``. The keys varg passes on (BYOK) cannot be checked: said, not checked."""
    a = ctx.args
    if owner.id == VERGING.id:
        base = (ctx.start_sandbox().base_url if a.sandbox else None) or a.base_url or env_base_url() or DEFAULT_BASE_URL
        async with VergingClient(key, base) as c:
            v = await c.validate_key()
        if not v.valid:
            raise AuthError("The key was refused by the server (invalid or revoked); it was not stored.")
        return
    if owner.id == VIMMERSE.id:
        from ..api.vimmerse import VimmerseClient

        base, _, _ = ctx.resolve_vimmerse() if a.sandbox else (None, None, None)
        base = base or a.base_url or env_vimmerse_url() or DEFAULT_VIMMERSE_URL
        async with VimmerseClient(key, base) as vc:
            try:
                await vc.validate_key()
            except AuthError:
                raise AuthError("Vimmerse refused the key (invalid or revoked); it was not stored.") from None
        return
    if owner.id == VARG.id:
        from ..api.varg.client import VargClient

        if a.sandbox:  # as the app in sandbox mode: the sandbox would refuse a live key
            ctx.out.info("Sandbox mode: the varg key is stored without a check; it is checked when it is used "
                         "live (without --sandbox).")
            return
        base = a.base_url or ctx.resolve_varg()[0]
        async with VargClient(key, base) as gc:
            try:
                await gc.validate_key()
            except AuthError:
                raise AuthError("varg refused the key (invalid or revoked); it was not stored.") from None
        return
    # a provider key varg passes on (BYOK): varg has no route that checks one without a paid job
    ctx.out.info(f"The {owner.label} key is stored without a check: varg can only check it on a job "
                 f"(it is sent with the jobs of {owner.label}'s models, to varg only).")


async def cmd_estimate(ctx: Context) -> int:
    a = ctx.args
    est = ctx.pricing.estimate(a.service, duration=a.duration, hd=a.hd, chars=a.chars, count=a.count,
                               quality=a.quality, input_tokens=a.input_tokens, output_tokens=a.output_tokens)
    ctx.out.result(f"{credits(est.credits)} (${ctx.pricing.dollars(est.credits):.2f}): {est.detail}",
                   {"service": a.service, "credits": est.credits, "usd": ctx.pricing.dollars(est.credits),
                    "detail": est.detail, "pricing_table": ctx.pricing.table_name})
    return EXIT_OK
