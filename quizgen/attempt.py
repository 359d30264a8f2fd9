"""An attempt at a self-check: which questions it shows, in what order, and
the order of each question's options, all decided by one 32-bit seed.

The browser runtime (assets/runtime/attempt.js) makes the same decisions
from the same seed; tests/vectors/attempts.json holds cases both must
reproduce exactly. The generator is mulberry32, small enough to mirror
bit for bit; every list gets a stream of its own, seeded from the attempt's
seed and the list's name (FNV-1a), so that one question's order does not
depend on which other questions the bank holds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .kinds.base import ShuffleList
from .model import Bank

_MASK = 0xFFFFFFFF


def _imul(a: int, b: int) -> int:
    return (a * b) & _MASK


def mulberry32(seed: int) -> Callable[[], float]:
    """A generator of floats in [0, 1), exactly as the runtime's."""
    state = seed & _MASK

    def next_float() -> float:
        nonlocal state
        state = (state + 0x6D2B79F5) & _MASK
        t = _imul(state ^ (state >> 15), state | 1)
        t = ((t + _imul(t ^ (t >> 7), t | 61)) & _MASK) ^ t
        return ((t ^ (t >> 14)) & _MASK) / 4294967296

    return next_float


def fnv1a(text: str) -> int:
    """32-bit FNV-1a over the text's UTF-16 code units (what JavaScript's charCodeAt gives)."""
    value = 0x811C9DC5
    data = text.encode("utf-16-le")
    for i in range(0, len(data), 2):
        value = _imul(value ^ (data[i] | data[i + 1] << 8), 0x01000193)
    return value


def stream(seed: int, name: str) -> Callable[[], float]:
    return mulberry32((seed ^ fnv1a(name)) & _MASK)


def shuffled(size: int, random: Callable[[], float], fixed: Sequence[int] = (), derange: bool = False) -> list[int]:
    """A permutation of range(size): Fisher-Yates over the places not fixed.

    With ``derange``, an order equal to the written one is turned by one
    place, so that the written order is never shown.
    """
    movable = [i for i in range(size) if i not in fixed]
    for i in range(len(movable) - 1, 0, -1):
        j = int(random() * (i + 1))
        movable[i], movable[j] = movable[j], movable[i]
    if derange and len(movable) > 1 and movable == sorted(movable):
        movable = movable[1:] + movable[:1]
    order, rest = [], iter(movable)
    for i in range(size):
        order.append(i if i in fixed else next(rest))
    return order


@dataclass(frozen=True)
class Plan:
    """What one attempt shows: question ids in order, and each shuffled list's order (by question, by list)."""

    questions: list[str]
    orders: dict[str, dict[str, list[int]]]

    def data(self) -> dict[str, Any]:
        return {"questions": self.questions, "orders": self.orders}


@dataclass(frozen=True)
class Group:
    """A run of ``size`` consecutive questions of the bank (one lesson's, say), of which
    each attempt draws ``draw``, from a stream of the group's own."""

    name: str
    size: int
    draw: int

    def data(self) -> dict[str, Any]:
        return {"name": self.name, "size": self.size, "draw": self.draw}


def plan(bank: Bank, seed: int, groups: Sequence[Group] = ()) -> Plan:
    """The questions an attempt with ``seed`` shows, their order, and the order of their options.

    With ``groups`` (the bank's questions laid out group after group), each
    group's draw takes the place of the bank's.
    """
    indices = list(range(len(bank.questions)))
    if groups:
        total = sum(group.size for group in groups)
        if total != len(indices):
            raise ValueError(f"the groups' sizes add up to {total}, but the bank has {len(indices)} questions")
        drawn: list[int] = []
        start = 0
        for group in groups:
            picked = shuffled(group.size, stream(seed, "draw/" + group.name))[: group.draw]
            drawn += [start + i for i in picked]
            start += group.size
        if bank.shuffle:
            drawn = [drawn[i] for i in shuffled(len(drawn), stream(seed, "order"))]
        indices = drawn if bank.shuffle else sorted(drawn)
    elif bank.draw is not None:
        drawn = shuffled(len(indices), stream(seed, "draw"))[: bank.draw]
        indices = drawn if bank.shuffle else sorted(drawn)
    elif bank.shuffle:
        indices = shuffled(len(indices), stream(seed, "order"))
    questions = [bank.questions[i] for i in indices]
    orders = {
        q.id: {lst.key: shuffled(lst.size, stream(seed, f"{q.id}/{lst.key}"), lst.fixed, lst.derange) for lst in lists}
        for q in questions
        if (lists := q.shuffle_lists(bank.shuffles_options(q)))
    }
    return Plan([q.id for q in questions], orders)


def shuffle_lists(bank: Bank) -> dict[str, list[ShuffleList]]:
    """Each question's shuffled lists, as the page's data gives them to the runtime."""
    return {q.id: lists for q in bank.questions if (lists := q.shuffle_lists(bank.shuffles_options(q)))}
