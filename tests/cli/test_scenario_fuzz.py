"""No input makes `ostsim validate` crash or hang: mutants of every file in scenarios/ (bytes
flipped, lines dropped, repeated or swapped, values exchanged between keys, truncations) and a
catalogue of hostile YAML each end in exit 0 or exit 2 with every error reported, within a time
limit. The mutants come from a fixed seed, so a failure reproduces; OSTSIM_FUZZ_MUTANTS sets how
many per scenario (default 40; e.g. 2000 for a long run). OSTSIM_EXE names the executable."""
import os
import pathlib
import random
import re
import subprocess

import pytest

EXE = os.environ.get("OSTSIM_EXE")
ROOT = pathlib.Path(__file__).resolve().parents[2]
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
MUTANTS = int(os.environ.get("OSTSIM_FUZZ_MUTANTS", "40"))
LIMIT_S = 20


@pytest.fixture(autouse=True)
def need_exe():
    if not EXE:
        pytest.skip("OSTSIM_EXE not set")


def validate(path):
    r = subprocess.run([EXE, "validate", path], capture_output=True, timeout=LIMIT_S)
    assert r.returncode in (0, 2), (r.returncode, r.stderr[-2000:])
    if r.returncode == 2:
        # Errors, then the count: "<file>: N error(s)".
        assert re.search(rb": [1-9][0-9]* errors?\n\Z", r.stderr), r.stderr[-2000:]
    return r.returncode


def mutate(text, rng):
    lines = text.splitlines(keepends=True)
    kind = rng.randrange(7)
    if kind == 0:  # flip bytes
        data = bytearray(text.encode())
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    if kind == 1 and len(lines) > 1:  # drop a line
        del lines[rng.randrange(len(lines))]
    elif kind == 2:  # repeat a line (duplicate keys)
        i = rng.randrange(len(lines))
        lines.insert(i, lines[i])
    elif kind == 3 and len(lines) > 1:  # swap two lines (indentation moves)
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif kind == 4:  # exchange the values of two `key: value` lines
        kv = [i for i, line in enumerate(lines) if re.match(r"\s*[\w-]+: \S", line)]
        if len(kv) > 1:
            i, j = rng.sample(kv, 2)
            vi, vj = lines[i].split(": ", 1)[1], lines[j].split(": ", 1)[1]
            lines[i] = lines[i].split(": ", 1)[0] + ": " + vj
            lines[j] = lines[j].split(": ", 1)[0] + ": " + vi
    elif kind == 5:  # truncate anywhere
        return text.encode()[: rng.randrange(len(text))]
    else:  # replace a value by something of the wrong kind or out of range
        kv = [i for i, line in enumerate(lines) if re.match(r"\s*[\w-]+: \S", line)]
        if kv:
            i = rng.choice(kv)
            bad = rng.choice(["-1", "0", "1e308", "-1e308", "9" * 40, "nan", ".inf", "[]", "{}",
                              "~", "''", "fast", "3 parsecs", "-5s", "0s", "1e400 gas", "0x",
                              "&a x", "*nope", "!!binary AAAA", "'\\u0000'", "100000%"])
            lines[i] = lines[i].split(": ", 1)[0] + ": " + bad + "\n"
    return "".join(lines).encode()


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.stem for s in SCENARIOS])
def test_mutants_never_crash_or_hang(scenario, tmp_path):
    rng = random.Random(f"ostsim-fuzz-{scenario.name}")
    text = scenario.read_text()
    path = tmp_path / scenario.name
    codes = []
    for n in range(MUTANTS):
        mutant = mutate(text, rng)
        path.write_bytes(mutant)
        try:
            codes.append(validate(path))
        except (AssertionError, subprocess.TimeoutExpired) as e:
            keep = tmp_path / f"failing-{n}.yaml"
            keep.write_bytes(mutant)
            raise AssertionError(f"mutant {n} of {scenario.name} (kept as {keep}): {e}") from e
    assert codes.count(2) >= MUTANTS // 4, codes  # the mutants do break the files


HOSTILE = {
    "empty": b"",
    "only_comment": b"# nothing\n",
    "null_document": b"~\n",
    "list_document": b"- 1\n- 2\n",
    "scalar_document": b"hello\n",
    "binary": bytes(range(256)) * 4,
    "nul_bytes": b"name: a\x00b\nseed: 1\n",
    "bad_utf8": b"name: \xff\xfe\xfd\n",
    "tabs": b"phold:\n\tnlp: 4\n",
    "unclosed_flow": b"phold: {nlp: 4\n",
    "unclosed_quote": b'name: "abc\n',
    "duplicate_keys": b"seed: 1\nseed: 2\n",
    "unknown_alias": b"seed: *nothing\n",
    "anchor_cycle_attempt": b"a: &a [*a]\n",
    "deep_nesting": b"phold: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "deep_maps": b"".join(b"  " * i + b"k%d:\n" % i for i in range(2000)),
    "alias_bomb": (b"phold:\n  x0: &x0 [1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
                   + b"".join(b"  x%d: &x%d [*x%d, *x%d, *x%d, *x%d, *x%d, *x%d, *x%d, *x%d, *x%d]\n"
                              % ((i, i) + (i - 1,) * 9) for i in range(1, 10))),
    "alias_bomb_in_a_list": (b"defs:\n  x0: &x0 [a, a, a, a, a, a, a, a, a]\n"
                             + b"".join(b"  x%d: &x%d [*x%d, *x%d, *x%d, *x%d, *x%d, *x%d, *x%d, *x%d, *x%d]\n"
                                        % ((i, i) + (i - 1,) * 9) for i in range(1, 9))
                             + b"sweep:\n  variables:\n    a: {path: phold.nlp, values: [1, 2]}\n"
                             + b"  lockstep: *x8\n"),
    "merge_key_misuse": b"base: &b {nlp: 4}\nphold:\n  <<: *b\n  <<: 3\n",
    "huge_number": b"seed: " + b"9" * 5000 + b"\n",
    "long_key": b"k" * 100000 + b": 1\n",
    "include_missing": b"include: /nonexistent/x.yaml\n",
    "include_directory": b"include: /\n",
    "include_itself": b"include: self.yaml\n",
    "include_list_of_garbage": b"include: [1, {a: b}, [x]]\n",
    "sweep_bad": b"sweep: {variables: {x: {path: seed, values: []}}, repetitions: -3}\n",
    "sweep_huge_range": b"sweep:\n  variables:\n    a: {path: phold.nlp, from: 1, to: 1e18, step: 1}\n",
    "set_like_key": b"phold.nlp: 3\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_an_error_not_a_crash(name, tmp_path):
    path = tmp_path / "self.yaml"
    path.write_bytes(HOSTILE[name])
    assert validate(path) == 2
