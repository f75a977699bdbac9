"""One clip's sound in the exported grid: its first audio track, copied packet for packet when
MP4 takes it as it is (AAC), else decoded and encoded to AAC, muxed as the grid's video goes so
the file interleaves. It keeps its clip's timing (from the clip's first picture); a track
shorter than the grid just ends, one longer is cut at the grid's end.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import Final

import av

COPIED: Final = frozenset({"aac"})
"""Audio codecs an MP4 grid carries as they are; any other is encoded to AAC."""
AAC_RATES: Final = (96_000, 88_200, 64_000, 48_000, 44_100, 32_000, 24_000, 22_050, 16_000)
"""Sample rates FFmpeg's AAC encoder takes; another is resampled to the nearest above it."""


class Soundtrack:
    """The chosen clip's sound, added to ``output`` before its first packet is muxed."""

    def __init__(self, output: av.container.OutputContainer, path: Path) -> None:
        self._output = output
        self._input = av.open(str(path))
        source = self._input.streams.audio[0]
        video = self._input.streams.video[0]
        start = video.start_time or 0
        self._start = float(start * video.time_base) if video.time_base else 0.0
        self.copied = source.codec_context.name in COPIED
        self._items: Iterator[tuple[float, av.Packet[av.AudioStream] | av.AudioFrame]]
        if self.copied:
            self._stream: av.AudioStream = output.add_stream_from_template(source)
            self._items = self._packets(source)
        else:
            rate = min((r for r in AAC_RATES if r >= source.rate), default=AAC_RATES[0])
            self._stream = output.add_stream("aac", rate=rate)
            self._stream.layout = source.layout.name if source.layout.nb_channels <= 2 else "stereo"
            self._items = self._frames(source)
        self._next: tuple[float, av.Packet[av.AudioStream] | av.AudioFrame] | None = next(
            self._items, None
        )

    def _packets(self, source: av.AudioStream) -> Iterator[tuple[float, av.Packet[av.AudioStream]]]:
        for packet in self._input.demux(source):
            if packet.dts is None or packet.pts is None or packet.time_base is None:
                continue  # the demuxer's flush packet
            yield float(packet.pts * packet.time_base) - self._start, packet

    def _frames(self, source: av.AudioStream) -> Iterator[tuple[float, av.AudioFrame]]:
        for frame in self._input.decode(source):
            if frame.pts is None or frame.time_base is None:
                continue
            yield float(frame.pts * frame.time_base) - self._start, frame

    def until(self, seconds: float) -> None:
        """Mux the sound that starts before ``seconds`` of the grid."""
        while self._next is not None and self._next[0] < seconds:
            at, item = self._next
            self._mux(at, item)
            self._next = next(self._items, None)

    def _mux(self, at: float, item: av.Packet[av.AudioStream] | av.AudioFrame) -> None:
        if isinstance(item, av.Packet):
            shift = round(self._start / item.time_base) if item.time_base else 0
            if item.pts is not None and item.dts is not None:
                item.pts, item.dts = item.pts - shift, item.dts - shift
            item.stream = self._stream
            self._output.mux(item)
            return
        if at < 0:
            return  # sound from before the clip's first picture is not the grid's
        item.pts = round(at * item.sample_rate)
        item.time_base = Fraction(1, item.sample_rate)
        self._output.mux(self._stream.encode(item))

    def finish(self, seconds: float) -> None:
        """Mux the rest that starts before the grid's end, and flush the encoder."""
        self.until(seconds)
        if not self.copied:
            self._output.mux(self._stream.encode(None))
        self._input.close()

    def close(self) -> None:
        self._input.close()
