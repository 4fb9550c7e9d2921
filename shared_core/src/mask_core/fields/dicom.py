"""DICOM data sets as tools print them: ``dcmdump``'s lines and pydicom's.

A PACS query, an imaging pipeline's log or a DICOM validator hands on a study's header as text::

    (0010,0010) PN [QUORVE^ZYXWVUT]                        #  14, 1 PatientName
    (0010,0030) DA [19850323]                              #   8, 1 PatientBirthDate
    (0010, 0010) Patient's Name                      PN: 'QUORVE^ZYXWVUT'

Each element names itself (its keyword after ``dcmdump``'s ``#``, or pydicom's name before the value
representation), and the field rules read that name as a key: ``PatientName``, ``PatientID``,
``PatientBirthDate``, ``PatientAddress``, ``ReferringPhysicianName``. Every element whose value
representation is ``PN`` (a person's name: operators, physicians, other patient names) is a person's
name whatever its keyword. UIDs, dates of the study, codes and descriptions stay.
"""

from __future__ import annotations

import re

from mask_core.fields.pairs import MAX_PAIRS, Pair

__all__ = ["dicom_pairs", "may_hold_dicom"]

_TAG = r"\([0-9A-Fa-f]{4},[ ]?[0-9A-Fa-f]{4}\)"
# dcmdump: (gggg,eeee) VR [value]   # length, multiplicity Keyword
_DCMDUMP = re.compile(
    rf"^[ \t]*{_TAG}[ \t]+(?P<vr>[A-Z]{{2}})[ \t]+\[(?P<value>[^\]\r\n]{{1,256}})\][ \t]+#[^\r\n]*?"
    r"(?P<key>[A-Za-z][A-Za-z0-9]{1,63})[ \t]*$",
    re.M,
)
# pydicom: (gggg, eeee) Keyword Name    VR: 'value'
_PYDICOM = re.compile(
    rf"^[ \t]*{_TAG}[ \t]+(?P<key>[A-Za-z][\w' -]{{1,63}}?)[ \t]+(?P<vr>[A-Z]{{2}}):[ \t]+"
    r"(?P<quote>['\"]?)(?P<value>[^'\"\r\n]{1,256})(?P=quote)[ \t]*$",
    re.M,
)


def may_hold_dicom(text: str) -> bool:
    """A cheap necessary condition: a tag of the patient's group or of a study's people."""
    return "(00" in text and ("(0010," in text or "(0008,0090)" in text or "(0008, 0090)" in text)


def dicom_pairs(text: str) -> list[Pair]:
    """The elements of the text's DICOM dumps, by their names (``PN`` elements as names), as one
    record."""
    out: list[Pair] = []
    for pattern in (_DCMDUMP, _PYDICOM):
        for m in pattern.finditer(text):
            key = "full_name" if m.group("vr") == "PN" else m.group("key")
            start, end = m.span("value")
            while end > start and text[end - 1] == " ":
                end -= 1
            if end > start:
                out.append(Pair(key, start, end, -1))
            if len(out) >= MAX_PAIRS:
                return out
    return out
