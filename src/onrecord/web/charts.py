"""Small SVG charts drawn on the server: no script, no CDN, readable without colour.

Each chart is drawn twice, wide for a desktop and narrow for a phone (the stylesheet shows one), so
its labels keep a legible size on both rather than shrinking with the page.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    href: str | None = None  # a bar that is a link (to the statements it counts)
    current: bool = False  # the bar the page is filtered to


@dataclass(frozen=True)
class Frame:
    """One drawing size: the view box, the margins, the font size (set in style.css, as the CSP allows
    no inline style; here for the layout) and how many labels fit."""

    name: str
    width: int
    height: int
    left: int
    font: int
    labels: int


WIDE = Frame("wide", 640, 220, 40, 11, 8)
NARROW = Frame("narrow", 360, 250, 34, 13, 4)  # at a phone's 342 px of width, 13 units are about 12 px
TOP, RIGHT = 12, 26  # room on the right for the last label's half


def bar_chart(bars: list[Bar], *, title: str, unit: str, ident: str = "chart", peak: int | None = None,
              note: str = "", narrow_only: bool = False) -> str:
    """An accessible bar chart: a title and description for screen readers, a tooltip per bar,
    bars as links where they have one. ``peak`` shares one scale between charts; ``narrow_only``
    draws the narrow frame alone, shown on every screen (for a chart in a narrow column)."""
    if not bars:
        return '<p class="empty">No dated statements to chart.</p>'
    frames = (NARROW,) if narrow_only else (WIDE, NARROW)
    svgs = "".join(_draw(bars, title, unit, f"{ident}-{frame.name}", frame, peak, note) for frame in frames)
    return svgs.replace('class="chart chart-narrow"', 'class="chart chart-narrow chart-only"') if narrow_only else svgs


def _draw(bars: list[Bar], title: str, unit: str, ident: str, frame: Frame, peak: int | None, note: str) -> str:
    top_value = peak or max(b.value for b in bars) or 1
    bottom = frame.font * 4
    plot_w, plot_h = frame.width - frame.left - RIGHT, frame.height - TOP - bottom
    step = plot_w / len(bars)
    every = max(1, -(-len(bars) // frame.labels))

    most = max(b.value for b in bars)
    parts = [
        f'<svg class="chart chart-{frame.name}" viewBox="0 0 {frame.width} {frame.height}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{len(bars)} {unit}s from {escape(bars[0].label)} to {escape(bars[-1].label)}; '
        f'most in one {unit}: {most}{escape(note)}.</desc>',
        f'<line class="axis" x1="{frame.left}" y1="{TOP + plot_h}" x2="{frame.width - RIGHT}" y2="{TOP + plot_h}"/>',
        f'<line class="axis" x1="{frame.left}" y1="{TOP}" x2="{frame.left}" y2="{TOP + plot_h}"/>',
        f'<text class="tick" x="{frame.left - 5}" y="{TOP + frame.font - 2}" text-anchor="end">{top_value}</text>',
        f'<text class="tick" x="{frame.left - 5}" y="{TOP + plot_h}" text-anchor="end">0</text>',
    ]
    for i, bar in enumerate(bars):
        h = plot_h * bar.value / top_value
        x = frame.left + i * step
        tip = f"{bar.label}: {bar.value} statement{'s' if bar.value != 1 else ''}{note}"
        rect = (f'<rect class="bar{" current" if bar.current else ""}" x="{x + step * 0.1:.1f}" '
                f'y="{TOP + plot_h - h:.1f}" width="{max(step * 0.8, 1):.1f}" height="{h:.1f}"><title>{escape(tip)}</title></rect>')
        if bar.href:
            # the whole column is the link's target, so a short bar is as easy to hit as a tall one
            rect = (f'<a href="{escape(bar.href)}" aria-label="{escape(tip)}"><rect class="hit" x="{x:.1f}" y="{TOP}" '
                    f'width="{step:.1f}" height="{plot_h}"/>{rect}</a>')
        parts.append(rect)
        if i % every == 0:
            parts.append(f'<text class="tick" x="{x + step / 2:.1f}" y="{TOP + plot_h + frame.font + 5}" '
                         f'text-anchor="middle">{escape(bar.label)}</text>')
    parts.append(f'<text class="axis-label" x="{frame.left + plot_w / 2}" y="{frame.height - 6}" '
                 f'text-anchor="middle">statements per {unit}{escape(note)}</text>')
    parts.append("</svg>")
    return "".join(parts)


# -- positions: one strip per speaker on a shared time axis ------------------------------
STRIP_W, STRIP_H, STRIP_PAD = 480, 34, 10
# Each stance a shape as well as a colour, so that the marks read without colour.
_SHAPES = {
    "for": lambda x, y: f'<path class="mark for" d="M{x:.1f},{y - 7:.1f} L{x + 7:.1f},{y + 6:.1f} L{x - 7:.1f},{y + 6:.1f} Z"/>',
    "against": lambda x, y: f'<path class="mark against" d="M{x:.1f},{y + 7:.1f} L{x + 7:.1f},{y - 6:.1f} L{x - 7:.1f},{y - 6:.1f} Z"/>',
    "neither": lambda x, y: f'<circle class="mark neither" cx="{x:.1f}" cy="{y:.1f}" r="4.5"/>',
}


@dataclass(frozen=True)
class Mark:
    day: int  # days since the axis' first day
    label: str  # for, against, neither
    tip: str
    href: str
    change: bool = False  # the first statement of a new side


def position_strip(marks: list[Mark], span_days: int, *, title: str) -> str:
    """A speaker's statements on one line of time: ▲ for, ▼ against, ● neither, a bar where the
    side changed; each mark a link to its statement in its article."""
    usable = STRIP_W - 2 * STRIP_PAD
    y = STRIP_H / 2
    parts = [f'<svg class="strip" viewBox="0 0 {STRIP_W} {STRIP_H}" role="img" aria-label="{escape(title)}">',
             f'<line class="axis" x1="{STRIP_PAD}" y1="{y}" x2="{STRIP_W - STRIP_PAD}" y2="{y}"/>']
    last_x = -STRIP_W
    for mark in sorted(marks, key=lambda m: m.day):
        x = STRIP_PAD + usable * (mark.day / span_days if span_days else 0.5)
        x = min(max(x, last_x + 14), STRIP_W - 8)  # one day's statements side by side, each a target to click
        last_x = x
        if mark.change:
            parts.append(f'<line class="change" x1="{x:.1f}" y1="2" x2="{x:.1f}" y2="{STRIP_H - 2}"/>')
        parts.append(f'<a href="{escape(mark.href)}" aria-label="{escape(mark.tip)}">{_SHAPES[mark.label](x, y)}'
                     f'<title>{escape(mark.tip)}</title></a>')
    parts.append("</svg>")
    return "".join(parts)
