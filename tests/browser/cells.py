"""Notebook cells more than one browser test starts from."""

from __future__ import annotations

BOAT_STUDIO_MADE = """
import io
import os
os.environ["KLING_STUDIO_HOME"] = {home!r}
import numpy as np
from PIL import Image
from kling_studio import AsyncKlingClient, Studio
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.samples import boat_mask, boat_silhouette, landscape
from kling_studio.selection import load_mask

emulator = Emulator(EmulatorConfig(speed=100))
client = AsyncKlingClient(connection=emulator_connection(emulator))
png = io.BytesIO()
# The quickstart's picture as PNG bytes, which the Studio keeps as they are (given the image
# itself, it keeps a JPEG copy): the tests compare with the exact silhouette.
landscape(1280, 720).save(png, "PNG")
studio = Studio(image=png.getvalue(), prompt="a small sailing boat glides across a calm lake",
                client=client, output_dir={out!r})
boat = boat_silhouette(1280, 720)
iou = lambda a, b: float((a & b).sum() / (a | b).sum())
painted = lambda area: int(studio.masks.get(area, np.zeros((1, 1), bool)).sum())
"""
"""A Studio on the quickstart's picture (as PNG) with the embedded emulator, not yet shown, and
what the tests read the kernel with: ``boat`` (the boat's silhouette), ``iou``, ``painted``.
Formatted with ``home`` (the data folder) and ``out`` (the videos)."""

BOAT_STUDIO = BOAT_STUDIO_MADE + "studio\n"
"""The same Studio, shown as the cell's output."""
