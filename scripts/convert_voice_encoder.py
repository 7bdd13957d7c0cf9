"""Convert Resemblyzer's speaker encoder (``pretrained.pt``) to the numpy file attunement ships.

    pip download --no-deps resemblyzer==0.1.4 -d /tmp/rz && unzip -o /tmp/rz/*.whl -d /tmp/rz
    python scripts/convert_voice_encoder.py /tmp/rz/resemblyzer/pretrained.pt

Resemblyzer (Apache-2.0, Resemble AI) ships its weights in torch's legacy serialisation: a few
pickles followed by the raw tensor data. This reads them with a restricted unpickler (it builds
nothing but arrays and dictionaries, so no code in the file can run) and numpy, checks the file's
SHA-256, keeps the 14 tensors of the LSTM and the projection (not the optimiser's state), and writes
``src/attunement/resources/models/voice/encoder.npz``. torch is not needed.
"""

from __future__ import annotations

import collections
import hashlib
import pickle
import sys
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "src" / "attunement" / "resources" / "models" / "voice" / "encoder.npz"
KEEP = [f"lstm.{kind}_l{layer}" for layer in range(3) for kind in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")] + [
    "linear.weight", "linear.bias"]
_DTYPES = {"FloatStorage": np.float32, "DoubleStorage": np.float64, "LongStorage": np.int64, "IntStorage": np.int32}


class _Storage:
    def __init__(self, dtype: type) -> None:
        self.dtype, self.data = dtype, np.empty(0, dtype)


class _Tensor:
    def __init__(self, storage: _Storage, offset: int, size: tuple, stride: tuple, *_: object) -> None:
        self.storage, self.offset, self.size, self.stride = storage, offset, tuple(size), tuple(stride)

    def array(self) -> np.ndarray:
        item = self.storage.data.itemsize
        flat = self.storage.data[self.offset:]
        return np.lib.stride_tricks.as_strided(flat, self.size, [s * item for s in self.stride]).copy()


class _Unpickler(pickle.Unpickler):
    def __init__(self, file) -> None:  # noqa: ANN001 - a binary file
        super().__init__(file)
        self.storages: dict[str, _Storage] = {}

    def find_class(self, module: str, name: str) -> object:
        if (module, name) in {("torch._utils", "_rebuild_tensor_v2"), ("torch._utils", "_rebuild_tensor")}:
            return _Tensor
        if module == "torch" and name in _DTYPES:
            return name
        if (module, name) == ("collections", "OrderedDict"):
            return collections.OrderedDict
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a plain checkpoint; refusing to load it")

    def persistent_load(self, pid: tuple) -> _Storage:
        _, kind, key, _location, _numel, _view = pid
        return self.storages.setdefault(key, _Storage(_DTYPES[kind]))


def read(path: Path) -> dict[str, np.ndarray]:
    """The model's tensors from a legacy-format torch checkpoint, as numpy arrays."""
    with path.open("rb") as f:
        for _ in range(3):  # magic number, protocol version, system information
            pickle.load(f)
        unpickler = _Unpickler(f)
        checkpoint = unpickler.load()
        for key in pickle.load(f):
            storage = unpickler.storages[key]
            n = int(np.frombuffer(f.read(8), "<i8")[0])
            storage.data = np.frombuffer(f.read(n * np.dtype(storage.dtype).itemsize), storage.dtype)
    return {name: checkpoint["model_state"][name].array() for name in KEEP}


def main(argv: list[str]) -> None:
    if len(argv) != 1:
        raise SystemExit(__doc__)
    path = Path(argv[0])
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    print(f"{path}: sha256 {digest}")
    weights = read(path)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT, source_sha256=np.array(digest), **weights)
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.1f} MB, {sum(w.size for w in weights.values()):,} parameters)")


if __name__ == "__main__":
    main(sys.argv[1:])
