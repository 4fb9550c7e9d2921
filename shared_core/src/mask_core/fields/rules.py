"""Field rules: what the keys above a value, and the keys beside it, say it is.

The walker (:mod:`mask_core.walk`) asks :meth:`FieldRules.child` once per dict entry, with the hint of
the dict itself, and carries the answer (a :class:`FieldHint`) down to the leaves::

    {"customer": {"name": "Ingrid Halvorsen",                -> PERSON (a customer's name)
                  "phone": "519-082-3304",                   -> PHONE_NUMBER, whatever its digits
                  "address": {"line1": "8841 Calloway Road", -> STREET_ADDRESS (an address part)
                              "country": "NO"}},             -> never: a country code
     "line_items": [{"name": "Blue mug"}],                   -> content decides (a product's name)
     "telecom": [{"system": "phone", "value": "..."}]}       -> PHONE_NUMBER (FHIR, from the sibling)

Three sources, strongest first: the user's own rules (``FieldRules(extra=...)``, or a policy's
``fields:`` section), the built-in vocabulary (``fields/vocabulary.py``) matched on the key's last
words, and rules for the keys that mean different things in different records (``name``, ``number``,
``value``, ``line``, ``given``), decided by the path above them and the keys beside them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from mask_core.entities import validate_entity_name
from mask_core.errors import InvalidInputError
from mask_core.fields.columns import CELL_FORMATTED, CELL_VALUE, ROW_CELLS, ROW_KEYS, row_columns
from mask_core.fields.key_kinds import (
    MACHINE_WORDS,
    SHOWN,
    a_flag,
    employment_record,
    links_map,
    machine_key,
    personal_record,
    refers_to_person,
    scope_of,
    secret_suffix,
    singular,
)
from mask_core.fields.keys import compact, core_words, key_words
from mask_core.fields.labels import CHANGE_KEYS, PERSON_RESOURCES, from_siblings, labels_a_value
from mask_core.fields.vocabulary import (
    CONTAINERS,
    DESCRIPTIVE,
    NAME_PARTS,
    NEVER,
    NEVER_SENSITIVE,
    NOT_PERSON,
    PARTIES,
    TYPED,
    VALUE_KEYS,
)
from mask_core.fields.wrappers import BUCKETS, STORAGE_TYPES, aggregated_field, carries

__all__ = ["NEVER_SENSITIVE", "FieldHint", "FieldRules"]


class FieldHint(NamedTuple):
    """What the walker knows about one position in a structure."""

    key: str | None = None  # the nearest dict key, as written (the scanner reads it as context words)
    entity_type: str | None = None  # the value is of this type whatever it looks like; None: content decides
    never: bool = False  # a code or enumeration: a string or number here is left alone
    scope: str | None = None  # "person", "org" or "thing": what the nearest telling key above says
    container: str | None = None  # what this key holds as a container: "address", "name", "card", ...
    name: str = ""  # the key's compact form (``fields/keys.py``)
    is_key: bool = False  # the position of a dict key itself (``keys=True``), not of a value
    #: Whether the NER tier reads a value here: not under codes, descriptive fields (``job_title``,
    #: ``bank_name``) or the name of a thing (``line_items[].name``). The deterministic tier always does.
    names: bool = True
    #: A party to a message or call (``from``, ``to``, ``caller``): a value shaped like a phone number
    #: is one, whatever its digits; any other value is content.
    party: bool = False
    #: The column names of a table's rows held as lists (``{"columns": [...], "rows": [[...]]}``):
    #: each cell of a row is read as the value of its column's key.
    columns: tuple[str, ...] | None = None


ROOT = FieldHint()

# Keys whose record decides whose name they hold: a Zendesk user's alias is a name too, and so is
# a French, Italian or Dutch form's name (Spanish ``nombre`` is a person's whatever is beside it).
_NAME_WORDS = frozenset({"name", "names", "alias", "aliases", "nom", "nome", "naam"})
# Entity types whose children keep the type: ``dob: {year, month, day}``, ``phone: {number, type}``.
_PARTS_OF: Mapping[str, frozenset[str]] = {
    # "start": Notion's date property ({"type": "date", "date": {"start": ..., "end": null}})
    "DATE_OF_BIRTH": frozenset(
        {"year", "month", "day", "date", "value", "text", "yyyy", "mm", "dd", "start"}
    ),
}
# Words before ``location`` that make it a workplace's, not where a person is: ``officeLocation``,
# ``work_location``; Graph's ``usageLocation`` is a country code.
_WORK_PLACES = frozenset({"office", "work", "business", "desk", "site", "usage", "branch", "store", "job"})
# Words before ``login`` that make it an event, not a login name: ``last_login``, ``failed_login``.
_WHEN = frozenset({"last", "first", "latest", "recent", "previous", "prev", "failed", "successful", "next"})
_ADDRESS_PARTS = frozenset({"line", "lines", "text", "street", "streetline", "house", "housenumber",
                            "building", "floor", "door", "apartment", "unit", "suite", "number", "premise",
                            "thoroughfare", "subpremise", "route", "streetnumber", "firstline",
                            "secondline", "thirdline"})  # fmt: skip


class FieldRules:
    """Decides the :class:`FieldHint` of each dict entry. Immutable; share one per client.

    ``extra`` adds or overrides rules: a key (any style: ``patientRef`` and ``patient_ref`` are one)
    or a ``parent.key`` path, mapped to an entity type, or to :data:`NEVER_SENSITIVE` for a code
    field (a one-word value is left as it is; free text under it is still scanned, as a status field
    that says "refunded the card of ..." must be)::

        FieldRules(extra={"patient_ref": "MEDICAL_RECORD_NUMBER", "order.notes": NEVER_SENSITIVE})

    ``builtin=False`` leaves out the built-in vocabulary (only ``extra`` applies).
    """

    def __init__(self, extra: Mapping[str, str | None] | None = None, *, builtin: bool = True) -> None:
        self.builtin = builtin
        self._extra: dict[tuple[str, ...], str | None] = {}
        self._extra_source: dict[str, str | None] = {}
        for name, entity_type in (extra or {}).items():
            if not isinstance(name, str) or not name.strip():
                raise InvalidInputError("a field rule's key must be a non-empty string")
            if entity_type is not None and entity_type != NEVER_SENSITIVE:
                validate_entity_name(entity_type)
            path = tuple(compact(key_words(part)) for part in name.split("."))
            if not all(path) or len(path) > 2:
                raise InvalidInputError("a field rule names a key or a 'parent.key' path")
            self._extra[path] = None if entity_type == NEVER_SENSITIVE else entity_type
            self._extra_source[name] = entity_type
        self._cache: dict[tuple[str, str | None, str | None, str | None, str, bool], FieldHint] = {}
        self._columns_cache: dict[tuple[str, ...], tuple[FieldHint, ...]] = {}

    def __repr__(self) -> str:
        return f"FieldRules(extra={len(self._extra)} rules, builtin={self.builtin})"

    @property
    def extra(self) -> Mapping[str, str | None]:
        """The rules given as ``extra``, as given."""
        return dict(self._extra_source)

    def with_extra(self, extra: Mapping[str, str | None]) -> FieldRules:
        """These rules with ``extra`` added (a later rule for the same key wins)."""
        return FieldRules({**self._extra_source, **extra}, builtin=self.builtin)

    # -- resolution ------------------------------------------------------------------------------------
    def key_hint(self, value_hint: FieldHint) -> FieldHint:
        """The hint of a dict key whose value has ``value_hint``: a key the vocabulary knows (or the
        user's rules name) is a field name, not data, and is left alone."""
        known = value_hint.entity_type is not None or value_hint.never or value_hint.container is not None
        return FieldHint(scope=value_hint.scope, never=known, is_key=True)

    def child(self, parent: FieldHint, mapping: Mapping[Any, Any], key: object) -> FieldHint:
        """The hint of ``mapping[key]``, where ``parent`` is the hint of ``mapping`` itself."""
        if not isinstance(key, str):
            return parent._replace(key=None, never=False, name="")
        if key in ROW_CELLS and parent.columns is not None:
            return parent  # a BigQuery row's cells: each is read by its column (``column_hint``)
        if key in STORAGE_TYPES and len(mapping) == 1:
            return parent  # {"ssn": {"N": "536228745"}}: the field's value, as written
        if parent.entity_type is not None and carries(mapping, key):
            # The field's value itself, whatever the field's key suggested it holds: Notion's
            # ``"Name": {"type": "title", "title": [rich text]}`` is no record of a name's parts.
            return parent._replace(container=None)
        if key == BUCKETS and parent.entity_type is None and parent.key is not None:
            counted = self._aggregated(parent)
            if counted is not None:
                return counted  # {"ssn_terms": {"buckets": [...]}}: the values of an SSN field
        if mapping.get("type") == key:
            # A value under the name of its type ({"type": "date", "date": ...}, Typeform's answers):
            # its label beside it says what it is, so it is resolved in each record, never cached.
            return self._resolve(parent, mapping, key)
        if mapping.get("resourceType") in PERSON_RESOURCES and parent.scope != "person":
            parent = parent._replace(scope="person")
        # The parent's compact name loses its words' bounds ("requestid", "request_id"): whether its
        # last word names machines' values is asked of its key as written.
        memo = (
            key,
            parent.container,
            parent.scope,
            parent.entity_type,
            parent.name,
            machine_key(parent.key),
        )
        hint = self._cache.get(memo)
        if hint is None:
            hint = self._resolve(parent, mapping, key)
            # A key whose answer depends on the keys beside it is resolved again in each record.
            if not _needs_siblings(hint.name) and len(self._cache) < 16384:
                self._cache[memo] = hint
        return hint

    def _aggregated(self, aggregation: FieldHint) -> FieldHint | None:
        """The hint of an aggregation's buckets when its name, without the words of aggregating,
        is a typed field (``ssn_terms``, ``top_cities``)."""
        field = aggregated_field(aggregation.key or "")
        if field is None or field == aggregation.key:
            return None
        hint = self._resolve(aggregation, {}, field)
        return hint if hint.entity_type is not None else None

    def _resolve(self, parent: FieldHint, mapping: Mapping[Any, Any], key: str) -> FieldHint:
        words = key_words(key)
        core = core_words(words)  # line1, phone2, address_line_1
        name = compact(core)
        last = core[-1] if core else ""  # a key of no words ("", "-") has no last word
        scope = scope_of(words, parent.scope)
        container = CONTAINERS.get(name) or CONTAINERS.get(singular(name))
        names = not (
            name in DESCRIPTIVE
            or compact(words) in DESCRIPTIVE
            or (scope == "thing" and last in ("name", "title", "names", "titles"))
            or (not parent.names and name in VALUE_KEYS)  # managingOrganization.display
            or last in MACHINE_WORDS  # request_id "IAGKeWkLJNWZxMH", a link's "Media.json"
            or machine_key(parent.key)  # Twilio's subresource_uris, HAL's _links: a map of links
        )
        base = FieldHint(key, None, False, scope, container, name, names=names)
        if name in ROW_KEYS:
            base = base._replace(columns=row_columns(mapping, key))
        found = self._extra_rule(parent, name)
        if found is not None:
            entity_type, never = found
            return base._replace(entity_type=entity_type, never=never)
        if not self.builtin:
            return base
        if parent.container is None and links_map(parent.key):
            return base  # a map of links (HAL's _links, ``links: {"geoIps": url}``): its keys name resources
        if compact(words) in NEVER or name in NEVER or _in_a_code(parent) or a_flag(core):
            return base._replace(never=True, names=False)
        inherited = _inherited(parent, name, last)  # {"phone": {"number": ...}}: the parent's type wins
        if inherited is not None:
            return base._replace(entity_type=inherited)
        typed = self._vocabulary(core, parent, mapping, scope)
        if typed is not None:
            if typed == NEVER_SENSITIVE:
                return base._replace(never=True, names=False)
            return base._replace(entity_type=typed)
        if last == "code" and len(core) > 1:
            # A code the vocabulary does not type (``merchant_account_code``, ``reason_code``,
            # ``promo_code``): the typed ones (``postal_code``, ``security_code``, ``door_code``,
            # ``verification_code``) were decided above.
            return base._replace(never=True, names=False)
        if name in CHANGE_KEYS or mapping.get("type") == key:
            typed = from_siblings(mapping, name if name in CHANGE_KEYS else "value")
            if typed is not None:
                return _typed(base, typed)
        if name in PARTIES:
            return base._replace(party=True)
        typed = self._from_parent(parent, name) or from_siblings(mapping, name)
        if typed == NEVER_SENSITIVE:
            return base._replace(never=True, names=False)  # Gmail's {"name": "Message-ID", "value": ...}
        if (
            typed is None
            and name in SHOWN
            and parent.entity_type is None
            and not parent.never
            and refers_to_person(parent.key)
        ):
            typed = "PERSON"  # ServiceNow's {"caller_id": {"display_value": ..., "value": sys_id}}
        if typed is None and parent.container == "identifier" and scope == "person" and name in VALUE_KEYS:
            # An identifier of a person whose system is not one Mask knows: still theirs.
            typed = "NATIONAL_ID"
        return base._replace(entity_type=typed) if typed is not None else base

    def column_hint(self, columns: tuple[str, ...], index: int) -> FieldHint | None:
        """The hint of cell ``index`` of a row whose columns are ``columns``: as the value of that
        column's key in a record holding all the columns (a ``name`` beside an ``email`` column is a
        person's). None past the last column."""
        if index >= len(columns):
            return None
        hints = self._columns_cache.get(columns)
        if hints is None:
            record = dict.fromkeys(columns)
            hints = tuple(self.child(ROOT, record, c) for c in columns)
            if len(self._columns_cache) < 256:
                self._columns_cache[columns] = hints
        return hints[index]

    def _extra_rule(self, parent: FieldHint, name: str) -> tuple[str | None, bool] | None:
        if not self._extra:
            return None
        for path in ((parent.name, name), (name,)):
            if path in self._extra:
                entity_type = self._extra[path]
                return entity_type, entity_type is None
        return None

    def _vocabulary(
        self, core: tuple[str, ...], parent: FieldHint, mapping: Mapping[Any, Any], scope: str | None
    ) -> str | None:
        """The type the key's last words give (longest match first), or NEVER_SENSITIVE, or None."""
        if len(core) == 1:
            secret = secret_suffix(core[0])
            if secret is not None:
                return secret  # PGPASSWORD, MYSQLPWD's kin: an environment's one-word secret names
        for i in range(len(core)):
            tail = compact(core[i:])
            typed = TYPED.get(tail) or TYPED.get(singular(tail))
            if typed is not None:
                if typed == "PERSON" and any(q in NOT_PERSON for q in core[:i]):
                    return None  # product_display_name
                if typed == "USERNAME" and (tail not in TYPED or any(q in _WHEN for q in core[:i])):
                    return None  # last_login (a time), logins (a count)
                return typed
            if tail in NEVER and i > 0:
                return NEVER_SENSITIVE  # phone_type, card_brand: the code, not the value
            if tail in _NAME_WORDS:  # a Zendesk user's alias is a name too
                return self._name(core[:i], parent, mapping, scope)
            if tail == "location" and scope_of(core[:i], scope) != "thing":
                # A user's free-text location (GitHub, Twitter, LinkedIn: "Bergen, Norway"); a
                # location elsewhere is a datacentre, a warehouse, a header, an office: content decides.
                if any(q in _WORK_PLACES for q in core[:i]) or employment_record(mapping):
                    return None
                return "LOCATION" if scope == "person" or personal_record(mapping) else None
        return None

    def _name(
        self, qualifiers: tuple[str, ...], parent: FieldHint, mapping: Mapping[Any, Any], scope: str | None
    ) -> str | None:
        """Whose ``name`` this is: the words before it, the path above it, or the keys beside it."""
        if not qualifiers and labels_a_value(mapping):
            return NEVER_SENSITIVE  # Cognito's {"Name": "given_name", "Value": ...}: a field's name
        own = scope_of(qualifiers, None)
        if own == "org":
            return "ORGANIZATION"
        if own == "person":
            return "PERSON"
        if own == "thing":
            return None
        if parent.container == "card":
            return "PERSON"  # the holder's name
        if parent.container == "bank":
            # An account's own name in the aggregators' objects (Plaid, MX, Teller: "Plaid Checking",
            # "Gold Standard 0% Interest Checking"); a holder's name there is a person's for content.
            return None
        if parent.container == "name":
            return "PERSON"
        if scope == "org":
            return "ORGANIZATION"
        if scope == "person":
            return "PERSON"
        if scope == "thing":
            return None
        # No word says whose: a record that also holds an e-mail, a phone or a birth date is a person's.
        return "PERSON" if personal_record(mapping) else None

    @staticmethod
    def _from_parent(parent: FieldHint, name: str) -> str | None:
        """A generic key under a container that says what its parts are."""
        container = parent.container
        if container == "name" and (name in NAME_PARTS or singular(name) in NAME_PARTS):
            return "PERSON"
        if container == "address" and (name in _ADDRESS_PARTS or singular(name) in _ADDRESS_PARTS):
            return "STREET_ADDRESS"
        if container == "card" and name in ("number", "no", "pan", "digits", "cvc", "cvv", "code"):
            return "CREDIT_CARD"
        if container == "bank" and name in ("number", "no", "accountnumber", "digits"):
            return "US_BANK_NUMBER"
        if container == "bank" and name in ("routing", "routingnumber"):
            return "ABA_ROUTING_NUMBER"
        return None


def _typed(base: FieldHint, typed: str) -> FieldHint:
    """``base`` with the type a rule gave it, or left alone as a code (:data:`NEVER_SENSITIVE`)."""
    if typed == NEVER_SENSITIVE:
        return base._replace(never=True, names=False)
    return base._replace(entity_type=typed)


def _inherited(parent: FieldHint, name: str, last: str) -> str | None:
    """A value key under a typed key that is not a record of parts: ``phone: {number, type}``,
    ``emailAddress: {name, address}``, ``dob: {year, month, day}``; a value key with a word before it
    too (PayPal's ``phone_number: {national_number}``). ``last`` is the key's last word."""
    typed = parent.entity_type
    if name in (CELL_VALUE, CELL_FORMATTED) and typed is not None:
        return typed  # a BigQuery cell's value: its column's type, a record of parts or not
    if typed is None or parent.container is not None or typed == "ORGANIZATION":
        return None  # an organisation's display name is content: a hospital's, a company's
    if name in VALUE_KEYS or (last in VALUE_KEYS and name not in TYPED):  # a known name keeps its type
        return typed
    if name == "name" and typed in ("PERSON", "LOCATION"):
        return typed  # {"city": {"id": 5, "name": "Bergen"}}: the place's name is the place
    parts = _PARTS_OF.get(typed)
    return typed if parts is not None and name in parts else None


def _in_a_code(parent: FieldHint) -> bool:
    """Whether ``parent`` is a code written as an object (ADP's ``nameCode: {codeValue, shortName}``,
    ``genderCode``, Jira's ``status: {name: "In Progress", id: 3}``, ServiceNow's ``contact_type:
    {display_value: "Phone"}``): its parts are a code's value and names, none a person's."""
    return (
        parent.entity_type is None
        and parent.container is None
        and (parent.never or parent.name.endswith("code"))
    )


def _needs_siblings(name: str) -> bool:
    """Keys whose answer depends on the keys beside them, so it cannot be cached by key alone."""
    return (
        name in VALUE_KEYS
        or name in CHANGE_KEYS
        or name in _NAME_WORDS
        # A value of a kind (Asana's {name, text_value, display_value}), a location.
        or name.endswith(("value", "location"))
        or name in ROW_KEYS
    )
