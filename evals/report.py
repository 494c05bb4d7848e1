"""Self-contained HTML report: metric bars per pipeline, a latency histogram and per-item
tables with the wrong items first. Plots are hand-written inline SVG (no matplotlib); every
piece of text from data is HTML-escaped."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from evals.metrics import percentile

COLORS = {"sourcebound": "#2b6cb0", "naive": "#c05621"}
_FALLBACK = ("#2f855a", "#6b46c1", "#b7791f")
BAR_W, ROW_H, LABEL_W = 320, 16, 230


def _color(i: int, name: str) -> str:
    return COLORS.get(name, _FALLBACK[i % len(_FALLBACK)])


def _fmt(x: Any) -> str:
    return "n/a" if x is None else f"{x:.3f}" if isinstance(x, float) else escape(str(x))


def _is_rate(name: str) -> bool:
    return not any(t in name for t in ("latency", "tokens"))


def metric_bars(runs: dict[str, Any]) -> str:
    """One horizontal bar per (metric, pipeline) for the 0..1 rates, with CI whiskers."""
    pipes = list(runs)
    names = sorted({n for r in runs.values() for n in r["metrics"] if _is_rate(n)})
    group_h = ROW_H * len(pipes) + 8
    height = group_h * len(names) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{LABEL_W + BAR_W + 80}" '
             f'height="{height}" role="img" aria-label="metric bars">']
    for gi, name in enumerate(names):
        y0 = 20 + gi * group_h
        parts.append(f'<text x="{LABEL_W - 6}" y="{y0 + ROW_H}" text-anchor="end" '
                     f'font-size="12">{escape(name)}</text>')
        for pi, p in enumerate(pipes):
            m = runs[p]["metrics"].get(name) or {}
            mean = m.get("mean")
            y = y0 + pi * ROW_H
            if mean is None:
                parts.append(f'<text x="{LABEL_W + 4}" y="{y + 12}" font-size="11">n/a</text>')
                continue
            w = max(0.0, min(1.0, mean)) * BAR_W
            parts.append(f'<rect x="{LABEL_W}" y="{y + 2}" width="{w:.1f}" height="{ROW_H - 4}" '
                         f'fill="{_color(pi, p)}"><title>{escape(p)} {mean:.3f}</title></rect>')
            lo, hi = m.get("low"), m.get("high")
            if lo is not None and hi is not None:
                x1 = LABEL_W + max(0.0, lo) * BAR_W
                x2 = LABEL_W + min(1.0, hi) * BAR_W
                parts.append(f'<line x1="{x1:.1f}" x2="{x2:.1f}" y1="{y + ROW_H / 2}" '
                             f'y2="{y + ROW_H / 2}" stroke="#000" stroke-width="1.5"/>')
            parts.append(f'<text x="{LABEL_W + w + 4:.1f}" y="{y + 12}" font-size="11">'
                         f'{mean:.3f}</text>')
    legend = "".join(
        f'<rect x="{LABEL_W + i * 120}" y="4" width="10" height="10" fill="{_color(i, p)}"/>'
        f'<text x="{LABEL_W + i * 120 + 14}" y="13" font-size="11">{escape(p)}</text>'
        for i, p in enumerate(pipes)
    )
    parts.append(legend + "</svg>")
    return "".join(parts)


def latency_histogram(latencies: dict[str, list[float]], bins: int = 12) -> str:
    """Overlaid per-pipeline histograms of per-item latency (seconds)."""
    allv = [v for vs in latencies.values() for v in vs]
    if not allv:
        return "<p>No latencies recorded.</p>"
    hi = max(allv) or 1.0
    width, height, pad = 520, 180, 30
    bw = (width - 2 * pad) / bins
    counts = {p: [0] * bins for p in latencies}
    for p, vs in latencies.items():
        for v in vs:
            counts[p][min(bins - 1, int(v / hi * bins))] += 1
    top = max(max(c) for c in counts.values()) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'role="img" aria-label="latency histogram">']
    n = len(latencies)
    for pi, (p, cs) in enumerate(counts.items()):
        for b, c in enumerate(cs):
            h = c / top * (height - 2 * pad)
            x = pad + b * bw + pi * bw / n
            parts.append(f'<rect x="{x:.1f}" y="{height - pad - h:.1f}" width="{bw / n - 1:.1f}" '
                         f'height="{h:.1f}" fill="{_color(pi, p)}"><title>{escape(p)}: {c} '
                         f'items</title></rect>')
    parts.append(f'<line x1="{pad}" x2="{width - pad}" y1="{height - pad}" y2="{height - pad}" '
                 f'stroke="#000"/>')
    for t in range(0, bins + 1, 3):
        x = pad + t * bw
        parts.append(f'<text x="{x:.1f}" y="{height - pad + 14}" font-size="10" '
                     f'text-anchor="middle">{hi * t / bins:.1f}s</text>')
    parts.append(f'<text x="{pad}" y="14" font-size="11">max count {top}</text></svg>')
    return "".join(parts)


def _metrics_table(runs: dict[str, Any]) -> str:
    pipes = list(runs)
    names = sorted({n for r in runs.values() for n in r["metrics"]})
    head = "".join(f"<th>{escape(p)}</th>" for p in pipes)
    rows = []
    for n in names:
        cells = []
        for p in pipes:
            m = runs[p]["metrics"].get(n) or {}
            ci = (f" [{_fmt(m.get('low'))}, {_fmt(m.get('high'))}]"
                  if m.get("low") is not None else "")
            cells.append(f"<td>{_fmt(m.get('mean'))}{ci}</td>")
        rows.append(f"<tr><td>{escape(n)}</td>{''.join(cells)}</tr>")
    return f"<table><tr><th>metric</th>{head}</tr>{''.join(rows)}</table>"


_ITEM_COLS = {
    "qa": ("question", "answer", "facts", "retrieved", "gold_sources"),
    "claims": ("claim", "gold", "pred"),
    "summary": ("fact", "importance", "present", "summary"),
}


def _cell(v: Any) -> str:
    if isinstance(v, list):
        v = "; ".join(
            (f"{'✓' if x.get('present') else '✗'} {x.get('text', '')}" if isinstance(x, dict)
             else str(x)) for x in v
        )
    elif isinstance(v, dict):
        v = json.dumps(v, ensure_ascii=False)
    return escape(str(v if v is not None else ""))


def items_table(suite: str, rows: list[dict[str, Any]]) -> str:
    cols = _ITEM_COLS.get(suite, ())
    ordered = sorted(rows, key=lambda r: (bool(r.get("ok")), r.get("score") or 0.0))
    head = "".join(f"<th>{escape(c)}</th>" for c in ("id", "ok", "score", *cols, "latency_s",
                                                          "error"))
    body = []
    for r in ordered:
        cls = "ok" if r.get("ok") else "bad"
        cells = [r.get("id"), "yes" if r.get("ok") else "NO", r.get("score"),
                 *(r.get(c) for c in cols), r.get("latency_s"), r.get("error")]
        body.append(f'<tr class="{cls}">' + "".join(
            f"<td>{_fmt(c) if isinstance(c, float) else _cell(c)}</td>" for c in cells) + "</tr>")
    return f"<table><tr>{head}</tr>{''.join(body)}</table>"


def render_html(results: dict[str, Any]) -> str:
    meta, runs = results.get("meta", {}), results.get("runs", {})
    lat = {p: [float(r["latency_s"]) for rows in run.get("items", {}).values() for r in rows
               if isinstance(r.get("latency_s"), (int, float)) and r.get("id") != "summary"]
           for p, run in runs.items()}
    lat_note = ", ".join(
        f"{escape(p)}: p50 {percentile(v, 50):.2f}s, p90 {percentile(v, 90):.2f}s"
        for p, v in lat.items() if v)
    status = "".join(
        f"<li>{escape(p)} / {escape(s)}: {escape(v)}</li>"
        for p, run in runs.items() for s, v in run.get("suites", {}).items())
    sections = "".join(
        f"<h3>{escape(p)} — {escape(s)} (wrong first)</h3>{items_table(s, rows)}"
        for p, run in runs.items() for s, rows in run.get("items", {}).items())
    meta_rows = "".join(f"<tr><td>{escape(str(k))}</td><td>{_cell(v)}</td></tr>"
                        for k, v in meta.items())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sourcebound eval report</title>
<style>
body{{font-family:system-ui,sans-serif;margin:1.5em;max-width:1200px}}
table{{border-collapse:collapse;margin:.5em 0;font-size:13px}}
td,th{{border:1px solid #ccc;padding:3px 6px;vertical-align:top;text-align:left}}
tr.bad td{{background:#fff1f0}} tr.ok td{{background:#f3fff3}}
</style></head><body>
<h1>sourcebound eval report</h1>
<table>{meta_rows}</table>
<h2>Suites</h2><ul>{status}</ul>
<h2>Metrics (mean [95% CI] over repeats)</h2>{_metrics_table(runs)}
<h2>Rates by pipeline</h2>{metric_bars(runs)}
<h2>Latency per item</h2><p>{lat_note}</p>{latency_histogram(lat)}
<h2>Items</h2>{sections}
</body></html>
"""
