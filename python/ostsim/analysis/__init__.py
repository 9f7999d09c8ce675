"""ostsim.analysis: figures of a trace or a sweep, with matplotlib. Every function returns a
``matplotlib.figure.Figure`` (nothing is shown); :func:`save` writes it as PNG and/or SVG.

    t = ostsim.load("out/default.h5")
    analysis.save(analysis.block_intervals(t), "out/intervals")   # intervals.png, intervals.svg

Of one trace: :func:`block_intervals` and :func:`stale_rates` per core, :func:`throughput` and
:func:`inclusion_latency` over time, :func:`fees`. Of a sweep (:func:`ostsim.sweep`'s frame):
:func:`response`, a figure's mean across repetitions with Student-t confidence intervals
(:func:`confidence_table` gives the numbers).

Of a trace with an OST overlay (docs/actors.md): :func:`transfer_steps` (each completed
transfer's latency split by step), :func:`transfer_latency` (its mean per pair and flow, as
stacked bars) and :func:`anchor_lag` (how long a final root takes to be anchored on the other
core); of a sweep of such runs, :func:`step_response` (the steps' means against a variable,
with the total's confidence interval; :func:`step_table` gives the numbers).

Of a trace with session-spending economies (docs/sessions.md, the ``spends`` and ``sessions``
tables): :func:`economy_table` (the summary's ``economies/<name>`` figures, recomputed from the
rows), :func:`spend_outcomes` (spends by economy, misbehaviour and outcome, with rates),
:func:`spend_latency` (intent to inclusion and to finality per spend), :func:`session_lifetimes`
(sessions by how they ended: spends, lifetime, open gas amortised per spend); figures
:func:`spend_rate` (sent and accepted spends per second over time), :func:`rejections` (rejection
rate by reason and misbehaviour) and :func:`spend_latency_cdf`.

Of the ``series/*`` tables (figures sampled as the run went): :func:`series_rates` (each
cumulative count's rate per sample step) and the figure :func:`series_plot`.

The analytic laws of docs/validation.md's proof-of-work plots (the fork law, Eyal and Sirer's
revenue, the double-spend formulas) are in :mod:`.references`, not re-exported.

One submodule per subject, all re-exported here: :mod:`.chain`, :mod:`.sweeps`, :mod:`.overlay`,
:mod:`.sessions`, :mod:`.series` (and :func:`save`, from ``_figure``).
"""
from .._trace import Trace
from ._figure import NS, save
from .chain import (FINAL, INCLUDED, PENDING, REJECTED, block_fees, block_intervals,
                    consensus_rules, fees, inclusion_latency, main_chain_intervals, stale_rates,
                    throughput)
from .overlay import STEPS, anchor_lag, step_response, step_table, transfer_latency, transfer_steps
from .series import SERIES_KEYS, series_plot, series_rates
from .sessions import (ACCEPTED, HONEST, IN_FLIGHT, NOT_INCLUDED, SESSION_ENDS, economy_names,
                       economy_table, rejections, session_lifetimes, spend_latency,
                       spend_latency_cdf, spend_outcomes, spend_rate)
from .sweeps import confidence_table, quantity_values, response, t_quantile

__all__ = ["save", "consensus_rules", "block_intervals", "stale_rates", "throughput", "inclusion_latency", "fees",
           "response", "confidence_table", "t_quantile", "quantity_values", "main_chain_intervals", "block_fees",
           "transfer_steps", "transfer_latency", "anchor_lag", "step_response", "step_table",
           "economy_names", "economy_table", "spend_outcomes", "spend_latency", "session_lifetimes",
           "spend_rate", "rejections", "spend_latency_cdf", "series_rates", "series_plot",
           "NS", "PENDING", "INCLUDED", "FINAL", "REJECTED", "STEPS", "ACCEPTED", "NOT_INCLUDED",
           "IN_FLIGHT", "HONEST", "SESSION_ENDS", "SERIES_KEYS", "Trace"]
