"""Charts drawn on the server as SVG: they work without JavaScript and in the PDF. Each one
names itself and says what it shows to a screen reader, and its page puts the same figures
in a table beside it."""

from __future__ import annotations

from markupsafe import Markup, escape

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 260
BAR_SPACE = 300
VALUE_SPACE = 60
WIDTH = LABEL_WIDTH + BAR_SPACE + VALUE_SPACE
COLOUR = "#1d70b8"  # GOV.UK blue: 4.5:1 and more against white


def bar_chart(chart_id: str, title: str, description: str, rows) -> Markup:
    """A horizontal bar chart of (label, value) rows, largest bar filling the width."""
    rows = list(rows)
    largest = max((value for _label, value in rows), default=0) or 1
    height = max(len(rows), 1) * (BAR_HEIGHT + GAP) + GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" id="{escape(chart_id)}" '
        f'role="img" aria-labelledby="{escape(chart_id)}-title" '
        f'aria-describedby="{escape(chart_id)}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>',
    ]
    for i, (label, value) in enumerate(rows):
        y = GAP + i * (BAR_HEIGHT + GAP)
        width = round(BAR_SPACE * value / largest) if value else 0
        middle = y + BAR_HEIGHT / 2
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end" '
            f'dominant-baseline="middle" font-size="14" fill="#0b0c0c">{escape(label)}</text>'
        )
        parts.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT}" '
            f'fill="{COLOUR}"/>'
        )
        parts.append(
            f'<text x="{LABEL_WIDTH + width + 6}" y="{middle}" dominant-baseline="middle" '
            f'font-size="14" fill="#0b0c0c">{value}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
