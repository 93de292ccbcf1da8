"""The record serializer of the cache: a record as a tree of tuples, and back.

A record is kept as a tree of tuples, ``(class number, fields-set bits, value, value…)``
per model, rather than as pickled models: pickle calls pydantic's ``__getstate__`` and
``__setstate__`` in Python for every nested model; the tree takes about two thirds of
the time to keep, half to load, and a fifth less room. The record it gives back has the same
classes, ``__dict__``, fields set, extra and private values as the one kept (a test
checks). Anything unexpected (a model this table does not know, extra or private
values, a tuple among the values) is kept as a plain pickle instead.
"""

from __future__ import annotations

import functools
import pickle
from typing import Any, NamedTuple

from pydantic import BaseModel

from ..structure.record import Collective, Initiative


class _Model(NamedTuple):
    """How the tuple form writes one model: its class, field names, which fields may hold models."""

    cls: type
    names: tuple[str, ...]
    nested: tuple[int, ...]
    bits: dict[str, int]  #: field name → its bit in the fields-set bits
    sets: dict[int, frozenset[str]]  #: fields-set bits → names, as met


@functools.lru_cache(maxsize=1)
def _models() -> tuple[list[_Model], dict[type, int]]:
    """Every model a record is made of, numbered; found from the two record models' annotations."""
    from ..validation import models_in

    table: list[_Model] = []
    numbers: dict[type, int] = {}
    pending: list[type] = [Initiative, Collective]
    while pending:
        model: Any = pending.pop(0)
        if model in numbers:
            continue
        names = tuple(model.model_fields)
        nested = []
        for index, name in enumerate(names):
            inner = models_in(model.model_fields[name].annotation)
            if inner:
                nested.append(index)
                pending.extend(inner)
        numbers[model] = len(table)
        table.append(_Model(model, names, tuple(nested), {name: 1 << i for i, name in enumerate(names)}, {}))
    return table, numbers


class _Uncommon(Exception):
    """A record the tuple form does not cover: it is pickled as it is."""


def _tree(model: Any, table: list[_Model], numbers: dict[type, int]) -> tuple[Any, ...]:
    number = numbers.get(model.__class__)
    if number is None or model.__pydantic_extra__ is not None or model.__pydantic_private__ is not None:
        raise _Uncommon
    known = table[number]
    state = model.__dict__
    if tuple(state) != known.names:
        raise _Uncommon
    try:
        bits = sum(map(known.bits.__getitem__, model.__pydantic_fields_set__))
    except (KeyError, TypeError):
        raise _Uncommon from None
    values = [number, bits, *state.values()]
    for index in known.nested:
        value = values[index + 2]
        if value.__class__ is list:
            if value:
                values[index + 2] = [_tree(item, table, numbers) if item.__class__ in numbers else item
                                     for item in value]
                if tuple in map(type, value):
                    raise _Uncommon
        elif value.__class__ in numbers:
            values[index + 2] = _tree(value, table, numbers)
        elif value.__class__ is tuple:
            raise _Uncommon
    return tuple(values)


def dump_record(record: Any) -> bytes:
    """The record as the cache keeps it (``load_record`` gives it back)."""
    table, numbers = _models()
    try:
        tree: Any = _tree(record, table, numbers)
    except _Uncommon:
        tree = record
    return pickle.dumps(tree, protocol=pickle.HIGHEST_PROTOCOL)


_set_fields = BaseModel.__pydantic_fields_set__.__set__  # type: ignore[attr-defined]
_set_extra = BaseModel.__pydantic_extra__.__set__  # type: ignore[attr-defined]
_set_private = BaseModel.__pydantic_private__.__set__  # type: ignore[attr-defined]


def _grow(tree: tuple[Any, ...], table: list[_Model]) -> Any:
    known = table[tree[0]]
    values = tree[2:]
    if known.nested:
        values = list(values)
        for index in known.nested:
            value = values[index]
            if value.__class__ is tuple:
                values[index] = _grow(value, table)
            elif value.__class__ is list and value:
                values[index] = [_grow(item, table) if item.__class__ is tuple else item for item in value]
    bits = tree[1]
    names = known.sets.get(bits)
    if names is None:
        names = known.sets[bits] = frozenset(name for name in known.names if bits & known.bits[name])
    made = known.cls.__new__(known.cls)
    _set_fields(made, set(names))
    _set_extra(made, None)
    _set_private(made, None)
    object.__setattr__(made, "__dict__", dict(zip(known.names, values)))
    return made


def load_record(blob: bytes) -> Any:
    """The record ``dump_record`` kept."""
    tree = pickle.loads(blob)
    return _grow(tree, _models()[0]) if tree.__class__ is tuple else tree
