"""ostsim.eth against independent references: pycryptodome's Keccak and the ethereum/tests
vectors read here in Python, not through the C++ conformance runner."""
import random

import pytest
from Cryptodome.Hash import keccak as reference_keccak

import ostsim
from ostsim import eth
from conftest import load


def test_keccak256_matches_pycryptodome_on_random_inputs():
    rng = random.Random(1)
    for n in list(range(0, 300)) + [1000, 4096]:
        data = bytes(rng.getrandbits(8) for _ in range(n))
        want = reference_keccak.new(digest_bits=256, data=data).digest()
        assert eth.keccak256(data) == want


def test_rlp_round_trip_of_nested_items():
    item = [b"cat", [b"", b"\x00", 1024, "dog"], [[], [[]]], 2**256]
    encoded = eth.rlp_encode(item)
    assert eth.rlp_encode([b"cat", b"dog"]).hex() == "c88363617483646f67"
    decoded = eth.rlp_decode(encoded)
    assert decoded[0] == b"cat"
    assert decoded[1][2] == (1024).to_bytes(2, "big")
    assert eth.rlp_encode(decoded) == encoded


def test_rlp_errors_are_ostsim_errors():
    with pytest.raises(ostsim.RLPError, match="non-canonical"):
        eth.rlp_decode(bytes.fromhex("8100"))
    assert issubclass(ostsim.RLPError, ostsim.Error)


@pytest.mark.parametrize("name", ["trieanyorder.json", "trieanyorder_secureTrie.json"])
def test_trie_roots_match_vectors(vectors, name):
    for case, v in load(vectors / "TrieTests" / name).items():
        def as_bytes(s):
            return bytes.fromhex(s[2:]) if s.startswith("0x") else s.encode()
        items = {as_bytes(k): as_bytes(val) for k, val in v["in"].items()}
        root = eth.trie_root(items, secure="secure" in name)
        assert "0x" + root.hex() == v["root"], case


def test_proofs_verify_and_fail_when_tampered():
    t = eth.Trie(secure=True, retained_versions=4)
    for i in range(200):
        t.put(f"account{i}".encode(), eth.rlp_encode([i, 10**18 + i]))
    root1 = t.commit(1)
    t.put(b"account7", eth.rlp_encode([99, 0]))
    root2 = t.commit(2)
    proof = t.prove(b"account7", version=1)
    assert eth.verify_secure_proof(root1, b"account7", proof) == eth.rlp_encode([7, 10**18 + 7])
    assert eth.verify_secure_proof(root2, b"account7", t.prove(b"account7")) == eth.rlp_encode([99, 0])
    assert eth.verify_secure_proof(root1, b"nobody", t.prove(b"nobody", version=1)) is None
    with pytest.raises(ostsim.ProofError):
        eth.verify_secure_proof(root2, b"account7", proof)
    bad = list(proof)
    bad[-1] = bad[-1][:-1] + bytes([bad[-1][-1] ^ 1])
    with pytest.raises(ostsim.ProofError):
        eth.verify_secure_proof(root1, b"account7", bad)


def test_sign_and_recover(vectors):
    for v in load(vectors / "BasicTests" / "keyaddrtest.json"):
        secret = eth.keccak256(v["seed"])
        assert secret.hex() == v["key"]
        assert eth.address_of_secret(secret).hex() == v["addr"]
        msg = eth.keccak256(b"")
        r, s, rid = eth.sign(secret, msg)
        assert eth.recover_address(msg, r, s, rid).hex() == v["addr"]
