"""The attendance sheet's PDF, read back with pypdf: every candidate's names, birth date, class and local id."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, time

from pypdf import PdfReader

from chalicelib.certif import attendance, centres, sessions
from chalicelib.certif.candidates import Birthplace, Candidate

NOW = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)


def _candidate(n: int, last: str, first: str, division: str | None, external_id: str | None = None) -> Candidate:
    return Candidate(id=f"c{n}", session_id="12345678", last_name=last, first_name=first, sex="F",
                     birth_date=date(2011, 4, n), birthplace=Birthplace("99100", "Lyon", insee_code="69123"),
                     enrolled_at=NOW, external_id=external_id, division=division)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_sheet_shows_each_candidates_class_where_known():
    centre = centres.create("c0123456789", "Collège Jean Moulin", "SCO", NOW)
    details = sessions.details("Collège Jean Moulin, Lyon", "Salle 4", date(2026, 3, 12), time(9, 0), "Mme Durand")
    session = sessions.create("12345678", centre.id, details, "BCDF23", "hash", NOW)
    listed = [_candidate(1, "Martin", "Camille", "3E2", "LOC-7"), _candidate(2, "Bernard", "Léa", "4A"),
              _candidate(3, "Cœur", "Zoé", None)]
    text = _text(attendance.render(centre, session, listed))
    assert "Classe" in text and "12/03/2026 à 09:00" in text
    lines = text.splitlines()
    martin = next(line for line in lines if "Martin" in line)
    bernard = next(line for line in lines if "Bernard" in line)
    coeur = next(line for line in lines if "Coeur" in line)
    assert "3E2" in martin and "LOC-7" in martin and "01/04/2011" in martin
    assert "4A" in bernard and "02/04/2011" in bernard
    assert coeur.split("03/04/2011")[1].strip() == ""  # no class known: the cell stays empty
    assert text.index("Bernard") < text.index("Coeur") < text.index("Martin")  # by name
    assert "3 candidat(s) inscrit(s)." in text
