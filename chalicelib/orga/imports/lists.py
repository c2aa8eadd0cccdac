"""The lists a SUP file's "Diplôme" and "Régime" columns are matched to (with a typo tolerance)."""

UNRECOGNISED = "Non reconnu"

DIPLOMAS = (
    "Licence",
    "Licence professionnelle",
    "Master",
    "Doctorat",
    "BTS",
    "DUT",
    "BUT",
    "DEUST",
    "DAEU",
    "Capacité en droit",
    "Classe préparatoire",
    "Diplôme d'ingénieur",
    "Diplôme d'État",
    "Diplôme universitaire",
    "Diplôme d'établissement",
)

STUDY_SCHEMES = (
    "Formation initiale",
    "Formation continue",
    "Formation en alternance",
    "Apprentissage",
    "Formation à distance",
    "Reprise d'études",
)
