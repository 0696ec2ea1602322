"""The argument tree of ``policyopts``: every option explains itself, and the ones a
new user reaches for first (``--format``, ``--samples``, ``--seed``) say their default."""

from __future__ import annotations

import argparse

import pytest

from policyopts.cli import main
from policyopts.cli._parser import build_parser


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (sub,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_every_option_has_help() -> None:
    missing = [
        f"{name} {action.option_strings[0]}"
        for name, p in _subcommands().items()
        for action in p._actions
        if action.option_strings and not action.help
    ]
    assert missing == []


@pytest.mark.parametrize("option", ["--format", "--samples", "--seed", "--method"])
def test_key_options_show_their_default(option: str) -> None:
    seen = 0
    for name, p in _subcommands().items():
        for action in p._actions:
            if option in action.option_strings:
                seen += 1
                assert action.help and "(default: %(default)s" in action.help, (name, option)
    assert seen >= 2


def test_help_text_renders_the_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["sensitivity", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "SMAA draws (default: 20000)" in out
    assert "an integer >= 0 (default: 0)" in out
    assert "output format (default: table;" in out


def test_no_arguments_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: policyopts")
    for command in ("compare", "sensitivity", "report", "validate", "cases"):
        assert command in out
