"""spaCy's greedy entity decoder, re-expressed with numpy: the same entities, without the per-step cost.

spaCy's ``ner`` pipe reads a text in two stages: a network computes, for every token, the vectors
its transition model needs (``tok2vec`` and the ``lower`` layer, a few large matrix products), then a
loop in C walks the tokens one action at a time (begin, in, last, unit or out of an entity, per
label). In the spaCy wheels from 3.8.8 on, that loop acquires and releases the GIL several times for
every action it checks (code the newer Cython emits around ``StateC.B_``; a machine-code listing of
``ner.*.so`` shows two ``PyGILState_Ensure``/``Release`` pairs per call), and the walk costs more
than the network: about 40 us a token against 10 us with 3.8.7, on the benchmark paragraph.

:class:`GreedyEntities` runs the network exactly as the pipe does and replaces the loop. Outside an
entity, the scores of a token depend on that token alone (the transition model's features are the
token being read, the entity's first token and the token before, the last two empty), so they are
computed for all tokens in one product; inside one, only the two valid moves (in, last) are scored.
The result is spaCy's: the same weights, the same float32 sums in the same order, the same validity
rules (``spacy/pipeline/_parser_internals/ner.pyx``) and the same first-best tie rule
(``tests/test_ner_greedy.py`` compares the two on Faker text in English and Spanish, on islands and
on random text; on the real-text DEV set and its islands they agreed on all 13,150 texts).

It applies only where those rules hold; :func:`greedy_entities` returns None otherwise and the
recognizer calls the pipe: a beam decoder, another feature set or network, classes marked unseen, a
model on a GPU, or a pipe before ``ner`` other than a ``tok2vec``/``transformer`` it listens to (such
a pipe could preset entities or sentence starts, which change the validity rules).
And since those rules are spaCy's to change, the two decoders read :data:`PROBES` when a pipeline is
first used; if they disagree, spaCy's is used, with one warning.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any, NamedTuple

__all__ = ["PROBES", "Found", "GreedyEntities", "greedy_entities"]

logger = logging.getLogger("mask_core.ner")
_checked: dict[int, tuple[Any, GreedyEntities | None]] = {}  # id(pipeline) -> (pipeline, decoder)
_checked_lock = threading.Lock()

_BEGIN, _IN, _LAST, _UNIT, _OUT = "BILUO"


class Found(NamedTuple):
    """One entity: its spaCy label and character offsets in the text given."""

    label_: str
    start_char: int
    end_char: int


class _Weights(NamedTuple):
    feature_bias: Any
    hidden: Any  # the output layer's weights, transposed (None: the model has no output layer)
    hidden_bias: Any


class GreedyEntities:
    """The entities spaCy's ``ner`` pipe finds in texts (see the module docstring)."""

    def __init__(self, nlp: Any, ner: Any, moves: Sequence[tuple[str, str]]) -> None:
        import numpy

        self._np = numpy
        self._nlp = nlp
        self._before = [proc for name, proc in nlp.pipeline if name != "ner"]
        model = ner.model
        self._tok2vec, lower, upper = model.layers
        self._lower = lower
        self._upper = upper if model.attrs["has_upper"] else None
        self._pieces = lower.get_dim("nP")
        self._hiddens = lower.get_dim("nO")
        # Class index -> (move, label); the index order is spaCy's, which decides ties.
        self._moves = list(moves)
        self._in = {label: i for i, (m, label) in enumerate(moves) if m == _IN and label}
        self._last = {label: i for i, (m, label) in enumerate(moves) if m == _LAST and label}
        n = len(moves)
        # Valid with no entity open: begin (not on the last token), unit with a label, out. Begin and
        # unit are never valid on a whitespace token.
        self._closed = numpy.zeros(n, dtype=bool)
        self._closed_last = numpy.zeros(n, dtype=bool)
        self._closed_space = numpy.zeros(n, dtype=bool)
        for i, (move, label) in enumerate(moves):
            if move == _OUT:
                self._closed[i] = self._closed_last[i] = self._closed_space[i] = True
            elif move == _UNIT and label:
                self._closed[i] = self._closed_last[i] = True
            elif move == _BEGIN and label:
                self._closed[i] = True

    def __call__(self, texts: Sequence[str]) -> list[list[Found]]:
        docs = [self._nlp.make_doc(text) for text in texts]
        for proc in self._before:  # e.g. a shared tok2vec the ner model listens to
            docs = list(proc.pipe(docs))
        out: list[list[Found]] = [[] for _ in docs]
        live = [i for i, doc in enumerate(docs) if len(doc)]
        if not live:
            return out
        batch = [docs[i] for i in live]
        tokvecs = self._tok2vec.predict(batch)
        # Row 0 is the padding the model uses for an empty feature; token t of the batch is row t + 1.
        cached = self._lower.predict(tokvecs)
        weights = self._weights()
        pad = cached[0]
        rows = cached[1:]
        # Features [token, none, none], the state outside an entity, for every token at once.
        closed = self._scores(((rows[:, 0] + pad[1]) + pad[2]).reshape(len(rows), -1), weights)
        # The best valid move there: the moves valid outside an entity depend on the token only.
        np = self._np
        space = np.concatenate([doc.to_array("IS_SPACE") for doc in batch]).astype(bool)
        valid = np.where(space[:, None], self._closed_space, self._closed)
        ends = np.cumsum([len(doc) for doc in batch])
        valid[ends - 1] &= self._closed_last
        best = np.where(valid, closed, -np.inf).argmax(axis=1).tolist()
        start = 0
        for i, doc, end in zip(live, batch, ends.tolist(), strict=True):
            out[i] = self._decode(doc, rows[start:end], best[start:end], weights)
            start = end
        return out

    def _weights(self) -> _Weights:
        upper = self._upper
        return _Weights(
            self._lower.get_param("b").reshape(-1),
            None if upper is None else upper.get_param("W").T,
            None if upper is None else upper.get_param("b"),
        )

    def _scores(self, pre: Any, weights: _Weights) -> Any:
        """Class scores from summed features (``predict_states`` in ``spacy/ml/parser_model.pyx``)."""
        pre = pre + weights.feature_bias
        hidden = pre.reshape(pre.shape[0], self._hiddens, self._pieces).max(axis=2)
        if weights.hidden is None:
            return hidden
        return self._np.dot(hidden, weights.hidden) + weights.hidden_bias

    def _decode(self, doc: Any, rows: Any, best: list[int], weights: _Weights) -> list[Found]:
        """The walk over one text's tokens: ``best`` is each token's move outside an entity."""
        n = len(doc)
        found: list[Found] = []
        moves = self._moves
        i = 0
        while i < n:
            move, label = moves[best[i]]
            if move == _UNIT:
                found.append(Found(label, doc[i].idx, doc[i].idx + len(doc[i])))
                i += 1
                continue
            if move != _BEGIN:
                i += 1
                continue
            start = i
            i += 1
            w_in, w_last = self._in[label], self._last[label]
            while True:
                # Features [token, entity start, token before]; only in and last are valid, and in
                # only before the last token.
                pre = ((rows[i, 0] + rows[start, 1]) + rows[i - 1, 2]).reshape(1, -1)
                scores = self._scores(pre, weights)[0]
                # spaCy keeps the first best class in index order.
                keep_in = scores[w_in] > scores[w_last] if w_in > w_last else scores[w_in] >= scores[w_last]
                if keep_in and i + 1 < n:
                    i += 1
                    continue
                end = doc[i]
                found.append(Found(label, doc[start].idx, end.idx + len(end)))
                i += 1
                break
        return found


#: Texts both decoders read when a pipeline is first used: names of every kind, several words long,
#: side by side, at the very end, across runs of spaces and line breaks. A future spaCy whose rules
#: differ from the ones written here shows up as a disagreement, and its own decoder is used.
PROBES = (
    "Alice Johnson of Acme Corp flew from New York to Paris on 3 March 2024 with Bob Smith.",
    "Mr Robert Murray  (the applicant)\n\nlives in London and works for the BBC",
    "Ministry of Foreign Affairs, United Kingdom of Great Britain and Northern Ireland",
    "Barack Obama",
    "  \n  Paris \n\n  ",
    "the European Court of Human Rights held on Monday that Turkey and Greece owed Maria Rossi EUR 5,000",
)


def greedy_entities(nlp: Any) -> GreedyEntities | None:
    """The numpy decoder for ``nlp``'s ``ner`` pipe, or None where it would not give spaCy's result:
    where the pipeline is not one the decoder knows, or where the two disagree on :data:`PROBES`
    (checked once per pipeline; the caller holds the model's lock and thread cap)."""
    with _checked_lock:
        known = _checked.get(id(nlp))
    if known is not None and known[0] is nlp:
        return known[1]
    decoder = _decoder_for(nlp)
    if decoder is not None:
        expected = [[Found(e.label_, e.start_char, e.end_char) for e in doc.ents] for doc in nlp.pipe(PROBES)]
        try:
            agrees = decoder(PROBES) == expected
        except Exception:  # a pipeline the checks above let through but the decoder cannot read
            agrees = False
        if not agrees:
            logger.warning(
                "spaCy %s decodes entities by rules the NER tier's own decoder does not follow; "
                "spaCy's decoder is used (slower in the wheels of spaCy 3.8.8 and later)",
                _spacy_version(),
            )
            decoder = None
    with _checked_lock:
        _checked[id(nlp)] = (nlp, decoder)
    return decoder


def _spacy_version() -> str:
    try:
        from importlib.metadata import version

        return version("spacy")
    except Exception:  # pragma: no cover - spaCy is installed when a pipeline exists
        return "(unknown version)"


def _decoder_for(nlp: Any) -> GreedyEntities | None:
    try:
        ner = nlp.get_pipe("ner")
    except KeyError:
        return None
    model = getattr(ner, "model", None)
    if model is None or getattr(model, "name", "") != "parser_model" or len(model.layers) != 3:
        return None
    if ner.cfg.get("beam_width", 1) != 1 or model.attrs.get("unseen_classes"):
        return None
    for name in nlp.pipe_names:
        if name != "ner" and nlp.get_pipe_meta(name).factory not in ("tok2vec", "transformer"):
            return None
    lower = model.layers[1]
    if lower.name != "precomputable_affine" or lower.get_dim("nF") != 3:
        return None
    try:
        from thinc.api import NumpyOps
    except ImportError:  # pragma: no cover - thinc comes with spaCy
        return None
    if not all(isinstance(node.ops, NumpyOps) for node in model.walk()):
        return None  # a model on a GPU: its arrays are not numpy's
    moves: list[tuple[str, str]] = []
    for i in range(ner.moves.n_moves):
        name = ner.moves.get_class_name(i)
        move, _, label = name.partition("-")
        if move not in (_BEGIN, _IN, _LAST, _UNIT, _OUT):
            return None
        moves.append((move, label))
    labels = {label for move, label in moves if move == _BEGIN and label}
    if any((_IN, label) not in moves or (_LAST, label) not in moves for label in labels):
        return None
    return GreedyEntities(nlp, ner, moves)
