"""The common words of a model's language, from the word index its pipeline ships.

A small model tags a common word written in capitals as an organisation or a person: in posts and
chat people shout (``We NEED a win``, ``keep up the NICE work``, ``get a second VPS FREE``), and the
model reads a capitalised token it has not seen in lower case as a name. A name is rarely a common
word written so; those that are (a firm called ``TARGET``) are far fewer than the shouted words.

spaCy's English pipelines ship a lemmatizer whose ``lemma_index`` table lists the words of English
by part of speech (WordNet's index). The NER tier loads none of the lemmatizer's pipe, only that
table, read once per model from the model's directory (a few milliseconds). A pipeline without such a
table (the Spanish ones, a custom model) gets no lexicon, and the corrections that need one are not
made: the tier behaves as before.
"""

from __future__ import annotations

import functools
import logging
import re
from pathlib import Path

from mask_core.scan.recognizers.word_lists import common_first_names, first_names

__all__ = ["Lexicon", "load_lexicon", "reads_as_label"]

logger = logging.getLogger("mask_core.ner")

# Nouns shorter than this are left out: the index holds acronyms of bodies among its short nouns
# ("nasa", "fbi", "nato"), and a body written in capitals is a name.
_MIN_NOUN = 5
_MIN_WORD = 3


class Lexicon:
    """Words of a language, by whether they may be nouns only or are also verbs, adjectives or adverbs."""

    __slots__ = ("_nouns", "_words")

    def __init__(self, nouns: frozenset[str], words: frozenset[str]) -> None:
        self._nouns = nouns
        self._words = words

    def __repr__(self) -> str:
        return f"Lexicon(nouns={len(self._nouns)}, other_words={len(self._words)})"

    def common(self, word: str) -> bool:
        """Whether ``word`` (any case) is a common word: a verb, adjective or adverb of at least three
        letters, or a noun of at least five, as written or inflected (``DONUTS``, ``LOVED``,
        ``PLAYING``)."""
        w = word.lower()
        if len(w) < _MIN_WORD:
            return False
        long_enough = len(w) >= _MIN_NOUN
        return any(base in self._words or (long_enough and base in self._nouns) for base in _bases(w))

    def noun(self, word: str) -> bool:
        """Whether ``word`` (any case) may be a noun, as written or inflected, whatever its length."""
        w = word.lower()
        return any(base in self._nouns for base in _bases(w))


_LETTERS = re.compile(r"[^\W\d_]{2,}")
# Words a label joins its nouns with, and a person's name never holds: "Bill To", "Date of Birth".
_FUNCTION_WORDS = frozenset(
    {"To", "Of", "For", "By", "At", "Per", "And", "Or", "The", "From", "In", "On", "With"}
)


def reads_as_label(text: str, lexicon: Lexicon) -> bool:
    """Whether ``text`` (a dict key, a column's label) is made of the language's own words and names
    nobody: ``Shirt Size``, ``Start Date``, ``Bill To``, which the small model reads as a person or a
    firm when a spreadsheet's row comes back keyed by its column labels. A key that may hold a name
    keeps being read: a word of it is no common word (``Ingrid Halvorsen``) or is a first name
    (``Alice``, and ``Grace Hill``, ``Will Brown``: a first name that is also a word, unless a word
    no name holds joins the label's nouns, as ``to`` does in ``Bill To``)."""
    words = [w.capitalize() for w in _LETTERS.findall(text)]
    joined = any(w in _FUNCTION_WORDS for w in words)
    words = [w for w in words if w not in _FUNCTION_WORDS]
    if not words or not all(lexicon.common(w) or lexicon.noun(w) for w in words):
        return False
    if any(w in first_names() for w in words):
        return False
    return joined or not any(w in common_first_names() for w in words)


def _bases(word: str) -> tuple[str, ...]:
    """``word`` and the forms regular English inflection may have made it from."""
    out = [word]
    if word.endswith("s"):
        out.append(word[:-1])
        if word.endswith("es"):
            out.append(word[:-2])
    if word.endswith("ed"):
        out += [word[:-1], word[:-2]]
    if word.endswith("ing"):
        out += [word[:-3], word[:-3] + "e"]
    return tuple(out)


@functools.lru_cache(maxsize=8)
def load_lexicon(model_dir: Path) -> Lexicon | None:
    """The lexicon of the pipeline in ``model_dir``, or None when it ships no word index."""
    tables = model_dir / "lemmatizer" / "lookups"
    if not (tables / "lookups.bin").is_file():
        return None
    from spacy.lookups import Lookups  # the NER extra's own dependency, imported with the model

    try:
        lookups = Lookups().from_disk(tables)
        index = lookups.get_table("lemma_index")
        by_pos = {pos: frozenset(index[pos]) for pos in ("noun", "verb", "adj", "adv") if pos in index}
    except (KeyError, ValueError, OSError) as exc:  # a table of another shape: no lexicon, as without one
        logger.debug("no lexicon in %s: %s", model_dir.name, type(exc).__name__)
        return None
    if "noun" not in by_pos or len(by_pos) < 2:
        return None
    words = frozenset().union(*(v for pos, v in by_pos.items() if pos != "noun"))
    return Lexicon(by_pos["noun"], words)
