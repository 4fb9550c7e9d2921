"""Names as transcripts and chat exports write their speakers.

* WebVTT voice spans (Teams', Zoom's and YouTube's captions): ``<v Madeleine Barthelemy>Okay, ...``;
* a caption file's speaker labels (SRT, WebVTT: a text with cue timings ``00:00:01,000 --> ...``):
  ``MATTHEW RICHARDSON: State your full name``, a name of one to four words opening a cue's line;
* a chat export's senders (WhatsApp, Signal, Telegram desktop): ``16/06/2024, 23:34 - Ana Lima: Hi!``
  or ``[16/06/2024, 23:34:05] Ana Lima: Hi!``.

Used by :class:`~mask_core.scan.recognizers.names.PersonCueRecognizer`; each function gives the
spans of the names it reads, each after a C-speed test for its format's marks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mask_core.scan.recognizers.name_relations import a_person
from mask_core.scan.recognizers.name_words import known_first, name_end
from mask_core.scan.recognizers.word_lists import surnames

__all__ = ["chat_senders", "speakers"]

Span = tuple[int, int]

_VOICE = re.compile(r"<v(?:\.[\w.-]+)?[ \t]+([^<>\n]{1,80})>")
# A speaker's label opening a cue's line: one to four name words (capitals, hyphens, initials), a
# colon and a space.
_LABEL = re.compile(r"^[ \t]*(?=[^\W\d_])([^\n:]{1,60}?):[ \t]", re.M)
# A chat export's line: its date and time, then the sender and a colon.
_CHAT = re.compile(
    r"^\[?\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?[ \t]+\d{1,2}:\d{2}(?::\d{2})?(?:[ \t\u202f]?[AaPp]\.?[Mm]\.?)?\]?"
    r"[ \t]+(?:-[ \t]+)?(?=[^\W\d_])([^\n:]{1,60}?):[ \t]",
    re.M,
)


def _whole_name(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is one name of one to four words (``a_person``'s: not a desk's, a
    firm's or a role's)."""
    if name_end(text, start) != end:
        return False
    words = text[start:end].split()
    if len(words) == 1:
        # One word is a name the lists know ("HANS:"), not a caption's note ("NOTE:", "MUSIC:",
        # "NARRATOR:", "Q:").
        return known_first(words[0]) or words[0].capitalize() in surnames()
    return len(words) <= 4 and a_person(text[start:end])


def speakers(text: str) -> Iterator[Span]:
    """The speakers of a caption file: its voice spans, and the labels opening its cues' lines."""
    if "<" in text and "<v" in text:
        for m in _VOICE.finditer(text):
            start, end = m.span(1)
            while end > start and text[end - 1] in " \t":
                end -= 1
            if _whole_name(text, start, end):
                yield start, end
    if ">" in text and "-->" in text:
        for m in _LABEL.finditer(text):
            start, end = m.span(1)
            if _whole_name(text, start, end):
                yield start, end


def chat_senders(text: str) -> Iterator[Span]:
    """The senders of a chat export's lines."""
    for m in _CHAT.finditer(text):
        start, end = m.span(1)
        if _whole_name(text, start, end):
            yield start, end
