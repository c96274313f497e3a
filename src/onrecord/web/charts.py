"""Small SVG charts drawn on the server: no script, no CDN, readable without colour."""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 640, 220
LEFT, RIGHT, TOP, BOTTOM = 36, 8, 12, 44


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


def bar_chart(bars: list[Bar], *, title: str, unit: str) -> str:
    """An accessible bar chart: a title and description for screen readers, a tooltip per bar."""
    if not bars:
        return '<p class="empty">No dated statements to chart.</p>'
    peak = max(b.value for b in bars) or 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / len(bars)
    every = max(1, len(bars) // 8)  # label at most about eight periods
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-labelledby="chart-title chart-desc">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{len(bars)} {unit}s from {escape(bars[0].label)} to {escape(bars[-1].label)}; '
        f'most in one {unit}: {peak}.</desc>',
        f'<line class="axis" x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - RIGHT}" y2="{TOP + plot_h}"/>',
        f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}"/>',
        f'<text class="tick" x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end">{peak}</text>',
        f'<text class="tick" x="{LEFT - 6}" y="{TOP + plot_h}" text-anchor="end">0</text>',
    ]
    for i, bar in enumerate(bars):
        h = plot_h * bar.value / peak
        x = LEFT + i * step
        parts.append(
            f'<rect class="bar" x="{x + step * 0.1:.1f}" y="{TOP + plot_h - h:.1f}" width="{max(step * 0.8, 1):.1f}" '
            f'height="{h:.1f}"><title>{escape(bar.label)}: {bar.value} statement{"s" if bar.value != 1 else ""}</title></rect>'
        )
        if i % every == 0:
            parts.append(
                f'<text class="tick" x="{x + step / 2:.1f}" y="{TOP + plot_h + 16}" text-anchor="middle">{escape(bar.label)}</text>'
            )
    parts.append(f'<text class="axis-label" x="{LEFT + plot_w / 2}" y="{HEIGHT - 6}" text-anchor="middle">'
                 f'statements per {unit}</text>')
    parts.append("</svg>")
    return "".join(parts)
