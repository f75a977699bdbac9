"""What public Kling clients send, written out literally, and how the emulator answers it.

Each body and query here is the shape a real client puts on the wire (kling-api.md §11); no
third-party client is imported. The emulator must take what the real service takes.
"""

from __future__ import annotations

import httpx

from kling_studio.emulator import Emulator

from .helpers import finished, image

PICTURE = image(400, 300)


async def test_comfyui_default_body_with_cfg_scale_on_v2_master(
    client: httpx.AsyncClient, emulator: Emulator
) -> None:
    """ComfyUI's Kling image-to-video node, left at its defaults: kling-v2-master, cfg_scale 0.8
    (a field v2 models ignore), std, 5 s."""
    body = {
        "model_name": "kling-v2-master",
        "image": PICTURE,
        "prompt": "a lighthouse in a storm, waves crashing",
        "cfg_scale": 0.8,
        "mode": "std",
        "duration": "5",
    }
    created = await client.post("/v1/videos/image2video", json=body)
    assert created.status_code == 200, created.text
    assert created.json()["code"] == 0
    task_id = created.json()["data"]["task_id"]
    data = await finished(client, f"/v1/videos/image2video/{task_id}", timeout=90)
    assert data["task_status"] == "succeed", data["task_status_msg"]
    assert [video["duration"] for video in data["task_result"]["videos"]] == ["5"]
    [task] = emulator.tasks
    assert task.video_path is not None and task.video_path.stat().st_size > 0
