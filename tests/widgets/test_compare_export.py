"""Compare's grid export on a real (emulated, rendered) sweep: from Python and as the view's
``export-grid`` request, its progress in ``summary["export"]``, the sound of the cell asked
for, never over an earlier export, and refusals that name what was wrong."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import av
import pytest
from pydantic import TypeAdapter
from tests.compare.clips import dominant_hz

from kling_studio import AsyncKlingClient, Compare
from kling_studio.api.input_error import InputError
from kling_studio.embedded import emulator_connection
from kling_studio.emulator import Emulator, EmulatorConfig
from kling_studio.samples import landscape
from kling_studio.widgets import contract


@pytest.fixture
def sound_emulator():
    """Renders, briefly: kling-v3's 3 s clips, with the emulator's tone when sound is on."""
    config = EmulatorConfig(speed=100, queue_seconds=1, processing_seconds=10, seed=4)
    with Emulator(config) as emulator:
        yield emulator


def sweep(emulator: Emulator, tmp_path: Path) -> Compare:
    client = AsyncKlingClient(connection=emulator_connection(emulator))
    return Compare(
        landscape(480, 320),
        prompt="waves",
        fixed={"model_name": "kling-v3", "duration": "3"},
        vary={"sound": ["on", "off"]},
        client=client,
        output_dir=tmp_path,
    )


def audio_codecs(path: str | Path) -> list[str]:
    with av.open(str(path)) as container:
        return [stream.codec_context.name for stream in container.streams.audio]


def test_nothing_to_export_is_refused_before_the_sweep_runs(sound_emulator, tmp_path, front_end):
    compare = sweep(sound_emulator, tmp_path)
    browser = front_end(compare)
    refused = browser.asked({"type": "export-grid", "format": "mp4", "audio": None})
    assert refused["error"] == {
        "field": "export",
        "rule": "needs a cell that succeeded with a saved video",
        "value": "0 of 2 cells have one",
        "text": "export: needs a cell that succeeded with a saved video "
        "(got 0 of 2 cells have one)",
    }
    assert "export" not in compare.summary
    assert sound_emulator.tasks == ()
    compare.close()


def test_a_finished_sweep_exports_from_the_view_and_from_python(
    sound_emulator, tmp_path, front_end
):
    compare = sweep(sound_emulator, tmp_path)
    browser = front_end(compare)
    states: list[dict[str, Any]] = []
    compare.observe(
        lambda change: (
            states.append(dict(change["new"]["export"])) if "export" in change["new"] else None
        ),
        names=["summary"],
    )
    assert [r.status for r in compare.run_sync()] == ["succeed", "succeed"]
    loud = next(cell for cell in compare.cells if cell["sound"])
    quiet = next(cell for cell in compare.cells if not cell["sound"])

    began = time.monotonic()
    reply = browser.asked({"type": "export-grid", "format": "mp4", "audio": loud["id"]})
    took = time.monotonic() - began
    target = compare.folder / "grid.mp4"
    assert reply == {"ok": True, "path": str(target), "bytes": target.stat().st_size, "notes": []}
    assert audio_codecs(target) == ["aac"]
    with av.open(str(target)) as container:
        stream = container.streams.video[0]
        assert float(stream.duration * stream.time_base) == pytest.approx(3.0, abs=0.05)
    hz = dominant_hz(target)
    assert hz == pytest.approx(dominant_hz(loud["path"]), abs=3)  # the loud cell's own tone

    final = compare.summary["export"]
    TypeAdapter(contract.Summary).validate_python(compare.summary)
    assert final["phase"] == "done" and final["progress"] == 1 and final["path"] == str(target)
    assert (
        final["text"].startswith("Exported grid.mp4 (")
        and f"sound from {loud['label']}" in final["text"]
    )
    under_way = [s for s in states if s["phase"] == "exporting"]
    assert under_way[0]["progress"] == 0 and states[-1] == final
    progress = [s["progress"] for s in under_way]
    assert progress == sorted(progress)
    # the opening 0, then at most one every 0.2 s, then the closing 1.0
    assert 2 <= len(under_way) <= 3 + 5 * took, "at most 5 progress updates a second"

    again = compare.export(audio=quiet["label"])  # a cell named by its label: silent, said
    assert again == compare.folder / "grid-2.mp4", "never over the first export"
    assert audio_codecs(again) == []
    assert compare.summary["export"]["text"].endswith(
        f"{quiet['label']} has no sound: the grid is silent."
    )

    readme = compare.export(tmp_path / "readme.gif", max_bytes=5_000_000)
    with av.open(str(readme)) as container:
        assert container.streams.video[0].codec_context.name == "gif"
    assert compare.summary["export"]["format"] == "gif"
    compare.close()


def test_a_bad_export_request_is_refused_naming_its_field(sound_emulator, tmp_path, front_end):
    compare = sweep(sound_emulator, tmp_path)
    compare.run_sync()
    browser = front_end(compare)
    asked = [
        ({"format": "avi", "audio": None}, ("format", "must be one of mp4, gif, webp", "avi")),
        (
            {"format": "mp4", "audio": "r9c9"},
            ("audio", "must be the id or label of a cell with a saved video", "r9c9"),
        ),
    ]
    for msg, error in asked:
        refused = browser.asked({"type": "export-grid", **msg})["error"]
        assert (refused["field"], refused["rule"], refused["value"]) == error
    assert not list(compare.folder.glob("grid*"))
    assert "export" not in compare.summary
    compare.close()


def test_the_python_api_refuses_a_path_that_disagrees_with_its_format(sound_emulator, tmp_path):
    compare = sweep(sound_emulator, tmp_path)
    with pytest.raises(InputError) as refused:
        compare.export(tmp_path / "grid.mov")
    assert (refused.value.field, refused.value.value) == ("path", "grid.mov")
    with pytest.raises(InputError) as refused:
        compare.export(tmp_path / "grid.mp4", format="gif")
    assert (refused.value.field, refused.value.rule) == ("path", "must end in .gif for gif")
    compare.close()
