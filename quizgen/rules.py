"""The small rules that Python and the browser runtime (assets/runtime/core.js)
apply alike: how typed answers are compared, how points are shown, and the
tolerance of the pass rule. tests/vectors/ holds the cases both must agree on.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

# The same characters as the runtime's WHITESPACE: JavaScript's \s and
# Python's \s differ, so both name the set explicitly.
_WS = "[ \t\n\r\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
_EDGES = re.compile(f"^{_WS}+|{_WS}+$")
_INNER = re.compile(f"{_WS}+")

# Rounding tolerance: 80.0 computed as 79.99999999999999 still passes 80.
EPSILON = 1e-9


def normalise(text: str) -> str:
    """Unicode NFC, surrounding white space dropped, inner runs made one space, lower case."""
    text = unicodedata.normalize("NFC", text)
    return _INNER.sub(" ", _EDGES.sub("", text)).lower()


def format_points(value: float) -> str:
    """Up to two decimals, halves rounded up, no trailing zeros: 2, 0.67, 1.5."""
    rounded = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = format(rounded, "f").rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def floor_percent(percent: float) -> int:
    """The percentage shown: rounded down, so 79.5% shows as 79%."""
    return math.floor(percent + EPSILON)


def reaches(percent: float, pass_mark: float) -> bool:
    return percent + EPSILON >= pass_mark
