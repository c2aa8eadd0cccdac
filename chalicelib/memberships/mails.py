"""The invitation e-mail, in French or English. The code rides in the link's fragment (`#code=…`), which
browsers never send to a server: it stays out of every log; the page reads it and posts it."""

from chalicelib.memberships.scopes import Scope
from chalicelib.settings import get_settings

_TEXTS = {
    "fr": ("Invitation à rejoindre {kind} « {name} » sur {space}",
           "Bonjour,\n\n"
           "Vous êtes invité(e) à rejoindre {kind} « {name} » sur {space}, en tant que {role}.\n\n"
           "Pour accepter, ouvrez ce lien (valable 7 jours, il ne sert qu'une fois) ; connectez-vous ou "
           "créez votre compte Pix si on vous le demande :\n\n{link}\n\n"
           "Si vous ne vous attendiez pas à cette invitation, ignorez ce message.\n\nL'équipe Pix"),
    "en": ("Invitation to join {kind} “{name}” on {space}",
           "Hello,\n\n"
           "You are invited to join {kind} “{name}” on {space}, as {role}.\n\n"
           "To accept, open this link (it works for 7 days, and only once); log in or create your Pix "
           "account if asked:\n\n{link}\n\n"
           "If you did not expect this invitation, ignore this message.\n\nThe Pix team"),
}
_ROLES = {"fr": {"ADMIN": "administrateur", "MEMBER": "membre"}, "en": {"ADMIN": "administrator", "MEMBER": "member"}}


def invitation(lang: str, scope: Scope, name: str, role: str, code: str) -> tuple[str, str]:
    lang = lang if lang in _TEXTS else "fr"
    prefix = "/en/" if lang == "en" else "/"
    link = f"{get_settings().site_url}{prefix}rejoindre/#code={code}"
    kind = scope.kind_en if lang == "en" else scope.kind_fr
    subject, body = _TEXTS[lang]
    values = {"kind": kind, "name": name, "space": scope.space, "role": _ROLES[lang][role], "link": link}
    return subject.format(**values), body.format(**values)
