"""Attachments of competence 4.1 (Sécuriser l'environnement numérique).

- c41-avis-remboursement.eml: a phishing e-mail posing as the tax administration; its link and headers
  (Reply-To, Return-Path, Authentication-Results) tell the truth. Every domain it uses, apart from the
  usurped one, is under a reserved test TLD (.test, .example), so nothing in it can lead anywhere;
- c41-connexions.log: the login journal of an association's VPN gateway, with a password-spraying
  attack at night (one account falls) and a smaller brute-force attempt;
- c41-telechargement.zip: three downloaded files and the SHA256SUMS.txt published by their editor;
  one of the files does not match its fingerprint.

Every writer is deterministic: fixed texts, fixed seeds, fixed dates.
"""

from __future__ import annotations

import hashlib
import io
import random
import zipfile
from email.header import Header
from pathlib import Path

from contentbuild import pictures as pic

# --- the phishing e-mail -------------------------------------------------------------------------

_LINK = "http://impots.gouv.fr.remboursement-dossier.test/espace/?dossier=88213"


def _eml(path: Path) -> None:
    sender_name = Header("Direction générale des Finances publiques", "utf-8").encode()
    subject = Header("Avis de remboursement : 248,62 € en attente", "utf-8").encode()
    text = (
        "Bonjour,\n\n"
        "Après le dernier calcul de votre impôt, vous êtes éligible à un remboursement de 248,62 €.\n"
        "Pour le recevoir, confirmez vos coordonnées bancaires avant le 14/11/2024.\n"
        "Passé ce délai, votre dossier sera clôturé.\n\n"
        "Accéder à mon remboursement :\n"
        f"{_LINK}\n\n"
        "Direction générale des Finances publiques\n"
    )
    html = (
        "<html><body style=\"font-family: Arial, sans-serif\">\n"
        "<p><img src=\"cid:logo\" alt=\"République française - impots.gouv.fr\"></p>\n"
        "<p>Bonjour,</p>\n"
        "<p>Après le dernier calcul de votre impôt, vous êtes éligible à un remboursement de "
        "<b>248,62 €</b>.</p>\n"
        "<p>Pour le recevoir, confirmez vos coordonnées bancaires <b>avant le 14/11/2024</b>. "
        "Passé ce délai, votre dossier sera clôturé.</p>\n"
        f"<p><a href=\"{_LINK}\" style=\"background:#000091;color:#fff;padding:10px 20px;"
        "text-decoration:none\">Accéder à mon remboursement</a></p>\n"
        "<p>Direction générale des Finances publiques<br>www.impots.gouv.fr</p>\n"
        "</body></html>\n"
    )
    boundary = "----=_Part_7731_20241112"
    lines = [
        "Return-Path: <bounce-7731@envoi-promo.test>",
        "Received: from mail.envoi-promo.test (mail.envoi-promo.test [203.0.113.47])",
        "\tby mx1.messagerie.example with ESMTP id 4QwZk2Lm",
        "\tfor <claire.martin@messagerie.example>; Tue, 12 Nov 2024 06:41:09 +0100",
        "Authentication-Results: mx1.messagerie.example;",
        "\tspf=pass smtp.mailfrom=envoi-promo.test;",
        "\tdkim=none;",
        "\tdmarc=fail (p=reject) header.from=dgfip.finances.gouv.fr",
        f"From: {sender_name} <ne-pas-repondre@dgfip.finances.gouv.fr>",
        "Reply-To: <dossier.remboursement@service-fiscal.test>",
        "To: <claire.martin@messagerie.example>",
        f"Subject: {subject}",
        "Date: Tue, 12 Nov 2024 06:41:02 +0100",
        "Message-ID: <20241112054102.7731@envoi-promo.test>",
        "MIME-Version: 1.0",
        f"Content-Type: multipart/alternative; boundary=\"{boundary}\"",
        "",
        "Ce message est au format MIME.",
        "",
        f"--{boundary}",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
        "",
        text,
        f"--{boundary}",
        "Content-Type: text/html; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
        "",
        html,
        f"--{boundary}--",
        "",
    ]
    path.write_bytes("\r\n".join(lines).replace("\n", "\r\n").replace("\r\r\n", "\r\n").encode("utf-8"))


# --- the VPN login journal -----------------------------------------------------------------------

_ATTACKER = "203.0.113.66"
_BRUTE = "192.0.2.200"
_SPRAYED = ["admin", "direction", "compta", "accueil", "secretariat",
            "tresorier", "benevole", "stagiaire", "test", "president"]


def _seconds(h: int, m: int, s: int) -> int:
    return h * 3600 + m * 60 + s


def _log(path: Path) -> None:
    rng = random.Random(41)
    events: list[tuple[str, int, str, str, str]] = []  # (day, seconds, result, user, ip)

    # Sunday evening: a small brute force on "admin", never successful.
    t = _seconds(23, 12, 5)
    for _ in range(14):
        events.append(("2024-11-17", t, "ECHEC", "admin", _BRUTE))
        t += rng.randint(3, 9)

    # Night: password spraying from the attacker, three full rounds, then "accueil" falls.
    t = _seconds(2, 10, 3)
    attempts = [(user, "ECHEC") for _ in range(3) for user in _SPRAYED]
    attempts += [("admin", "ECHEC"), ("direction", "ECHEC"), ("compta", "ECHEC"), ("accueil", "SUCCES")]
    for user, result in attempts:
        events.append(("2024-11-18", t, result, user, _ATTACKER))
        t += rng.randint(38, 52)

    # Morning: the team logs in, with a few typing errors.
    staff = [
        ("mlefevre", "198.51.100.23", _seconds(7, 52, 40), 0),
        ("accueil", "198.51.100.23", _seconds(8, 3, 12), 1),
        ("compta", "198.51.100.41", _seconds(8, 17, 55), 0),
        ("tresorier", "198.51.100.77", _seconds(8, 31, 8), 2),
        ("direction", "198.51.100.12", _seconds(8, 46, 30), 0),
        ("secretariat", "198.51.100.23", _seconds(9, 5, 47), 1),
        ("president", "198.51.100.90", _seconds(9, 28, 16), 0),
    ]
    for user, ip, start, typos in staff:
        t = start
        for _ in range(typos):
            events.append(("2024-11-18", t, "ECHEC", user, ip))
            t += rng.randint(6, 15)
        events.append(("2024-11-18", t, "SUCCES", user, ip))

    events.sort(key=lambda e: (e[0], e[1]))
    lines = []
    for day, secs, result, user, ip in events:
        h, rem = divmod(secs, 3600)
        m, s = divmod(rem, 60)
        lines.append(f"{day} {h:02d}:{m:02d}:{s:02d} passerelle-vpn authentification={result:<6} "
                     f"utilisateur={user} ip={ip}")
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))


# --- the download and its fingerprints ------------------------------------------------------------

_ZIP_DATE = (2024, 10, 2, 9, 30, 0)
_FILES = ["agenda-installeur.bin", "agenda-portable.bin", "agenda-extensions.bin"]
_TAMPERED = "agenda-portable.bin"


def _download(path: Path) -> None:
    rng = random.Random(4141)
    originals = {name: rng.randbytes(24_000 + 1_000 * i) for i, name in enumerate(_FILES)}
    sums = "".join(f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in originals.items())
    shipped = dict(originals)
    altered = bytearray(shipped[_TAMPERED])
    altered[1234] ^= 0x5A  # one byte changed: the file no longer matches its published fingerprint
    shipped[_TAMPERED] = bytes(altered)

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in _FILES + ["SHA256SUMS.txt"]:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            data = sums.encode("ascii") if name == "SHA256SUMS.txt" else shipped[name]
            archive.writestr(info, data)
    path.write_bytes(buffer.getvalue())


# --- illustrations (contentbuild.pictures; the alt text is in 4.1.yaml) ---------------------------


def _fake_login_page(path: Path) -> None:
    """A look-alike of the health insurance's login page, reached from an SMS link."""
    img, draw = pic.browser(760, 430, "http://www.ameli-remboursements.info/connexion", False,
                            "Mon compte - Assurance Maladie")
    draw.rectangle([0, 83, 760, 140], fill=(0, 85, 164))
    pic.text(draw, (40, 100), "l'Assurance Maladie", 22, "white", bold=True)
    pic.text(draw, (380, 244 - 140), "Remboursement en attente : 148,20 €", 15, "white")
    pic.text(draw, (230, 165), "Connexion à votre compte", 20, bold=True)
    for i, label in enumerate(("Numéro de sécurité sociale", "Mot de passe")):
        y = 210 + i * 70
        pic.text(draw, (230, y), label, 14)
        draw.rounded_rectangle([230, y + 22, 530, y + 52], radius=4, outline=(150, 150, 150), fill="white")
    pic.button(draw, (230, 355, 530, 392), "Se connecter", 15, (0, 85, 164), "white", None, bold=True)
    pic.save(img, path)


def _parcel_mail(path: Path) -> None:
    """An e-mail whose button leads elsewhere than its sender claims (status bar shown on hover)."""
    img, draw = pic.window(760, 460, "Votre colis est en attente de livraison - Messagerie")
    pic.text(draw, (24, 50), "Votre colis est en attente de livraison", 18, bold=True)
    pic.text(draw, (24, 82), "De : Suivi Colis <notification@suivi-colis-express.info>", 14)
    pic.text(draw, (24, 104), "À : moi", 14, (90, 90, 90))
    draw.line([24, 130, 736, 130], fill=(210, 210, 210))
    y = pic.lines(draw, (24, 146), [
        "Bonjour,",
        "",
        "Votre colis n° FR-3384-221 n'a pas pu être livré : l'adresse est incomplète.",
        "Des frais de réexpédition de 2,49 € sont à régler sous 48 heures,",
        "faute de quoi le colis sera renvoyé à l'expéditeur.",
    ], 14)
    pic.button(draw, (24, y + 14, 254, y + 52), "Suivre mon colis", 15, (255, 204, 0), (20, 20, 20), None,
               bold=True)
    # the mouse pointer over the button
    px, py = 200, y + 40
    draw.polygon([(px, py), (px, py + 18), (px + 5, py + 13), (px + 12, py + 13)], fill="white",
                 outline="black")
    # the status bar the browser shows when hovering a link
    draw.rectangle([1, 428, 470, 458], fill=(240, 240, 240), outline=(180, 180, 180))
    pic.text(draw, (10, 436), "https://colis-reexpedition.shop/paiement?id=3384", 13, (40, 40, 40))
    pic.save(img, path)


_WIFI = [("Box-Lemoine", True, 4), ("Gare-WiFi-Gratuit", False, 3), ("FreeWifi_secure", True, 3),
         ("Hotel-Regence-Invites", False, 2), ("iPhone de Karim", True, 1)]


def _wifi_list(path: Path) -> None:
    img, draw = pic.window(420, 388, "Réseaux Wi-Fi disponibles")
    for i, (name, locked, bars) in enumerate(_WIFI):
        y = 46 + i * 66
        draw.line([10, y + 62, 410, y + 62], fill=(225, 225, 225))
        for b in range(4):  # signal bars
            h = 6 + b * 5
            fill = (40, 40, 40) if b < bars else (200, 200, 200)
            draw.rectangle([22 + b * 7, y + 34 - h, 26 + b * 7, y + 34], fill=fill)
        if locked:
            pic.padlock(draw, 56, y + 20, (40, 40, 40))
        pic.text(draw, (84, y + 22), name, 15, bold=True)
    pic.save(img, path)


def _push_request(path: Path) -> None:
    """A sign-in approval request on a phone, for a connection the owner is not making."""
    img, draw = pic.canvas(360, 600, (40, 40, 45))
    draw.rounded_rectangle([10, 10, 350, 590], radius=30, fill=(245, 245, 247), outline=(20, 20, 20), width=4)
    pic.text(draw, (34, 28), "21:47", 13, (60, 60, 60))
    pic.text(draw, (180, 70), "Messagerie Horizon", 17, bold=True, anchor="m")
    pic.text(draw, (180, 110), "Est-ce bien vous qui essayez", 16, bold=True, anchor="m")
    pic.text(draw, (180, 132), "de vous connecter ?", 16, bold=True, anchor="m")
    draw.rounded_rectangle([30, 172, 330, 352], radius=12, fill="white")
    rows = [("Compte", "c.moreau@horizon-mail.example"), ("Lieu approximatif", "Lagos, Nigeria"),
            ("Appareil", "Windows, navigateur Chrome"), ("Heure", "Aujourd'hui à 21:46")]
    for i, (label, value) in enumerate(rows):
        y = 186 + i * 42
        pic.text(draw, (46, y), label, 12, (110, 110, 110))
        pic.text(draw, (46, y + 17), value, 14)
    pic.button(draw, (30, 400, 330, 446), "Non, ce n'est pas moi", 15, (255, 235, 235), (180, 30, 30), None, bold=True)
    pic.button(draw, (30, 462, 330, 508), "Oui, c'est moi", 15, (232, 240, 254), (26, 90, 200), None, bold=True)
    pic.save(img, path)


ATTACHMENTS = {
    "c41-avis-remboursement.eml": _eml,
    "c41-connexions.log": _log,
    "c41-telechargement.zip": _download,
    "c41-page-connexion.png": _fake_login_page,
    "c41-courriel-colis.png": _parcel_mail,
    "c41-reseaux-wifi.png": _wifi_list,
    "c41-demande-connexion.png": _push_request,
}
