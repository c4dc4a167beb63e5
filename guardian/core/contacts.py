"""Family contacts: what one is, and checking what the family typed before it is saved.

:func:`validate_contact` takes the raw form fields (whatever they hold) and returns either a
clean :class:`Contact` or, for each field that is wrong, a
:class:`~guardian.core.field_error.FieldError` (a catalog key the screen says in the person's
language). It never raises. Phone numbers are read with phonenumbers (China by default): full
numbers are kept in E.164 form with a display form grouped for reading; service short numbers
such as 110, 96110 or 95588 are kept as their digits.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import phonenumbers
from phonenumbers import shortnumberinfo

from guardian.core.channels import CHANNEL_KINDS, normalize_channel, validate_channel
from guardian.core.field_error import FieldError, Words
from guardian.core.i18n import LANGS, Catalog

DEFAULT_REGION = "CN"
NAME_MAX_LENGTH = 20
RELATIONSHIP_MAX_LENGTH = 20
PHOTO_PATH_MAX_LENGTH = 1000
MAX_CHANNELS = 10
_PHONE_MAX_LENGTH = 40

RELATIONSHIPS: dict[str, str] = {
    "daughter": "relationship.daughter",
    "son": "relationship.son",
    "spouse": "relationship.spouse",
    "grandchild": "relationship.grandchild",
    "daughter_in_law": "relationship.daughter_in_law",
    "son_in_law": "relationship.son_in_law",
    "sibling": "relationship.sibling",
    "relative": "relationship.relative",
    "friend": "relationship.friend",
    "neighbour": "relationship.neighbour",
    "community": "relationship.community",
}
"""The relationships offered as choices: stable id to the catalog key of its name. Free text is
allowed too."""

ERROR_NOT_A_FORM = FieldError("contact_error.not_a_form")
ERROR_NAME_REQUIRED = FieldError("contact_error.name_required")
ERROR_NAME_TOO_LONG = FieldError("contact_error.name_too_long", (("max", NAME_MAX_LENGTH),))
ERROR_NOT_TEXT = FieldError("contact_error.not_text")
ERROR_BAD_CHARACTERS = FieldError("contact_error.bad_characters")
ERROR_RELATIONSHIP_TOO_LONG = FieldError(
    "contact_error.relationship_too_long", (("max", RELATIONSHIP_MAX_LENGTH),)
)
ERROR_PHONE_REQUIRED = FieldError("contact_error.phone_required")
ERROR_PHONE_CHARACTERS = FieldError("contact_error.phone_characters")
ERROR_PHONE_INVALID = FieldError("contact_error.phone_invalid")
ERROR_PHONE_TOO_LONG = FieldError("contact_error.phone_too_long")
ERROR_PHOTO = FieldError("contact_error.photo")
ERROR_CHANNELS = FieldError("contact_error.channels")
ERROR_TOO_MANY_CHANNELS = FieldError("contact_error.too_many_channels", (("max", MAX_CHANNELS),))
ERROR_CHANNEL_KIND = FieldError("contact_error.channel_kind")


@dataclass(frozen=True)
class Phone:
    """A checked phone number.

    Attributes:
        e164: what to dial: E.164 (``+8613812345678``) for a full number, or the plain digits
            of a short service number (``95588``), which has no E.164 form.
        display: the number grouped for reading (``138 1234 5678``, ``010 1234 5678``;
            international form for numbers outside the region).
        short: whether it is a short service number.
    """

    e164: str
    display: str
    short: bool = False


@dataclass(frozen=True)
class PhoneResult:
    """The outcome of :func:`parse_phone`: a phone, or why there is none."""

    phone: Phone | None
    error: FieldError | None


@dataclass
class ChannelConfig:
    """One alert channel of a contact.

    Attributes:
        kind: one of :data:`~guardian.core.channels.CHANNEL_KINDS`.
        fields: the form fields (tokens and passwords included).
        id: the stored id, ``None`` until saved. It stays the same when the channel is edited,
            so alerts waiting in the outbox still reach it.
    """

    kind: str
    fields: dict[str, str]
    id: int | None = None


@dataclass
class Contact:
    """A family member (or friend) the person can call and whom Guardian alerts.

    Attributes:
        name: what the person calls them (1 to 20 characters).
        phone: the checked number.
        relationship: an id from :data:`RELATIONSHIPS`, free text, or empty.
        photo_path: a picture file, or ``None``.
        channels: how to alert them.
        id: the stored id, ``None`` until saved.
        position: the place in the list (0 first), set by storage.
        primary: whether this is the first one to call and alert; storage keeps exactly one
            primary contact whenever there is any contact.
    """

    name: str
    phone: Phone
    relationship: str = ""
    photo_path: str | None = None
    channels: list[ChannelConfig] = field(default_factory=list)
    id: int | None = None
    position: int = 0
    primary: bool = False

    def relationship_label(self, words: Words) -> str:
        """Return the relationship in the language of ``words`` (free text is returned as typed)."""
        return relationship_label(self.relationship, words)


@dataclass(frozen=True)
class ContactResult:
    """The outcome of :func:`validate_contact`.

    Attributes:
        contact: the clean contact, or ``None`` when any field is wrong.
        errors: field name to the reason. Channel fields are reported as
            ``channels.<index>.<field>`` (and ``channels.<index>.kind``).
    """

    contact: Contact | None
    errors: dict[str, FieldError]

    @property
    def ok(self) -> bool:
        """Whether the contact can be saved."""
        return self.contact is not None and not self.errors


def relationship_label(relationship: str, words: Words) -> str:
    """Return ``relationship`` in the language of ``words`` when it is a known id, else as typed."""
    key = RELATIONSHIPS.get(relationship)
    return words(key) if key is not None else relationship


def parse_phone(raw: object, region: str = DEFAULT_REGION) -> PhoneResult:
    """Check and normalise a phone number as a person typed it. Never raises.

    Full-width digits and separators (spaces, dashes, dots, brackets) are accepted; ``00``
    before a country code means the same as ``+``. Short service numbers (110, 96110, 95588)
    are accepted when they are valid short numbers for ``region``.
    """
    try:
        return _parse_phone(raw, region)
    except Exception:  # phonenumbers on input nobody foresaw: still a clear answer
        return PhoneResult(None, ERROR_PHONE_INVALID)


def _parse_phone(raw: object, region: str) -> PhoneResult:
    if not isinstance(raw, str):
        return PhoneResult(None, ERROR_NOT_TEXT)
    text = unicodedata.normalize("NFKC", raw).strip()
    if not text:
        return PhoneResult(None, ERROR_PHONE_REQUIRED)
    if len(text) > _PHONE_MAX_LENGTH:
        return PhoneResult(None, ERROR_PHONE_TOO_LONG)
    compact = re.sub(r"[\s\-.()]", "", text)
    if not re.fullmatch(r"\+?[0-9]+", compact):
        return PhoneResult(None, ERROR_PHONE_CHARACTERS)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    # "+0..." is no country code; phonenumbers would read "+00 1234" as a US number.
    if compact.startswith("+0") or compact == "+":
        return PhoneResult(None, ERROR_PHONE_INVALID)
    if not compact.startswith("+") and len(compact) <= 8:
        short = phonenumbers.parse(compact, region)
        if shortnumberinfo.is_valid_short_number_for_region(short, region):
            return PhoneResult(Phone(e164=compact, display=compact, short=True), None)
    number = phonenumbers.parse(compact, region)
    if not phonenumbers.is_valid_number(number):
        return PhoneResult(None, ERROR_PHONE_INVALID)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    in_region = phonenumbers.region_code_for_number(number) == region
    display_format = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if in_region
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return PhoneResult(Phone(e164, phonenumbers.format_number(number, display_format)), None)


def validate_contact(
    fields: object, region: str = DEFAULT_REGION, *, catalog: Catalog | None = None
) -> ContactResult:
    """Check the form fields of a contact and return a clean contact or the reasons. Never raises.

    Args:
        fields: a mapping with ``name``, ``phone`` and optionally ``relationship``,
            ``photo_path`` and ``channels`` (a list of mappings with ``kind``, ``fields`` and
            optionally ``id``, or :class:`ChannelConfig` objects). ``id``, ``position`` and
            ``primary`` are carried over when present and well formed. Anything else gives a
            clear error, never an exception.
        region: the region for numbers typed without a country code.
        catalog: the catalog that names the relationships. With it, a relationship typed as
            its name in any language (or as its id) is kept as its id; without it, only an id
            is recognised.

    Returns:
        The result: a :class:`Contact` with cleaned values, or an error per field.
    """
    try:
        return _validate_contact(fields, region, catalog)
    except Exception:  # a last guard: the form must get an answer, never a crash
        return ContactResult(None, {"name": ERROR_NOT_A_FORM})


def _validate_contact(fields: object, region: str, catalog: Catalog | None) -> ContactResult:
    if not isinstance(fields, Mapping):
        return ContactResult(None, {"name": ERROR_NOT_A_FORM})
    errors: dict[str, FieldError] = {}

    name = _clean_text(fields.get("name"))
    if name is None:
        errors["name"] = ERROR_NOT_TEXT
    elif not name:
        errors["name"] = ERROR_NAME_REQUIRED
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = ERROR_NAME_TOO_LONG
    elif not _printable(name):
        errors["name"] = ERROR_BAD_CHARACTERS

    relationship = _clean_text(fields.get("relationship"))
    if relationship is None:
        errors["relationship"] = ERROR_NOT_TEXT
    elif len(relationship) > RELATIONSHIP_MAX_LENGTH:
        errors["relationship"] = ERROR_RELATIONSHIP_TOO_LONG
    elif not _printable(relationship):
        errors["relationship"] = ERROR_BAD_CHARACTERS
    elif relationship:
        relationship = _relationship_id(relationship, catalog)

    phone_result = parse_phone(fields.get("phone"), region)
    if phone_result.error is not None:
        errors["phone"] = phone_result.error

    photo = fields.get("photo_path")
    photo_path: str | None = None
    if photo is not None:
        if not isinstance(photo, str):
            errors["photo_path"] = ERROR_PHOTO
        elif photo.strip():
            photo_path = photo.strip()
            if len(photo_path) > PHOTO_PATH_MAX_LENGTH or not photo_path.isprintable():
                errors["photo_path"] = ERROR_PHOTO

    channels = _validate_channels(fields.get("channels"), errors)

    if errors or name is None or relationship is None or phone_result.phone is None:
        return ContactResult(None, errors)
    contact = Contact(
        name=name,
        phone=phone_result.phone,
        relationship=relationship,
        photo_path=photo_path,
        channels=channels,
        id=_positive_int(fields.get("id")),
        position=_positive_int(fields.get("position"), allow_zero=True) or 0,
        primary=fields.get("primary") is True,
    )
    return ContactResult(contact, {})


def _validate_channels(raw: object, errors: dict[str, FieldError]) -> list[ChannelConfig]:
    if raw is None:
        return []
    if not isinstance(raw, (list, tuple)):
        errors["channels"] = ERROR_CHANNELS
        return []
    if len(raw) > MAX_CHANNELS:
        errors["channels"] = ERROR_TOO_MANY_CHANNELS
        return []
    channels: list[ChannelConfig] = []
    for index, item in enumerate(raw):
        prefix = f"channels.{index}"
        kind, values, channel_id = _channel_parts(item)
        if kind is None or values is None:
            errors[f"{prefix}.kind"] = ERROR_CHANNEL_KIND
            continue
        problems = validate_channel(kind, values)
        for field_name, problem in problems.items():
            errors[f"{prefix}.{field_name}"] = problem
        if not problems:
            channels.append(ChannelConfig(kind, normalize_channel(kind, values), channel_id))
    return channels


def _channel_parts(item: object) -> tuple[str | None, Mapping[str, Any] | None, int | None]:
    if isinstance(item, ChannelConfig):
        kind: object = item.kind
        values: object = item.fields
        channel_id: object = item.id
    elif isinstance(item, Mapping):
        kind, values, channel_id = item.get("kind"), item.get("fields"), item.get("id")
    else:
        return None, None, None
    if not isinstance(kind, str) or kind not in CHANNEL_KINDS or not isinstance(values, Mapping):
        return None, None, None
    return kind, values, _positive_int(channel_id)


def _clean_text(value: object) -> str | None:
    if value is None:
        return ""
    if not isinstance(value, str):
        return None
    return " ".join(unicodedata.normalize("NFKC", value).split())


def _printable(text: str) -> bool:
    return text.isprintable() and not any(unicodedata.category(c) in {"Cs", "Co"} for c in text)


def _relationship_id(relationship: str, catalog: Catalog | None) -> str:
    folded = relationship.casefold()
    for relationship_id, key in RELATIONSHIPS.items():
        names = {relationship_id}
        if catalog is not None:
            names |= {catalog.get(lang, key).casefold() for lang in LANGS}
        if folded in names:
            return relationship_id
    return relationship


def _positive_int(value: object, *, allow_zero: bool = False) -> int | None:
    if type(value) is not int:
        return None
    return value if value > 0 or (allow_zero and value == 0) else None
