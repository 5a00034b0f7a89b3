"""The Typer application every command module registers on.

``app`` loads every command module the first time its command list is read as a whole (by
Typer building the full CLI, a test runner, documentation checks), so ``from multipolar.cli
import app`` always sees every command; the ``multipolar`` program itself reads the list
without that (``without_autoload``) and imports only the module of the command it runs.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer

_PACKAGE = Path(__file__).resolve().parent


def command_modules() -> list[str]:
    """Return the names of the modules that register commands (``multipolar.cli.*_cmd``)."""
    return sorted(
        f"multipolar.cli.{info.name}" for info in pkgutil.iter_modules([str(_PACKAGE)]) if info.name.endswith("_cmd")
    )


class CommandApp(typer.Typer):
    """A Typer app that imports every command module before its commands are listed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._autoload = True
        self._loading = False
        super().__init__(*args, **kwargs)

    def load_all(self) -> None:
        """Import every command module (once)."""
        if self._loading:
            return
        self._loading = True
        try:
            for name in command_modules():
                importlib.import_module(name)
        finally:
            self._autoload = False

    @property
    def registered_commands(self) -> list:  # type: ignore[override]
        """The registered commands (every module loaded first, unless ``without_autoload``)."""
        if self._autoload and not self._loading:
            self.load_all()
        return self.__dict__["_registered_commands"]

    @registered_commands.setter
    def registered_commands(self, value: list) -> None:
        self.__dict__["_registered_commands"] = value

    @contextmanager
    def without_autoload(self) -> Iterator[CommandApp]:
        """Read the commands registered so far without importing the other modules."""
        saved = self._autoload
        self._autoload = False
        try:
            yield self
        finally:
            self._autoload = saved


app = CommandApp(
    name="multipolar",
    help="Turn news into event data about the international system, and measure that system.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
