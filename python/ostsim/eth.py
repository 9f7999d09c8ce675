"""Ethereum primitives from ostsim's C++ core: check a hash, an encoding, a state root or a
proof from a trace in a notebook with the very code the simulator runs."""
from __future__ import annotations

from typing import Optional, Sequence, Union

from ._core import eth as _eth

Trie = _eth.Trie
verify_proof = _eth.verify_proof
rlp_decode = _eth.rlp_decode
sign = _eth.sign
recover_address = _eth.recover_address
address_of_secret = _eth.address_of_secret

RLPInput = Union[bytes, bytearray, str, int, Sequence["RLPInput"]]


def keccak256(data: Union[bytes, bytearray, str]) -> bytes:
    """Ethereum's keccak256 (not SHA3-256); text is hashed as UTF-8."""
    if isinstance(data, str):
        data = data.encode()
    return _eth.keccak256(bytes(data))


def _normalise(item: RLPInput):
    if isinstance(item, (bytes, bytearray)):
        return bytes(item)
    if isinstance(item, str):
        return item.encode()
    if isinstance(item, bool):
        raise TypeError("RLP has no booleans; encode 0 or 1")
    if isinstance(item, int):
        if item < 0:
            raise ValueError("RLP integers are non-negative")
        return item.to_bytes((item.bit_length() + 7) // 8, "big")
    if isinstance(item, (list, tuple)):
        return [_normalise(i) for i in item]
    raise TypeError(f"cannot RLP-encode {type(item).__name__}")


def rlp_encode(item: RLPInput) -> bytes:
    """RLP of bytes, text (UTF-8), non-negative integers and nested lists of them."""
    return _eth.rlp_encode(_normalise(item))


def trie_root(items: dict, secure: bool = False) -> bytes:
    """The Merkle-Patricia root of a mapping of bytes to bytes."""
    t = Trie(secure=secure)
    for k, v in items.items():
        t.put(k, v)
    return t.root_hash()


def verify_secure_proof(root: bytes, key: bytes, proof: Sequence[bytes]) -> Optional[bytes]:
    """verify_proof for a secure trie, whose paths are keccak256(key)."""
    return verify_proof(root, keccak256(key), list(proof))


__all__ = ["Trie", "keccak256", "rlp_encode", "rlp_decode", "trie_root", "verify_proof",
           "verify_secure_proof", "sign", "recover_address", "address_of_secret"]
