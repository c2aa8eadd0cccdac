"""Attachments of competence 3.2 (Développer des documents multimédia).

- c32-photo-portrait.jpg: a photo whose definition (width × height in pixels) is asked;
- c32-photo-affiche.jpg: a photo to print at 300 ppp (its definition gives the print size);
- c32-logo.svg: a vector logo whose source holds the fill colour and radius of a circle;
- c32-plan-salle.svg: a room plan drawn at the scale 1 unit = 1 cm;
- c32-extrait-interview.wav: a short mono sound sampled at 22 050 Hz;
- c32-sous-titres.srt: the subtitles of a short report;
- c32-galerie-photos.zip: the same photo saved at several JPEG qualities, and in PNG.

Every file is written deterministically: fixed seeds, fixed dates, no current time.
"""
import io
import math
import random
import struct
import wave
import zipfile
from pathlib import Path

from contentbuild import pictures as pic

_ZIP_DATE = (2025, 4, 7, 8, 0, 0)


def _landscape(width: int, height: int, seed: int):
    """A simple landscape with a little deterministic noise, so that JPEG sizes look like a photo's."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(img)
    horizon = int(height * 0.6)
    for y in range(height):
        if y < horizon:
            t = y / horizon
            colour = (int(90 + 100 * t), int(150 + 70 * t), int(230 - 20 * t))
        else:
            t = (y - horizon) / (height - horizon)
            colour = (int(70 - 30 * t), int(140 - 50 * t), int(60 - 20 * t))
        draw.line([(0, y), (width, y)], fill=colour)
    rng = random.Random(seed)
    for _ in range(12):
        x = rng.randrange(0, width)
        w = rng.randrange(width // 8, width // 3)
        h = rng.randrange(height // 10, height // 4)
        g = rng.randrange(90, 140)
        draw.polygon([(x - w, horizon), (x, horizon - h), (x + w, horizon)], fill=(g, g + 10, g + 30))
    return img


def _noisy(img, seed: int, amount: int):
    from PIL import Image

    rng = random.Random(seed)
    w, h = img.size
    noise = Image.frombytes("L", (w, h), bytes(rng.getrandbits(8) for _ in range(w * h)))
    noise = noise.convert("RGB")
    return Image.blend(img, noise, amount / 100)


def _photo_portrait(path: Path) -> None:
    img = _landscape(1536, 2048, seed=11)
    img.save(path, "JPEG", quality=80)


def _photo_affiche(path: Path) -> None:
    from PIL import Image

    img = _landscape(3000, 2400, seed=12)
    exif = Image.Exif()
    exif[0x010F] = "Fotonix"
    exif[0x0110] = "FX-900"
    exif[0x0132] = "2024:05:18 10:12:40"
    img.save(path, "JPEG", quality=80, dpi=(72, 72), exif=exif.tobytes())


_LOGO = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200" viewBox="0 0 400 200">
  <title>Logo du club de randonnée Les Crêtes</title>
  <!-- fond -->
  <rect x="0" y="0" width="400" height="200" fill="#FFFFFF"/>
  <!-- soleil -->
  <circle cx="110" cy="80" r="46" fill="#E4572E"/>
  <!-- montagnes -->
  <path d="M 20 180 L 120 60 L 180 130 L 240 40 L 380 180 Z" fill="#29335C"/>
  <path d="M 220 64 L 240 40 L 262 68 Z" fill="#F3F3F3"/>
  <!-- nom du club -->
  <text x="200" y="196" font-family="sans-serif" font-size="18" text-anchor="middle" fill="#29335C">Les Crêtes</text>
</svg>
"""


def _logo(path: Path) -> None:
    path.write_bytes(_LOGO.encode("utf-8"))


def _plan_salle(path: Path) -> None:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="-20 -20 890 640">',
        "  <title>Plan de la salle polyvalente</title>",
        "  <!-- Échelle : 1 unité = 1 cm -->",
        '  <rect id="salle" x="0" y="0" width="850" height="600" fill="#FAFAF5" stroke="#333333" stroke-width="8"/>',
        '  <rect id="porte" x="380" y="592" width="90" height="16" fill="#B5651D"/>',
        '  <rect id="estrade" x="250" y="20" width="350" height="120" fill="#D9C7A7"/>',
    ]
    n = 0
    for row in range(2):
        for col in range(3):
            n += 1
            x = 90 + col * 250
            y = 220 + row * 190
            lines.append(f'  <rect id="table{n}" x="{x}" y="{y}" width="160" height="80" fill="#8FB8DE"/>')
            for dx in (30, 80, 130):
                lines.append(f'  <circle cx="{x + dx}" cy="{y - 25}" r="16" fill="#4A6FA5"/>')
                lines.append(f'  <circle cx="{x + dx}" cy="{y + 105}" r="16" fill="#4A6FA5"/>')
    lines.append("</svg>")
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))


def _wav(path: Path) -> None:
    rate = 22050
    duration = 3.5
    frames = bytearray()
    n = int(rate * duration)
    for i in range(n):
        t = i / rate
        envelope = min(1.0, t / 0.2, (duration - t) / 0.3)
        value = 0.35 * math.sin(2 * math.pi * 220 * t) + 0.15 * math.sin(2 * math.pi * 330 * t)
        value *= 0.6 + 0.4 * math.sin(2 * math.pi * 3 * t) ** 2
        frames += struct.pack("<h", int(max(-1.0, min(1.0, value * envelope)) * 32767))
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(frames))


_SUBTITLES = [
    ("00:00:01,000", "00:00:03,500", "Bonjour et bienvenue dans ce reportage."),
    ("00:00:04,000", "00:00:07,200", "Aujourd'hui, nous visitons un centre de tri."),
    ("00:00:07,800", "00:00:10,000", "Chaque jour, 200 tonnes de déchets arrivent ici."),
    ("00:00:10,500", "00:00:14,500", "Les machines séparent le papier,\nle plastique et le métal."),
    ("00:00:15,000", "00:00:18,000", "Mais le tri commence à la maison."),
    ("00:00:18,500", "00:00:21,000", "Merci de nous avoir suivis !"),
]


def _srt(path: Path) -> None:
    blocks = [f"{i}\n{start} --> {end}\n{text}\n" for i, (start, end, text) in enumerate(_SUBTITLES, start=1)]
    path.write_bytes("\n".join(blocks).replace("\n", "\r\n").encode("utf-8"))


def _galerie(path: Path) -> None:
    base = _noisy(_landscape(800, 600, seed=21), seed=22, amount=12)
    versions = [
        ("photo-1.jpg", "JPEG", {"quality": 95}),
        ("photo-2.jpg", "JPEG", {"quality": 70}),
        ("photo-3.jpg", "JPEG", {"quality": 25}),
        ("photo-4.png", "PNG", {}),
    ]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as zf:
        for name, fmt, options in versions:
            buf = io.BytesIO()
            base.save(buf, fmt, **options)
            info = zipfile.ZipInfo(f"galerie/{name}", date_time=_ZIP_DATE)
            info.external_attr = 0o644 << 16
            zf.writestr(info, buf.getvalue())


# --- illustrations drawn with contentbuild.pictures (the alt text is in 3.2.yaml) ------------------

from PIL import Image, ImageDraw  # noqa: E402


def _club_logo(size: int) -> Image.Image:
    """The club logo (a green disc and a white mountain) drawn at size × size."""
    img = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(img)
    draw.ellipse([size * 0.05, size * 0.05, size * 0.95, size * 0.95], fill=(30, 130, 80))
    draw.polygon([(size * 0.2, size * 0.72), (size * 0.45, size * 0.28), (size * 0.58, size * 0.5),
                  (size * 0.66, size * 0.38), (size * 0.82, size * 0.72)], fill="white")
    return img


def _zoomed_logos(path: Path) -> None:
    """The same logo enlarged eight times: from a small raster file (A) and from a vector file (B)."""
    img, draw = pic.canvas(620, 330)
    raster = _club_logo(32).resize((256, 256), Image.Resampling.NEAREST)
    vector = _club_logo(1024).resize((256, 256), Image.Resampling.LANCZOS)
    img.paste(raster, (30, 50))
    img.paste(vector, (334, 50))
    for x, label in ((158, "Logo A"), (462, "Logo B")):
        pic.text(draw, (x, 16), label, 18, bold=True, anchor="m")
    for x in (30, 334):
        draw.rectangle([x - 1, 49, x + 256, 306], outline=(170, 170, 170))
    pic.save(img, path)


def _scene(width: int, height: int, tree_x: float, horizon_y: float) -> Image.Image:
    """A seaside photo: sky, sea below the horizon, a lone tree standing at tree_x (fractions of the frame)."""
    img = Image.new("RGB", (width, height), (150, 200, 235))
    draw = ImageDraw.Draw(img)
    h = horizon_y * height
    draw.rectangle([0, h, width, height], fill=(40, 110, 160))
    draw.rectangle([0, h + (height - h) * 0.55, width, height], fill=(225, 205, 150))  # beach
    x = tree_x * width
    ground = h + (height - h) * 0.75
    draw.rectangle([x - 4, ground - 70, x + 4, ground], fill=(100, 70, 40))
    draw.ellipse([x - 30, ground - 120, x + 30, ground - 60], fill=(40, 120, 50))
    return img


_CROPS = [("A", 0.5, 0.5), ("B", 1 / 3, 2 / 3), ("C", 0.95, 0.2)]


def _thirds(path: Path) -> None:
    """Three framings of the same seaside photo, each with the rule-of-thirds grid drawn over it."""
    img, draw = pic.canvas(760, 240)
    w, h = 230, 172
    for i, (label, tree_x, horizon) in enumerate(_CROPS):
        x0, y0 = 15 + i * 248, 50
        img.paste(_scene(w, h, tree_x, horizon), (x0, y0))
        for k in (1, 2):
            draw.line([x0 + w * k / 3, y0, x0 + w * k / 3, y0 + h], fill="white", width=1)
            draw.line([x0, y0 + h * k / 3, x0 + w, y0 + h * k / 3], fill="white", width=1)
        draw.rectangle([x0 - 1, y0 - 1, x0 + w, y0 + h], outline=(120, 120, 120))
        pic.text(draw, (x0 + w / 2, 16), f"Cadrage {label}", 16, bold=True, anchor="m")
    pic.save(img, path)


ATTACHMENTS = {
    "c32-photo-portrait.jpg": _photo_portrait,
    "c32-photo-affiche.jpg": _photo_affiche,
    "c32-logo.svg": _logo,
    "c32-plan-salle.svg": _plan_salle,
    "c32-extrait-interview.wav": _wav,
    "c32-sous-titres.srt": _srt,
    "c32-galerie-photos.zip": _galerie,
    "c32-logos-agrandis.png": _zoomed_logos,
    "c32-cadrages-tiers.png": _thirds,
}
