"""Session-spending economies (docs/sessions.md; the ``spends`` and ``sessions`` tables): the
summary's economy figures recomputed from the rows, spends by outcome, latencies, session
lifetimes, and their figures."""
from __future__ import annotations

import math
from typing import List

import numpy as np
import pandas as pd

from .._trace import Trace
from ._figure import NS, _figure, _run_seconds, _windows

# Session-spending economies (docs/sessions.md; the spends and sessions tables of
# docs/trace-schema.md). Besides the contract's reasons, spends.outcome is "accepted", "not
# included" (given up after the economy's timeout) or empty (in flight at the end), and
# spends.misbehaviour is empty for an honest spend; the tables below name those two "in flight"
# and "honest".
ACCEPTED, NOT_INCLUDED, IN_FLIGHT, HONEST = "accepted", "not included", "in flight", "honest"


# sessions.end, in the order the tables list them
SESSION_ENDS = ("exhausted", "expired", "revoked", "dropped", "failed", "open")


def economy_names(trace: Trace) -> List[str]:
    """The economies' names by index (``spends.economy``, ``sessions.economy``): scenario order."""
    import yaml  # type: ignore[import]  # Debian has no PyYAML stubs

    return list((yaml.safe_load(trace.scenario) or {}).get("economies") or {})


def _named(trace: Trace, table: str) -> pd.DataFrame:
    """Table `table` with the economy's name for its index and the two empty texts named."""
    df = trace.table(table)
    df = df.assign(economy=df["economy"].map(dict(enumerate(economy_names(trace)))))
    if table == "spends":
        df = df.assign(misbehaviour=df["misbehaviour"].replace("", HONEST),
                       outcome=df["outcome"].replace("", IN_FLIGHT))
    return df


def _ratio(a: float, b: float) -> float:
    return a / b if b else math.nan


def _final(spends: pd.DataFrame) -> pd.Series:
    """Spends final on the chain, accepted or reverted (the summary's 'final spends')."""
    return ~spends["outcome"].isin([NOT_INCLUDED, IN_FLIGHT])


def economy_table(trace: Trace) -> pd.DataFrame:
    """One row per economy with the run summary's ``economies/<name>`` figures, recomputed from
    the ``spends`` and ``sessions`` rows: ``spends`` (sent), ``accepted``, ``reverted``,
    ``not_included``, ``in_flight`` (none of these at the end), ``spends_per_second`` (accepted
    over the run), ``rejection_rate`` ((reverted + not included) / spends that ended),
    ``inclusion_s`` and ``finality_s`` (means from the intent over final spends),
    ``gas_per_spend`` (their mean gas), ``tokens_moved``, ``sessions`` (opened),
    ``sessions_failed``, ``open_gas_per_session`` and ``open_gas_per_spend`` (the sessions'
    open gas over opened sessions and over accepted spends). The open gas here leaves out
    revocations, which the summary's open-gas figures include: they agree where no session was
    revoked."""
    sp, se = _named(trace, "spends"), _named(trace, "sessions")
    run_s = _run_seconds(trace)
    rows = []
    for name in economy_names(trace):
        s, z = sp[sp["economy"] == name], se[se["economy"] == name]
        final = s[_final(s)]
        accepted = int((s["outcome"] == ACCEPTED).sum())
        not_included = int((s["outcome"] == NOT_INCLUDED).sum())
        reverted = len(final) - accepted
        opened = int((z["opened"] >= 0).sum())
        open_gas = float(z["open_gas"].sum())
        rows.append({
            "economy": name, "spends": len(s), "accepted": accepted, "reverted": reverted,
            "not_included": not_included, "in_flight": int((s["outcome"] == IN_FLIGHT).sum()),
            "spends_per_second": _ratio(accepted, run_s),
            "rejection_rate": _ratio(reverted + not_included, len(final) + not_included),
            "inclusion_s": float(((final["included"] - final["intent"]) * NS).mean()),
            "finality_s": float(((final["final"] - final["intent"]) * NS).mean()),
            "gas_per_spend": float(final["gas_used"].mean()),
            "tokens_moved": float(s.loc[s["outcome"] == ACCEPTED, "amount"].sum()),
            "sessions": opened, "sessions_failed": int((z["end"] == "failed").sum()),
            "open_gas_per_session": _ratio(open_gas, opened),
            "open_gas_per_spend": _ratio(open_gas, accepted)})
    return pd.DataFrame(rows)


def spend_outcomes(trace: Trace) -> pd.DataFrame:
    """Spends by ``economy``, ``misbehaviour`` (``honest``, ``replay``, ``over_limit``,
    ``stale``) and ``outcome`` (``accepted``, the contract's reason, ``not included``,
    ``in flight``): ``spends``; ``share``, of the spends of that economy and misbehaviour that
    ended (what became of, say, replays); ``of_economy``, of all the economy's spends that ended
    (summed over the rejected outcomes: the summary's ``rejection_rate``); ``per_second``, over
    the run. In-flight rows have no shares (NaN)."""
    sp = _named(trace, "spends")
    n = (sp.groupby(["economy", "misbehaviour", "outcome"], sort=False).size()
         .rename("spends").reset_index())
    ended = n[n["outcome"] != IN_FLIGHT]
    by_kind = ended.groupby(["economy", "misbehaviour"])["spends"].sum()
    by_economy = ended.groupby("economy")["spends"].sum()
    flying = n["outcome"] == IN_FLIGHT
    kind = pd.MultiIndex.from_frame(n[["economy", "misbehaviour"]])
    n["share"] = (n["spends"] / by_kind.reindex(kind).to_numpy()).where(~flying)
    n["of_economy"] = (n["spends"] / n["economy"].map(by_economy)).where(~flying)
    n["per_second"] = n["spends"] / _run_seconds(trace)
    order = {name: i for i, name in enumerate(economy_names(trace))}
    n["_e"] = n["economy"].map(order)
    n["_o"] = n["outcome"].map({ACCEPTED: 0, NOT_INCLUDED: 2, IN_FLIGHT: 3}).fillna(1)
    return (n.sort_values(["_e", "misbehaviour", "_o", "spends"], ascending=[True, True, True, False])
            .drop(columns=["_e", "_o"]).reset_index(drop=True))


def spend_latency(trace: Trace) -> pd.DataFrame:
    """One row per spend final on the chain (accepted or reverted): ``economy``,
    ``misbehaviour``, ``outcome``, ``intent_s`` (when the user wanted it, simulated seconds),
    ``inclusion_s`` (intent to the user seeing it in its node's chain), ``finality_s`` (intent
    to seeing it final) and ``gas_used``. Their means per economy are the summary's
    ``inclusion_s`` and ``finality_s``."""
    sp = _named(trace, "spends")
    f = sp[_final(sp)]
    return pd.DataFrame({"economy": f["economy"], "misbehaviour": f["misbehaviour"],
                         "outcome": f["outcome"], "intent_s": f["intent"] * NS,
                         "inclusion_s": (f["included"] - f["intent"]) * NS,
                         "finality_s": (f["final"] - f["intent"]) * NS,
                         "gas_used": f["gas_used"]}).reset_index(drop=True)


def session_lifetimes(trace: Trace) -> pd.DataFrame:
    """Sessions by ``economy`` and ``end`` (``exhausted``, ``expired``, ``revoked``,
    ``dropped``, ``failed``, ``open`` at the end): ``sessions``, ``share`` (of the economy's
    sessions asked for), ``spends`` (accepted, in all), ``spends_per_session``,
    ``spent_per_session`` (tokens), ``lifetime_s`` (mean time from the opening seen to the end
    seen, over sessions with both), ``open_gas_per_session`` (the funding, opening and device
    replacements before it) and ``open_gas_per_spend`` (that gas over the group's accepted
    spends; NaN without spends). A session's spends count as it saw them in its node's chain,
    so a spend not yet final at the end is in them."""
    se = _named(trace, "sessions")
    rows = []
    for name in economy_names(trace):
        z = se[se["economy"] == name]
        for end in SESSION_ENDS:
            g = z[z["end"] == end]
            if g.empty:
                continue
            lived = g[(g["opened"] >= 0) & (g["ended"] >= 0)]
            rows.append({
                "economy": name, "end": end, "sessions": len(g), "share": len(g) / len(z),
                "spends": int(g["spends"].sum()), "spends_per_session": float(g["spends"].mean()),
                "spent_per_session": float(g["spent"].mean()),
                "lifetime_s": float(((lived["ended"] - lived["opened"]) * NS).mean())
                if len(lived) else math.nan,
                "open_gas_per_session": float(g["open_gas"].mean()),
                "open_gas_per_spend": _ratio(float(g["open_gas"].sum()), int(g["spends"].sum()))})
    return pd.DataFrame(rows, columns=["economy", "end", "sessions", "share", "spends",
                                       "spends_per_session", "spent_per_session", "lifetime_s",
                                       "open_gas_per_session", "open_gas_per_spend"])


def spend_rate(trace: Trace, window_s: float = 60.0):
    """Spends per second over simulated time, per economy, in windows of `window_s` seconds:
    sent (by when the session key sent them, dashed) and accepted (by when the user saw them
    final, solid; the summary's ``spends_per_second`` is their mean over the run)."""
    sp = _named(trace, "spends")
    edges = _windows(trace, window_s)
    fig, axes = _figure()
    ax = axes[0][0]
    for i, name in enumerate(economy_names(trace)):
        s = sp[sp["economy"] == name]
        sent, _ = np.histogram(s["sent"].to_numpy() * NS, bins=edges)
        ok = s[s["outcome"] == ACCEPTED]
        accepted, _ = np.histogram(ok["final"].to_numpy() * NS, bins=edges)
        ax.step(edges[:-1] / 60, sent / window_s, where="post", ls="--", lw=0.8, color=f"C{i}",
                label=f"{name} sent")
        ax.step(edges[:-1] / 60, accepted / window_s, where="post", color=f"C{i}",
                label=f"{name} accepted (final)")
    ax.set_xlabel("simulated time (min)")
    ax.set_ylabel(f"spends/s ({window_s:g} s windows)")
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig


def rejections(trace: Trace):
    """Why spends did not go through: per economy and reason, the share of the economy's ended
    spends (:func:`spend_outcomes`' ``of_economy``) as bars stacked by misbehaviour, so honest
    spends refused (say, by expiry) stand apart from the misbehaving ones the contract must
    refuse. Each economy's label gives its rejection rate."""
    out = spend_outcomes(trace)
    rej = out[~out["outcome"].isin([ACCEPTED, IN_FLIGHT])]
    kinds = [HONEST] + sorted(set(rej["misbehaviour"]) - {HONEST})
    bars = (rej.groupby(["economy", "outcome", "misbehaviour"], sort=False)["of_economy"].sum()
            .unstack("misbehaviour").reindex(columns=kinds).fillna(0.0))
    rates = rej.groupby("economy")["of_economy"].sum()
    fig, axes = _figure(height=0.8 + 0.35 * max(1, len(bars)))
    ax = axes[0][0]
    if bars.empty:
        ax.text(0.5, 0.5, "no spend was refused", ha="center", transform=ax.transAxes)
    labels = [f"{e} ({rates[e]:.1%}): {o}" for e, o in bars.index]
    left = np.zeros(len(bars))
    for i, kind in enumerate(kinds):
        if kind in bars:
            ax.barh(labels, bars[kind], left=left, color=f"C{i}", label=kind)
            left += bars[kind].to_numpy()
    ax.invert_yaxis()
    ax.set_xlabel("share of the economy's ended spends")
    if not bars.empty:
        ax.legend(fontsize="small", title="misbehaviour", title_fontsize="small",
                  loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    return fig


def spend_latency_cdf(trace: Trace):
    """Empirical distribution functions, per economy, of the time from a spend's intent to its
    inclusion (solid) and to its finality (dashed), over the spends final on the chain
    (:func:`spend_latency`), with their means in the legend."""
    lat = spend_latency(trace)
    fig, axes = _figure()
    ax = axes[0][0]
    for i, name in enumerate(economy_names(trace)):
        g = lat[lat["economy"] == name]
        for col, style in (("inclusion_s", "-"), ("finality_s", "--")):
            x = np.sort(g[col].to_numpy())
            if len(x) == 0:
                continue
            ax.step(x, np.arange(1, len(x) + 1) / len(x), style, where="post", color=f"C{i}",
                    label=f"{name} {col[:-2]} (mean {x.mean():.1f} s)")
    ax.set_xlabel("from intent (s)")
    ax.set_ylabel("share of final spends")
    ax.set_ylim(0, 1.02)
    ax.legend(fontsize="small")
    fig.tight_layout()
    return fig
