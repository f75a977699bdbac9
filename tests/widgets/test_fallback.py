"""The static views' HTML alone: what a reader sees, escaped, in grid order, nothing private."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from kling_studio.widgets.fallback import (
    STILL_ATTRIBUTE,
    CellStill,
    CompareStill,
    Picture,
    StudioStill,
    camera_words,
    compare_html,
    request_rows,
    studio_html,
)
from kling_studio.widgets.stills import beside_notebook, relative_or_name, video_source


class Cells(HTMLParser):
    """The text of each table row's cells, as a reader reads the table."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._in_cell = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th"):
            self._in_cell = True
            self.rows[-1].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._in_cell = False

    def handle_data(self, data: str) -> None:
        if self._in_cell and self.rows:
            self.rows[-1][-1] += data


def rows_of(page: str) -> list[list[str]]:
    parser = Cells()
    parser.feed(page)
    return parser.rows


def test_the_studio_view_escapes_what_the_person_typed_and_keeps_private_fields_out():
    still = StudioStill(
        title="Kling Studio",
        params={
            "model_name": "kling-v1",
            "prompt": '<script>alert("x")</script> & a boat',
            "callback_url": "https://hooks.example.com/kling?token=secret",
            "external_task_id": "mine-1",
        },
        picture=Picture(b"\xff\xd8jpeg", "the start picture"),
        video_src="kling-output/1 2.mp4",
        task_id="42",
    )
    page = studio_html(still, "still-1")
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "hooks.example.com" not in page and "secret" not in page and "mine-1" not in page
    assert f'{STILL_ATTRIBUTE}="still-1"' in page
    assert ["Prompt", '<script>alert("x")</script> & a boat'] in rows_of(page)
    assert ["Task", "42"] in rows_of(page)
    assert re.search(r'<video[^>]*src="kling-output/1 2.mp4"[^>]*poster="data:image/jpeg', page)


def test_a_grid_puts_each_cell_under_its_row_and_column_values():
    cells = [
        CellStill(label=f"mode {m} · cfg {c}", status="made", row=r, column=k)
        for r, m in enumerate(("std", "pro"))
        for k, c in enumerate(("0.3", "0.8"))
    ]
    page = compare_html(
        CompareStill(
            title="Compare",
            cells=list(reversed(cells)),
            rows=("mode", ["std", "pro"]),
            columns=("cfg", ["0.3", "0.8"]),
        )
    )
    table = rows_of(page)
    assert table[0] == ["mode", "0.3", "0.8"]
    assert table[1][0] == "std" and "mode std · cfg 0.3" in table[1][1]
    assert "mode std · cfg 0.8" in table[1][2]
    assert table[2][0] == "pro" and "mode pro · cfg 0.8" in table[2][2]


def test_the_brush_and_camera_in_words():
    assert camera_words({"type": "simple", "config": {"zoom": 5, "pan": 0}}) == "zoom 5"
    assert camera_words({"type": "forward_up"}) == "forward up"
    rows = request_rows(
        {"static_mask": {"file": "a"}, "dynamic_masks": [{}, {}], "image_tail": {"file": "b"}}
    )
    assert ("Motion brush", "a static area and 2 moving areas") in rows
    assert ("End frame", "given") in rows


def test_a_video_is_linked_beside_the_notebook_or_named_only(tmp_path: Path):
    video = tmp_path / "out" / "a b.mp4"
    video.parent.mkdir()
    video.write_bytes(b"\x00" * 100)
    assert beside_notebook(video, tmp_path) == "out/a%20b.mp4"
    elsewhere = video_source(video, embed=False, budget=0, folder=tmp_path / "other")
    assert elsewhere.src is None and elsewhere.note and str(tmp_path) not in elsewhere.note
    assert relative_or_name(video, tmp_path / "other") == "a b.mp4"
    inline = video_source(video, embed=True, budget=1000, folder=tmp_path)
    assert inline.src and inline.src.startswith("data:video/mp4;base64,")
    too_big = video_source(video, embed=True, budget=10, folder=tmp_path)
    assert too_big.src == "out/a%20b.mp4"
    assert too_big.note and "linked, not embedded" in too_big.note
