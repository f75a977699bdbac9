"""kling-v3 in the Studio, kernel side: shots, voices and elements reach the request as the
person set them, are kept (and said) where the model cannot take them, are priced, and come
back from ``to_code``."""

from __future__ import annotations

import pytest

from kling_studio import AsyncKlingClient
from kling_studio.api.capabilities import DOCUMENTED, MODELS
from kling_studio.embedded import emulator_connection
from kling_studio.widgets import Studio
from kling_studio.widgets.controls import catalogue

SHOTS = [
    {"index": 1, "prompt": "the boat leaves", "duration": "2"},
    {"index": 2, "prompt": "the sail fills", "duration": "3"},
    {"index": 3, "prompt": "the boat is gone", "duration": "2"},
]
V3 = {"model_name": "kling-v3", "mode": "std", "duration": "7"}


@pytest.fixture
def studio(fast_emulator, tmp_path, landscape_jpeg):
    client = AsyncKlingClient(connection=emulator_connection(fast_emulator))
    widget = Studio(
        image=landscape_jpeg, client=client, output_dir=tmp_path / "out", prompt="a boat"
    )
    yield widget
    widget.close()


def multi_shot(studio: Studio, shot_type: str = "customize", **more: object) -> None:
    studio.params = {
        **studio.params,
        **V3,
        "multi_shot": True,
        "shot_type": shot_type,
        "multi_prompt": SHOTS,
        **more,
    }


def test_customize_shots_reach_the_wire_numbered_in_order(studio):
    multi_shot(studio)
    payload = studio.prepared.payload
    assert payload["multi_shot"] is True and payload["shot_type"] == "customize"
    assert [(s["index"], s["prompt"], s["duration"]) for s in payload["multi_prompt"]] == [
        (s["index"], s["prompt"], s["duration"]) for s in SHOTS
    ]
    assert payload["duration"] == "7"


def test_intelligence_lets_the_model_cut_and_keeps_the_shots_in_the_studio(studio):
    multi_shot(studio, "intelligence")
    payload = studio.prepared.payload
    assert payload["shot_type"] == "intelligence" and "multi_prompt" not in payload
    assert payload["prompt"] == "a boat"  # the prompt the model splits
    assert studio.params["multi_prompt"] == SHOTS


def test_shots_switched_off_stay_in_the_studio_and_are_not_sent(studio):
    multi_shot(studio)
    studio.params = {**studio.params, "multi_shot": False}
    payload = studio.prepared.payload
    assert not {"multi_shot", "shot_type", "multi_prompt"} & set(payload)
    assert studio.params["multi_prompt"] == SHOTS


def test_shots_on_a_model_without_them_are_kept_said_and_sent_again_on_v3(studio):
    multi_shot(studio)
    studio.params = {**studio.params, "model_name": "kling-v2-6", "duration": "5"}
    notes = [p for p in studio.problems if p["field"] == "multi_shot"]
    assert [n["severity"] for n in notes] == ["warning"]
    assert "the shots: kept, not sent with kling-v2-6" in notes[0]["rule"]
    assert notes[0]["rule"].endswith("it is on kling-v3")
    assert "multi_prompt" not in studio.prepared.payload
    assert studio.controls["multi_shot"] == {
        "enabled": False,
        "reason": "kling-v2-6 does not make multi-shot videos; kling-v3 does",
    }
    studio.params = {**studio.params, **V3}
    assert len(studio.prepared.payload["multi_prompt"]) == 3
    assert studio.controls["multi_shot"]["enabled"]


def test_elements_are_offered_on_v3_only_and_kept_elsewhere(studio):
    studio.params = {**studio.params, **V3, "element_list": [{"element_id": "el-7"}]}
    assert studio.prepared.payload["element_list"] == [{"element_id": "el-7"}]
    studio.params = {**studio.params, "model_name": "kling-v1", "duration": "5"}
    assert "element_list" not in studio.prepared.payload
    kept = [p for p in studio.problems if p["field"] == "element_list"]
    assert "the elements: kept, not sent with kling-v1" in kept[0]["rule"]
    assert studio.controls["element_list"]["reason"].startswith("kling-v1 does not take elements")


def test_the_estimate_prices_a_v3_multi_shot_video_by_its_seconds_and_sound(studio):
    rates = MODELS["kling-v3"].units_per_second
    multi_shot(studio)
    assert studio.units == pytest.approx(rates["std"] * 7)
    studio.params = {**studio.params, "sound": "on", "voice_list": [{"voice_id": "v-1"}]}
    assert studio.units == pytest.approx(rates["std+audio"] * 7)
    studio.params = {**studio.params, "mode": "pro", "duration": "12"}
    assert studio.units == pytest.approx(rates["pro+audio"] * 12)


def test_to_code_rebuilds_shots_voices_and_elements(studio, tmp_path):
    voiced = [{**SHOTS[0], "prompt": "the boat leaves <<<voice_1>>>"}, *SHOTS[1:]]
    multi_shot(studio, sound="on", voice_list=[{"voice_id": "v-1"}], multi_prompt=voiced)
    code = studio.to_code(tmp_path / "assets")
    assert "multi_prompt" in code and "voice_list" in code
    request_part = code.split("result = ", 1)[0]
    scope: dict[str, object] = {}
    exec(compile(request_part, "to_code", "exec"), scope)  # the snippet as a person runs it
    rebuilt = scope["request"]
    original = studio.request
    fields = ("multi_shot", "shot_type", "multi_prompt", "voice_list", "sound", "duration")
    assert {f: getattr(rebuilt, f) for f in fields} == {f: getattr(original, f) for f in fields}
    studio.params = {**studio.params, "voice_list": [], "element_list": [{"element_id": "e-1"}]}
    assert "element_list=[{'element_id': 'e-1'}]" in studio.to_code(tmp_path / "more")


def test_the_catalogue_says_what_each_provider_documents():
    comet = catalogue(DOCUMENTED["cometapi"], strict=False)
    assert comet["provider"] == "CometAPI" and comet["strict"] is False
    assert comet["documented"]["image2video"]["durations"] == ["5", "10"]
    assert "multi_prompt" in comet["documented"]["image2video"]["undocumented"]
    assert (comet["prompt_limit"], comet["negative_prompt_limit"]) == (500, 200)
    kling = catalogue(DOCUMENTED["kling"])
    assert kling["documented"]["image2video"] == {"durations": None, "undocumented": []}
    v3 = next(m for m in kling["models"] if m["name"] == "kling-v3")
    assert v3["durations"] == [str(s) for s in range(3, 16)] and v3["multi_shot"]
    assert (kling["max_shots"], kling["max_shot_prompt"], kling["max_voices"]) == (6, 512, 2)


@pytest.mark.parametrize("strict", [True, False])
def test_what_cometapi_does_not_document_is_refused_or_said_as_sent(
    fast_emulator, tmp_path, landscape_jpeg, strict
):
    import dataclasses

    from kling_studio import Provider

    base = emulator_connection(fast_emulator)
    comet = dataclasses.replace(
        base,
        provider=Provider.custom(base.provider.base_url, base.provider.auth, limits="cometapi"),
    )
    client = AsyncKlingClient(connection=comet, strict=strict)
    widget = Studio(image=landscape_jpeg, client=client, output_dir=tmp_path / "out", prompt="x")
    try:
        widget.params = {**widget.params, **V3, "sound": "on"}
        found = {p["field"]: p for p in widget.problems}
        assert widget.catalogue["provider"] == "CometAPI" and widget.catalogue["strict"] is strict
        if strict:
            assert found["sound"]["severity"] == "capability"
            assert "sent as is only with strict=False" in found["sound"]["rule"]
            assert "CometAPI" in found["duration"]["rule"] and "5, 10" in found["duration"]["rule"]
        else:
            assert found["sound"]["severity"] == "warning"
            assert found["sound"]["rule"] == "not documented on CometAPI — sent as is"
            assert widget.prepared.payload["sound"] == "on"
            assert widget.prepared.payload["duration"] == "7"
    finally:
        widget.close()


def test_a_multi_shot_run_is_titled_by_its_shots_not_the_ignored_prompt(studio):
    from kling_studio.widgets.history import run_prompt

    multi_shot(studio)
    title = run_prompt(studio.prepared.summary)
    assert title == "3 shots: " + " / ".join(s["prompt"] for s in SHOTS)
    multi_shot(studio, "intelligence")
    assert run_prompt(studio.prepared.summary) == "a boat"  # the prompt the model splits
