"""Load a script of ``benchmarks/`` (not a package) as a module, for the tests of its data checkers."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def load_benchmark_script(name: str) -> ModuleType:
    """Return ``benchmarks/NAME.py`` imported as the module ``NAME`` (registered in ``sys.modules``)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
