"""The e-mails of the accounts room, in the person's language (French or English), and the site's links.

Each function returns (subject, text). Links point to the site's own address (`SITE_URL`, never a header of
the request: a forged Host would send the token elsewhere), in the language's folder (`/en/…`); a token
rides in the fragment, which browsers never send to a server, so it stays out of every log.
"""

from chalicelib.settings import get_settings

LANGS = ("fr", "en")


def lang_of(value: str | None) -> str:
    return value if value in LANGS else "fr"


def site_link(lang: str, path: str, token: str | None = None) -> str:
    """An address of the site in `lang` (`path` as the French site names it, e.g. "connexion/")."""
    prefix = "/en/" if lang_of(lang) == "en" else "/"
    return f"{get_settings().site_url}{prefix}{path}" + (f"#token={token}" if token else "")


_TEXTS = {
    "reset": {
        "fr": ("Réinitialisation de votre mot de passe Pix",
               "Bonjour {name},\n\n"
               "Vous avez demandé à réinitialiser votre mot de passe. Ce lien est valable une heure et ne sert "
               "qu'une fois :\n\n{link}\n\n"
               "S'il a expiré, demandez-en un nouveau : {again}\n\n"
               "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste "
               "inchangé.\n\nL'équipe Pix"),
        "en": ("Reset your Pix password",
               "Hello {name},\n\n"
               "You asked to reset your password. This link works for one hour, and only once:\n\n{link}\n\n"
               "If it has expired, ask for a new one: {again}\n\n"
               "If you did not ask for this, ignore this message: your password stays as it is.\n\n"
               "The Pix team"),
    },
    "email_confirm": {
        "fr": ("Confirmez votre nouvelle adresse e-mail Pix",
               "Bonjour {name},\n\n"
               "Vous avez demandé à utiliser cette adresse pour votre compte Pix. Confirmez-la en ouvrant ce "
               "lien, valable 24 heures et une seule fois :\n\n{link}\n\n"
               "Tant que vous ne l'avez pas confirmée, vous vous connectez avec votre adresse actuelle.\n"
               "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message.\n\nL'équipe Pix"),
        "en": ("Confirm your new Pix e-mail address",
               "Hello {name},\n\n"
               "You asked to use this address for your Pix account. Confirm it by opening this link, which "
               "works for 24 hours, and only once:\n\n{link}\n\n"
               "Until you confirm it, you log in with your current address.\n"
               "If you did not ask for this, ignore this message.\n\nThe Pix team"),
    },
    "email_changed": {
        "fr": ("L'adresse e-mail de votre compte Pix a changé",
               "Bonjour {name},\n\n"
               "L'adresse e-mail de votre compte Pix est désormais {masked} : c'est avec elle que vous vous "
               "connectez. Cette adresse-ci ne recevra plus de message de Pix.\n\n"
               "Si vous n'êtes pas à l'origine de ce changement, écrivez au support de Pix sans attendre.\n\n"
               "L'équipe Pix"),
        "en": ("The e-mail address of your Pix account has changed",
               "Hello {name},\n\n"
               "The e-mail address of your Pix account is now {masked}: you log in with it. This address will "
               "receive no more messages from Pix.\n\n"
               "If you did not make this change, write to Pix support at once.\n\nThe Pix team"),
    },
    "password_changed": {
        "fr": ("Le mot de passe de votre compte Pix a changé",
               "Bonjour {name},\n\n"
               "Le mot de passe de votre compte Pix vient d'être changé, et vos autres sessions ont pris fin.\n\n"
               "Si vous n'êtes pas à l'origine de ce changement, choisissez un nouveau mot de passe : {again}\n\n"
               "L'équipe Pix"),
        "en": ("The password of your Pix account has changed",
               "Hello {name},\n\n"
               "The password of your Pix account has just been changed, and your other sessions have ended.\n\n"
               "If you did not make this change, choose a new password: {again}\n\nThe Pix team"),
    },
    "account_deleted": {
        "fr": ("Votre compte Pix est supprimé",
               "Bonjour {name},\n\n"
               "Comme vous l'avez demandé, votre compte Pix est supprimé : vos nom, prénom, adresse e-mail et "
               "identifiant sont effacés, et vous ne pouvez plus vous y connecter. Vos réponses sont conservées "
               "sans lien avec vous, pour les statistiques des questions.\n\n"
               "Ce message est le dernier que vous recevrez de Pix.\n\nL'équipe Pix"),
        "en": ("Your Pix account is deleted",
               "Hello {name},\n\n"
               "As you asked, your Pix account is deleted: your names, e-mail address and username are erased, "
               "and you can no longer log in. Your answers are kept without any link to you, for the statistics "
               "of the questions.\n\n"
               "This is the last message you will receive from Pix.\n\nThe Pix team"),
    },
}


def _text(kind: str, lang: str, **values: str) -> tuple[str, str]:
    subject, body = _TEXTS[kind][lang_of(lang)]
    return subject, body.format(**values)


def password_reset(lang: str, name: str, token: str) -> tuple[str, str]:
    return _text("reset", lang, name=name, link=site_link(lang, "mot-de-passe-oublie/nouveau/", token),
                 again=site_link(lang, "mot-de-passe-oublie/"))


def email_confirmation(lang: str, name: str, token: str) -> tuple[str, str]:
    return _text("email_confirm", lang, name=name, link=site_link(lang, "mon-compte/adresse/", token))


def email_changed(lang: str, name: str, new_email: str) -> tuple[str, str]:
    return _text("email_changed", lang, name=name, masked=mask(new_email))


def password_changed(lang: str, name: str) -> tuple[str, str]:
    return _text("password_changed", lang, name=name, again=site_link(lang, "mot-de-passe-oublie/"))


def account_deleted(lang: str, name: str) -> tuple[str, str]:
    return _text("account_deleted", lang, name=name)


def mask(email: str) -> str:
    """`c•••@example.org`: enough for the owner to recognise the address, not enough to give it away to
    whoever reads the old mailbox."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}"
