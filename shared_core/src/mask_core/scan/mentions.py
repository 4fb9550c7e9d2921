"""A name found once is protected at every mention in the same text, or the same tool result.

A document names a person in full once ("Mr Robert Murray") and then by surname ("Murray said"), and
a model often finds only the first. After both tiers have run, every other occurrence of a found
person name, in full or by one of its parts, becomes a PERSON finding too. Parts come from names a
title or a cue announced (every part) and from the model's names of two words or more (only the
parts the name lists know), and skip short words, initials, titles and particles: a part is what
identifies the person, and a model's wrong guess is not repeated across the text.

A record does the same across its fields: ``{"last_name": "Halvorsen", "notes": "Halvorsen called
back"}``, ``{"login": "ihalvorsen", "html_url": "https://github.com/ihalvorsen"}``. A field's name is
as good as a cue (``field:person``): every part of the name in it is repeated, unless a word of it
says it is a role or a team (``contact_name: "Front Desk"``). A login name, a place or an
organisation a field names (``city``, ``company``), and a number of seven digits or more a field
types (``"Phone": "01585443085"`` in a lead's description) are looked for as written, wherever
they stand between non-word characters (a URL's path, a sentence).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

from mask_core.scan.recognizers.known_names import names_a_place
from mask_core.scan.recognizers.name_words import DESK_WORDS, TITLES, name_words
from mask_core.scan.recognizers.word_lists import first_names, surnames
from mask_core.scan.spans import Taken
from mask_core.scan.view import ScanView
from mask_core.types import Entity

__all__ = ["MENTION_SCORE", "mentions", "person_names", "verbatim_values", "with_mentions"]

MENTION_SCORE = 0.8
_TITLE_BEFORE = re.compile(r"(?:" + "|".join(TITLES) + r")\.?[ \t\u00a0]+$")
_MAX_NAMES = 200  # an adversarial text with thousands of names gets the first ones' mentions
_CUED = frozenset({"person_cue", "known_name", "addressee"})
_MIN_VERBATIM = 4
# A login a field names is looked for from three characters (``lsa`` in ``https://github.com/lsa``):
# the field said what it is. A handle read in prose is not (``@ppl``, then "ppl" as a word).
_MIN_LOGIN = 3
# Digits of a typed field's number looked for as written: fewer occur inside too many other numbers
# (a postcode in an order id).
_MIN_DIGITS = 7
# Types whose field values are looked for as written elsewhere in the payload (with USERNAME).
_FIELD_VERBATIM = frozenset({"LOCATION", "ORGANIZATION"})
# Findings a mention may lie inside: a person's name or login in a link's path is still theirs
# (``https://github.com/ihalvorsen``), and the link is kept in clear around it.
_AROUND = frozenset({"URL"})
_WORD_CHAR = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def person_names(found: Iterable[Entity]) -> set[str]:
    """The parts of the PERSON names in ``found`` that identify the person at another mention."""
    names: set[str] = set()
    known: frozenset[str] | None = None
    for e in found:
        if e.entity_type != "PERSON":
            continue
        words = [w for w in name_words(e.text) if len(w) >= 3]
        # A double-barrelled surname's halves are mentions of it too ("Moravcsik-Tane, Quillon" is
        # read as words apart from its hyphen, and "Tane" alone is the same person).
        halves = (part for w in words if "-" in w for part in w.split("-"))
        words.extend(part for part in halves if len(part) >= 3 and part[0].isupper())
        # A form writes the name in capitals and the narrative does not ("VICTIM: SAVAGE, CHRISTINA
        # ... Savage stated"): the same person.
        words.extend(w.capitalize() for w in words if w.isupper() and len(w) > 3)
        if e.recognizer in _CUED:
            names.update(words)  # a title or cue said it is a person: every part of the name is theirs
        elif e.recognizer == "field:person":
            # ``last_name: "Halvorsen"``, ``name: "Senna de Vries"``: the field says what the words
            # are, but for a role's name in a person's field ("Front Desk", "Billing Team").
            if not any(w.lower() in DESK_WORDS for w in words):
                names.update(words)
        elif len(words) >= 2:
            # A model's two-word "person" may be anything (a court's foreign name): only the parts
            # the name lists know are repeated.
            known = known if known is not None else first_names() | surnames()
            names.update(w for w in words if w in known)
        if len(names) >= _MAX_NAMES:
            break
    return names


def verbatim_values(found: Iterable[Entity]) -> dict[str, str]:
    """The values in ``found`` to look for as written, with their types: login names, the places
    and organisations a field names (a model's guess of one is not repeated), and the numbers and
    ids of seven digits or more a field types. Each is four characters at least (a field's login
    three), with a letter or those digits ("jd" and postcodes occur inside too many other words and
    numbers)."""
    out: dict[str, str] = {}
    for e in found:
        field_login = e.entity_type == "USERNAME" and e.recognizer == "field:username"
        if len(e.text) < (_MIN_LOGIN if field_login else _MIN_VERBATIM):
            continue
        typed_field = e.recognizer.startswith("field:")
        if typed_field and e.entity_type != "STREET_ADDRESS" and sum(map(str.isdigit, e.text)) >= _MIN_DIGITS:
            # A typed field's number or id (``"Phone": "01585443085"``, an account, a member id
            # ``NXU824456734``) repeated in a note or another field (a FHIR Coverage's identifier
            # beside its ``subscriberId``): the field said what it is, which the note's words may not.
            out.setdefault(e.text, e.entity_type)
        elif not any(c.isalpha() for c in e.text):
            pass
        elif e.entity_type == "USERNAME" or (
            e.entity_type in _FIELD_VERBATIM and e.recognizer == f"field:{e.entity_type.lower()}"
        ):
            out.setdefault(e.text, e.entity_type)
        if len(out) >= _MAX_NAMES:
            break
    return out


def mentions(
    view: ScanView,
    found: Sequence[Entity],
    *,
    names: Collection[str] | None = None,
    verbatim: Mapping[str, str] | None = None,
    score: float = MENTION_SCORE,
    also_taken: Callable[[], Iterable[tuple[int, int]]] | None = None,
) -> list[Entity]:
    """PERSON findings for the other mentions in ``view`` of ``names`` (by default, the parts of
    the PERSON names in ``found``: :func:`person_names`), and findings of their type for those of
    the values in ``verbatim`` (by default :func:`verbatim_values`), where nothing in ``found`` lies.

    ``also_taken`` gives more spans a mention must not overlap (report-only findings a tokenizing
    scan did not look for); it is called once, and only when a mention is left to check."""
    if names is None:
        names = person_names(found)
    if verbatim is None:
        verbatim = verbatim_values(found)
    if not names and not verbatim:
        return []
    text = view.text
    taken = Taken((e.start, e.end) for e in found if e.entity_type not in _AROUND)
    more: Taken | None = None

    def free(start: int, end: int) -> bool:
        nonlocal more
        if taken.overlaps(start, end):
            return False
        if also_taken is not None:
            if more is None:
                more = Taken(also_taken())
            if more.overlaps(start, end):
                return False
        return True

    out: list[Entity] = []
    # The parts are capitalised words: the view's index of those is where their mentions are.
    if names:
        for word_start, end in view.capitalised:
            if text[word_start:end] not in names or not free(word_start, end):
                continue
            if names_a_place(text, word_start, end):
                continue  # "Kenny" of "Kenny Avenue": the road, not the person
            title = _TITLE_BEFORE.search(text, max(0, word_start - 16), word_start)
            start = title.start() if title is not None else word_start
            out.append(Entity("PERSON", start, end, score, text[start:end], "mention"))
    for value, entity_type in verbatim.items():
        at = text.find(value)
        if at == 0 and len(value) == len(text) and not any(c.isalpha() for c in value):
            # Another field's whole value: the same digits under "order_id" are the order's, not
            # the SSN field's (a number is repeated in a note's sentence).
            continue
        while at >= 0:
            end = at + len(value)
            if (
                (at == 0 or text[at - 1] not in _WORD_CHAR)
                and (end == len(text) or text[end] not in _WORD_CHAR)
                and free(at, end)
            ):
                out.append(Entity(entity_type, at, end, score, value, "mention"))
            at = text.find(value, end)
    return out


# The model's types that a payload's own fields can correct to PERSON (:func:`with_mentions`): a first
# name the small model reads as a nationality or creed ("Sebastian builds ...": NRP) too.
_MODEL_GUESSES = frozenset({"ORGANIZATION", "LOCATION", "NRP"})


def _repeatable(values: dict[str, str], enabled: frozenset[str] | None) -> dict[str, str]:
    if enabled is None or not values:
        return values
    return {v: t for v, t in values.items() if t in enabled}


def _reported_spans(reported: Callable[[ScanView], list[Entity]], view: ScanView) -> list[tuple[int, int]]:
    """The spans a mention must not overlap of ``view``'s report-only findings: not a link's."""
    return [(e.start, e.end) for e in reported(view) if e.entity_type not in _AROUND]


def with_mentions(
    views: Sequence[ScanView],
    found: list[list[Entity]],
    *,
    enabled: frozenset[str] | None,
    record: Sequence[Entity] | None = None,
    reported: Callable[[ScanView], list[Entity]] | None = None,
) -> list[list[Entity]]:
    """``found`` (each view's findings, extended in place) with every other mention of a person, a
    login name, or a place or firm a field names, of the ``enabled`` types (None: all).

    With ``record`` (the findings of the payload's typed fields), the views are the texts of one
    payload, and a name found in any of them, or in those fields, is looked for in all of them.
    ``reported`` gives a view's report-only findings, which a mention must not overlap (a
    tokenizing scan did not look for them); but a link's: a name in its path is still the person's."""
    people = enabled is None or "PERSON" in enabled
    shared_names: set[str] = set()
    shared_values: dict[str, str] = {}
    if record is not None:
        every = [*record, *(e for per_text in found for e in per_text)]
        shared_names = person_names(every) if people else set()
        shared_values = _repeatable(verbatim_values(every), enabled)
    for view, per_text in zip(views, found, strict=True):
        if record is None:
            if not per_text:
                continue
            names = person_names(per_text) if people else set()
            values = _repeatable(verbatim_values(per_text), enabled)
        else:
            names, values = shared_names, shared_values
            # The model's place, firm or group on a word the payload's fields call a person's name
            # ("Halvorsen" under last_name, "Halvorsen writes ..." in the notes) is the person.
            for j, e in enumerate(per_text):
                if e.entity_type in _MODEL_GUESSES and e.recognizer.startswith("ner") and e.text in names:
                    per_text[j] = dataclasses.replace(e, entity_type="PERSON")
        if not names and not values:
            continue
        also = None if reported is None else functools.partial(_reported_spans, reported, view)
        per_text.extend(mentions(view, per_text, names=names, verbatim=values, also_taken=also))
    return found
