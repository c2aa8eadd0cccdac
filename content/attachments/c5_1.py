"""Attachments of competence 5.1 (Résoudre des problèmes techniques).

Every file is written deterministically: fixed dates, fixed seeds, never the current time.
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from contentbuild import pictures as pic

# --------------------------------------------------------------------------------------------
# c51-journal-systeme.log: the system log of an office computer on one morning.
# Answers: first ERREUR at 09:47:05; the component with the most ERREUR lines is "impression";
# the backup fails because the external backup disk is full (the Wi-Fi cut is unrelated).
# --------------------------------------------------------------------------------------------

_LOG_EVENTS = [
    ("08:00:04", "INFO", "systeme", "Démarrage du système (poste ACCUEIL-03)"),
    ("08:00:19", "INFO", "disque", "Disque interne vérifié : aucun problème détecté"),
    ("08:00:31", "INFO", "reseau", "Connexion Wi-Fi établie (réseau « Mairie-Agents »)"),
    ("08:01:02", "INFO", "impression", "Imprimante « Bureau-2e-etage » détectée sur le réseau"),
    ("08:02:45", "INFO", "session", "Ouverture de session de l'utilisateur c.morel"),
    ("08:15:10", "INFO", "mise-a-jour", "Recherche de mises à jour : 2 mises à jour disponibles"),
    ("08:41:37", "AVERTISSEMENT", "mise-a-jour", "Téléchargement lent, nouvelle tentative plus tard"),
    ("09:12:20", "INFO", "disque", "Disque externe « SAUVEGARDE » connecté (USB)"),
    ("09:12:22", "AVERTISSEMENT", "disque", "Espace libre faible sur « SAUVEGARDE » : 2 % (9,6 Go sur 465 Go)"),
    ("09:47:05", "ERREUR", "impression", "Travail « Facture-mars.pdf » : l'imprimante ne répond pas"),
    ("09:47:35", "ERREUR", "impression", "Travail « Facture-mars.pdf » : l'imprimante ne répond pas"),
    ("09:48:05", "AVERTISSEMENT", "impression", "Imprimante « Bureau-2e-etage » marquée hors connexion"),
    ("10:05:51", "INFO", "mise-a-jour", "Mise à jour du navigateur installée"),
    ("10:32:14", "ERREUR", "impression", "Travail « Planning-avril.ods » : l'imprimante ne répond pas"),
    ("10:58:40", "INFO", "session", "Verrouillage de la session (inactivité)"),
    ("11:20:03", "INFO", "session", "Déverrouillage de la session"),
    ("11:44:29", "ERREUR", "mise-a-jour", "Échec de l'installation de la mise à jour de sécurité (code 0x80070070)"),
    ("12:29:02", "AVERTISSEMENT", "reseau", "Connexion Wi-Fi perdue"),
    ("12:30:00", "INFO", "sauvegarde", "Début de la sauvegarde planifiée vers « SAUVEGARDE » (USB)"),
    ("12:31:12", "INFO", "reseau", "Connexion Wi-Fi rétablie (réseau « Mairie-Agents »)"),
    ("12:38:47", "ERREUR", "sauvegarde", "Copie de « Compta-2025.ods » impossible : espace insuffisant sur la destination"),
    ("12:38:47", "ERREUR", "sauvegarde", "Sauvegarde interrompue : 1 412 fichiers copiés sur 3 980"),
    ("13:55:18", "INFO", "impression", "Imprimante « Bureau-2e-etage » de nouveau en ligne"),
    ("13:56:02", "INFO", "impression", "Travail « Planning-avril.ods » imprimé"),
]

_NOISE = [
    ("systeme", "Contrôle périodique des services : état normal"),
    ("reseau", "Renouvellement du bail DHCP réussi"),
    ("systeme", "Température du processeur : normale"),
]


def _journal(path: Path) -> None:
    rng = random.Random(5101)
    day = datetime(2025, 3, 14)
    lines = [(datetime.strptime(t, "%H:%M:%S").time(), lvl, comp, msg) for t, lvl, comp, msg in _LOG_EVENTS]
    # routine INFO lines every 20 minutes or so (fixed seed)
    moment = day + timedelta(hours=8, minutes=20)
    while moment.hour < 14:
        comp, msg = _NOISE[rng.randrange(len(_NOISE))]
        stamp = moment + timedelta(seconds=rng.randrange(0, 59))
        lines.append((stamp.time(), "INFO", comp, msg))
        moment += timedelta(minutes=20 + rng.randrange(0, 10))
    lines.sort(key=lambda row: row[0])
    out = []
    for time, level, comp, msg in lines:
        out.append(f"2025-03-14 {time.strftime('%H:%M:%S')}  {level:<13} {comp:<12} {msg}")
    path.write_text("\n".join(out) + "\n", encoding="utf-8", newline="\n")


# --------------------------------------------------------------------------------------------
# ipconfig /all outputs (Windows, French). Office: Ethernet works. Laptop: APIPA address.
# --------------------------------------------------------------------------------------------

def _ipconfig_header(host: str) -> list[str]:
    return [
        "",
        "Configuration IP de Windows",
        "",
        f"   Nom de l'hôte . . . . . . . . . . : {host}",
        "   Suffixe DNS principal . . . . . . :",
        "   Type de noeud. . . . . . . . . .  : Hybride",
        "   Routage IP activé . . . . . . . . : Non",
        "   Proxy WINS activé . . . . . . . . : Non",
        "",
    ]


def _ipconfig_bureau(path: Path) -> None:
    lines = _ipconfig_header("POSTE-COMPTA-02") + [
        "Carte Ethernet Ethernet :",
        "",
        "   Suffixe DNS propre à la connexion. . . : entreprise.lan",
        "   Description. . . . . . . . . . . . . . : Contrôleur Ethernet Gigabit",
        "   Adresse physique . . . . . . . . . . . : 3C-52-82-1A-7F-0B",
        "   DHCP activé. . . . . . . . . . . . . . : Oui",
        "   Configuration automatique activée. . . : Oui",
        "   Adresse IPv6 de liaison locale. . . . .: fe80::8d2e:41b7:1c3a:9e02%12(préféré)",
        "   Adresse IPv4. . . . . . . . . . . . . .: 192.168.10.37(préféré)",
        "   Masque de sous-réseau. . . . . . . . . : 255.255.255.0",
        "   Bail obtenu. . . . . . . . . . . . . . : lundi 17 mars 2025 08:03:12",
        "   Bail expirant. . . . . . . . . . . . . : mardi 18 mars 2025 08:03:12",
        "   Passerelle par défaut. . . . . . . . . : 192.168.10.254",
        "   Serveur DHCP . . . . . . . . . . . . . : 192.168.10.1",
        "   Serveurs DNS. . .  . . . . . . . . . . : 192.168.10.1",
        "                                       9.9.9.9",
        "   NetBIOS sur Tcpip. . . . . . . . . . . : Activé",
        "",
        "Carte réseau sans fil Wi-Fi :",
        "",
        "   Statut du média. . . . . . . . . . . . : Média déconnecté",
        "   Suffixe DNS propre à la connexion. . . :",
        "   Description. . . . . . . . . . . . . . : Carte réseau sans fil 802.11ax",
        "   Adresse physique . . . . . . . . . . . : 70-9C-D1-44-0E-B5",
        "   DHCP activé. . . . . . . . . . . . . . : Oui",
        "   Configuration automatique activée. . . : Oui",
        "",
    ]
    path.write_text("\r\n".join(lines), encoding="utf-8", newline="")


def _ipconfig_portable(path: Path) -> None:
    lines = _ipconfig_header("PORTABLE-SALLE-B") + [
        "Carte Ethernet Ethernet :",
        "",
        "   Statut du média. . . . . . . . . . . . : Média déconnecté",
        "   Suffixe DNS propre à la connexion. . . :",
        "   Description. . . . . . . . . . . . . . : Contrôleur Ethernet Gigabit",
        "   Adresse physique . . . . . . . . . . . : 08-8F-C3-20-5A-91",
        "   DHCP activé. . . . . . . . . . . . . . : Oui",
        "   Configuration automatique activée. . . : Oui",
        "",
        "Carte réseau sans fil Wi-Fi :",
        "",
        "   Suffixe DNS propre à la connexion. . . :",
        "   Description. . . . . . . . . . . . . . : Carte réseau sans fil 802.11ac",
        "   Adresse physique . . . . . . . . . . . : 08-8F-C3-20-5A-92",
        "   DHCP activé. . . . . . . . . . . . . . : Oui",
        "   Configuration automatique activée. . . : Oui",
        "   Adresse IPv6 de liaison locale. . . . .: fe80::2b91:7c0d:e4a6:51f3%9(préféré)",
        "   Adresse IPv4 d'autoconfiguration . . . : 169.254.23.117(préféré)",
        "   Masque de sous-réseau. . . . . . . . . : 255.255.0.0",
        "   Passerelle par défaut. . . . . . . . . :",
        "   Serveurs DNS. . .  . . . . . . . . . . : fec0:0:0:ffff::1%1",
        "                                       fec0:0:0:ffff::2%1",
        "   NetBIOS sur Tcpip. . . . . . . . . . . : Activé",
        "",
    ]
    path.write_text("\r\n".join(lines), encoding="utf-8", newline="")


# --------------------------------------------------------------------------------------------
# c51-historique-mises-a-jour.csv: update history (semicolon separated, UTF-8 with BOM).
# Answers: 4 failures; "Micrologiciel UEFI 1.14" waits for a restart; the cumulative security
# update failed three times with code 0x80070070.
# --------------------------------------------------------------------------------------------

_UPDATES = [
    ("03/02/2025", "Définitions antivirus", "Sécurité", "Réussie", "0"),
    ("05/02/2025", "Navigateur web 128.0.2", "Application", "Réussie", "0"),
    ("11/02/2025", "Mise à jour cumulative de sécurité 2025-02", "Système", "Échec", "0x80070070"),
    ("11/02/2025", "Pilote graphique 31.0.15", "Pilote", "Réussie", "0"),
    ("12/02/2025", "Mise à jour cumulative de sécurité 2025-02", "Système", "Échec", "0x80070070"),
    ("14/02/2025", "Définitions antivirus", "Sécurité", "Réussie", "0"),
    ("18/02/2025", "Suite bureautique 24.8.4", "Application", "Réussie", "0"),
    ("19/02/2025", "Mise à jour cumulative de sécurité 2025-02", "Système", "Échec", "0x80070070"),
    ("20/02/2025", "Pilote d'imprimante 4.2", "Pilote", "Échec", "0x800F0922"),
    ("24/02/2025", "Micrologiciel UEFI 1.14", "Micrologiciel", "En attente de redémarrage", "0"),
    ("26/02/2025", "Définitions antivirus", "Sécurité", "Réussie", "0"),
    ("03/03/2025", "Navigateur web 128.0.3", "Application", "Réussie", "0"),
    ("04/03/2025", "Définitions antivirus", "Sécurité", "Réussie", "0"),
]


def _updates(path: Path) -> None:
    rows = ["Date;Élément;Catégorie;Statut;Code de résultat"]
    rows += [";".join(row) for row in _UPDATES]
    path.write_bytes(("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8"))


# --------------------------------------------------------------------------------------------
# c51-erreur-impression.png: a screenshot-like error dialog (illustration, with alt text).
# --------------------------------------------------------------------------------------------

_ACCENTS = {"é": ("e", "acute"), "è": ("e", "grave"), "ê": ("e", "circ"), "à": ("a", "grave"),
             "É": ("E", "acute")}


def _draw_text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, font, fill) -> None:
    """Draw text character by character, composing French accents by hand: Pillow's bundled
    font has no accented glyphs, and a system font would make the file machine-dependent."""
    x, y = xy
    for char in text:
        base, accent = _ACCENTS.get(char, (char, None))
        draw.text((x, y), base, font=font, fill=fill)
        width = draw.textlength(base, font=font)
        if accent:
            top = draw.textbbox((x, y), base, font=font)[1]
            mid = x + width / 2
            if accent == "acute":
                draw.line([mid - 1, top - 2, mid + 2, top - 5], fill=fill, width=1)
            elif accent == "grave":
                draw.line([mid - 2, top - 5, mid + 1, top - 2], fill=fill, width=1)
            else:
                draw.line([mid - 3, top - 2, mid, top - 5], fill=fill, width=1)
                draw.line([mid, top - 5, mid + 3, top - 2], fill=fill, width=1)
        x += width


def _error_dialog(path: Path) -> None:
    width, height = 560, 230
    img = Image.new("RGB", (width, height), (236, 236, 236))
    draw = ImageDraw.Draw(img)
    title_font = ImageFont.load_default(size=15)
    font = ImageFont.load_default(size=14)
    # window frame and title bar
    draw.rectangle([0, 0, width - 1, height - 1], outline=(120, 120, 120))
    draw.rectangle([1, 1, width - 2, 32], fill=(250, 250, 250))
    draw.text((14, 9), "Erreur d'impression", font=title_font, fill=(20, 20, 20))
    draw.line([width - 26, 11, width - 16, 21], fill=(60, 60, 60), width=2)  # close cross
    draw.line([width - 16, 11, width - 26, 21], fill=(60, 60, 60), width=2)
    draw.line([1, 33, width - 2, 33], fill=(200, 200, 200))
    # red error icon
    draw.ellipse([24, 60, 68, 104], fill=(200, 40, 40))
    draw.line([36, 72, 56, 92], fill=(255, 255, 255), width=5)
    draw.line([56, 72, 36, 92], fill=(255, 255, 255), width=5)
    text = [
        "Impossible d'imprimer « Facture-mars.pdf ».",
        "",
        "L'imprimante « Bureau-2e-etage » est hors connexion.",
        "Vérifiez qu'elle est allumée et reliée au réseau.",
    ]
    y = 58
    for line in text:
        _draw_text(draw, (90, y), line, font, (20, 20, 20))
        y += 22
    # buttons
    for x0, label in ((300, "Réessayer"), (430, "Annuler")):
        draw.rectangle([x0, 180, x0 + 110, 210], fill=(253, 253, 253), outline=(150, 150, 150))
        label_width = draw.textlength(label.replace("é", "e"), font=font)
        _draw_text(draw, (x0 + (110 - label_width) / 2, 187), label, font, (20, 20, 20))
    exif = Image.Exif()
    exif[0x010E] = "Capture simulee : erreur d'impression"  # ImageDescription (EXIF ASCII)
    exif[0x0131] = "Pix contenu 5.1"  # Software
    exif[0x0132] = "2025:03:14 09:47:10"  # DateTime
    exif[0x013B] = "Equipe contenu Pix"  # Artist (EXIF ASCII)
    img.save(path, format="PNG", exif=exif.tobytes(), optimize=False)


# --- illustrations drawn with contentbuild.pictures (the alt text is in 5.1.yaml) ------------------

_TILES = [("Wi-Fi", "Désactivé", False), ("Bluetooth", "Désactivé", False), ("Mode avion", "Activé", True),
          ("Économiseur", "Désactivé", False), ("Accessibilité", "", False), ("Partage", "Désactivé", False)]


def _quick_settings(path: Path) -> None:
    """A computer's quick settings panel and the network icon of the taskbar."""
    img, draw = pic.canvas(460, 330, (32, 32, 36))
    draw.rounded_rectangle([15, 15, 445, 270], radius=10, fill=(243, 243, 243))
    for i, (name, state, on) in enumerate(_TILES):
        x, y = 35 + (i % 3) * 138, 35 + (i // 3) * 112
        draw.rounded_rectangle([x, y, x + 120, y + 56], radius=8, fill=(0, 95, 184) if on else (225, 225, 228))
        pic.text(draw, (x + 60, y + 20), name, 14, "white" if on else (40, 40, 40), bold=True, anchor="m")
        if state:
            pic.text(draw, (x + 60, y + 66), state, 13, (90, 90, 90), anchor="m")
    # taskbar with the network icon: a small plane instead of the Wi-Fi waves
    draw.rectangle([0, 290, 460, 330], fill=(235, 235, 238))
    draw.polygon([(330, 310), (350, 304), (362, 296), (366, 298), (358, 306), (370, 308), (374, 304),
                  (377, 305), (373, 311), (377, 317), (374, 318), (370, 314), (358, 316), (366, 324),
                  (362, 326), (350, 318)], fill=(40, 40, 40))
    pic.text(draw, (390, 302), "14:32", 13)
    pic.save(img, path)


_PROCESSES = [
    ("Navigateur web (38 onglets)", "12 %", "2 140 Mo", "0,1 Mo/s"),
    ("Traitement de texte", "1 %", "180 Mo", "0 Mo/s"),
    ("ConvertPro Vidéo", "91 %", "1 020 Mo", "18,4 Mo/s"),
    ("Lecteur de musique", "2 %", "95 Mo", "0,1 Mo/s"),
    ("Antivirus (service)", "1 %", "160 Mo", "0,2 Mo/s"),
    ("Messagerie", "0 %", "240 Mo", "0 Mo/s"),
]


def _task_manager(path: Path) -> None:
    """A task manager sorted by name: which program holds the processor."""
    img, draw = pic.window(720, 340, "Gestionnaire des tâches")
    pic.text(draw, (20, 48), "Processus", 16, bold=True)
    columns = [("Nom", 20, "l"), ("Processeur", 430, "r"), ("Mémoire", 560, "r"), ("Disque", 690, "r")]
    totals = {"Processeur": "100 %", "Mémoire": "71 %", "Disque": "22 %"}
    for label, x, anchor in columns:
        if label in totals:
            pic.text(draw, (x, 80), totals[label], 15, bold=True, anchor="r")
        pic.text(draw, (x, 100), label, 13, (90, 90, 90), anchor=anchor)
    draw.line([14, 122, 706, 122], fill=(210, 210, 210))
    for i, (name, cpu, memory, disk) in enumerate(_PROCESSES):
        y = 132 + i * 32
        pic.text(draw, (20, y), name, 14)
        for value, (_, x, _) in zip((cpu, memory, disk), columns[1:], strict=True):
            pic.text(draw, (x, y), value, 14, anchor="r")
    pic.save(img, path)


ATTACHMENTS = {
    "c51-journal-systeme.log": _journal,
    "c51-ipconfig-bureau.txt": _ipconfig_bureau,
    "c51-ipconfig-portable.txt": _ipconfig_portable,
    "c51-historique-mises-a-jour.csv": _updates,
    "c51-erreur-impression.png": _error_dialog,
    "c51-parametres-rapides.png": _quick_settings,
    "c51-gestionnaire-taches.png": _task_manager,
}
