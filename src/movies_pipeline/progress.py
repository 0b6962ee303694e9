"""Progress for each stage: bars on a terminal, plain lines in logs and CI.

Every stage is timed, whatever the display, so the run summary can report durations.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from tqdm import tqdm

MODES = ("auto", "bar", "plain", "none")


def resolve_mode(mode: str, stream: TextIO) -> str:
    """`auto` means bars on an interactive terminal outside CI, plain lines elsewhere."""
    if mode != "auto":
        return mode
    interactive = hasattr(stream, "isatty") and stream.isatty()
    return "bar" if interactive and not os.environ.get("CI") else "plain"


def _plural(amount: float, unit: str) -> str:
    return f"{amount:,.0f} {unit}" + ("" if round(amount) == 1 else "s")


def _human(amount: float, unit: str) -> str:
    if unit != "B":
        return _plural(amount, unit)
    for suffix in ("B", "KB", "MB", "GB"):
        if amount < 1000 or suffix == "GB":
            return f"{amount:,.1f} {suffix}" if suffix != "B" else f"{amount:,.0f} B"
        amount /= 1000
    raise AssertionError("unreachable")


class Stage:
    """One running stage: count work done, optionally against a known total."""

    def __init__(self, name: str, mode: str, stream: TextIO, total: float | None, unit: str) -> None:
        self.name = name
        self.unit = unit
        self.total = total
        self.done = 0.0
        self.ok = True  # set to False for a stage that ended without an exception but did not succeed
        self._mode = mode
        self._stream = stream
        self._next_report = 0.25
        self._bar: tqdm | None = None
        if mode == "bar":
            self._bar = tqdm(
                desc=name,
                total=total,
                unit=unit,
                unit_scale=unit == "B",
                file=stream,
                leave=True,
                dynamic_ncols=True,
            )
        elif mode == "plain":
            size = f" ({_human(total, unit)})" if total else ""
            self._print(f"started{size}")

    def _print(self, text: str) -> None:
        print(f"[{self.name}] {text}", file=self._stream, flush=True)

    def set_total(self, total: float) -> None:
        self.total = total
        if self._bar is not None:
            self._bar.total = total
            self._bar.refresh()

    def update(self, amount: float = 1) -> None:
        self.done += amount
        if self._bar is not None:
            self._bar.update(amount)
        elif self._mode == "plain" and self.total and self._next_report < 1:
            if self.done >= self.total * self._next_report:
                # One line for the furthest quarter passed, so a percentage always moves with the work.
                while self._next_report < 1 and self.done >= self.total * self._next_report:
                    self._next_report += 0.25
                share = min(self.done / self.total, 1.0)
                self._print(f"{share:.0%} ({self._of_total()})")

    def _of_total(self) -> str:
        if self.unit == "B":
            return f"{_human(self.done, self.unit)} of {_human(self.total or 0, self.unit)}"
        return f"{self.done:,.0f} of {_plural(self.total or 0, self.unit)}"

    def close(self, seconds: float, ok: bool) -> None:
        if self._bar is not None:
            self._bar.close()
        elif self._mode == "plain":
            amount = f", {_human(self.done, self.unit)}" if self.done else ""
            self._print(f"{'done' if ok else 'failed'} in {seconds:.1f}s{amount}")


class Progress:
    """Creates timed stages and remembers how long each one took."""

    def __init__(self, mode: str = "auto", stream: TextIO | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.mode = resolve_mode(mode, self.stream)
        self.durations: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str, total: float | None = None, unit: str = "B") -> Iterator[Stage]:
        started = time.perf_counter()
        current = Stage(name, self.mode, self.stream, total, unit)
        ok = False
        try:
            yield current
            ok = True
        finally:
            seconds = time.perf_counter() - started
            self.durations[name] = round(self.durations.get(name, 0.0) + seconds, 3)
            current.close(seconds, ok and current.ok)

    def message(self, text: str) -> None:
        if self.mode != "none":
            print(text, file=self.stream, flush=True)
