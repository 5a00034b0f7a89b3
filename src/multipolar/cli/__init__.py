"""Command-line interface: a thin layer of Typer commands over importable functions.

Each ``*_cmd`` module registers its commands on ``multipolar.cli.commands.app``. The ``multipolar``
program loads them lazily: ``--help`` and ``--version`` read a small table of command names
and one-line helps (built once by importing every module, cached under the ``cache_dir``
setting, rebuilt when a command module changes) and a command imports only its own module,
so nothing parses, loads spaCy or opens pandas before it is needed.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import logging
import sys
from pathlib import Path

import click

from multipolar.cli.commands import app, command_modules
from multipolar.errors import MultipolarError

_PACKAGE = Path(__file__).resolve().parent


def _load_all():
    """Import every command module and return the Typer app holding all commands."""
    app.load_all()
    return app


def _table_key() -> str:
    from multipolar import __version__

    digest = hashlib.sha256(__version__.encode())
    for path in sorted(_PACKAGE.glob("*.py")):
        stat = path.stat()
        digest.update(f"{path.name}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def _build_table() -> dict[str, list[str]]:
    import typer.main

    group = typer.main.get_group(_load_all())
    table: dict[str, list[str]] = {}
    for name, command in group.commands.items():
        if command.hidden:
            continue
        callback = command.callback
        module = callback.__module__ if callback is not None else None
        if module is None or not module.startswith(__name__):
            module = next(iter(_modules_of(command)), command_modules()[0])
        table[name] = [module, command.get_short_help_str(limit=90)]
    return table


def _modules_of(command: click.Command) -> list[str]:
    found = []
    for sub in getattr(command, "commands", {}).values():
        if sub.callback is not None:
            found.append(sub.callback.__module__)
    return found


def command_table() -> dict[str, list[str]]:
    """Return ``{command: [module, one-line help]}``, from the cache when the CLI modules are unchanged."""
    from multipolar import settings

    folder = Path(str(settings.get("cache_dir"))).expanduser()
    path = folder / f"cli-commands-{_table_key()}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    table = _build_table()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(table), encoding="utf-8")
        temporary.replace(path)
    except OSError:
        pass  # a read-only home: the table is rebuilt on each start
    return table


class LazyGroup(click.Group):
    """The ``multipolar`` group: lists commands from the table, imports a command's module on use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Return the command names in alphabetical order."""
        return sorted(command_table())

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Return the click command ``cmd_name``, importing only the module that defines it."""
        import typer.main

        entry = command_table().get(cmd_name)
        if entry is not None:
            with app.without_autoload():
                importlib.import_module(entry[0])
                command = typer.main.get_group(app).commands.get(cmd_name)
            if command is not None:
                return command
        return typer.main.get_group(_load_all()).commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Write the command list from the table (no command module imported)."""
        rows = [(name, entry[1]) for name, entry in sorted(command_table().items())]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from multipolar import __version__

    click.echo(f"multipolar {__version__}")
    ctx.exit()


def build_cli() -> LazyGroup:
    """Return the ``multipolar`` command group (lazy; see the module docstring)."""
    return LazyGroup(
        name="multipolar",
        help="Turn news into event data about the international system, and measure that system.",
        no_args_is_help=True,
        params=[
            click.Option(
                ["--version"], is_flag=True, expose_value=False, is_eager=True, callback=_print_version,
                help="Print the version and exit.",
            )
        ],
        context_settings={"help_option_names": ["--help"]},
    )


class LabelledFormatter(logging.Formatter):
    """Start each log line with what it is: ``progress``, ``notice``, ``warning`` or ``error``.

    A record's ``label`` attribute (``log.info(..., extra={"label": "progress"})``) wins; else
    the level decides: INFO is a notice, WARNING a warning, ERROR and above an error.
    """

    def format(self, record: logging.LogRecord) -> str:
        """Return ``label message`` for ``record``."""
        label = getattr(record, "label", None) or (
            "error" if record.levelno >= logging.ERROR else "warning" if record.levelno >= logging.WARNING else "notice"
        )
        return f"{label} {record.getMessage()}"


def main() -> None:
    """Run the ``multipolar`` command line; user-facing errors print one line and exit 1."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(LabelledFormatter())
    handler.setLevel(logging.INFO)
    library = logging.getLogger("multipolar")
    library.addHandler(handler)
    if library.level == logging.NOTSET or library.level > logging.INFO:
        library.setLevel(logging.INFO)  # progress and notices are INFO; the library stays quiet elsewhere
    try:
        build_cli().main(prog_name="multipolar")
    except MultipolarError as exc:
        from multipolar.cli.output import print_errors

        print_errors([str(exc)])
        sys.exit(1)
    except RuntimeError as exc:  # typer.Exit is no click exception: a plain click group lets it through
        code = getattr(exc, "exit_code", None)
        if type(exc).__name__ == "Exit" and isinstance(code, int):
            sys.exit(code)
        if type(exc).__name__ == "Abort":
            click.echo("Aborted!", err=True)
            sys.exit(1)
        raise
    except Exception as exc:  # typer bundles its own click: its usage errors are no click.ClickException
        code = getattr(exc, "exit_code", None)
        if type(exc).__module__.startswith("typer.") and hasattr(exc, "show") and isinstance(code, int):
            exc.show()
            sys.exit(code)
        raise

