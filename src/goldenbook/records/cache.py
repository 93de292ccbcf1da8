"""The cache of per-file outcomes: its files on disk (16 shards of outcomes and of
pickled records, and the lstat index), the stores of this process, and the keys."""

from __future__ import annotations

import hashlib
import os
import pickle
import zlib
from pathlib import Path
from typing import Any

from ..cachedir import cache_root
from ..files import write_atomically
from ..fingerprint import validator_version
from ..validation import Context
from .examining import Outcome
from .paths import CACHE_DIR


_MAGIC = b"GBR1"
_SHARDS = "0123456789abcdef"


def pack(payload: Any) -> bytes:
    body = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    return _MAGIC + zlib.crc32(body).to_bytes(4, "big") + body


def _unpack(raw: bytes) -> Any:
    """The payload of a cache file; ValueError when it is not whole."""
    if len(raw) < 8 or raw[:4] != _MAGIC or zlib.crc32(raw[8:]).to_bytes(4, "big") != raw[4:8]:
        raise ValueError("damaged cache file")
    return pickle.loads(raw[8:])


class Store:
    """The outcomes by key and the files' lstat → fingerprint, for one repository and validator version.

    On disk: ``index.pickle`` (the lstat index), and for each first hex digit
    X of a key ``meta-X.pickle`` (outcomes, as ``Outcome.compact()``) and
    ``blob-X.pickle``, the pickled records (``dump_record``) of shard X, read
    only when a record is asked for. Layout and reasons: docs/design/records-cache.md.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.outcomes: dict[str, Outcome] = {}
        self.stats: dict[str, tuple[tuple[int, int, int, int, int], str]] = {}
        self.blobs: dict[str, dict[str, bytes]] = {}  # shard → key → blob, as read so far
        self.loaded = False

    def _read(self, name: str) -> Any:
        if self.folder is None:
            return None
        try:
            return _unpack((self.folder / name).read_bytes())
        except Exception:  # noqa: BLE001 - a cache that cannot be read is only slower
            return None

    def load(self) -> None:
        """Read what the disk holds (once); a damaged or unreadable file counts as empty."""
        self.loaded = True
        stats = self._read("index.pickle")
        if isinstance(stats, dict) and all(type(v) is tuple and len(v) == 2 and type(v[0]) is tuple
                                           and type(v[1]) is str for v in stats.values()):
            self.stats = stats
        for shard in _SHARDS:
            kept = self._read(f"meta-{shard}.pickle")
            if isinstance(kept, dict):
                try:
                    outcomes = {key: Outcome(*compact) for key, compact in kept.items()
                                if type(key) is str and type(compact) is tuple}
                except TypeError:
                    continue
                if len(outcomes) == len(kept):
                    self.outcomes.update(outcomes)

    def blob(self, key: str) -> bytes | None:
        """The pickled record of ``key``, from the blob file of its shard (read once)."""
        shard = key[0]
        blobs = self.blobs.get(shard)
        if blobs is None:
            part = self._read(f"blob-{shard}.pickle")
            blobs = self.blobs[shard] = part if isinstance(part, dict) else {}
        blob = blobs.get(key)
        return blob if type(blob) is bytes else None

    def save(self, used: dict[str, Outcome], stats: dict[str, tuple[tuple[int, int, int, int, int], str]]) -> None:
        """Keep ``used`` (and a few outcomes no file has now: an edit undone, a branch switched back) and
        ``stats``; rewrite only the files that change."""
        budget = max(256, len(used) // 4)
        for key, outcome in self.outcomes.items():
            if budget <= 0:
                break
            if key not in used:
                used[key] = outcome
                budget -= 1
        changed = {key[0] for key in used.keys() ^ self.outcomes.keys()}
        changed |= {key[0] for key, outcome in used.items() if self.outcomes.get(key) is not outcome}
        changed_index = stats != self.stats
        # Each changed shard's records, before the outcomes are replaced (old blobs come from the old files).
        blobs: dict[str, dict[str, bytes]] = {shard: {} for shard in changed}
        metas: dict[str, dict[str, tuple[Any, ...]]] = {shard: {} for shard in changed}
        for key, outcome in used.items():
            shard = key[0]
            if shard in changed:
                if outcome.valid:
                    blob = outcome.blob() or self.blob(key)
                    if blob is not None:
                        blobs[shard][key] = blob
                    outcome.kept = blob is not None
                metas[shard][key] = outcome.compact()
        self.outcomes = dict(used)
        self.stats = dict(stats)
        for shard in changed:
            self.blobs[shard] = blobs[shard]
        if self.folder is None or not (changed or changed_index):
            return
        try:
            for shard in sorted(changed):
                for name, payload in ((f"blob-{shard}.pickle", blobs[shard]), (f"meta-{shard}.pickle", metas[shard])):
                    if payload:
                        write_atomically(self.folder / name, pack(payload))
                    else:
                        (self.folder / name).unlink(missing_ok=True)
            if changed_index:
                write_atomically(self.folder / "index.pickle", pack(self.stats))
            for other in self.folder.parent.iterdir():  # other versions' caches
                if other.is_dir() and other.name != self.folder.name and not other.name.startswith("."):
                    for item in other.iterdir():
                        item.unlink(missing_ok=True)
                    other.rmdir()
        except OSError:
            pass  # a cache that cannot be written is only slower


#: The stores of this process, by cache folder: ``mkdocs serve`` scans again and again.
_MEMORY: dict[str, Store] = {}


def clear_memory_cache() -> None:
    """Forget this process's stores (the disk cache stays)."""
    _MEMORY.clear()


def store_for(root: Path) -> Store:
    folder = cache_root(root) / CACHE_DIR / validator_version()[:24]
    store = _MEMORY.get(os.fspath(folder))
    if store is None:
        store = _MEMORY[os.fspath(folder)] = Store(folder)
    if not store.loaded:
        store.load()
    return store


def key_salt(ctx: Context) -> bytes:
    return f"{validator_version()}\0{ctx.today.isoformat()}\0{ctx.images_dir}\0".encode("utf-8", "surrogatepass")


def outcome_key(salt: bytes, fingerprint: str) -> str:
    return hashlib.sha256(salt + fingerprint.encode()).hexdigest()
