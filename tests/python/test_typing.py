"""The stub ostsim/_core.pyi against the built extension: every public name of _core and
_core.eth is in it and nothing else, and every function and method has the parameters (names,
order, which have defaults) of pybind11's signature. The full check with mypy's stubtest, too
slow for every test run (a minute), is in docs/python.md (Types)."""
import ast
import re
from pathlib import Path

import ostsim._core as core

STUB = Path(__file__).parents[2] / "python" / "ostsim" / "_core.pyi"


def split_top(text):
    """Splits `text` at commas outside brackets."""
    parts, depth, cur = [], 0, ""
    for ch in text:
        if ch in "[(":
            depth += 1
        elif ch in "])":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def runtime_params(func):
    """[(name, has_default)] from pybind11's first docstring line, `self` left out."""
    line = func.__doc__.splitlines()[0]
    inside = re.match(r"^\w+\((.*)\) -> .*$", line).group(1)
    out = []
    for p in split_top(inside):
        name = p.split(":")[0].strip()
        if name != "self":
            out.append((name, "=" in p))
    return out


def stub_params(fn: ast.FunctionDef):
    args = [a.arg for a in fn.args.args if a.arg != "self"]
    defaults = len(fn.args.defaults)
    return [(a, i >= len(args) - defaults) for i, a in enumerate(args)]


def defs(body):
    return {n.name: n for n in body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}


def public(obj):
    return {n for n in dir(obj) if not n.startswith("_")}


def test_stub_names_match_the_extension():
    tree = ast.parse(STUB.read_text())
    top = defs(tree.body)
    imported = {a.asname or a.name for n in tree.body if isinstance(n, ast.ImportFrom)
                and n.module == "_errors" for a in n.names}
    assert set(top) | imported == public(core)
    eth = defs(top["eth"].body)
    assert set(eth) == public(core.eth)
    trie = defs(eth["Trie"].body)
    assert set(trie) - {"__init__", "__len__"} == public(core.eth.Trie)


def test_stub_signatures_match_the_extension():
    tree = ast.parse(STUB.read_text())
    top = defs(tree.body)
    checked = 0
    for name, node in top.items():
        if isinstance(node, ast.FunctionDef):
            assert stub_params(node) == runtime_params(getattr(core, name)), name
            checked += 1
    eth = defs(top["eth"].body)
    for name, node in eth.items():
        if isinstance(node, ast.FunctionDef):
            assert stub_params(node) == runtime_params(getattr(core.eth, name)), name
            checked += 1
    for name, node in defs(eth["Trie"].body).items():
        if name != "__len__":
            assert stub_params(node) == runtime_params(getattr(core.eth.Trie, name)), name
            checked += 1
    assert checked == 11 + 7 + 7


def test_error_classes_are_the_packages():
    import ostsim

    for name in ("Error", "ScenarioError", "RunError", "TraceError", "RLPError", "ProofError"):
        assert getattr(core, name) is getattr(ostsim, name)


def test_package_is_typed_and_documented():
    import inspect

    import ostsim
    from ostsim import analysis
    from ostsim.analysis import references

    assert (Path(ostsim.__file__).parent / "py.typed").exists()
    for mod in (ostsim, analysis, references, ostsim.eth):
        for name in mod.__all__:
            obj = getattr(mod, name)
            if inspect.isfunction(obj) or inspect.isclass(obj):
                assert inspect.getdoc(obj), f"{mod.__name__}.{name} has no docstring"
