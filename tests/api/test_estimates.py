"""What the price table says a request costs (kling-api.md §6.4): kling-v3 per second, at the
audio rate when sound or voices are on; kling-v2-6 per clip from its silent, sound and voice
tables; a multi-shot video at its total duration."""

from __future__ import annotations

import pytest

from kling_studio import Image2VideoRequest
from kling_studio.api.capabilities import DOCUMENTED, estimate_units
from kling_studio.api.models import Shot, Voice
from kling_studio.compare import plan_sweep
from kling_studio.samples import landscape

PICTURE = landscape(480, 320)
VOICE = {"voice_list": [Voice(voice_id="anna")], "prompt": "<<<voice_1>>> hums"}


@pytest.mark.parametrize(
    ("model", "mode", "duration", "extra", "units"),
    [
        ("kling-v3", "std", "5", {}, 3.0),
        ("kling-v3", "std", "5", {"sound": "on"}, 4.5),
        ("kling-v3", "pro", "15", {}, 12.0),
        ("kling-v3", "pro", "3", {"sound": "on", **VOICE}, 3.6),
        ("kling-v2-6", "std", "5", {}, 1.5),
        ("kling-v2-6", "pro", "5", {}, 2.5),
        ("kling-v2-6", "pro", "5", {"sound": "on"}, 5),
        ("kling-v2-6", "pro", "10", {"sound": "on"}, 10),
        ("kling-v2-6", "pro", "5", {"sound": "on", **VOICE}, 6),
        ("kling-v2-6", "pro", "10", {"sound": "on", **VOICE}, 12),
    ],
)
async def test_the_prepared_request_is_priced_from_the_table(
    counted, model, mode, duration, extra, units
):
    request = Image2VideoRequest(
        image=PICTURE, model_name=model, mode=mode, duration=duration, **extra
    )
    async with counted() as (client, transport):
        prepared = await client.prepare(request)
    assert prepared.estimate == pytest.approx(units)
    assert transport.requests == []
    plan = plan_sweep(request, {"mode": [mode]}, docs=DOCUMENTED["kling"])
    assert plan.cells[0].estimate == pytest.approx(units)


async def test_a_multi_shot_video_costs_its_total_duration(counted):
    shots = [Shot(index=i + 1, prompt=f"shot {i}", duration=d) for i, d in enumerate("424")]
    request = Image2VideoRequest(
        image=PICTURE,
        model_name="kling-v3",
        mode="pro",
        duration=10,
        sound="on",
        multi_shot=True,
        shot_type="customize",
        multi_prompt=shots,
    )
    async with counted() as (client, transport):
        prepared = await client.prepare(request)
    assert prepared.estimate == pytest.approx(1.2 * 10)
    assert prepared.estimate == estimate_units("kling-v3", "pro", "10", sound=True)
    assert transport.requests == []


def test_voices_price_at_the_audio_rate_even_without_the_sound_flag():
    """The rules refuse voices without sound; the price table still charges them as audio."""
    silent = estimate_units("kling-v3", "std", "10")
    assert estimate_units("kling-v3", "std", "10", voice=True) == 9.0 != silent
    assert estimate_units("kling-v2-6", "pro", "5", voice=True) == 6
