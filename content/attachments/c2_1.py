"""Attachments of competence 2.1 (Interagir): a suspicious e-mail with its headers,
an address book in vCard format and a video-conference invitation in iCalendar format.

Every file is written deterministically: fixed dates, no current time, CRLF line endings
as the e-mail, vCard and iCalendar standards require.
"""
from pathlib import Path

from contentbuild import pictures as pic

CRLF = "\r\n"


def _write_lines(path: Path, lines: list[str]) -> None:
    path.write_bytes((CRLF.join(lines) + CRLF).encode("utf-8"))


def _fold(line: str, limit: int = 75) -> list[str]:
    """Fold a vCard/iCalendar content line at 75 octets (RFC 5545, 3.1), never inside a character."""
    out: list[str] = []
    current = ""
    for char in line:
        room = limit if not out else limit - 1  # continuation lines start with a space
        if len((current + char).encode("utf-8")) > room:
            out.append(current if not out else " " + current)
            current = ""
        current += char
    out.append(current if not out else " " + current)
    return out


def _suspicious_email(path: Path) -> None:
    """A phishing-like message: display name of a bank, spoofed From, look-alike Reply-To,
    three Received hops (the oldest at the bottom), SPF fail, Date in +0200."""
    lines = [
        "Return-Path: <notification@banque-horizon.fr>",
        "Delivered-To: camille.durand@messagerie-exemple.fr",
        "Received: from mx2.messagerie-exemple.fr (mx2.messagerie-exemple.fr [192.0.2.10])",
        "\tby boite.messagerie-exemple.fr with LMTP; Tue, 14 Oct 2025 07:42:11 +0000",
        "Received: from relais.hebergeur-rapide.net (relais.hebergeur-rapide.net [203.0.113.45])",
        "\tby mx2.messagerie-exemple.fr with ESMTPS; Tue, 14 Oct 2025 07:42:10 +0000",
        "Received: from poste-07 (unknown [198.51.100.23])",
        "\tby relais.hebergeur-rapide.net with ESMTP; Tue, 14 Oct 2025 07:42:07 +0000",
        "Authentication-Results: mx2.messagerie-exemple.fr;",
        "\tspf=fail smtp.mailfrom=banque-horizon.fr;",
        "\tdkim=none;",
        "\tdmarc=fail header.from=banque-horizon.fr",
        'From: "Banque Horizon - Service client" <securite@banque-horizon.fr>',
        'Reply-To: "Service client" <assistance@banque-horizon-securite.com>',
        "To: camille.durand@messagerie-exemple.fr",
        "Subject: =?utf-8?q?Action_requise_=3A_v=C3=A9rifiez_votre_compte_sous_24_h?=",
        "Date: Tue, 14 Oct 2025 09:42:05 +0200",
        "Message-ID: <20251014074205.4821@poste-07>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
        "",
        "Madame, Monsieur,",
        "",
        "Une activité inhabituelle a été détectée sur votre compte.",
        "Sans vérification de votre part sous 24 heures, votre carte sera bloquée.",
        "",
        "Vérifiez votre identité en cliquant ici :",
        "http://banque-horizon.verification-compte.net/connexion",
        "",
        "Pour toute question, répondez simplement à ce message.",
        "",
        "Le service client de la Banque Horizon",
    ]
    _write_lines(path, lines)


_CONTACTS = [
    # (family name, given name, organisation, e-mail, phone)
    ("Benali", "Nadia", "Médiathèque Jean-Moulin", "nadia.benali@mediatheque-jm.fr", "+33 5 55 12 34 01"),
    ("Girard", "Thomas", "Mairie de Saint-Aubin", "t.girard@saint-aubin.fr", "+33 5 55 20 11 42"),
    ("Marchand", "Élodie", "Médiathèque Jean-Moulin", "elodie.marchand@mediatheque-jm.fr", "+33 5 55 12 34 07"),
    ("Haddad", "Karim", "Collège Victor-Hugo", "karim.haddad@college-vh.fr", "+33 5 55 41 00 18"),
    ("Perrin", "Julien", "Médiathèque Jean-Moulin", "julien.perrin@mediatheque-jm.fr", "+33 5 55 12 34 09"),
    ("Lambert", "Sophie", "Collège Victor-Hugo", "sophie.lambert@college-vh.fr", "+33 5 55 41 00 22"),
    ("Girard", "Tom", "Mairie de Saint-Aubin", "t.girard@saint-aubin.fr", "+33 6 71 84 52 90"),
    ("Roux", "Amandine", "Médiathèque Jean-Moulin", "amandine.roux@mediatheque-jm.fr", "+33 5 55 12 34 12"),
    ("Fontaine", "Lucas", "Association Les Jardins partagés", "lucas.fontaine@jardins-partages.org", "+33 6 12 45 78 30"),
    ("Moreau", "Claire", "Mairie de Saint-Aubin", "claire.moreau@saint-aubin.fr", "+33 5 55 20 11 57"),
]


def _contacts_vcf(path: Path) -> None:
    lines: list[str] = []
    for family, given, org, mail, phone in _CONTACTS:
        lines += [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"N:{family};{given};;;",
            f"FN:{given} {family}",
            f"ORG:{org}",
            f"EMAIL;TYPE=INTERNET,WORK:{mail}",
            f"TEL;TYPE=WORK,VOICE:{phone}",
            "REV:2025-09-01T08:00:00Z",
            "END:VCARD",
        ]
    _write_lines(path, lines)


_ATTENDEES = [
    ("Élodie Marchand", "elodie.marchand@mediatheque-jm.fr", "ACCEPTED"),
    ("Karim Haddad", "karim.haddad@college-vh.fr", "DECLINED"),
    ("Lucas Fontaine", "lucas.fontaine@jardins-partages.org", "ACCEPTED"),
    ("Claire Moreau", "claire.moreau@saint-aubin.fr", "TENTATIVE"),
    ("Sophie Lambert", "sophie.lambert@college-vh.fr", "DECLINED"),
    ("Julien Perrin", "julien.perrin@mediatheque-jm.fr", "ACCEPTED"),
    ("Thomas Girard", "t.girard@saint-aubin.fr", "NEEDS-ACTION"),
]


def _visio_invitation(path: Path) -> None:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Exemple//Invitation visio//FR",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        "UID:copil-jardins-20251120@mediatheque-jm.fr",
        "DTSTAMP:20251105T090000Z",
        "DTSTART:20251120T130000Z",
        "DTEND:20251120T143000Z",
        "SUMMARY:Comité de pilotage du projet Jardins partagés (visioconférence)",
        "LOCATION:https://visio.mediatheque-jm.fr/copil-jardins",
        "DESCRIPTION:Rejoindre la réunion : https://visio.mediatheque-jm.fr/copil-jardins\\nCode de la salle : 482 913",
        "ORGANIZER;CN=Nadia Benali:mailto:nadia.benali@mediatheque-jm.fr",
    ]
    for name, mail, status in _ATTENDEES:
        lines.append(f"ATTENDEE;CN={name};ROLE=REQ-PARTICIPANT;PARTSTAT={status}:mailto:{mail}")
    lines += [
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    _write_lines(path, [part for line in lines for part in _fold(line)])


# --- illustrations drawn with contentbuild.pictures (the alt text is in 2.1.yaml) ------------------

_PARTICIPANTS = [("Vous (organisateur)", "on", False), ("Léa Martin", "off", True), ("Thomas Roux", "on", False),
                 ("Inès Petit", "off", False), ("Karim Benali", "off", False)]


def _participants_panel(path: Path) -> None:
    """A videoconference: shared slides on the left, the participants panel on the right."""
    img, draw = pic.window(820, 440, "Réunion : bilan du trimestre")
    draw.rectangle([1, 35, 520, 438], fill=(32, 33, 36))
    draw.rectangle([30, 70, 490, 330], fill="white")
    pic.text(draw, (260, 90), "Bilan du trimestre", 20, bold=True, anchor="m")
    for i in range(4):
        draw.rectangle([80 + i * 90, 300 - (i + 2) * 30, 140 + i * 90, 300], fill=(52, 101, 164))
    pic.text(draw, (260, 350), "Vous présentez votre écran", 13, (220, 220, 220), anchor="m")
    pic.text(draw, (540, 50), "Participants (5)", 16, bold=True)
    for i, (name, mic, hand) in enumerate(_PARTICIPANTS):
        y = 88 + i * 56
        draw.ellipse([540, y, 572, y + 32], fill=(110, 140, 190))
        pic.text(draw, (556, y + 8), name[0], 14, "white", bold=True, anchor="m")
        pic.text(draw, (582, y + 8), name, 14)
        # microphone icon, barred when muted
        mx = 780
        draw.rounded_rectangle([mx, y + 4, mx + 8, y + 18], radius=4, fill=(60, 60, 60))
        draw.arc([mx - 4, y + 8, mx + 12, y + 24], 0, 180, fill=(60, 60, 60), width=2)
        draw.line([mx + 4, y + 24, mx + 4, y + 28], fill=(60, 60, 60), width=2)
        if mic == "off":
            draw.line([mx - 5, y + 2, mx + 13, y + 28], fill=(200, 40, 40), width=3)
        else:
            for k in (1, 2):  # sound waves
                draw.arc([mx - 6 - 4 * k, y + 2 - 2 * k, mx + 14 + 4 * k, y + 24 + 2 * k], -40, 40,
                         fill=(20, 140, 60), width=2)
        if hand:
            pic.text(draw, (740, y + 6), "main", 12, (150, 100, 0))
            draw.rounded_rectangle([736, y + 2, 774, y + 24], radius=6, outline=(200, 150, 0), width=2)
    pic.save(img, path)


_FAMILIES = ["famille.arnaud@exemple.fr", "s.benhamou@exemple.fr", "lucie.carre@exemple.fr",
             "p.da-silva@exemple.fr", "duval.marc@exemple.fr", "n.estrada@exemple.fr",
             "karine.faure@exemple.fr", "j.gomez@exemple.fr", "h.lambert@exemple.fr"]


def _compose_window(path: Path) -> None:
    """A new message to the families of a class: every address in « À », two files attached."""
    img, draw = pic.window(780, 490, "Nouveau message")
    rows = [("De", "prof.martin@college-exemple.fr"), ("À", ""), ("Cc", ""), ("Cci", ""),
            ("Objet", "Sortie au musée du 14 mai : planning des accompagnateurs")]
    y = 46
    for label, value in rows:
        pic.text(draw, (20, y + 6), label, 14, (90, 90, 90))
        if label == "À":
            x, line_y = 80, y + 2
            for address in _FAMILIES + ["(+ 17 autres)"]:
                width = pic.text_width(address, 13) + 16
                if x + width > 760:
                    x, line_y = 80, line_y + 26
                draw.rounded_rectangle([x, line_y, x + width, line_y + 22], radius=11, fill=(232, 236, 244))
                pic.text(draw, (x + 8, line_y + 4), address, 13)
                x += width + 6
            y = line_y + 30
        else:
            pic.text(draw, (80, y + 6), value, 14)
            y += 34
        draw.line([14, y - 2, 766, y - 2], fill=(225, 225, 225))
    for i, (name, size) in enumerate([("planning-accompagnateurs.pdf", "84 Ko"),
                                      ("fiches-sante-eleves-5B.xlsx", "46 Ko")]):
        x = 20 + i * 330
        draw.rounded_rectangle([x, y + 6, x + 310, y + 40], radius=6, outline=(190, 190, 190), fill=(250, 250, 250))
        pic.text(draw, (x + 12, y + 15), f"{name} ({size})", 13)
    pic.lines(draw, (20, y + 58), [
        "Bonjour à toutes et à tous,",
        "",
        "Vous trouverez ci-joint le planning des parents accompagnateurs pour la sortie",
        "du 14 mai. Merci de me signaler toute indisponibilité avant vendredi.",
        "",
        "Bien cordialement,",
        "M. Martin, professeur principal de la 5e B",
    ], 14)
    pic.save(img, path)


ATTACHMENTS = {
    "c21-message-suspect.eml": _suspicious_email,
    "c21-contacts.vcf": _contacts_vcf,
    "c21-invitation-visio.ics": _visio_invitation,
    "c21-participants-visio.png": _participants_panel,
    "c21-nouveau-message.png": _compose_window,
}
