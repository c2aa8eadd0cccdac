"""Attachments of competence 3.4 (Programmer).

- c34-panier.py: a short Python program (loop, conditions, discounts) whose printed result must be traced;
- c34-page-club.html: a small web page whose source must be read (title, links, images without alt);
- c34-renommer.py: a batch-renaming script whose output must be predicted.

The files are fixed texts: the writers are deterministic.
"""

from __future__ import annotations

from pathlib import Path

from contentbuild import pictures as pic

_PANIER = '''\
# Calcul du montant d'une commande de fournitures

articles = [
    ("cahier", 2.50, 4),
    ("stylo", 1.20, 10),
    ("classeur", 6.00, 2),
    ("agenda", 12.00, 1),
]

total = 0
for nom, prix, quantite in articles:
    montant = prix * quantite
    if quantite >= 10:
        montant = montant * 0.9      # remise de 10 % à partir de 10 exemplaires
    total = total + montant

if total > 40:
    total = total - 5                # bon de réduction de 5 euros au-delà de 40 euros

print(round(total, 2))
'''

_PAGE = '''\
<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>Club de basket des Tilleuls</title>
  <link rel="stylesheet" href="style.css">
</head>
<body>
  <header>
    <img src="logo.png" alt="Logo du club de basket des Tilleuls">
    <h1>Bienvenue au club</h1>
    <nav>
      <a href="index.html">Accueil</a>
      <a href="horaires.html">Horaires</a>
      <a href="inscription.html">Inscription</a>
    </nav>
  </header>
  <main>
    <h2>La saison 2024-2025</h2>
    <p>Les entraînements reprennent le lundi 2 septembre au gymnase des Tilleuls.</p>
    <img src="gymnase.jpg" alt="Le gymnase des Tilleuls vu de l'extérieur">
    <p>Consultez les <a href="tarifs.pdf">tarifs des licences</a> avant de vous inscrire.</p>
    <h2>Nos équipes</h2>
    <ul>
      <li>Moins de 11 ans : mercredi, 14 h</li>
      <li>Moins de 13 ans : mercredi, 16 h</li>
      <li>Seniors : vendredi, 20 h</li>
    </ul>
    <img src="equipe-u13.jpg">
  </main>
  <footer>
    <p>Une question ? <a href="mailto:contact@club-tilleuls.fr">Écrivez-nous</a>.</p>
  </footer>
</body>
</html>
'''

_RENOMMER = '''\
# Renomme les photos d'une sortie selon le modèle AAAA-MM-JJ_lieu_NN.jpg
# (date de prise de vue, lieu en minuscules, numéro d'ordre dans la journée)

fichiers = [
    ("IMG_0041.JPG", "2024-07-14", "Annecy"),
    ("IMG_0042.JPG", "2024-07-14", "Annecy"),
    ("IMG_0057.jpeg", "2024-07-15", "Chamonix"),
    ("capture.png", "2024-07-15", "Chamonix"),
    ("DSC_1203.JPG", "2024-07-15", "Chamonix"),
    ("IMG_0063.JPG", "2024-07-16", "Le Grand Bornand"),
]

compteurs = {}
for ancien, date, lieu in fichiers:
    extension = ancien.split(".")[-1].lower()
    if extension not in ("jpg", "jpeg"):
        print(ancien, "-> ignoré")
        continue
    lieu = lieu.lower().replace(" ", "-")
    compteurs[date] = compteurs.get(date, 0) + 1
    nouveau = f"{date}_{lieu}_{compteurs[date]:02d}.jpg"
    print(ancien, "->", nouveau)
'''


def _writer(text: str):
    def write(path: Path) -> None:
        path.write_bytes(text.encode("utf-8"))

    return write


# --- illustrations drawn with contentbuild.pictures (the alt text is in 3.4.yaml) ------------------


def _robot_grid(path: Path) -> None:
    """A 5 × 5 grid (columns A–E, rows 1–5 from the bottom) with a robot on A1 facing right."""
    img, draw = pic.canvas(420, 420)
    cell, x0, y0 = 64, 60, 30
    for i in range(6):
        draw.line([x0 + i * cell, y0, x0 + i * cell, y0 + 5 * cell], fill=(120, 120, 120), width=2)
        draw.line([x0, y0 + i * cell, x0 + 5 * cell, y0 + i * cell], fill=(120, 120, 120), width=2)
    for i, letter in enumerate("ABCDE"):
        pic.text(draw, (x0 + i * cell + cell / 2, y0 + 5 * cell + 12), letter, 16, bold=True, anchor="m")
    for j in range(5):
        pic.text(draw, (x0 - 20, y0 + (4 - j) * cell + cell / 2 - 9), str(j + 1), 16, bold=True, anchor="m")
    # the robot on A1, an arrow pointing right (towards B1)
    cx, cy = x0 + cell / 2, y0 + 4 * cell + cell / 2
    draw.rounded_rectangle([cx - 20, cy - 20, cx + 20, cy + 20], radius=6, fill=(52, 101, 164))
    draw.polygon([(cx - 8, cy - 12), (cx + 14, cy), (cx - 8, cy + 12)], fill="white")
    pic.save(img, path)


ATTACHMENTS = {
    "c34-panier.py": _writer(_PANIER),
    "c34-page-club.html": _writer(_PAGE),
    "c34-renommer.py": _writer(_RENOMMER),
    "c34-grille-robot.png": _robot_grid,
}
