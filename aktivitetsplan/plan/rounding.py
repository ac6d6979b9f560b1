"""One rounding rule for every figure a person reads: half up (28.5 → 29, 12.25 → 12.3).

Python's `round()` and babel round half to even (28.5 → 28), so the same share could
read 28 % in one place and 29 % in another. The report rounds its percentages and
amounts with `round_half_up`, and the formatter rounds what it shows with `half_up`,
so every format shows the report's one figure the same way (as Excel does on display).

A float is taken by its shortest repr, the number a person sees (`0.285` is 0.285, not
0.28499999999999998), then rounded in decimal. Ties go away from zero (-0.5 → -1), as
in Excel's ROUND; a result of zero is never negative.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def half_up(value: float | int | Decimal, digits: int = 0) -> Decimal:
    """`value` rounded half up to `digits` decimals, as an exact Decimal."""
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    else:
        number = Decimal(repr(float(value)))  # float(): numpy scalars repr as np.float64(…)
    if not number.is_finite():
        return number
    rounded = number.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return rounded if rounded else abs(rounded)  # -0.4 → 0, never "-0"


def round_half_up(value: float | int | Decimal, digits: int = 0) -> float:
    """`value` rounded half up to `digits` decimals, as a float: 28.5 → 29.0."""
    if value.__class__ is float and value.is_integer():  # most amounts: nothing to round
        return value + 0.0  # -0.0 → 0.0
    return float(half_up(value, digits))
