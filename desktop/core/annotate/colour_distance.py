"""How far apart two colours look: sRGB -> CIELAB (D65) and the CIEDE2000 difference.

Used by the tests that keep colour a code that holds (no mark looks like a side). The
formula follows Sharma, Wu & Dalal, "The CIEDE2000 color-difference formula: implementation
notes, supplementary test data, and mathematical observations" (Color Res. Appl. 30, 2005).
"""

from __future__ import annotations

import math

Lab = tuple[float, float, float]

_WHITE = (0.95047, 1.0, 1.08883)  # D65, Y = 1


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _f(t: float) -> float:
    return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29


def hex_to_lab(colour: str) -> Lab:
    """``#RRGGBB`` (sRGB) as CIELAB under D65."""
    text = colour.lstrip("#")
    r, g, b = (_linear(int(text[i : i + 2], 16) / 255) for i in (0, 2, 4))
    x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b
    fx, fy, fz = (_f(v / w) for v, w in zip((x, y, z), _WHITE, strict=True))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def _hue(b: float, a: float) -> float:
    return 0.0 if a == 0 and b == 0 else math.degrees(math.atan2(b, a)) % 360


def _mean_hue(h1: float, h2: float, c1: float, c2: float) -> float:
    if c1 * c2 == 0:
        return h1 + h2
    if abs(h1 - h2) <= 180:
        return (h1 + h2) / 2
    return (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2


def _hue_difference(h1: float, h2: float, c1: float, c2: float) -> float:
    if c1 * c2 == 0:
        return 0.0
    dh = h2 - h1
    if dh > 180:
        dh -= 360
    elif dh < -180:
        dh += 360
    return dh


def delta_e_2000(lab1: Lab, lab2: Lab) -> float:
    """The CIEDE2000 difference of two CIELAB colours (kL = kC = kH = 1)."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p, h2p = _hue(b1, a1p), _hue(b2, a2p)
    dl = l2 - l1
    dc = c2p - c1p
    dh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(_hue_difference(h1p, h2p, c1p, c2p)) / 2)
    l_mean = (l1 + l2) / 2
    cp_mean = (c1p + c2p) / 2
    hp_mean = _mean_hue(h1p, h2p, c1p, c2p)
    t = (
        1
        - 0.17 * math.cos(math.radians(hp_mean - 30))
        + 0.24 * math.cos(math.radians(2 * hp_mean))
        + 0.32 * math.cos(math.radians(3 * hp_mean + 6))
        - 0.20 * math.cos(math.radians(4 * hp_mean - 63))
    )
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    rotation = 30 * math.exp(-(((hp_mean - 275) / 25) ** 2))
    r_t = -2 * math.sqrt(cp_mean**7 / (cp_mean**7 + 25**7)) * math.sin(math.radians(2 * rotation))
    return math.sqrt((dl / s_l) ** 2 + (dc / s_c) ** 2 + (dh / s_h) ** 2 + r_t * (dc / s_c) * (dh / s_h))


def distance(colour1: str, colour2: str) -> float:
    """The CIEDE2000 difference of two ``#RRGGBB`` colours."""
    return delta_e_2000(hex_to_lab(colour1), hex_to_lab(colour2))


__all__ = ["Lab", "delta_e_2000", "distance", "hex_to_lab"]
