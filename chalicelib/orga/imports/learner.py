"""A learner as read from an imported list, every format's fields in one plain record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

FRANCE_SIECLE = "100"  # SIECLE's country code for France
FRANCE_INSEE = "99100"  # the INSEE country code (SCO CSV)


@dataclass(frozen=True, slots=True)
class ImportedLearner:
    line: int  # where the learner is in the file (SIECLE: the ELEVE element's line)
    first_name: str
    last_name: str
    birth_date: date
    second_first_name: str | None = None
    third_first_name: str | None = None
    usage_name: str | None = None
    # SCO (SIECLE and CSV)
    national_id: str | None = None  # INE (SIECLE), "Identifiant unique" (SCO CSV)
    sex: str | None = None  # "M" | "F"
    birth_country_code: str | None = None  # as in the file: "100" (SIECLE) or "99100" (CSV) for France
    birth_department_code: str | None = None
    birth_city_code: str | None = None  # INSEE code of the city
    birth_city: str | None = None
    mef_code: str | None = None
    status: str | None = None  # SIECLE's CODE_STATUT; CSV: "ST" (student) or "AP" (apprentice)
    division: str | None = None  # the class
    # SUP
    student_number: str | None = None
    email: str | None = None
    department: str | None = None  # "Composante"
    educational_team: str | None = None  # "Équipe pédagogique"
    group: str | None = None  # "Groupe"
    diploma: str | None = None  # one of lists.DIPLOMAS, or lists.UNRECOGNISED
    study_scheme: str | None = None  # "Régime": one of lists.STUDY_SCHEMES, or lists.UNRECOGNISED

    @property
    def born_in_france(self) -> bool:
        return self.birth_country_code in (FRANCE_SIECLE, FRANCE_INSEE)

    @property
    def first_names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.first_name, self.second_first_name, self.third_first_name) if n)

    @property
    def last_names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.last_name, self.usage_name) if n)
