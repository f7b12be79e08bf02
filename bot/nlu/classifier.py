"""The intent classifier: nearest-example voting over the training examples (data/nlu/).

Each training example is compared with the message two ways: TF-IDF cosine over word stems
(misspelt words are first snapped to the training vocabulary with rapidfuzz) and rapidfuzz's
character-level similarity. The nearest examples of each intent vote. Short replies ("y", "nope")
and exact training lines match exactly. Nothing here logs, prints or keeps message text.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from pathlib import Path

from rapidfuzz import fuzz, process

from .danger import is_danger_typo
from .normalise import normalise
from .numbers import MAX_CHARS
from .reading import OUT_OF_SCOPE, THRESHOLD, Parse, decide
from .training import default_nlu_dir, load_examples

TOP_K = 20               # nearest examples (by each measure) re-scored per message

# Short replies are matched exactly (after normalisation) before anything fuzzy.
_SHORT_REPLIES = {
    "affirm": "y yes yeah yep yup ya yea yeh ye ys yess yesss yas aye ok okay k sure correct "
              "affirmative|yes please|uh huh|yes yes|yeah yeah|thats right|that is right|yes it is",
    "deny": "n no nope nah nop noo nooo na nay never negative none nil|no thanks|no no|no never|"
            "no way|not at all",
    "unsure": "maybe possibly perhaps unsure unknown unclear|not sure|do not know|i do not know|"
              "not known|no idea|not certain|no clue|dont know|unsure tbh|not sure tbh",
    "help": "help|?|help please|help me please",
}


# Short answers built only from pronouns, auxiliaries and yes/no words ("she is", "he does not",
# "i think so"): affirm unless negated. Fuzzy matching gets these wrong because they are all
# near "she is not"-style training lines, and a flipped yes/no is a wrong record.
_YES_NO_WORDS = frozenset(
    "i she he they it there we you patient pt partner is are was were am does do did has have had can will "
    "would could yes yeah yep yup aye no nope nah na naw not never indeed definitely certainly so too now still alone "
    "think believe".split()
)
_NEGATIONS = frozenset("no nope nah na naw not never".split())


def _yes_no(norm: str) -> str | None:
    words = norm.split()
    if not 2 <= len(words) <= 5 or not set(words) <= _YES_NO_WORDS:
        return None
    return "deny" if _NEGATIONS.intersection(words) else "affirm"


def _short_table() -> dict[str, str]:
    table = {}
    for intent, spec in _SHORT_REPLIES.items():
        head, *phrases = spec.split("|")
        for item in head.split() + phrases:
            table[item if item == "?" else normalise(item)] = intent
    return table


_SHORT = _short_table()


# Words too common to say what a message is about (used for the out-of-scope check only).
_STOPWORDS = frozenset(
    "i a an the is are was were be been am to of in on at for and or it its this that these those do does "
    "did done have has had he she they her his him them me my we us our you your not no with what how can "
    "should will would could who where when which as if by from so just now please there here then".split()
)
_SUFFIXES = ("ing", "ed", "es", "s", "ly")
_VOTE_WEIGHTS = (1.0, 0.8, 0.6, 0.4, 0.2)   # the nearest five examples of an intent vote, nearest first


def _stem(word: str) -> str:
    """Crude suffix stripping so 'hits', 'hitting' and 'hit' meet."""
    for suffix in _SUFFIXES:
        if len(word) - len(suffix) >= 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


class EmbeddedNLU:
    """Nearest-example intent classifier over the Rasa training data, plus the danger net.

    Each training example is compared with the message two ways: TF-IDF cosine over word stems
    (misspelt words are first snapped to the training vocabulary with rapidfuzz) and rapidfuzz's
    character-level similarity. The nearest examples of each intent vote; a message whose content
    words are all unknown to the in-scope training data, or that scores below ``THRESHOLD``, is
    ``out_of_scope``.
    """

    def __init__(self, nlu_dir: Path | None = None, examples: dict[str, list[str]] | None = None):
        """Trained on the Rasa YAML files in `nlu_dir` (data/nlu by default), or on `examples`
        ({intent: [text, ...]}, as Rasa's own intent classifier passes them)."""
        if examples is None:
            nlu_dir = Path(nlu_dir) if nlu_dir else default_nlu_dir()
            examples = load_examples(nlu_dir)
        if not examples:
            raise ValueError(f"{nlu_dir or 'examples'}: no NLU training examples found")
        self.intents = sorted(examples)
        self._texts: list[str] = []
        self._labels: list[str] = []
        self._exact: dict[str, str] = {}
        for intent in self.intents:
            for example in examples[intent]:
                norm = normalise(example)
                if norm and norm not in self._exact:
                    self._texts.append(norm)
                    self._labels.append(intent)
                    self._exact[norm] = intent
        self._sorted = [" ".join(sorted(t.split())) for t in self._texts]   # for a fast token-sort match
        docs = [[_stem(w) for w in t.split()] for t in self._texts]
        df: Counter[str] = Counter(w for doc in docs for w in set(doc))
        n = len(docs)
        self._idf = {w: math.log((n + 1) / (c + 1)) + 1.0 for w, c in df.items()}
        self._unknown_idf = max(self._idf.values())
        self._vocab = list(self._idf)
        # Training words that are not within typo distance of a danger word: the net can skip them.
        self._plain_words = frozenset(
            w for t in self._texts for w in t.split() if not is_danger_typo(w)
        )
        self._in_scope_words = {
            w for doc, label in zip(docs, self._labels) if label != OUT_OF_SCOPE for w in doc
        }
        # word -> [(example, tf-idf weight / example norm)]: dot products come out as cosines
        self._index: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, doc in enumerate(docs):
            weights = {w: c * self._idf[w] for w, c in Counter(doc).items()}
            norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
            for w, v in weights.items():
                self._index[w].append((i, v / norm))

    def parse(self, text: str) -> Parse:
        """Intent, confidence, danger flag and any small count in one message.

        The danger net decides on its own. The classifier's ``immediate_danger`` counts too when it
        is at least ``DANGER_CONFIRM`` sure; a weaker one (the largest intent attracts plain facts
        such as "she has two children") gives way to the next reading, as do weak ``COMMANDS``
        ("three times this year" must not restart or go back) and any fuzzy command in a message the
        net flags. The classifier may not raise danger in a message the net found only negated or
        historical ("not in danger", "two years ago"). When the net finds danger in the situation now
        (abuser here, can't go home, trapped), ``immediate_danger`` wins over a reading at most
        ``SITUATION_MARGIN`` surer ("perp is in the building" is not a question about perpetrators).
        A message the net flags but the classifier cannot place is read as ``immediate_danger``; that
        intent always has danger.
        """
        norm = normalise(text[:MAX_CHARS])
        return decide(text, self._ranked(norm, text), self._plain_words, norm)

    def classify(self, text: str) -> tuple[str, float]:
        """(intent, confidence) from the classifier alone, without the danger net."""
        return self.ranking(text)[0]

    def ranking(self, text: str) -> list[tuple[str, float]]:
        """The intents the classifier considers, best first, without the danger net."""
        return self._ranked(normalise(text[:MAX_CHARS]), text)

    def _ranked(self, norm: str, raw: str) -> list[tuple[str, float]]:
        """Readings best first; the first is out_of_scope when nothing fits well enough."""
        if not norm:
            return [("help", 1.0) if raw.strip() == "?" else (OUT_OF_SCOPE, 1.0)]
        if norm in _SHORT:
            return [(_SHORT[norm], 1.0)]
        yes_no = _yes_no(norm)
        if yes_no:
            return [(yes_no, 1.0)]
        if norm in self._exact:
            return [(self._exact[norm], 1.0)]
        words = norm.split()
        stems = [self._known_stem(w) for w in words]
        content = [s for w, s in zip(words, stems) if w not in _STOPWORDS]
        if content and not any(s in self._in_scope_words for s in content):
            return [(OUT_OF_SCOPE, 1.0)]
        ranked = self._vote(norm, stems)
        if ranked[0][1] < THRESHOLD:
            return [(OUT_OF_SCOPE, 1.0 - ranked[0][1])]
        return ranked

    def _known_stem(self, word: str) -> str:
        """The word's stem, snapped to the training vocabulary when it looks like a typo of one."""
        stem = _stem(word)
        if stem in self._idf or len(stem) < 4 or stem.isdigit():
            return stem
        hit = process.extractOne(stem, self._vocab, scorer=fuzz.ratio, score_cutoff=85)
        return hit[0] if hit else stem

    def _cosines(self, stems: list[str]) -> dict[int, float]:
        """TF-IDF cosine of the message with every example sharing a word (unknown words count too)."""
        weights = {w: c * self._idf.get(w, self._unknown_idf) for w, c in Counter(stems).items()}
        qnorm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        dots: dict[int, float] = defaultdict(float)
        for w, v in weights.items():
            v /= qnorm
            for i, dv in self._index.get(w, ()):
                dots[i] += v * dv
        return dots

    def _vote(self, norm: str, stems: list[str]) -> list[tuple[str, float]]:
        cosines = self._cosines(stems)
        candidates = set(sorted(cosines, key=cosines.__getitem__, reverse=True)[:TOP_K])   # = heapq.nlargest, faster
        query = " ".join(sorted(norm.split()))
        for _choice, _score, i in process.extract(query, self._sorted, scorer=fuzz.ratio, limit=TOP_K):
            candidates.add(i)
        by_intent: dict[str, list[float]] = defaultdict(list)
        ratio, token_set_ratio, texts, labels = fuzz.ratio, fuzz.token_set_ratio, self._texts, self._labels
        for i in candidates:
            chars = (ratio(norm, texts[i]) + token_set_ratio(norm, texts[i])) / 200.0
            by_intent[labels[i]].append(0.5 * cosines.get(i, 0.0) + 0.5 * chars)
        scores = {}
        for intent, sims in by_intent.items():
            sims.sort(reverse=True)
            scores[intent] = sum(w * s for w, s in zip(_VOTE_WEIGHTS, sims)) / sum(_VOTE_WEIGHTS)
        return sorted(scores.items(), key=lambda item: item[1], reverse=True)
