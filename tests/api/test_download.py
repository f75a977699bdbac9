"""Downloads are atomic: a broken transfer leaves no file under the final name, and no debris."""

from __future__ import annotations

import httpx
import pytest

from kling_studio.api.download import fetch_to_file, safe_stem
from kling_studio.api.errors import TransportError

VIDEO = b"\x00\x00\x00\x18ftypmp42" + bytes(4000)


async def cdn(scope, receive, send):
    """A tiny CDN: /whole sends the file, /short promises more bytes than it sends."""
    assert scope["type"] == "http"
    promised = len(VIDEO) * (2 if scope["path"] == "/short" else 1)
    status = 404 if scope["path"] == "/missing" else 200
    headers = [(b"content-length", str(promised).encode()), (b"content-type", b"video/mp4")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": VIDEO})


@pytest.fixture
async def http():
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(cdn), base_url="http://cdn"
    ) as client:
        yield client


async def test_a_whole_file_arrives_under_its_name(http, tmp_path):
    target = tmp_path / "out" / "clip.mp4"
    assert await fetch_to_file(http, "http://cdn/whole", target) == target
    assert target.read_bytes() == VIDEO
    assert sorted(p.name for p in target.parent.iterdir()) == ["clip.mp4"]


async def test_an_existing_file_is_never_replaced(http, tmp_path):
    target = tmp_path / "clip.mp4"
    target.write_bytes(b"the user's own video")
    saved = await fetch_to_file(http, "http://cdn/whole", target)
    assert saved == tmp_path / "clip-2.mp4"
    assert target.read_bytes() == b"the user's own video"
    assert saved.read_bytes() == VIDEO
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clip-2.mp4", "clip.mp4"]


@pytest.mark.parametrize("path", ["/short", "/missing"])
async def test_a_broken_download_leaves_the_old_file_and_no_debris(http, tmp_path, path):
    target = tmp_path / "clip.mp4"
    target.write_bytes(b"the earlier, complete video")
    with pytest.raises(TransportError):
        await fetch_to_file(http, f"http://cdn{path}", target)
    assert target.read_bytes() == b"the earlier, complete video"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clip.mp4"]


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("../../etc/passwd", "etc_passwd"),
        ("my run #1", "my_run_1"),
        ("...", "task"),
        ("a/b\\c", "a_b_c"),
    ],
)
def test_file_names_are_safe(name, stem):
    assert safe_stem(name) == stem
