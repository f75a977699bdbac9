"""Kling's capability map, price list and documented limits as data.

One table answers every "can this model do that?" question, for the client's validation, the
emulator's own checks and (later) the widget's disabled controls. Rows for kling-v1 … kling-v2-6
come from the official capability map; kling-v3 rows come from secondary sources and say so in
``ModelSpec.confidence``. See ``../shared/kling-api.md`` §4 and §6.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final


class Feature(StrEnum):
    """A capability that the map switches on per model × mode × duration."""

    START_END_FRAME = "start and end frame (image + image_tail)"
    TAIL_FRAME_ONLY = "end frame only (image_tail without image)"
    MOTION_BRUSH = "motion brush (static_mask / dynamic_masks)"
    CAMERA_CONTROL = "camera_control"
    SOUND = "sound"
    VOICE = "voice_list"


Slot = tuple[str, str]
"""A (mode, duration) pair, e.g. ``("pro", "5")``."""

STD_PRO: Final = ("std", "pro")
FIVE_TEN: Final = ("5", "10")
V3_DURATIONS: Final = tuple(str(s) for s in range(3, 16))


def slots(modes: tuple[str, ...], durations: tuple[str, ...]) -> frozenset[Slot]:
    """Every (mode, duration) pair of the given modes and durations."""
    return frozenset((m, d) for m in modes for d in durations)


@dataclass(frozen=True)
class ModelSpec:
    """What one image2video model accepts, renders and costs."""

    name: str
    durations: tuple[str, ...]
    fps: int
    height: Mapping[str, int]
    """Output height (short side) per mode: 720 or 1080."""
    features: Mapping[Feature, frozenset[Slot]]
    units: Mapping[Slot, float]
    """Units charged per clip (per-clip models); empty for per-second models."""
    units_per_second: Mapping[str, float] = field(default_factory=dict)
    """Units per second by mode (``"std"``, ``"std+audio"``, …) for per-second models."""
    sound_units: Mapping[Slot, float] = field(default_factory=dict)
    """Units per clip when sound is on (``sound_units``) or voices are used (``voice_units``)."""
    voice_units: Mapping[Slot, float] = field(default_factory=dict)
    cfg_scale: bool = True
    camera_types: tuple[str, ...] = ()
    silent_with_tail: bool = False
    """Start+end frame videos of this model cannot have sound."""
    multi_shot: bool = False
    element_list: bool = False
    single_tier: bool = False
    """Master models have one quality tier; ``mode`` is accepted but changes nothing."""
    expected_seconds: float = 120.0
    """Typical generation time of a 5 s std clip, for polling schedules and ETAs."""
    confidence: str = "official capability map"

    @property
    def modes(self) -> tuple[str, ...]:
        return STD_PRO

    def supports(self, feature: Feature, mode: str, duration: str) -> bool:
        return (mode, duration) in self.features.get(feature, frozenset())

    def slots_for(self, feature: Feature) -> frozenset[Slot]:
        return self.features.get(feature, frozenset())


def _per_clip(std5: float, pro5: float) -> dict[Slot, float]:
    """Per-clip prices: 10 s costs twice 5 s."""
    five = {"std": std5, "pro": pro5}
    return {(mode, d): five[mode] * int(d) / 5 for mode in STD_PRO for d in FIVE_TEN}


SIMPLE_CAMERA: Final = ("simple",)
CAMERA_PRESETS: Final = ("down_back", "forward_up", "right_turn_forward", "left_turn_forward")
CAMERA_TYPES: Final = (*SIMPLE_CAMERA, *CAMERA_PRESETS)
CAMERA_AXES: Final = ("horizontal", "vertical", "pan", "tilt", "roll", "zoom")
CAMERA_AXIS_LIMIT: Final = 10.0

PRO_5_10: Final = slots(("pro",), FIVE_TEN)
ALL_5_10: Final = slots(STD_PRO, FIVE_TEN)

MODELS: Final[Mapping[str, ModelSpec]] = {
    spec.name: spec
    for spec in (
        ModelSpec(
            name="kling-v1",
            durations=FIVE_TEN,
            fps=30,
            height={"std": 720, "pro": 720},
            features={
                Feature.START_END_FRAME: slots(STD_PRO, ("5",)),
                Feature.MOTION_BRUSH: slots(STD_PRO, ("5",)),
            },
            units=_per_clip(1, 3.5),
            expected_seconds=150,
        ),
        ModelSpec(
            name="kling-v1-5",
            durations=FIVE_TEN,
            fps=30,
            height={"std": 720, "pro": 1080},
            features={
                Feature.START_END_FRAME: PRO_5_10,
                Feature.TAIL_FRAME_ONLY: PRO_5_10,
                Feature.MOTION_BRUSH: slots(("pro",), ("5",)),
                Feature.CAMERA_CONTROL: slots(("pro",), ("5",)),
            },
            units=_per_clip(2, 3.5),
            camera_types=SIMPLE_CAMERA,
            expected_seconds=160,
        ),
        ModelSpec(
            name="kling-v1-6",
            durations=FIVE_TEN,
            fps=30,
            height={"std": 720, "pro": 1080},
            features={Feature.START_END_FRAME: PRO_5_10, Feature.TAIL_FRAME_ONLY: PRO_5_10},
            units=_per_clip(2, 3.5),
            expected_seconds=160,
        ),
        ModelSpec(
            name="kling-v2-master",
            durations=FIVE_TEN,
            fps=24,
            height={"std": 720, "pro": 720},
            features={},
            units=_per_clip(10, 10),
            cfg_scale=False,
            single_tier=True,
            expected_seconds=240,
        ),
        ModelSpec(
            name="kling-v2-1",
            durations=FIVE_TEN,
            fps=24,
            height={"std": 720, "pro": 1080},
            features={Feature.START_END_FRAME: PRO_5_10},
            units=_per_clip(2, 3.5),
            cfg_scale=False,
            expected_seconds=90,
        ),
        ModelSpec(
            name="kling-v2-1-master",
            durations=FIVE_TEN,
            fps=24,
            height={"std": 1080, "pro": 1080},
            features={},
            units=_per_clip(10, 10),
            cfg_scale=False,
            single_tier=True,
            expected_seconds=240,
        ),
        ModelSpec(
            name="kling-v2-5-turbo",
            durations=FIVE_TEN,
            fps=24,
            height={"std": 720, "pro": 1080},
            features={Feature.START_END_FRAME: PRO_5_10},
            units=_per_clip(1.5, 2.5),
            cfg_scale=False,
            expected_seconds=45,
        ),
        ModelSpec(
            name="kling-v2-6",
            durations=FIVE_TEN,
            fps=24,
            height={"std": 720, "pro": 1080},
            features={
                Feature.START_END_FRAME: PRO_5_10,
                Feature.SOUND: PRO_5_10,
                Feature.VOICE: PRO_5_10,
            },
            units=_per_clip(1.5, 2.5),
            sound_units={("pro", "5"): 5, ("pro", "10"): 10},
            voice_units={("pro", "5"): 6, ("pro", "10"): 12},
            cfg_scale=False,
            silent_with_tail=True,
            expected_seconds=90,
        ),
        ModelSpec(
            name="kling-v3",
            durations=V3_DURATIONS,
            fps=24,
            height={"std": 720, "pro": 1080},
            features={
                Feature.START_END_FRAME: slots(STD_PRO, V3_DURATIONS),
                Feature.SOUND: slots(STD_PRO, V3_DURATIONS),
                Feature.VOICE: slots(STD_PRO, V3_DURATIONS),
            },
            units={},
            units_per_second={"std": 0.6, "std+audio": 0.9, "pro": 0.8, "pro+audio": 1.2},
            cfg_scale=False,
            multi_shot=True,
            element_list=True,
            expected_seconds=120,
            confidence="secondary sources (official v3 map not read)",
        ),
    )
}

DEFAULT_MODEL: Final = "kling-v1"
"""What Kling runs when ``model_name`` is absent."""
DEFAULT_MODE: Final = "std"
"""What Kling runs when ``mode`` is absent."""
DEFAULT_DURATION: Final = "5"
"""What Kling makes when ``duration`` is absent (seconds, as the wire writes it)."""


@dataclass(frozen=True)
class MultiImageSpec:
    """multi-image2video: one model, 1–4 reference images, an output aspect ratio."""

    models: tuple[str, ...] = ("kling-v1-6",)
    min_images: int = 1
    """Kling's own page says "up to 4"; CometAPI's newest English page says 1–4 (its other
    locales, stale copies, say 2–4). The one value: rules, emulator and the Studio's catalogue
    all read it from here."""
    max_images: int = 4
    durations: tuple[str, ...] = FIVE_TEN
    aspect_ratios: tuple[str, ...] = ("16:9", "9:16", "1:1")
    default_aspect_ratio: str = "16:9"


MULTI_IMAGE: Final = MultiImageSpec()


@dataclass(frozen=True)
class ImageRules:
    """Documented input-image rules (shared by image, image_tail, masks and image_list)."""

    formats: tuple[str, ...] = ("JPEG", "PNG")
    max_bytes: int = 10 * 1024 * 1024
    min_side: int = 300
    min_aspect: float = 1 / 2.5
    max_aspect: float = 2.5


IMAGE_RULES: Final = ImageRules()


@dataclass(frozen=True)
class PromptLimits:
    prompt: int
    negative_prompt: int


IMAGE2VIDEO: Final = "image2video"
MULTI_IMAGE2VIDEO: Final = "multi-image2video"


@dataclass(frozen=True)
class RouteDocs:
    """What one provider's page for one route documents. Beyond it a request is on its own:
    the rules refuse it (strict) or send it as is with a warning."""

    provider: str
    """How a person names the provider ("CometAPI", "Kling")."""
    route: str
    prompt_limits: PromptLimits
    durations: tuple[str, ...] | None
    """The durations the page lists; None: whatever the model's row says."""
    undocumented: frozenset[str]
    """Request fields the page does not document."""
    source: str


@dataclass(frozen=True)
class ProviderDocs:
    """A provider's documentation, route by route."""

    name: str
    routes: Mapping[str, RouteDocs]

    def route(self, route: str) -> RouteDocs:
        return self.routes[route]

    @property
    def prompt_limits(self) -> PromptLimits:
        """The image-to-video page's prompt limits (what the Studio's prompt boxes count to)."""
        return self.routes[IMAGE2VIDEO].prompt_limits


_KLING_LIMITS: Final = PromptLimits(prompt=2500, negative_prompt=2500)
_COMETAPI_LIMITS: Final = PromptLimits(prompt=500, negative_prompt=200)
_COMETAPI_SILENT_ON: Final = frozenset(
    {"sound", "voice_list", "multi_shot", "shot_type", "multi_prompt", "element_list"}
)
"""Fields CometAPI's image-to-video pages (every locale) say nothing of."""

DOCUMENTED: Final[Mapping[str, ProviderDocs]] = {
    "kling": ProviderDocs(
        "Kling",
        {
            route: RouteDocs("Kling", route, _KLING_LIMITS, None, frozenset(), "Kling API docs")
            for route in (IMAGE2VIDEO, MULTI_IMAGE2VIDEO)
        },
    ),
    "cometapi": ProviderDocs(
        "CometAPI",
        {
            IMAGE2VIDEO: RouteDocs(
                "CometAPI",
                IMAGE2VIDEO,
                _COMETAPI_LIMITS,
                FIVE_TEN,
                _COMETAPI_SILENT_ON,
                "CometAPI /kling/v1/videos/image2video page",
            ),
            MULTI_IMAGE2VIDEO: RouteDocs(
                "CometAPI",
                MULTI_IMAGE2VIDEO,
                _COMETAPI_LIMITS,
                FIVE_TEN,
                frozenset(),
                "CometAPI /kling/v1/videos/multi-image2video page",
            ),
        },
    ),
}
"""Per provider kind and route, what its documentation says (kling-api.md §5, §11)."""

PROMPT_LIMITS: Final[Mapping[str, PromptLimits]] = {
    kind: docs.prompt_limits for kind, docs in DOCUMENTED.items()
}
"""Per provider: CometAPI's pages cap I2V prompts at 500/200, Kling's docs at 2500/2500."""


@dataclass(frozen=True)
class ListLimits:
    """Numeric limits on list-valued and scalar fields."""

    max_dynamic_masks: int = 6
    min_trajectory_points: int = 2
    max_trajectory_points: int = 77
    max_voices: int = 2
    max_elements: int = 3
    min_shots: int = 1
    max_shots: int = 6
    max_shot_prompt: int = 512
    min_shot_seconds: int = 1
    cfg_scale_min: float = 0.0
    cfg_scale_max: float = 1.0
    cfg_scale_default: float = 0.5
    """What Kling uses when ``cfg_scale`` is absent."""
    max_page_size: int = 500
    max_page_num: int = 1000


LIMITS: Final = ListLimits()

MODES: Final = STD_PRO
SOUND_VALUES: Final = ("on", "off")
SHOT_TYPES: Final = ("customize", "intelligence")


def model_spec(name: str | None) -> ModelSpec | None:
    """The spec of ``name`` (Kling's default model when None), or None for an unknown model."""
    return MODELS.get(name or DEFAULT_MODEL)


def estimate_units(
    model: str | None, mode: str, duration: str, *, sound: bool = False, voice: bool = False
) -> float | None:
    """Units the price table charges for one clip, or None where the table has no price."""
    spec = model_spec(model)
    if spec is None:
        return None
    if spec.units_per_second:
        rate = spec.units_per_second.get(f"{mode}+audio" if sound or voice else mode)
        return None if rate is None else round(rate * int(duration), 2)
    slot = (mode, duration)
    table = spec.voice_units if voice else spec.sound_units if sound else spec.units
    return table.get(slot)


def expected_generation_seconds(model: str | None, mode: str, duration: str) -> float:
    """A typical wall-clock generation time, used to shape polling and show an ETA."""
    spec = model_spec(model)
    base = spec.expected_seconds if spec else 120.0
    pro = 1.5 if mode == "pro" else 1.0
    seconds = int(duration) if duration.isdigit() else 5
    return base * pro * (0.6 + 0.4 * seconds / 5)


def input_long_side(model: str | None, mode: str) -> int:
    """The long side of the video this model and mode render (1280 for 720p, 1920 for 1080p).

    Input pictures are capped there: pixels beyond the output resolution only cost upload time.
    """
    spec = model_spec(model)
    height = spec.height.get(mode, 1080) if spec else 1080
    return round(height * 16 / 9)
