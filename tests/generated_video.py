"""A small video file made in the test: Motion-JPEG frames (Pillow) in an AVI container written
here, which Qt Multimedia's FFmpeg backend decodes (its LGPL build has no H.264 encoder, and
nothing is downloaded). The frames show a bright square moving over a dark background, so
every frame differs from the one before.

``python tests/generated_video.py OUT.avi`` writes one.
"""

from __future__ import annotations

import io
import struct
import sys
from pathlib import Path

import numpy as np
from PIL import Image


def moving_square_frames(count: int = 48, size: tuple[int, int] = (96, 128),
                         side: int = 28) -> list[np.ndarray]:
    """``count`` RGB frames ``(H, W, 3)`` uint8: a white square stepping left to right (and
    down) over black, a new place every frame."""
    height, width = size
    frames = []
    for i in range(count):
        frame = np.zeros((height, width, 3), np.uint8)
        x = (i * 7) % (width - side)
        y = (i * 3) % (height - side)
        frame[y:y + side, x:x + side] = 255
        frames.append(frame)
    return frames


def _chunk(fourcc: bytes, data: bytes) -> bytes:
    padded = data + (b"\0" if len(data) % 2 else b"")
    return fourcc + struct.pack("<I", len(data)) + padded


def _list(kind: bytes, body: bytes) -> bytes:
    return b"LIST" + struct.pack("<I", len(body) + 4) + kind + body


def write_mjpeg_avi(path: str | Path, frames: list[np.ndarray], fps: int = 12,
                    quality: int = 90) -> Path:
    """Write ``frames`` (equal-sized RGB uint8) as a Motion-JPEG AVI at ``fps`` frames/s."""
    height, width = frames[0].shape[:2]
    jpegs = []
    for frame in frames:
        buffer = io.BytesIO()
        Image.fromarray(frame).save(buffer, "JPEG", quality=quality)
        jpegs.append(buffer.getvalue())
    biggest = max(len(j) for j in jpegs)
    avih = struct.pack("<IIIIIIIIII4I", 1_000_000 // fps, biggest * fps, 0, 0x10, len(frames),
                       0, 1, biggest, width, height, 0, 0, 0, 0)
    strh = struct.pack("<4s4sIHHIIIIIIiI4h", b"vids", b"MJPG", 0, 0, 0, 0, 1, fps, 0,
                       len(frames), biggest, -1, 0, 0, 0, width, height)
    strf = struct.pack("<IiiHH4sIiiII", 40, width, height, 1, 24, b"MJPG", width * height * 3,
                       0, 0, 0, 0)
    header = _list(b"hdrl", _chunk(b"avih", avih) +
                   _list(b"strl", _chunk(b"strh", strh) + _chunk(b"strf", strf)))
    movi, index, offset = b"", b"", 4
    for jpeg in jpegs:
        chunk = _chunk(b"00dc", jpeg)
        index += b"00dc" + struct.pack("<III", 0x10, offset, len(jpeg))
        movi += chunk
        offset += len(chunk)
    body = b"AVI " + header + _list(b"movi", movi) + _chunk(b"idx1", index)
    path = Path(path)
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


if __name__ == "__main__":
    out = write_mjpeg_avi(sys.argv[1] if len(sys.argv) > 1 else "moving_square.avi",
                          moving_square_frames())
    print(out)
