"""The accuracy gate's logic: figures against pinned floors that may rise and never silently fall.

Floors are pinned a little under the measured score (``TOLERANCE``) so that a parse differing by
a hair on another CPU does not fail CI; lowering one takes a reason, kept in the floors' history.
``benchmarks/accuracy_gate.py`` measures and runs this.
"""
from __future__ import annotations

import datetime as dt
import math

TOLERANCE = 0.003


class FloorWouldFall(ValueError):
    """Re-pinning would lower a floor, and no reason was given."""


def check(pinned: dict, figures: dict[str, float], fingerprint: str) -> list[str]:
    """Everything wrong, as messages; empty when the gate passes."""
    if pinned["fingerprint"] != fingerprint:
        return [f"the dev split changed (fingerprint {fingerprint[:12]}, floors pinned on "
                f"{pinned['fingerprint'][:12]}): re-measure and re-pin with --update"]
    return [
        f"{name}: {figures.get(name, 0.0):.4f} < floor {floor:.4f}"
        for name, floor in sorted(pinned["floors"].items())
        if figures.get(name, 0.0) < floor
    ]


def update(pinned: dict | None, figures: dict[str, float], fingerprint: str, reason: str | None,
           split: str = "PolNeAR dev") -> dict:
    new_floors = {name: math.floor((value - TOLERANCE) * 1000) / 1000 for name, value in figures.items()}
    old_floors = pinned["floors"] if pinned and pinned["fingerprint"] == fingerprint else {}
    # A floor falls only when today's score is under it; otherwise the higher of the two stays.
    lowered = {n: (old_floors[n], new_floors[n]) for n, v in figures.items() if n in old_floors and v < old_floors[n]}
    if lowered and not reason:
        listed = ", ".join(f"{n} {a:.3f}->{b:.3f}" for n, (a, b) in sorted(lowered.items()))
        raise FloorWouldFall(f"refusing to lower floors without --allow-lower REASON: {listed}")
    floors = {n: max(v, old_floors.get(n, 0.0)) if not reason else v for n, v in new_floors.items()}
    history = (pinned or {}).get("history", [])
    entry = {"date": dt.date.today().isoformat(), "change": "lowered" if lowered else "raised or kept"}
    if lowered:
        entry.update(reason=reason, lowered={n: list(pair) for n, pair in lowered.items()})
    return {"split": split, "fingerprint": fingerprint, "tolerance": TOLERANCE,
            "floors": dict(sorted(floors.items())), "history": history + [entry]}
