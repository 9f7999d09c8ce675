"""Round trip of a trace through h5py: attributes, column types, units and values.

Run by CTest (tests/trace/CMakeLists.txt) with OSTSIM_TRACE_SAMPLE naming the trace_sample
executable."""
import os
import subprocess

import h5py
import numpy as np
import pytest

SAMPLE = os.environ.get("OSTSIM_TRACE_SAMPLE")


def write(tmp_path, rows, *extra):
    if not SAMPLE:
        pytest.skip("OSTSIM_TRACE_SAMPLE not set")
    out = tmp_path / "t.h5"
    subprocess.run([SAMPLE, str(out), str(rows), *extra], check=True)
    return out


def test_root_attributes_are_str_and_complete_is_bool(tmp_path):
    with h5py.File(write(tmp_path, 10), "r") as f:
        assert f.attrs["scenario"] == 'name: "héllo"\n'
        assert isinstance(f.attrs["git_revision"], str)
        assert isinstance(f.attrs["ostsim_version"], str)
        assert f.attrs["seed"] == 7
        assert f.attrs["trace_schema_version"] == 1
        assert f.attrs["complete"] == True  # noqa: E712  (numpy bool)
        assert f.attrs["complete"].dtype == np.bool_
        assert f.attrs["sim_time_reached"] == 123456789
        assert f.attrs["wall_seconds"] >= 0


def test_incomplete_run_says_so_and_keeps_its_rows(tmp_path):
    with h5py.File(write(tmp_path, 250, "incomplete"), "r") as f:
        assert f.attrs["complete"] == False  # noqa: E712
        assert len(f["samples"]) == 250


def test_table_columns_types_units_and_values(tmp_path):
    n = 1234  # several batches of 100 and a partial one
    with h5py.File(write(tmp_path, n), "r") as f:
        d = f["samples"]
        assert d.chunks is not None and d.compression == "gzip" and d.shuffle
        assert d.maxshape == (None,)
        t = d.dtype
        assert t.names == ("time", "id", "flag", "value", "big", "label")
        assert t["time"] == np.int64 and t["id"] == np.uint32 and t["flag"] == np.int8
        assert t["value"] == np.float64 and t["big"] == np.uint64 and t["label"].kind == "S"
        assert d.attrs["unit.time"] == "ns" and d.attrs["unit.value"] == "s"
        assert d.attrs["unit.id"] == "" and d.attrs["doc.big"] == "a large count"
        rows = d[:]
        i = np.arange(n)
        assert (rows["time"] == i * 1000).all()
        assert (rows["id"] == i).all()
        assert (rows["flag"] == i % 3 - 1).all()
        assert (rows["value"] == i * 0.5).all()
        assert (rows["big"] == (1 << 63) + i).all()
        assert rows["label"][12] == b"row12"


def test_summary_group(tmp_path):
    with h5py.File(write(tmp_path, 5), "r") as f:
        s = f["summary/phold"].attrs
        assert s["committed"] == 5 and s["rate"] == 1.5
