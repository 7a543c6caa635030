"""Short tones for the timer, made here as WAV bytes (no sound files to ship or fetch)."""

from __future__ import annotations

import io
import math
import struct
import wave
from functools import cache

__all__ = ["TONES", "tone_wav"]

RATE = 22050

# The cue for each moment: (frequencies played one after the other, seconds each).
TONES = {
    "phase": ((880.0,), 0.18),
    "countdown": ((660.0,), 0.08),
    "halfway": ((740.0, 740.0), 0.06),
    "finished": ((660.0, 880.0, 1175.0), 0.16),
}


@cache
def tone_wav(kind: str) -> bytes:
    """A mono 16-bit WAV of the tone for ``kind``, faded in and out so it does not click.

    Examples
    --------
    >>> tone_wav("phase")[:4]
    b'RIFF'
    """
    frequencies, seconds = TONES[kind]
    frames = bytearray()
    count = int(RATE * seconds)
    fade = int(RATE * 0.01)
    for frequency in frequencies:
        for n in range(count):
            envelope = min(1.0, n / fade, (count - n) / fade)
            sample = 0.4 * envelope * math.sin(2 * math.pi * frequency * n / RATE)
            frames += struct.pack("<h", int(sample * 32767))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(frames))
    return buffer.getvalue()
