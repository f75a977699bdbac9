"""Where a clip is at each frame: progress from 0 to 1, and the easing every motion shares."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Curve = npt.NDArray[np.float64]
"""One value per frame."""


def progress(count: int) -> Curve:
    """0 at the first frame, 1 at the last (a single frame stays at 0)."""
    return np.linspace(0.0, 1.0, count) if count > 1 else np.zeros(count)


def ease(t: Curve) -> Curve:
    """Smoothstep: motion starts and stops gently instead of jerking at the clip's ends."""
    clipped = np.clip(t, 0.0, 1.0)
    return clipped * clipped * (3.0 - 2.0 * clipped)


def window(t: Curve, start: float, end: float) -> Curve:
    """Eased 0 → 1 while ``t`` goes from ``start`` to ``end``; 0 before, 1 after."""
    return ease((t - start) / (end - start))
