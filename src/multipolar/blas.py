"""One thread for numpy's BLAS while a block runs: the analyses' matrices and the models' products.

numpy's BLAS (OpenBLAS in the numpy wheels) starts a thread per core for every product. On the
products this project makes (an analysis's few hundred actors, a parse batch's few thousand
tokens) those threads cost more than they give: they start, contend with the other process of
a ``--workers`` run, and keep spinning after the product, which the process pays in CPU time.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_blas_lock = threading.Lock()
_blas_state: dict[str, Any] = {"users": 0, "limit": None, "controller": None}


@contextmanager
def single_threaded_blas() -> Iterator[None]:
    """Run the block with the BLAS library (numpy's matrix products) on one thread.

    Example: ``with single_threaded_blas(): numpy.ones((200, 200)) @ numpy.ones((200, 200))``.

    A 200 x 200 product takes ~15 ms with two threads on a busy 2-core machine, ~0.4 ms with
    one. Nested and concurrent blocks share one limit, lifted when the last ends; outside the
    blocks the process keeps the library's own thread count.
    """
    from threadpoolctl import ThreadpoolController

    with _blas_lock:
        if _blas_state["users"] == 0:
            if _blas_state["controller"] is None:
                _blas_state["controller"] = ThreadpoolController()
            _blas_state["limit"] = _blas_state["controller"].limit(limits=1, user_api="blas")
        _blas_state["users"] += 1
    try:
        yield
    finally:
        with _blas_lock:
            _blas_state["users"] -= 1
            if _blas_state["users"] == 0 and _blas_state["limit"] is not None:
                _blas_state["limit"].restore_original_limits()
                _blas_state["limit"] = None
