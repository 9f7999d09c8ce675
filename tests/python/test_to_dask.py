"""Trace.to_dask: a table as a dask DataFrame read in chunks, equal to the pandas table."""
import pandas as pd
import pytest

import ostsim

SCENARIO = {"name": "dask", "seed": 2, "duration": "3min", "trace": {"level": "standard"},
            "networks": {"lan": {"delay": "50ms"}},
            "cores": {"a": {"network": "lan", "nodes": 3,
                            "consensus": {"rule": "clique", "block_time": "2s"},
                            "transfers": {"accounts": 40, "rate": 5}}}}


@pytest.fixture(scope="module")
def trace(tmp_path_factory):
    r = ostsim.run(SCENARIO, out=tmp_path_factory.mktemp("d") / "t.h5")
    return ostsim.load(r.trace_path)


def test_partitions_equal_the_whole_table(trace):
    n = trace.rows("txs")
    assert n > 500
    ddf = trace.to_dask("txs", rows_per_partition=128)
    assert ddf.npartitions == -(-n // 128)
    assert ddf.known_divisions and ddf.divisions[0] == 0 and ddf.divisions[-1] == n - 1
    assert "txs" not in trace._cache  # built without reading the table
    assert ddf.attrs["units"]["submitted"] == "ns"
    whole = ddf.compute()
    pd.testing.assert_frame_equal(whole, trace.txs, check_dtype=True)
    # A reduction reads partition by partition; an index lookup reads one partition.
    assert ddf["gas_price"].sum().compute() == trace.txs["gas_price"].sum()
    assert ddf.loc[300].compute().equals(trace.txs.loc[[300]])
    assert list(ddf.dtypes) == list(trace.txs.dtypes)


def test_default_partitions_and_text_columns(trace):
    ddf = trace.to_dask("blocks")
    assert ddf.npartitions == 1
    assert ddf["hash"].compute().str.startswith("0x").all()
    assert trace.units("blocks")["time"] == "ns"
    with pytest.raises(KeyError):
        trace.to_dask("nope")
