"""Text preparation for the NER model: what it reads, and whether a found name reads as prose.

* Spans tier 1 found (and live tokens) are blanked with same-length filler before the model sees
  the text (:func:`blank`), so offsets stay valid and nothing is found twice.
* Long texts are cut at whitespace into pieces the model accepts (:func:`chunks`).
* Only *islands* are read (:func:`islands`): each capitalised word with a few tokens of context.
* Small models tag words of log lines and code as names; :func:`prose_line` tells prose from those.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

__all__ = [
    "CHUNK",
    "FILL",
    "FUNCTION_WORDS",
    "ISLAND_MARGIN",
    "SENTENCE_END",
    "blank",
    "chunks",
    "guess_language",
    "informal",
    "islands",
    "prose_line",
]

#: spaCy refuses texts longer than ``nlp.max_length``; longer ones are split at whitespace.
CHUNK = 100_000
FILL = "_"

_EN = frozenset(
    """the and of to is in that for with was on at by this are from you your his her has have a an i me
    my we it so but not just be will do what if or all out up get""".split()  # noqa: SIM905
)
#: English function words (what a name is not; ``prose_line`` counts them).
FUNCTION_WORDS = _EN
_ES = frozenset(
    "el la los las de del que y en es por con para una un su se al lo como más pero sus".split()  # noqa: SIM905
)
_WORD = re.compile(r"[a-záéíóúñü]+")
_URL = re.compile(r"\w+://\S+")
# A word of a log line or code: a digit, a path, a dotted name, a bracket.
_TECHNICAL = re.compile(r"[0-9_/\\\[\]{}<>|]|\w\.\w")
_CODE_LIKE = re.compile(r"\w=['\"\w]|[{}]|\w\(\w+=|::|->|=>")


def guess_language(text: str, languages: Sequence[str]) -> str:
    """The configured language whose common words the text uses most (first language on a tie)."""
    if len(languages) == 1:
        return languages[0]
    words = _WORD.findall(text[:2000].lower())
    scores = {"en": sum(w in _EN for w in words), "es": sum(w in _ES for w in words)}
    best = max(languages, key=lambda lang: scores.get(lang, 0))
    return best if scores.get(best, 0) > scores.get(languages[0], 0) else languages[0]


_ALPHA_WORD = re.compile(r"[^\W\d_]+")
_LOWER_I = re.compile(r"(?<![\w'’])i(?=[ \t]+[a-z]|['’](?:m|ve|ll|d)\b)")
# The first letter of each sentence: at the start, or after a sentence end or a line break.
# A line's digits and punctuation before its first letter are skipped ("[10:42] customer: hi"): chat
# transcripts and numbered lines start there.
_SENTENCE_START = re.compile(r"(?:^|[.!?][ \t]+|\n)[\W\d_]*?([^\W\d_])")


def informal(text: str) -> bool:
    """Text written without the capitals of edited prose (posts, chat): names there are often in lower
    case (``trump``, ``london``). Told by its sentences: most start in lower case, or ``i`` is written
    as a word. Edited text, logs and code keep the capital rule."""
    words = _ALPHA_WORD.findall(text)
    if len(words) < 3:
        return False
    if text == text.lower() or _LOWER_I.search(text) is not None:
        return True
    starts: list[str] = [m.group(1) for m in _SENTENCE_START.finditer(text)]
    return sum(c.islower() for c in starts) * 2 > len(starts)


_PROSE_REACH = 400


def prose_line(text: str, start: int, end: int) -> bool:
    """Whether the line around a name reads as language, not as a log line or code.

    Small models tag words of log lines and code as names (``Mbps`` in ``eth0: link up, 1000 Mbps,
    mtu 1500``). Short lines (a JSON value, ``Customer: Alice Johnson``) always count, since names
    stand alone there. A long line counts with two common function words (the, of, de, que...); with
    one (a log line has one by chance: ``link up``) or none (a headline: ``Pakistan beat England:
    LONDON, Sept 17 (Reuters)``) it counts when technical words (digits, paths, dotted names, brackets)
    are fewer than a half or a third of its words.
    """
    # The line around the name, at most _PROSE_REACH characters either side: a name's line is judged
    # by its neighbourhood, and a look over a whole long line per name would make a long one-line
    # text with many names quadratic.
    reach = max(0, start - _PROSE_REACH)
    line_start = text.rfind("\n", reach, start) + 1 or reach
    line_end = text.find("\n", end, end + _PROSE_REACH)
    if line_end < 0:
        line_end = min(len(text), end + _PROSE_REACH)
    line = text[line_start:line_end]
    if "://" in line:
        line = _URL.sub(" ", line)
    if _CODE_LIKE.search(line):
        return False  # key=value pairs, braces, call syntax: a log line or code, whatever its words
    if len(line) <= 80:
        return True
    common = sum(w in _EN or w in _ES for w in _WORD.findall(line.lower()))
    if common > 1:
        return True
    tokens = [t for t in line.split() if t[0] not in "@#" and any(c.isalnum() for c in t)]
    technical = sum(_TECHNICAL.search(t) is not None for t in tokens)
    return (2 if common else 3) * technical < len(tokens)


def blank(text: str, spans: Sequence[tuple[int, int]]) -> str:
    if not spans:
        return text
    parts, pos = [], 0
    for span_start, end in sorted(spans):
        start = max(span_start, pos)
        if end <= start:
            continue
        parts.append(text[pos:start])
        parts.append(FILL * (end - start))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def chunks(text: str) -> Iterator[tuple[int, str]]:
    if len(text) <= CHUNK:
        yield 0, text
        return
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + CHUNK)
        if end < len(text):
            cut = text.rfind(" ", pos + CHUNK // 2, end)
            end = cut if cut > pos else end
        yield pos, text[pos:end]
        pos = end


#: Tokens of context kept on each side of a capitalised word (see :func:`islands`). The small
#: English model's tok2vec sees 4 tokens on each side (depth 4, window 1); one more keeps the edges of
#: an island out of the receptive field of the name itself.
ISLAND_MARGIN = 5
SENTENCE_END = frozenset({".", "!", "?", ";"})
# Words (with inner apostrophes) and single punctuation marks: close to spaCy's tokens, in linear time
# whatever the text (spaCy's own tokenizer is quadratic on long runs of punctuation such as "+(+(+(").
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")


def islands(nlp: Any, text: str) -> list[tuple[int, int]]:
    """Character spans of ``text`` worth showing the model: each capitalised word with its context.

    Names (PERSON, LOCATION, ORGANIZATION) are capitalised, and spaCy's small CNN models decide an
    entity from a few tokens around it. So the model reads only the runs of text within
    ``ISLAND_MARGIN`` tokens of a capitalised word that is not a stop word (merged where they touch),
    not the lower-case prose between them; a sentence end (``.``, ``!``, ``?``, ``;`` or a blank
    line) bounds the margin. On the benchmark paragraph this halves the model's work and finds the
    same names; the quality evaluation (``benchmarks/quality``) compares it with whole-text reading.
    """
    if informal(text):
        return [(0, len(text))] if text.strip() else []  # names in lower case: no capital to anchor on
    stop = nlp.Defaults.stop_words
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    n = len(tokens)
    ends = [
        text[a:b] in SENTENCE_END or (i + 1 < n and "\n\n" in text[b : tokens[i + 1][0]])
        for i, (a, b) in enumerate(tokens)
    ]
    spans: list[list[int]] = []
    for i, (a0, b0) in enumerate(tokens):
        word = text[a0:b0]
        # A capitalised stop word ("The", "Our", "Please" at a sentence start) is never a name; a
        # capital inside a word counts ("eBay", "iPhone").
        if word.islower() or not any(c.isupper() for c in word) or word.lower() in stop:
            continue
        a = i
        while a > 0 and i - a < ISLAND_MARGIN and not ends[a - 1]:
            a -= 1
        b = i + 1
        while b < n and b - i <= ISLAND_MARGIN and not ends[b - 1]:
            b += 1
        if spans and a <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], b)
        else:
            spans.append([a, b])
    return [(tokens[a][0], tokens[b - 1][1]) for a, b in spans]
