"""The ``cli/`` package's seams: the entry points, the command table, the parser's shape."""

from __future__ import annotations

import ast
import importlib
import inspect
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from verging_desktop import cli
from verging_desktop.cli import parser as cli_parser

ROOT = Path(__file__).resolve().parents[2]


def _subcommands(p) -> dict:
    return next(a for a in p._actions if a.dest == "command").choices


def test_console_script_and_module_entry_points() -> None:
    target = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]["verging"]
    module, _, name = target.partition(":")
    assert getattr(importlib.import_module(module), name) is cli.main
    env = {k: v for k, v in os.environ.items() if not k.startswith("VERGING_")}
    r = subprocess.run([sys.executable, "-m", "verging_desktop.cli", "--version"], capture_output=True, text=True,
                       timeout=60, env=env, check=False)
    assert r.returncode == 0 and r.stdout.strip() == f"verging {importlib.import_module('verging_desktop').__version__}"


def test_every_parsed_command_has_a_handler_and_the_help_keeps_its_order() -> None:
    names = list(_subcommands(cli_parser.build_parser()))
    assert sorted(names) == sorted(cli.COMMANDS)
    assert names == ["me", "bg-remove", "faceswap", "enhance", "imagegen", "chat", "tts", "stt", "vision", "usage",
                     "keys", "jobs", "estimate", "vimmerse", "varg"]


def test_usage_services_come_from_the_registry_and_match_the_server() -> None:
    from verging_desktop.sandbox.ai import SERVICE_TYPES

    assert cli_parser.USAGE_SERVICES == ("imagegen", "chat", "tts", "stt", "vision") == SERVICE_TYPES
    usage = _subcommands(cli_parser.build_parser())["usage"]
    assert next(a for a in usage._actions if a.dest == "service").choices == cli_parser.USAGE_SERVICES


def test_parser_functions_stay_small() -> None:
    from verging_desktop.cli import varg_parser, vimmerse_parser

    for module, first in ((cli_parser, "build_parser"), (vimmerse_parser, "add_vimmerse"), (varg_parser, "add_varg")):
        tree = ast.parse(inspect.getsource(module))
        sizes = {n.name: n.end_lineno - n.lineno + 1 for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        assert first in sizes and len(sizes) > 5
        assert {k: v for k, v in sizes.items() if v > 40} == {}
