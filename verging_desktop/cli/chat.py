"""``verging chat``: streams the reply by default."""

from __future__ import annotations

import sys

from ..api.verging import ChatDelta, ChatDone
from ..core import filetypes as ft
from ..core.errors import InputError
from ..core.pricing import chars_to_tokens
from .context import EXIT_OK, Context


async def cmd_chat(ctx: Context) -> int:
    a = ctx.args
    msg = ft.check_prompt(a.message, "message")
    ft.check_range(a.temperature, 0.0, 2.0, "Temperature")
    if a.max_tokens is not None and a.max_tokens < 1:
        raise InputError("--max-tokens must be at least 1.")
    messages = ([{"role": "system", "content": a.system}] if a.system else []) + [{"role": "user", "content": msg}]
    chars = sum(len(m["content"]) for m in messages)
    est = ctx.pricing.chat(chars_to_tokens(chars), a.max_tokens or 1000)
    before = await ctx.preflight(est, ctx.pricing.minimum_balance("chat"))
    client = ctx.client()
    if a.no_stream or ctx.out.as_json:
        r = await client.chat(messages, model=a.model, temperature=a.temperature, max_tokens=a.max_tokens)
        await ctx.report_charge(before, est, r.credits_consumed)
        ctx.out.result(r.content, r)
        return EXIT_OK
    charged = None
    async for ev in client.chat_stream(messages, model=a.model, temperature=a.temperature, max_tokens=a.max_tokens):
        if isinstance(ev, ChatDelta):
            sys.stdout.write(ev.content)
            sys.stdout.flush()
        elif isinstance(ev, ChatDone):
            charged = ev.credits_consumed
            if ev.usage.total_tokens:
                ctx.out.info(f"\n[{ev.usage.prompt_tokens} in + {ev.usage.completion_tokens} out tokens]")
    sys.stdout.write("\n")
    await ctx.report_charge(before, est, charged)
    return EXIT_OK
