"""Drawing helpers for the illustrations of content/attachments/c*.py (screenshots, charts, drawings).

The text uses the font bundled with Pillow (pinned in requirements), so an illustration has the same bytes
on every machine; that font has no accented letters, so French accents and the cedilla are drawn here by
hand over the base letter. PNGs are saved without metadata (no date).
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

Color = tuple[int, int, int] | str

# letter -> (base letter, accent): acute, grave, circ, trema, cedilla
_ACCENTS = {
    "é": ("e", "acute"), "è": ("e", "grave"), "ê": ("e", "circ"), "ë": ("e", "trema"),
    "à": ("a", "grave"), "â": ("a", "circ"), "ä": ("a", "trema"),
    "î": ("ı", "circ"), "ï": ("ı", "trema"), "ô": ("o", "circ"), "ö": ("o", "trema"),
    "û": ("u", "circ"), "ù": ("u", "grave"), "ü": ("u", "trema"), "ç": ("c", "cedilla"),
    "É": ("E", "acute"), "È": ("E", "grave"), "Ê": ("E", "circ"), "À": ("A", "grave"),
    "Ç": ("C", "cedilla"), "Ô": ("O", "circ"), "Î": ("I", "circ"), "€": ("C", "euro"),
    "—": ("-", None), "’": ("'", None),
}  # fmt: skip
_INK: dict[tuple[str, int], tuple[int, int, int, int]] = {}
_FONTS: dict[int, ImageFont.FreeTypeFont | ImageFont.ImageFont] = {}


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if size not in _FONTS:
        _FONTS[size] = ImageFont.load_default(size=size)
    return _FONTS[size]


def _base(char: str) -> tuple[str, str | None]:
    base, accent = _ACCENTS.get(char, (char, None))
    if base == "ı":
        base = "i"  # the bundled font has no dotless i: the accent covers the dot
    return base, accent


def _ink(char: str, size: int) -> tuple[int, int, int, int]:
    """The inked box of one letter drawn at (0, 0)."""
    key = (char, size)
    if key not in _INK:
        probe = Image.new("L", (size * 3, size * 3), 0)
        ImageDraw.Draw(probe).text((0, 0), char, font=font(size), fill=255)
        _INK[key] = probe.getbbox() or (0, 0, size // 2, size)
    return _INK[key]


def text_width(text: str, size: int = 14) -> float:
    f = font(size)
    probe = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    return sum(probe.textlength(_base(c)[0], font=f) for c in text)


def text(
    draw: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    content: str,
    size: int = 14,
    fill: Color = (20, 20, 20),
    bold: bool = False,
    anchor: str = "l",
) -> float:
    """Draw one line at xy (top-left; anchor "m" centres it on x, "r" ends it at x); returns its width."""
    f = font(size)
    width = text_width(content, size)
    x, y = xy
    if anchor == "m":
        x -= width / 2
    elif anchor == "r":
        x -= width
    scale = size / 14
    stroke = max(1, round(scale * 1.3))
    for char in content:
        base, accent = _base(char)
        for dx in (0, 1) if bold else (0,):
            draw.text((x + dx, y), base, font=f, fill=fill)
        advance = draw.textlength(base, font=f)
        if accent:
            ink = _ink(base, size)
            box = (x + ink[0], y + ink[1], x + ink[2], y + ink[3])
            top, bottom, mid = box[1], box[3], (box[0] + box[2]) / 2
            if base == "i":
                draw.rectangle([box[0], top, box[2], top + 2 * scale], fill="white")
                top += 2 * scale
            s = scale
            if accent == "acute":
                draw.line([mid - 1 * s, top - 1.5 * s, mid + 2 * s, top - 4.5 * s], fill=fill, width=stroke)
            elif accent == "grave":
                draw.line([mid - 1.5 * s, top - 4.5 * s, mid + 1.5 * s, top - 1.5 * s], fill=fill, width=stroke)
            elif accent == "circ":
                draw.line([mid - 3 * s, top - 1.5 * s, mid, top - 4.5 * s], fill=fill, width=stroke)
                draw.line([mid, top - 4.5 * s, mid + 3 * s, top - 1.5 * s], fill=fill, width=stroke)
            elif accent == "trema":
                for cx in (mid - 2 * s, mid + 2 * s):
                    draw.rectangle([cx - 0.5 * s, top - 4 * s, cx + 0.5 * s, top - 3 * s], fill=fill)
            elif accent == "euro":
                for cy in (top + (bottom - top) * 0.4, top + (bottom - top) * 0.6):
                    draw.line([box[0] - 2 * s, cy, box[0] + 5 * s, cy], fill=fill, width=stroke)
            elif accent == "cedilla":
                draw.line([mid, bottom, mid + 1 * s, bottom + 2 * s], fill=fill, width=stroke)
                draw.line([mid + 1 * s, bottom + 2 * s, mid - 1.5 * s, bottom + 4 * s], fill=fill, width=stroke)
        x += advance
    return width


def lines(
    draw: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    content: list[str],
    size: int = 14,
    fill: Color = (20, 20, 20),
    spacing: float = 1.5,
    bold: bool = False,
) -> float:
    """Draw several lines from xy; returns the y below the last one."""
    x, y = xy
    for line in content:
        text(draw, (x, y), line, size, fill, bold)
        y += size * spacing
    return y


def window(
    width: int, height: int, title: str, background: Color = (255, 255, 255)
) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    """A blank window with a title bar (34 px high) and the usual three controls."""
    img = Image.new("RGB", (width, height), background)
    draw = ImageDraw.Draw(img)
    draw.rectangle([0, 0, width - 1, 33], fill=(238, 238, 240))
    draw.line([0, 34, width, 34], fill=(200, 200, 205))
    text(draw, (14, 10), title, 14)
    x = width - 26
    draw.line([x, 12, x + 10, 22], fill=(60, 60, 60), width=2)
    draw.line([x + 10, 12, x, 22], fill=(60, 60, 60), width=2)
    draw.rectangle([x - 34, 12, x - 24, 22], outline=(60, 60, 60), width=1)
    draw.line([x - 68, 20, x - 58, 20], fill=(60, 60, 60), width=2)
    draw.rectangle([0, 0, width - 1, height - 1], outline=(150, 150, 155))
    return img, draw


def button(
    draw: ImageDraw.ImageDraw,
    box: tuple[float, float, float, float],
    label: str,
    size: int = 14,
    fill: Color = (250, 250, 250),
    ink: Color = (20, 20, 20),
    outline: Color | None = (150, 150, 150),
    bold: bool = False,
) -> None:
    x0, y0, x1, y1 = box
    draw.rounded_rectangle(box, radius=5, fill=fill, outline=outline)
    text(draw, ((x0 + x1) / 2, (y0 + y1) / 2 - size * 0.6), label, size, ink, bold, anchor="m")


def padlock(draw: ImageDraw.ImageDraw, x: float, y: float, color: Color = (60, 60, 60), open_: bool = False) -> None:
    """A 12×16 padlock whose top-left corner is (x, y); open_ lifts the shackle on one side."""
    draw.rectangle([x, y + 7, x + 12, y + 16], fill=color)
    if open_:
        draw.arc([x + 5, y - 2, x + 15, y + 10], 180, 360, fill=color, width=2)
        draw.line([x + 15, y + 4, x + 15, y + 6], fill=color, width=2)
    else:
        draw.arc([x + 1, y, x + 11, y + 12], 180, 360, fill=color, width=2)
        draw.line([x + 2, y + 6, x + 2, y + 8], fill=color, width=2)
        draw.line([x + 10, y + 6, x + 10, y + 8], fill=color, width=2)


def save(img: Image.Image, path: Path) -> None:
    """PNG without metadata: the same drawing gives the same bytes."""
    img.save(path, "PNG", optimize=False)


def canvas(width: int, height: int, background: Color = (255, 255, 255)) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    img = Image.new("RGB", (width, height), background)
    return img, ImageDraw.Draw(img)


def browser(width: int, height: int, address: str, secure: bool, tab: str) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    """A browser window: one tab, the address bar (padlock, or « Non sécurisé » when not secure); the page
    starts at y = 84."""
    img, draw = canvas(width, height)
    draw.rectangle([0, 0, width, 38], fill=(222, 225, 230))
    draw.rounded_rectangle([10, 6, 260, 38], radius=6, fill=(255, 255, 255))
    text(draw, (22, 14), tab, 13)
    draw.rectangle([0, 38, width, 82], fill=(255, 255, 255))
    for i, arrow in enumerate(("<", ">")):
        text(draw, (16 + i * 26, 50), arrow, 18, (90, 90, 90))
    draw.rounded_rectangle([70, 45, width - 20, 76], radius=15, fill=(241, 243, 244))
    x = 86
    if secure:
        padlock(draw, x, 52, (60, 60, 60))
        x += 24
    else:
        draw.polygon([(x, 68), (x + 8, 53), (x + 16, 68)], outline=(200, 40, 40), width=2)
        text(draw, (x + 6, 56), "!", 10, (200, 40, 40))
        x += 22
        x += text(draw, (x, 53), "Non sécurisé", 14, (200, 40, 40)) + 8
        draw.line([x, 50, x, 71], fill=(170, 170, 170))
        x += 10
    text(draw, (x, 53), address, 15)
    draw.line([0, 82, width, 82], fill=(200, 200, 205))
    draw.rectangle([0, 0, width - 1, height - 1], outline=(150, 150, 155))
    return img, draw
