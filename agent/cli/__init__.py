"""The `sourcebound` command line: a thin layer over library functions.

Each command module registers its commands on `common.app`; importing them here wires them.
"""

from agent.cli import (  # noqa: F401  (registers commands)
    ask_cmds,
    chat_cmds,
    corpus_cmds,
    eval_cmds,
    summarize_cmds,
    verify_cmds,
)
from agent.cli.common import app, main

__all__ = ["app", "main"]
