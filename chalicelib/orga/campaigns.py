"""Campaigns, pure: what one is, its readable code, the rules of its fields and who may change it."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal
from urllib.parse import urlparse

from chalicelib.errors import Conflict, Forbidden, Invalid

CampaignType = Literal["ASSESSMENT", "PROFILES_COLLECTION"]
TYPES: tuple[CampaignType, ...] = ("ASSESSMENT", "PROFILES_COLLECTION")
ExternalIdType = Literal["TEXT", "EMAIL"]

# Six upper-case letters without the look-alikes (I and L of 1, O of 0), then three digits: YQRNKK177.
CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_PATTERN = re.compile(rf"^[{CODE_LETTERS}]{{6}}[0-9]{{3}}$")
NAME_MAX = 255
TITLE_MAX = 50
LANDING_MAX = 5000
RESULT_TEXT_MAX = 5000
BUTTON_TEXT_MAX = 255
URL_MAX = 2000
EXTERNAL_LABEL_MIN = 3
EXTERNAL_LABEL_MAX = 255


@dataclass(frozen=True, slots=True)
class Campaign:
    id: str
    code: str
    organization_id: str
    name: str
    type: CampaignType
    target_profile_id: str | None
    title: str | None
    landing_text: str | None
    result_text: str | None
    result_button_text: str | None
    result_button_url: str | None
    external_id_label: str | None
    external_id_type: ExternalIdType | None
    multiple_sendings: bool
    owner_id: str
    creator_id: str
    created_at: datetime
    archived_at: datetime | None
    deleted_at: datetime | None
    has_participations: bool = False


@dataclass(frozen=True, slots=True)
class CampaignFields:
    """What a person writes in the campaign form (the rest is the system's)."""

    name: str
    type: CampaignType
    target_profile_id: str | None = None
    title: str | None = None
    landing_text: str | None = None
    result_text: str | None = None
    result_button_text: str | None = None
    result_button_url: str | None = None
    external_id_label: str | None = None
    external_id_type: ExternalIdType | None = None
    multiple_sendings: bool = False


def fields_of(campaign: Campaign) -> CampaignFields:
    return CampaignFields(campaign.name, campaign.type, campaign.target_profile_id, campaign.title,
                          campaign.landing_text, campaign.result_text, campaign.result_button_text,
                          campaign.result_button_url, campaign.external_id_label, campaign.external_id_type,
                          campaign.multiple_sendings)


def new_code() -> str:
    return "".join(secrets.choice(CODE_LETTERS) for _ in range(6)) + "".join(
        secrets.choice("0123456789") for _ in range(3))


def normalise_code(code: str) -> str:
    """A code as typed ("yqrnkk 177") in its stored form."""
    return "".join(code.split()).upper()


def valid_code(code: str) -> str:
    """A code an operator gives (changing a campaign's), in its stored form: 6 letters without the ambiguous
    ones (I, L, O) then 3 digits; Invalid("INVALID_CAMPAIGN_CODE") otherwise."""
    stored = normalise_code(code)
    if not CODE_PATTERN.match(stored):
        raise Invalid("INVALID_CAMPAIGN_CODE", "Un code de campagne s'écrit avec 6 lettres (sans I, L ni O) puis "
                                               "3 chiffres, par exemple YQRNKK177.",
                      details=[{"field": "code", "message": "6 lettres puis 3 chiffres"}])
    return stored


def new_id() -> str:
    return secrets.token_urlsafe(9)


def _text(value: str | None) -> str | None:
    cleaned = (value or "").strip()
    return cleaned or None


def _on(field: str) -> list[dict[str, str]]:
    """The details of a refusal: the field at fault (the page puts the catalog's message beside it)."""
    return [{"field": field, "message": "refusé"}]


def checked(fields: CampaignFields) -> CampaignFields:
    """The fields tidied (trimmed, empty → None) if they follow every rule; Invalid naming the field."""
    name = " ".join(fields.name.split())
    f = replace(fields, name=name, title=_text(fields.title), landing_text=_text(fields.landing_text),
                result_text=_text(fields.result_text), result_button_text=_text(fields.result_button_text),
                result_button_url=_text(fields.result_button_url), external_id_label=_text(fields.external_id_label),
                target_profile_id=_text(fields.target_profile_id))
    if not name:
        raise Invalid("CAMPAIGN_NAME_REQUIRED", details=_on("name"), message="Le nom de la campagne est obligatoire.")
    if len(name) > NAME_MAX:
        raise Invalid("CAMPAIGN_NAME_TOO_LONG", details=_on("name"), message=f"Le nom a au plus {NAME_MAX} caractères.")
    if f.type == "ASSESSMENT" and f.target_profile_id is None:
        raise Invalid("TARGET_PROFILE_REQUIRED", details=_on("target_profile_id"), message=
                      "Une campagne d'évaluation a besoin d'un profil cible.")
    if f.type == "PROFILES_COLLECTION":
        if f.target_profile_id is not None:
            raise Invalid("TARGET_PROFILE_NOT_ALLOWED", details=_on("target_profile_id"), message=
                          "Une collecte de profils n'a pas de profil cible.")
        if f.result_text or f.result_button_text or f.result_button_url:
            raise Invalid("RESULT_PAGE_NOT_ALLOWED", details=_on("result_text"), message=
                          "Le texte et le bouton de la page de résultat sont réservés aux campagnes d'évaluation.")
    if f.title is not None and len(f.title) > TITLE_MAX:
        raise Invalid("CAMPAIGN_TITLE_TOO_LONG", details=_on("title"),
                      message=f"Le titre a au plus {TITLE_MAX} caractères.")
    if f.landing_text is not None and len(f.landing_text) > LANDING_MAX:
        raise Invalid("LANDING_TEXT_TOO_LONG", details=_on("landing_text"), message=
                      f"Le texte de la page d'accueil a au plus {LANDING_MAX} caractères.")
    if f.result_text is not None and len(f.result_text) > RESULT_TEXT_MAX:
        raise Invalid("RESULT_TEXT_TOO_LONG", details=_on("result_text"), message=
                      f"Le texte de la page de résultat a au plus {RESULT_TEXT_MAX} caractères.")
    if (f.result_button_text is None) != (f.result_button_url is None):
        missing = "result_button_url" if f.result_button_text else "result_button_text"
        raise Invalid("RESULT_BUTTON_INCOMPLETE", details=_on(missing), message=
                      "Le bouton de la page de résultat a besoin d'un texte et d'une adresse, ou d'aucun des deux.")
    if f.result_button_text is not None and len(f.result_button_text) > BUTTON_TEXT_MAX:
        raise Invalid("RESULT_BUTTON_TEXT_TOO_LONG", details=_on("result_button_text"), message=
                      f"Le texte du bouton a au plus {BUTTON_TEXT_MAX} caractères.")
    if f.result_button_url is not None and not _is_web_address(f.result_button_url):
        raise Invalid("INVALID_RESULT_BUTTON_URL", details=_on("result_button_url"), message=
                      "L'adresse du bouton doit être une adresse web complète (https://…).")
    if f.external_id_label is None:
        f = replace(f, external_id_type=None)
    else:
        if not EXTERNAL_LABEL_MIN <= len(f.external_id_label) <= EXTERNAL_LABEL_MAX:
            raise Invalid("EXTERNAL_ID_LABEL_LENGTH", details=_on("external_id_label"), message=
                          f"Le libellé de l'identifiant externe a de {EXTERNAL_LABEL_MIN} à {EXTERNAL_LABEL_MAX} "
                          "caractères.")
        if f.external_id_type is None:
            f = replace(f, external_id_type="TEXT")
    return f


def _is_web_address(url: str) -> bool:
    parsed = urlparse(url)
    return len(url) <= URL_MAX and parsed.scheme in ("https", "http") and bool(parsed.netloc) and " " not in url


def may_change(campaign: Campaign, user_id: str, role: str | None) -> None:
    """Every member may read; only its owner or an admin of the organisation changes a campaign."""
    if role == "ADMIN" or campaign.owner_id == user_id:
        return
    raise Forbidden("CAMPAIGN_OWNER_ONLY", "Seuls le propriétaire de la campagne et les administrateurs la modifient.")


def changed(campaign: Campaign, fields: CampaignFields) -> Campaign:
    """The campaign with new fields, within the rules of a campaign that exists: its type never changes; its
    target profile and multiple sendings are fixed once someone has participated."""
    f = checked(fields)
    if f.type != campaign.type:
        raise Invalid("CAMPAIGN_TYPE_FIXED", details=_on("type"),
                      message="Le type d'une campagne ne change pas après sa création.")
    if campaign.has_participations and f.multiple_sendings != campaign.multiple_sendings:
        raise Conflict("MULTIPLE_SENDINGS_FIXED", "L'envoi multiple ne change plus : quelqu'un a déjà participé.",
                       details=[{"field": "multiple_sendings", "message": "figé"}])
    if campaign.has_participations and f.target_profile_id != campaign.target_profile_id:
        raise Conflict("TARGET_PROFILE_FIXED", "Le profil cible ne change plus : quelqu'un a déjà participé.",
                       details=[{"field": "target_profile_id", "message": "figé"}])
    return replace(campaign, name=f.name, target_profile_id=f.target_profile_id, title=f.title,
                   landing_text=f.landing_text, result_text=f.result_text, result_button_text=f.result_button_text,
                   result_button_url=f.result_button_url, external_id_label=f.external_id_label,
                   external_id_type=f.external_id_type, multiple_sendings=f.multiple_sendings)


def created(campaign_id: str, code: str, organization_id: str, fields: CampaignFields, user_id: str,
            at: datetime) -> Campaign:
    f = checked(fields)
    return Campaign(
        id=campaign_id, code=code, organization_id=organization_id, name=f.name, type=f.type,
        target_profile_id=f.target_profile_id, title=f.title, landing_text=f.landing_text, result_text=f.result_text,
        result_button_text=f.result_button_text, result_button_url=f.result_button_url,
        external_id_label=f.external_id_label, external_id_type=f.external_id_type,
        multiple_sendings=f.multiple_sendings, owner_id=user_id, creator_id=user_id, created_at=at,
        archived_at=None, deleted_at=None)
