"""The selection and path tools' ranges and starting values, defined once: the tools check
against them and the Studio's catalogue offers them to the painter. No imports beyond typing, so
the catalogue can read them without loading numpy or OpenCV."""

from __future__ import annotations

from typing import Final

TOLERANCE_RANGE: Final = (0.0, 100.0)
"""A colour select's tolerance: ΔE 1976 in CIELAB (0 = the clicked colour only)."""
TOLERANCE_DEFAULT: Final = 20.0
"""Close enough for one surface's shading, far enough from a neighbouring colour."""
REFINE_MAX_PX: Final = 200
REFINE_DEFAULT_PX: Final = 4
ARC_BEND_DEFAULT: Final = 0.25
"""An arc's bulge as a share of its chord (a quarter: clearly curved, not a half circle)."""
MAX_CLIP_BYTES: Final = 200 * 2**20
"""The largest clip a path is taken from (a short clip is a few MB)."""
