"""Key frames by seeking, and the contact sheet of a real (emulated, rendered) sweep."""

from __future__ import annotations

import json
from fractions import Fraction

import av
import numpy as np
from PIL import Image, ImageChops, ImageStat

from kling_studio.compare import Sweep, contact_sheet, plan_sweep
from kling_studio.compare.contact import SheetStyle
from kling_studio.compare.frames import key_frames

from .helpers import PICTURE, base_request


def gray_ramp_video(path, frames=30, gop=5):
    """Frame i is a flat gray of level 8·i, with a keyframe every ``gop`` frames."""
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=Fraction(30))
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        stream.codec_context.gop_size = gop
        for index in range(frames):
            level = np.full((48, 64, 3), 8 * index, dtype=np.uint8)
            for packet in stream.encode(av.VideoFrame.from_ndarray(level, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


def brightness(picture: Image.Image) -> float:
    return ImageStat.Stat(picture.convert("L")).mean[0]


def test_key_frames_are_the_first_the_middle_and_the_last(tmp_path):
    path = tmp_path / "ramp.mp4"
    gray_ramp_video(path)
    first, middle, last = key_frames(path)
    assert abs(brightness(first) - 0) < 6
    assert abs(brightness(middle) - 8 * 15) < 6
    assert abs(brightness(last) - 8 * 29) < 6


async def test_contact_sheet_shows_three_frames_per_cell_in_grid_order(served, tmp_path):
    tail = PICTURE.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    async with served(render=True, speed=200, processing_seconds=10) as (_, client):
        plan = plan_sweep(base_request(), {"image_tail": [None, tail]}, docs=client.provider.docs)
        results = await Sweep(client, plan, directory=tmp_path / "sweep").run()
    assert [r.status for r in results] == ["succeed", "succeed"]
    assert [r.file.name for r in results] == [f"{r.cell_id}-{r.task_id}.mp4" for r in results]
    assert [r.cell_id for r in results] == ["r0c0", "r0c1"]
    record = json.loads(results[1].file.with_suffix(".json").read_text())
    assert record["label"] == "image_tail picture 480x320" and record["task_id"]

    style = SheetStyle()
    sheet_path = contact_sheet(results, tmp_path / "sheet.png", style=style)
    sheet = Image.open(sheet_path)
    first = sheet_path.read_bytes()
    again = contact_sheet(results, tmp_path / "sheet.png", style=style)
    assert again == tmp_path / "sheet-2.png", "a second sheet never replaces the first"
    assert sheet_path.read_bytes() == first
    frame_height = round(style.frame_width * 720 / 1080)  # the 3:2 picture at 720p
    tile_width = 3 * style.frame_width + 2 * style.frame_gap
    tile_height = style.label_height + frame_height
    assert sheet.size == (
        style.gap + 2 * (tile_width + style.gap),
        style.gap + tile_height + style.gap,
    )

    def frame(column: int, index: int) -> Image.Image:
        x = style.gap + column * (tile_width + style.gap)
        x += index * (style.frame_width + style.frame_gap)
        y = style.gap + style.label_height
        return sheet.crop((x, y, x + style.frame_width, y + frame_height)).convert("RGB")

    def difference(a: Image.Image, b: Image.Image) -> float:
        return brightness(ImageChops.difference(a, b))

    assert difference(frame(0, 0), frame(1, 0)) < 2  # both start on the picture
    assert difference(frame(0, 2), frame(1, 2)) > 5  # one lands on the mirrored tail
