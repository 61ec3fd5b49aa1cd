"""What the readers pass each other: a quantity as read (``Q``), a figure as found (``Fig``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass
class Q:
    """A quantity read at some position: digits or words, with their sign and scale."""

    start: int
    end: int
    value: Decimal
    short: Decimal | None = None  # short-scale reading when a long-scale word was used
    scale: str | None = None  # scale word or abbreviation used
    scale_flags: dict[str, Any] | None = None
    spelled: bool = False
    bare_one: bool = False
    plain_int: bool = False  # digits only: candidate year
    split: bool = False  # piece of an identifier such as an IP address
    digits_end: int = 0
    mult: Decimal | None = None  # what a scale word or abbreviation multiplied the digits by


@dataclass
class Fig:
    """A figure found in the text, before its label and notes are attached."""

    start: int
    end: int
    kind: str
    value: Decimal | None
    unit: str | None = None
    currency: str | None = None
    notes: tuple[str, ...] = ()
    count_from: int | None = None  # where the counted noun starts
    mult: Decimal | None = None  # the scale applied to the written digits ("12,5 millions": 10^6)
    prefixed: bool = False  # the currency is written before the number ("$5", "USD 5")
    numbers: tuple[Q, ...] = field(default=())  # the quantities it was read from, as written
