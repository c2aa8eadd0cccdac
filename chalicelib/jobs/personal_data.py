"""The data export a learner asks for on "Mon compte" (GDPR right of access): a ZIP with everything the
rooms hold about them, as JSON, and a README in the language of their account (French or English).

The request travels as a job: the server writes a small request object, S3 → EventBridge runs the
export off the request path, the page polls the job and downloads the file through a short-lived link.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime, timedelta
from typing import Any

from chalicelib import clock, rooms
from chalicelib.jobs import files, service, store
from chalicelib.jobs import schemas as out
from chalicelib.jobs.kinds import Kind
from chalicelib.jobs.work import Work

KIND = "data-export"
FILE_NAME = "mes-donnees-pix.zip"
FORMAT = "pix-donnees-personnelles/1"
SECTION_OF = {"accounts": "compte"}  # the file's section of a room's data, when not the room's name
EVERY = timedelta(minutes=5)  # one export per person per 5 minutes: each reads all their data

README = """\
Vos données personnelles sur Pix
================================

Ce fichier a été préparé à votre demande le {generated_at} (heure UTC), depuis la page « Mon compte ».
Il contient tout ce que Pix conserve à votre sujet, dans le fichier mes-donnees.json (format JSON,
lisible par un éditeur de texte ou un tableur qui sait l'importer).

Ce que contient mes-donnees.json :

- « compte » : votre identifiant interne, vos prénom et nom, votre adresse e-mail ou votre identifiant
  de connexion, votre langue, la date de création du compte et celle où vous avez accepté les conditions
  d'utilisation. Votre mot de passe n'y figure pas : Pix ne le conserve que sous une forme chiffrée
  à sens unique, que personne ne peut relire.
- « evaluation » :
  - « competences » : pour chaque compétence évaluée, vos pix, votre niveau, les acquis validés ou non
    (avec leur date) et votre dernière évaluation ;
  - « answers » : chacune de vos réponses, avec la question, le résultat, le temps passé et la date ;
  - « saved_tutorials » : les tutoriels que vous avez mis de côté ;
  - « problem_reports » : les signalements que vous avez envoyés sur des questions.
- les autres sections, une par espace de Pix qui conserve quelque chose à votre sujet (vos organisations,
  vos participations aux campagnes, vos certifications…), portent le nom de cet espace.

Le lien qui vous a permis de télécharger ce fichier ne fonctionne que quelques minutes, et le fichier
est effacé de nos serveurs après 3 jours. Pour toute question sur vos données, écrivez au délégué à la
protection des données de Pix.
"""

README_EN = """\
Your personal data on Pix
=========================

This file was prepared at your request on {generated_at} (UTC), from the "My account" page. It holds
everything Pix keeps about you, in the file mes-donnees.json (JSON, readable with a text editor or a
spreadsheet that can import it). Its field names are in English or French, as Pix stores them.

What mes-donnees.json holds:

- "compte" (account): your internal id, your first and last names, your e-mail address or username, your
  language, when your account was created and when you accepted the terms of use. Your password is not in
  it: Pix keeps only a one-way encrypted form of it, which no one can read back.
- "evaluation":
  - "competences": for each competence assessed, your pix, your level, the skills validated or not (with
    their date) and your last test;
  - "answers": each of your answers, with the question, the result, the time spent and the date;
  - "saved_tutorials": the tutorials you saved;
  - "problem_reports": the problems you reported on questions.
- the other sections, one per Pix space that keeps something about you (your organisations, your campaign
  participations, your certifications…), are named after that space.

The link that let you download this file works only a few minutes, and the file is erased from our
servers after 3 days. For any question about your data, write to Pix's data protection officer.
"""


def _readme(lang: str, generated_at: datetime) -> tuple[str, str]:
    """The README's file name and text, in the account's language."""
    if lang == "en":
        return "README.txt", README_EN.format(generated_at=generated_at.strftime("%Y-%m-%d at %H:%M"))
    return "LISEZMOI.txt", README.format(generated_at=generated_at.strftime("%d/%m/%Y à %H:%M"))


def export(work: Work) -> None:
    owner = work.job.owner_id
    # Every room that holds something about people says what, through its `api.personal_data(user_id)`
    # (chalicelib.rooms.person_hooks): a new room's data joins the export without a change here.
    hooks = rooms.person_hooks("personal_data")
    work.processing(total=len(hooks))
    generated_at = clock.now().replace(microsecond=0)
    document: dict[str, Any] = {"format": FORMAT, "generated_at": generated_at.isoformat()}
    for done, (room, hook) in enumerate(hooks, start=1):
        document[SECTION_OF.get(room, room)] = hook(owner)
        work.progress(done, len(hooks))
    account = document["compte"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mes-donnees.json", json.dumps(document, ensure_ascii=False, indent=2))
        archive.writestr(*_readme(account.get("lang", "fr"), generated_at))
    work.finish(buffer.getvalue(), FILE_NAME, "application/zip")


DATA_EXPORT = Kind(KIND, export, max_source_bytes=4096)


def request_export(user_id: str) -> out.JobOut:
    """Start an export of the learner's data. The request object names no one: the job item holds the owner."""
    request = json.dumps({"kind": KIND, "requested_at": clock.now().isoformat()}).encode()
    return service.start_from_request(user_id, DATA_EXPORT, request, every=EVERY)


def latest_export(user_id: str) -> out.LatestJob:
    return service.latest_of(user_id, KIND)


def forget(user_id: str) -> None:
    """The person's data exports hold their data: deleted when they are anonymised (their source requests
    too). The job items stay until their TTL: they name only the owner's id."""
    for source_key, result_key in store.owned(user_id, KIND):
        files.delete_objects(source_key, result_key)
