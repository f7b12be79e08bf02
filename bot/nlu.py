"""Embedded language understanding: intent, immediate-danger safety net, counts and area names.

Runs in-process with rapidfuzz only (no model to train): a message is normalised and matched
against the training examples in ``data/nlu/*.yml`` (the same files Rasa trains on); the nearest
examples vote for the intent. ``is_danger`` is a separate recall-first net of patterns over the
same normalised text and runs on every message. Nothing here logs, prints or keeps message text.

    >>> nlu = EmbeddedNLU()
    >>> nlu.parse("yep").as_json()
    {'intent': 'affirm', 'confidence': 1.0, 'danger': False}
"""
from __future__ import annotations

import math
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import yaml
from rapidfuzz import fuzz, process

MAX_CHARS = 500          # classification looks at this much of a message (speed); danger reads all
THRESHOLD = 0.3          # below this confidence the intent is out_of_scope
DANGER_CONFIRM = 0.5     # the classifier alone raises danger only this sure; the net needs no confirming
COMMAND_CONFIRM = 0.4    # commands that move the conversation need this much; weaker ones give way
COMMANDS = frozenset({"restart", "back", "help", "goodbye"})
SITUATION_MARGIN = 0.1   # danger here now ("he's in reception") beats a reading at most this much surer
TOP_K = 20               # nearest examples (by each measure) re-scored per message
DANGER_INTENT = "immediate_danger"


@dataclass(frozen=True)
class Parse:
    """What the NLU understood from one message (never the message itself)."""

    intent: str
    confidence: float
    danger: bool
    number: int | None

    def as_json(self) -> dict:
        """The CLI contract: exactly intent, confidence (2 dp) and danger."""
        return {"intent": self.intent, "confidence": round(self.confidence, 2), "danger": self.danger}


# --------------------------------------------------------------------------- training data

_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def default_nlu_dir() -> Path:
    """``$PATHBOT_NLU_DIR`` if set, else the repository's ``data/nlu``."""
    env = os.environ.get("PATHBOT_NLU_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[1] / "data" / "nlu"


def load_examples(nlu_dir: Path) -> dict[str, list[str]]:
    """Intent -> examples from every ``*.yml`` in ``nlu_dir`` (Rasa 3 format, entity markup removed)."""
    examples: dict[str, list[str]] = {}
    files = sorted(Path(nlu_dir).glob("*.yml")) + sorted(Path(nlu_dir).glob("*.yaml"))
    for path in files:
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise ValueError(f"{path.name}: not valid YAML ({exc.__class__.__name__})") from None
        if doc is None:
            continue
        if not isinstance(doc, dict):
            raise ValueError(f"{path.name}: expected a mapping with an 'nlu' list")
        items = doc.get("nlu") or []
        if not isinstance(items, list):
            raise ValueError(f"{path.name}: 'nlu' must be a list")
        for i, item in enumerate(items):
            if not isinstance(item, dict) or "intent" not in item:
                continue  # synonyms, regexes and lookups are Rasa's business
            intent, block = item.get("intent"), item.get("examples")
            if not isinstance(intent, str) or not intent or not isinstance(block, str):
                raise ValueError(f"{path.name}: nlu item {i + 1} needs an intent name and an examples block")
            for line in block.splitlines():
                line = line.strip()
                if not line:
                    continue
                if not line.startswith("- "):
                    raise ValueError(f"{path.name}: intent {intent}: example lines must start with '- '")
                example = _ANNOTATION.sub(r"\1", line[2:]).strip()
                if example:
                    examples.setdefault(intent, []).append(example)
    return examples


# --------------------------------------------------------------------------- normalisation

_CONTRACTIONS = {
    "dont": "do not", "doesnt": "does not", "didnt": "did not", "cant": "can not", "cannot": "can not",
    "couldnt": "could not", "wont": "will not", "wouldnt": "would not", "isnt": "is not",
    "arent": "are not", "wasnt": "was not", "hasnt": "has not", "havent": "have not",
    "hadnt": "had not", "shouldnt": "should not", "hes": "he is", "shes": "she is", "im": "i am",
    "ive": "i have", "theyre": "they are", "thats": "that is", "whats": "what is",
    "theres": "there is", "youre": "you are", "lets": "let us", "daren": "dare not", "darent": "dare not",
    "daresnt": "dare not", "mustnt": "must not", "aint": "is not", "whos": "who is", "wheres": "where is",
    "hell": "he will", "shell": "she will", "theyll": "they will", "youll": "you will", "itll": "it will",
    "hed": "he would", "theyd": "they would", "wholl": "who will", "comin": "coming", "cumin": "coming",
}
_ABBREVIATIONS = {
    "pt": "patient", "pts": "patients", "dv": "domestic abuse", "da": "domestic abuse",
    "hx": "history", "oh": "occupational health", "ed": "ae", "u": "you", "r": "are", "ur": "your",
    "pls": "please", "plz": "please", "thx": "thanks", "bf": "boyfriend", "gf": "girlfriend",
    "idk": "do not know", "dk": "do not know", "dunno": "do not know", "nk": "not known",
    "gonna": "going to", "wanna": "want to", "perp": "perpetrator", "sw": "social worker",
    "hv": "health visitor", "rm": "room", "rd": "road", "tho": "though", "abt": "about", "w": "with",
}
_EXPAND = {**_CONTRACTIONS, **_ABBREVIATIONS}
_AE = re.compile(r"\ba\s*(?:&|and|n)\s*e\b")
_APOSTROPHE = re.compile(r"['\u2019\u2018`]")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lower case, no punctuation, single spaces, contractions and a few abbreviations expanded."""
    s = _APOSTROPHE.sub("", text.lower())
    s = _AE.sub(" ae ", s.replace("n/k", " nk "))
    words = _NON_WORD.sub(" ", s).split()
    return " ".join(_EXPAND.get(w, w) for w in words)


# --------------------------------------------------------------------------- classifier

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
    "would could yes yeah yep yup no nope nah not never indeed definitely certainly so too now still alone "
    "think believe".split()
)
_NEGATIONS = frozenset("no nope nah not never".split())


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
OUT_OF_SCOPE = "out_of_scope"
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
            w for t in self._texts for w in t.split() if not _is_danger_typo(w)
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


# --------------------------------------------------------------------------- danger safety net
# Recall first: a missed emergency is far worse than an extra "are they safe right now?".
# Patterns run over normalise()d text (lower case, no apostrophes, "he's" -> "he is",
# "can't" -> "can not", "A&E" -> "ae"). Negations ("no weapons") may fire; that is accepted.

_WHO = (r"(?:he|they|partner|ex|husband|boyfriend|abuser|perpetrator|father|dad|son|wife|girlfriend|fiance"
        r"|brother|stepdad|uncle|mates)")
# Places in and around a health setting where the abuser being present now is an emergency.
_PLACE = (
    r"waiting (?:room|area)|relatives room|family room|side room|reception|corridor|car ?park|building"
    r"|department|dept|ward|unit|foyer|lobby|entrance|hospital|surgery|practice|clinic|site|premises"
    r"|grounds|nurses station|desk|cubicle|bay|resus|triage|ae|maternity|antenatal|gates?|lifts?|stairs"
    r"|toilets?|canteen|cafe"
)
_HER = r"(?:her|him|them|me|us)"
_PARTNER = r"(?:he|partner|ex|husband|boyfriend|girlfriend|wife|fiance|abuser|perpetrator)"   # not family who collect
_POSS = r"(?:her|his|their|my)"
_DANGER_PATTERNS = {
    "weapon": (
        r"knife|knives|blades?|machetes?|guns?|firearms?|shotguns?|rifles?|pistols?|crossbow|swords?|axe"
        r"|hammer|bat|weapons?|armed|taser|petrol|screwdriver|broken bottle|glass(?:ed)?|shoot\w*"
        r"|crowbar|cleaver|scissors|golf club|(?:iron|metal) bar|poker|spanner|wrench|shooter|knifed"
        r"|sawn off|sawed off|air rifle|bb gun|replica gun|imitation (?:gun|firearm)|knuckle ?dusters?|baton|cosh"
        r"|stanley knife|box cutter|razor|ammonia|bleach (?:at|over)"
        r"|(?:ran|run|running|forc\w*|drove|driv\w*|push\w*) (?:her|them|him|me) off the road|ramm(?:ed|ing)"
        r"|(?:drove|driv\w*) (?:at|into|towards) (?:her|them|him|me)|tried to run (?:her|them|him|me) (?:over|down|off)"
        r"|(?:hit|struck|beat\w*|attack\w*|threaten\w*|went for) (?:her |him |them |me )?with (?:a|an|the|his|her) \w+"
        r"|acid (?:attack|thrown)|(?:threw|throw|throwing) acid"
    ),
    "threat to kill": (
        r"kill\w*|murder\w*|dead|die|threat\w*|hunt\w* (?:her|them|him) down"
        r"|do (?:her|them|him) in(?! (?:the|clinic|a|an|this|next|tomorrow|today|for))"
        r"|get rid of (?:her|them|him)|make (?:her|them|him) pay|(?:will|going to) come for (?:her|them|him|me|us)"
        r"|(?:is|are|still|coming|went|gone) after (?:her|him|them|me|us)|(?:will|would|going to|to) end (?:her|them|you)"
        r"|(?:today|tonight) is the (?:day|night)|(?:this|it) is the (?:day|night) (?:he|she|they)"
        r"|(?:will not|never|not going to) see (?:christmas|tomorrow|the morning|the weekend|(?:her|their|next) birthday"
        r"|another (?:day|night|week|birthday|christmas)|next (?:week|birthday|christmas|year))|days are numbered"
        r"|(?:her|your|their) time is up"
        r"|(?:she|they|you) (?:will|would) (?:never|not) see (?:her|them|him|the \w+|her \w+|their \w+) again"
    ),
    "strangulation": (
        r"strangl\w*|strangul\w*|chok(?:e|ed|es|ing)|throttl\w*|smother\w*|suffocat\w*|petechia\w*"
        r"|neck|throat|hoarse|croaky|lost (?:her|his|their) voice|pillow|under ?water|drown\w*"
        r"|nfs|non fatal strangulation|loc|loss of consciousness|head ?lock|choke ?hold|sleeper hold|airway"
        rf"|over {_POSS} (?:face|mouth|nose)|(?:can not|could not|unable to|not|struggling to|hard to) breath\w*"
    ),
    "serious injury": (
        r"stab|stabs|stabbed|stabbing|bleed|bleeding|unconscious|(?:barely|not|semi|hardly) conscious"
        r"|bloody?(?! (?:pressure|tests?|sugars?|results?|glucose|forms?|bottles?|count|samples?))"
        r"|knocked (?:out|unconscious)|passed out|collapsed|unresponsive|not responding|head (?:injury|wound)"
        r"|been (?:cut|shot|hurt|injured|beaten|attacked|assaulted)|(?:seriously|badly) (?:hurt|injured|beaten)"
        rf"|broken? (?:{_POSS} )?(?:jaw|nose|arm|leg|ribs?|bones?|wrist|cheekbone|eye socket|fingers?)"
        r"|fractur\w*|black eye|(?:is|was|been|got) (?:cut|slashed)|slash\w*|fist"
        r"|through the (?:window|door|wall)|hair out|(?:pull\w*|yank\w*|dragg?\w*) (?:\w+ )?(?:by )?"
        rf"{_POSS} hair|hit {_POSS} head|pushed (?:\w+ )?down|down the stairs|r[au]n (?:\w+ )?over"
        rf"|shot (?:at )?{_HER}|scald\w*|boiling (?:water|kettle|oil)|burn(?:t|ed)? (?:her|him|them) (?:with|on)"
        r"|burn(?:t|ed) with|cigarette burns?|burns? (?:on|to) (?:her|his|their) (?:arms?|hands?|face|chest|back|legs?"
        r"|neck|body|skin|feet|breasts?)"
    ),
    "abuser here or coming": (
        r"outside|waiting (?:room|area|outside|there|for (?:her|him|them|me|us))"
        r"|in (?:the |our |your )?(?:reception|car ?park|building|foyer|lobby|corridor)"
        r"|at the (?:door|front door|back door|window|school gates?)|on (?:his|her|their|the) way"
        rf"|nearly here|almost here|here now|{_WHO} (?:is|are) (?:now |still )?(?:here|in here|waiting"
        r"|downstairs|upstairs|next door|nearby|around|in the (?:department|building|hospital|surgery|practice"
        r"|clinic|ward|house))|head(?:ing|ed) (?:over|here|round|this way|to)"
        r"|(?:driving|walking|on) (?:over|here|round)"
        r"|(?:trying|tried) to (?:get|break|force \w+ way) in(?:to)?|forc\w* (?:his|their|her) way in"
        rf"|{_WHO} (?:is |are )?(?:now |just |already )?coming|coming (?:here|in now|to get|for {_HER}"
        rf"|after {_HER}|to find|to the (?:surgery|practice|clinic|hospital|ward|house|home|department|ae))"
        rf"|turn(?:ed|s|ing)? up|show(?:ed|s|ing)? up|follow(?:ed|ing|s)? {_HER}|followed by|being followed"
        rf"|(?:find|found|finding|looking for|searching for|track(?:ed|ing)? down) {_HER}"
        r"|knows where (?:she|he|they) (?:is|are|lives?|stays?)|knows (?:the|her|his|their) address"
        r"|watching (?:her|him|them|us|the)|parked (?:up|outside|across|opposite)|across (?:the road|from)"
        rf"|opposite the|staring (?:in|at)|tracker|track\w* {_POSS} (?:phone|car|location)"
        r"|pretend\w* to be|posing as|claiming to be|(?:driv\w*|drove|walk\w*) (?:past|round|around|up and down)"
        r"|\w+ (?:mins?|minutes?|miles?|streets?) away|round the corner|down the road|near (?:the |her |his |here|where)"
        r"|(?:stood|standing) (?:outside|behind|at|by|near)|behind the door|lurk\w*|hanging around|stalk\w*"
        r"|keeps? (?:coming|turning up|showing up|following|watching)|next (?:cubicle|bay|bed|room|door)"
        rf"|{_WHO} (?:will|is going to) (?:get {_HER}|be (?:here|there|back|round|over|waiting|outside|home|at home))"
        rf"|{_PARTNER} (?:(?!works|worked|working|lives|lived|living)\w+ ){{0,3}}?(?:in|on|at|by|near|outside)"
        rf" (?:the |our |this |a |her |his |main )?(?:\w+ )?(?:{_PLACE})"
        rf"|{_PARTNER} (?:is |are )?(?:still |also |now )?present"
        rf"|{_PARTNER} (?:\w+ ){{0,2}}?(?:come|came|coming|walk\w*|barg\w*|burst\w*|storm\w*|got) (?:to|in|into|onto|on to"
        rf"|through|up to) (?:the |our )?(?:\w+ )?(?:{_PLACE})|forc\w* (?:\w+ )?way (?:in|into|onto|on|through|past)"
        r"|(?:photos?|pictures?|videos?) of (?:her|their|his) (?:house|home|flat|car|street|work)"
        r"|(?:knows|found out|worked out) (?:that )?(?:she|they) (?:is|are) (?:here|staying|living|at|in)"
        r"|found out where|and (?:is |are )?(?:now )?coming (?:here|over|now|round|for|to get|after)"
        r"|knows (?:which|what|where) (?:ward|room|bed|bay|hospital|refuge|address|house|flat|school|cubicle)"
        r"|across the (?:street|way|car park)|over the road|opposite (?:the|her|our|us)"
        r"|(?:spotted|seen|saw|noticed) (?:him|his car|his van|them|her ex|her partner) (?:outside|nearby|near|across"
        r"|around|opposite|in the|at the|again|today|earlier|hanging|waiting|parked|sat|watching)"
        rf"|(?:{_PARTNER}|his (?:car|van)) (?:is |has )?(?:\w+ )?parked"
        r"|(?:his|their|partners?|exs?|husbands?|boyfriends?) (?:car|van|vehicle|motorbike|bike|truck) (?:is )?"
        r"(?:\w+ ){0,2}?(?:outside|parked|here|by|at|in)"
        r"|any (?:minute|moment|second)|arriv\w* (?:soon|any|shortly)"
        rf"|{_PARTNER} (?:is |will |is going to |is about to |is due to )?(?:about to |going to |due to )?(?:arrive"
        r"|get here|turn up|show up|come in|be here)"
        rf"|{_PARTNER} (?:is |are |will be |will |is going to |is coming to )?(?:\w+ )?(?:pick\w* {_HER} up"
        rf"|collect\w* {_HER}|fetch\w* {_HER})|asking (?:where (?:she|they) (?:is|are)|which ward)"
        rf"|{_PARTNER} (?:is |has been |keeps |was )?asking (?:for|after) her"
        r"|(?:asking|asked|wants|wanted|demanding|demanded|trying to get|tried to get|phoned|rang) (?:for |to know )?"
        r"(?:her|their) (?:new )?(?:address|whereabouts|location|room number|bed number)"
        r"|keeps? (?:calling|ringing|phoning|texting|messaging|trying)"
        r"|released (?:today|this morning|yesterday|from (?:prison|custody|jail|the cells)|on bail)"
        r"|(?:got|gets|getting|is|are|been) out of (?:prison|jail|custody)|bail(?:ed)? (?:today|this morning|last night)"
    ),
    "cannot go home": (
        r"(?:scared|afraid|frightened|terrified|fearful|worried|petrified) (?:to|of) (?:go|going|return"
        r"|returning|get|getting|leave|leaving|be discharged|being discharged) ?(?:back|home|out)?"
        r"|(?:can not|not|never|will not|does not want to|refuses to|dare not) (?:go|going|return\w*) (?:back )?"
        r"(?:home|to (?:the |her |his |their )?(?:house|flat|home|place|him)|there)"
        r"|(?:scared|afraid|frightened|terrified|petrified|fearful|dread\w*|fears?|too scared) (?:\w+ ){0,6}?"
        r"(?:go(?:ing)? (?:back|home)|return\w*|(?:gets?|getting|goes) (?:back|home)|leav\w*|discharg\w*|tonight"
        r"|later|this (?:evening|weekend)|(?:he|they) (?:will|would|might|is going to) (?:do|find|come|get|hurt|kill"
        r"|see|catch|find out|know)|what (?:he|they) (?:will|would|might|is going to) do)"
        r"|terrified(?! of (?:needles|injections|hospitals?|doctors|blood tests|spiders))|petrified|(?:begg\w*|plead\w*) (?:\w+ ){0,3}?(?:not (?:to )?(?:go|send|let|discharge|make)"
        r"|to (?:stay|keep|hide|help|call)|for (?:help|her life|mercy))"
        r"|(?:demand\w*|insist\w*|trying to) (?:to )?(?:take|taking|drag\w*) (?:her|them) (?:home|back|away|out|with)"
        r"|drag\w* (?:her|them) (?:home|back|away|out)"
        r"|nowhere (?:safe )?to (?:go|stay|sleep|live)|tonight|tonite|2nite"
    ),
    "danger named": (
        r"danger\w*|in fear|at risk (?:now|tonight|today|right now)|immediate (?:risk|threat)|life at risk"
        r"|(?:not safe|unsafe)(?! to (?:talk|speak|ask|discuss|chat|call|phone|ring|text|email|contact|write"
        r"|send|share))|(?:scared|afraid|fear\w*|worried|frightened|terrified) for (?:her|his|their|my|your)"
        r" (?:life|safety)|(?:life|lives) (?:is |are )?(?:in danger|at risk)"
        r"|(?:not|never) feel\w* safe(?! to (?:talk|speak|discuss|chat))|feel\w* unsafe"
    ),
    "urgent help": (
        r"help (?:now|quick|asap|urgently)|help me now|(?:need|needs|get|send) help (?:now|urgently|asap"
        r"|quick\w*|fast|immediately)|send help|urgent\w*|asap|immediately|right away"
        r"|emergency(?! (?:contraception|contraceptive|pill|contacts?|appointment|appt|department|dept|dental"
        r"|prescription|supply))|(?:call|calling|ring|ringing|phone|get|need|dial|contact|fetch|phoned|called"
        r"|rang) (?:the |for |an )?(?:police|ambulance|999|cops|security)|police (?:now|here|asap|urgently"
        r"|are coming|on the way|called)|(?<!\d )(?:999|112)(?! \d)|ambulance|security|panic\w*"
        r"|signall?\w*|mouth\w* help|text\w* (?:me |us )?(?:for )?help|whisper\w*"
        r"|(?:call\w*|cry\w*|scream\w*|shout\w*|begg\w*) for help|send (?:the )?(?:police|ambulance|security)"
        r"|police (?:have been|has been|were|been|are being) (?:called|rung|phoned)|police (?:attending|en route)"
        r"|(?:police|ambulance|security) (?:please|pls|plz|needed|required|quick\w*|urgent\w*)"
        r"|(?:cal|caling|rng|ring|get|fone) (?:the )?(?:police|ambulance|security|999)"
    ),
    "aggression now": (
        r"aggression|aggressive (?:with|to|towards|at|in|and|behaviour)|(?:husband|partner|boyfriend|ex|he|man"
        r"|relative|visitor) (?:is |was |being |getting )?(?:very |really )?aggressive"
        r"|(?:is|are|was|getting|being|very|really|becoming) (?:very |really |so )?(?:aggressive"
        r"|violent)|hostile|rag(?:e|ing)|furious|volatile|out of control|lost it|kick\w* off|screaming"
        r"|agitated|smash\w*|rampage|attack\w*|shaking|trembling"
        r"|(?:is|are) (?:\w+ )?(?:hurting|hitting|beating|attacking|strangling|choking|kicking|punching"
        r"|assaulting|threatening|grabbing|pushing|dragging|chasing|shouting at|screaming at)"
        r"|(?:going to|will|would|might|threatening to|threatened to|threatens to) (?:\w+ )?(?:hurt|harm|stab"
        r"|shoot|burn|beat|attack) (?:her|him|them|me|us|the (?:kids|children|baby))"
        r"|(?:can|could) hear (?:him|them|her|shouting|screaming|fighting)"
        r"|(?:kick\w*|bang\w*|hammer\w*|pound\w*|break\w*|broke) (?:on |at |down |in )?(?:the |her |his |their"
        r" |my )?(?:\w+ )?(?:doors?|windows?)|(?:kick\w*|bang\w*|hammer\w*|pound\w*) (?:on|at)"
        r"|break(?:ing)? in|broken? in(?:to)?|set fire|on fire|fire to|burn (?:the|her|him|it|down)"
        rf"|{_PARTNER} (?:is |has |will |would |might )?(?:\w+ )?(?:go(?:ing|ne|es)? (?:mad|crazy|mental|ballistic|nuts)"
        r"|losing it|flip\w* out)|squar\w* up|(?:getting|got|gets|right|up) in (?:her|my|his|their|our|staff s?) faces?"
        r"|intimidat\w*|menac\w*|confrontational"
        r"|getting (?:louder|loud|angry|angrier|worked up|heated|nasty|physical|rough)|rais\w* (?:his|her|their) voice"
        rf"|demanding (?:to see|to know|that|she|her)|(?:shout|yell|scream|swear)\w* (?:her name|for {_HER}"
        rf"|in (?:the |our )?(?:\w+ )?(?:{_PLACE})|at (?:staff|the (?:staff|nurse|doctor|receptionist)))"
    ),
    "trapped or fleeing": (
        r"lock(?:ed|ing)?|trapped|barricad\w*|hostage|captive|prisoner|abduct\w*|kidnap\w*"
        r"|against (?:her|his|their) will|(?:will not|does not|not|never|refuses to|refusing to) let"
        rf" {_HER} (?:leave|out|go|speak|talk|be seen)|(?:can not|could not|unable to) (?:leave|get out"
        rf"|get away|escape)|kept {_HER} (?:in|locked|inside|at home|prisoner)|refus\w* to (?:leave|go)"
        r"|will not leave|(?:just|only just) (?:got|escaped|ran|run) (?:out|away)|barefoot"
        r"|(?:ran|run|running|fled|escaped) (?:from|out of|away)|hiding|fled|fleeing|escap\w*"
        r"|guard(?:ing|ed|s)? (?:her|them|the (?:door|exit|room|cubicle))|standing guard"
        r"|block\w* (?:the |her |his |their |my |our )?(?:\w+ )?"
        r"(?:door\w*|exit|way|path)|(?:can not|could not) get (?:her|them|him) (?:out|away|alone|on (?:her|their)"
        r" own|to leave)|(?:will not|does not|not) (?:leave|let) (?:her|them) (?:alone|out of (?:his|their) sight"
        r"|be alone)|(?:will not|does not|not) leave (?:her|their) side|out of (?:his|their) sight"
        r"|tied (?:her|them|him) (?:up|to)|(?:was|been|is|being) tied (?:up|to)|restrain(?:s|ed|ing)? (?:her|him|them)"
        r"|handcuff\w*|zip ?ties?|chained (?:up|to)"
        r"|held (?:her|them|him) down|holding (?:her|them|him) down|pinn\w* (?:her|them|him)"
        rf"|{_PARTNER} (?:is |has |had )?(?:got|has|took|taken|taking|holding|kept|keeps|hid|hidden|smashed|broke"
        r"|broken) (?:her |the |their |all the )?(?:car |house |door )?(?:keys|phone|mobile|passport|purse|bag)"
        r"|(?:kept|held|shut) (?:in (?:the |her |his |their |a )?(?:house|flat|home|room|bedroom|bathroom|car)|inside"
        r"|at home|prisoner|captive|indoors|away from)|(?:dare not|too scared to|too frightened to|afraid to|scared to|terrified to|frightened to)"
        r" (?:leave|go out|come out|step out|walk out|go outside|go back|going back|return)"
        r"|(?:she|they|patient) (?:needs?|has|have|wants?|is trying|are trying) to (?:get out|leave|escape|flee|get away)"
        r"(?: \w+)? (?:now|today|tonight"
        r"|asap|immediately|right now)"
    ),
    "self-harm": (
        r"overdos\w*|(?:an|had an|taken an|took an) od|suicid\w*|self harm\w*|want\w* to die"
        r"|(?:kill|harm\w*|cut\w*) (?:her|him|my|them|your)sel(?:f|ves)|end (?:her|his|my|their|your)"
        r" (?:own )?life|(?:take|took|taken|taking|swallowed) (?:all|loads|lots|a lot|a bottle|a packet"
        r"|a pack|a handful|a box|a load|too many)|(?:took|taken|swallowed) (?:\w+ ){0,3}(?:tablets|pills"
        r"|paracetamol|meds|medication)|jump (?:off|in front)|end it all"
        r"|take (?:her|him|them) with (?:him|her|them)|finish (?:her|him|them|it)|survive"
        r"|(?:will not|not going to|never) (?:make it|live|be alive)"
    ),
}
# Themes about where things stand now fire even in a message that otherwise talks of the past
# ("released last month and turned up at the surgery"); themes about events may be history.
_SITUATION_THEMES = ("abuser here or coming", "cannot go home", "danger named", "urgent help", "trapped or fleeing")


def _union(patterns) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\b")


_SITUATION_RE = _union(p for k, p in _DANGER_PATTERNS.items() if k in _SITUATION_THEMES)
_EVENT_RE = _union(p for k, p in _DANGER_PATTERNS.items() if k not in _SITUATION_THEMES)
# Children in danger now: a child word and a risk word anywhere in the same message.
_CHILD_RE = re.compile(
    r"\b(?:child|children|kids?|baby|babies|sons?|daughters?|toddler|infant|newborn|little ones?)\b"
)
_CHILD_RISK_RE = re.compile(
    r"\b(?:hit|hits|hitting|punch\w*|kick\w*|slap\w*|shak\w*|smack\w*|beat\w*|with him|with them|alone with"
    r"|take|taken|took|snatch\w*|grab\w*|hurt\w*|harm\w*|at risk|missing|will not (?:give|bring|return)"
    r"|not (?:returned|given back|brought back)|keeping|kept|screaming|upstairs|lock\w*|threat\w*|alone"
    r"|drunk|bruis\w*|injur\w*|jump\w* (?:off|out|from|in front)|driv\w* (?:off|away|around|round)"
    r"|drove (?:off|away|around|round)|(?:will not|refus\w* to) say|disappear\w*|thrown|(?:never|not) see"
    r"|(?:will not|refus\w* to|not) (?:hand|give|let go)\w*)\b"
)
# Violence that has just happened (or is happening here): a violent act plus a "now" word or place.
_VIOLENCE_RE = re.compile(
    r"\b(?:hit|hits|hitting|punch\w*|kick\w*|push\w*|shov\w*|slap\w*|beat|beats|beating|beaten|assault\w*"
    r"|attack\w*|hurt\w*|grab\w*|bit|bitten|bite|headbutt\w*|threw|thrown|drag\w*|rape\w*|injur\w*|bruis\w*"
    r"|wound\w*|slam\w*|shak\w*|smack\w*|strangl\w*|chok\w*|squeezed (?:her|him|them)|stamped on|spat at"
    r"|bash\w*|thumped|elbowed|rough with|manhandl\w*)\b"
)
_RECENT_RE = re.compile(
    r"\b(?:now|just now|(?:has|have|had|is|was) just|(?:he|she|they|partner|ex|husband|boyfriend) just|today"
    r"|tonight|this (?:morning|afternoon|evening)|earlier|last night|an hour ago"
    r"|\w+ (?:hours?|hrs?|minutes?|mins?) ago|currently|at the moment|right now|still|triage|resus"
    r"|in (?:the )?(?:department|dept|ae|surgery|clinic|practice|ward|cubicle|bay|consulting room"
    r"|consultation room|waiting room|reception)|in front of (?:me|us|staff|the (?:kids|children|nurse|doctor))"
    r"|on the way (?:here|in)|(?:while|when) (?:she|he|they) (?:was|were|is|are) (?:here|in))\b"
)
# Typos of these words are corrected before the patterns run a second time ("knfe", "stabed", "waitng").
_DANGER_WORDS = tuple(sorted(set("""
    knife knives blade machete weapon weapons firearm shotgun rifle pistol crossbow sword hammer armed
    taser petrol kill killed killing kills murder murdered threat threats threaten threatened threatening
    strangle strangled strangling strangulation choke choked choking throttled smother smothered suffocate
    suffocated petechiae breathe breathing stab stabbed stabbing bleed bleeding blood unconscious conscious
    overdose overdosed suicidal suicide outside waiting reception building coming turned followed following
    locked trapped barricaded hostage scared afraid frightened terrified tonight danger dangerous unsafe
    urgent urgently emergency ambulance police immediately attack attacked attacking hiding escaped
    aggressive violent abducted kidnapped shoot shooting punched kicked pushed slapped
    crowbar cleaver petrified guarding blocking released strangulated restrained headlock
    gun guns stalking stalker arrive arriving
    """.split())))
_DANGER_WORD_SET = frozenset(_DANGER_WORDS)
_DANGER_ANAGRAMS = {"".join(sorted(w)): w for w in _DANGER_WORDS if len(w) >= 4}
# Ordinary words within typo distance of a danger word, never "corrected".
_NOT_TYPOS = frozenset("""
    strange stranger skill skills skilled anger treat treats looked clocked cared stubbed bladder breeding
    blending bleeping writing wanting hammered cooking terrific attached trifle warmed farmed conscience
    coning combing tuned turner scarred sacred smoker smokers chose choice thread threads bloods
    """.split())


# Spans that name danger without reporting it, blanked before the patterns run: a danger word
# directly negated ("not in danger", "no weapons", "never strangled") and questions about the
# checklist ("how do I ask about weapons", "what does strangulation mean"). Only the span goes:
# "no weapons but he's outside" still fires on "outside". Never "not safe", "can't breathe".
_SAFE_SPAN_RE = re.compile(
    r"\b(?:(?:not|no|never|nor|no longer|not currently|none) (?:feel\w* |been |ever |any )?"
    r"(?:access to |history of |sign of |signs of |evidence of |mention of |known )?(?:in |at |under |a )?"
    r"(?:any |immediate |imminent |current |present |acute )*(?:danger|risk|threats?(?: to kill)?|weapons?|guns?"
    r"|knife|knives|firearms?|strangulation|strangled|choked|choking|threatened(?: to kill)?|injur(?:y|ies|ed))"
    r"(?: (?:now|today|at the moment|right now|currently|at present))?"
    r"|(?:ask\w*|enquir\w*|screen\w*) (?:\w+ ){0,3}?about (?:the |any )?(?:weapons?|guns?|knives|knife|firearms?"
    r"|strangulation|strangling|choking|threats?(?: to kill)?|suicide|self harm|danger|immediate danger|safety)"
    r"|(?:strangulation|nfs|choking|weapons?|threats? to kill|danger|immediate danger) (?:mean\w*|questions?"
    r"|on the dash|in the dash|section|bit of the dash))\b"
)
# A message only about the past ("previous strangulation two years ago", "he used to hit her") does
# not raise the alarm: a past-time phrase and no present or recent word at all. Anything in the
# present tense ("is", "has", "will", "now", "here", "still", "last night", "days ago") keeps it live.
_PAST_RE = re.compile(
    r"\b(?:(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|couple of|several|many|some)"
    r" (?:years?|yrs?|months?|mths?|decades?) (?:ago|back|before|earlier)|(?:years|decades) (?:ago|back|before|earlier)"
    r"|(?:a )?long (?:time )?ago|ages ago|last (?:year|month|summer|winter|spring|autumn|christmas)"
    r"|in (?:19|20)\d\d|used to|in the past|back then|as a (?:child|teenager|teen|kid)|childhood"
    r"|when (?:she|he|they) (?:was|were) (?:together|with|younger|little|married)|previous relationship)\b"
)
_PRESENT_RE = re.compile(
    r"\b(?:now|today|tonight|tomorrow|this (?:morning|afternoon|evening|week|weekend)|yesterday"
    r"|last (?:night|week)|earlier|just|currently|still|again|at the moment|here|outside|coming|recently"
    r"|(?:hours?|hrs?|mins?|minutes?|days?|weeks?) ago|is|are|am|has|have|will|going|keeps?|can|must|needs?)\b"
)
_USED_TO_RE = re.compile(r"\bused to \w+")


# What the net made of a message: danger in the situation now, a dangerous event, a message that
# names danger only to deny it or as history (the classifier may not overrule that), or nothing.
_SITUATION, _EVENT, _DEFUSED, _NOTHING = "situation", "event", "defused", ""


def decide(text: str, ranked: list[tuple[str, float]], plain_words: frozenset[str] = frozenset(),
           norm: str | None = None) -> Parse:
    """A message's `Parse` from a classifier's readings (best first) and the danger net, under the
    rules in `EmbeddedNLU.parse`; the Rasa backend applies them to Rasa's ranking too."""
    norm = normalise(text[:MAX_CHARS]) if norm is None else norm
    reading = _net_reading(norm if len(text) <= MAX_CHARS else normalise(text), plain_words)
    net = reading in (_SITUATION, _EVENT)
    intent, confidence = next(
        ((i, c) for i, c in ranked if c >= THRESHOLD and c >= _needed(i, reading)), (OUT_OF_SCOPE, 1.0)
    )
    if reading == _SITUATION and intent != DANGER_INTENT:
        danger = next((c for i, c in ranked if i == DANGER_INTENT), 0.0)
        if danger >= confidence - SITUATION_MARGIN:
            intent, confidence = DANGER_INTENT, max(danger, THRESHOLD)
    if net and intent == OUT_OF_SCOPE:
        intent, confidence = DANGER_INTENT, THRESHOLD
    return Parse(intent, confidence, net or intent == DANGER_INTENT, _number_in(norm))


def _needed(intent: str, reading: str) -> float:
    """Confidence the classifier needs before its reading is acted on."""
    if intent == DANGER_INTENT:
        if reading == _DEFUSED:
            return math.inf     # "not in danger", "two years ago": only the net may say danger
        return 0.0 if reading else DANGER_CONFIRM
    if intent in COMMANDS:      # a danger message must not also restart or step back ("daren't go back")
        return 1.0 if reading in (_SITUATION, _EVENT) else COMMAND_CONFIRM
    return 0.0


def is_danger(text: str) -> bool:
    """True when a message may describe immediate danger (recall first; reads the whole message)."""
    return _net_reading(normalise(text)) in (_SITUATION, _EVENT)


def _only_past(norm: str) -> bool:
    return bool(_PAST_RE.search(norm)) and not _PRESENT_RE.search(_USED_TO_RE.sub(" ", norm))


# normalise() drops apostrophes, so "husband's here" and "tonight's the night" arrive as "husbands
# here" and "tonights the night"; the net reads them as "husband is", "tonight is".
_S_IS_RE = re.compile(rf"\b({_WHO[3:-1]}|today|tonight|it|that|there|who|what|where)s\b")


def _net_reading(norm: str, plain_words: frozenset[str] = frozenset()) -> str:
    """The net over normalised text; ``plain_words`` are known not to be typos of danger words."""
    norm = _S_IS_RE.sub(r"\1 is", norm)
    masked = _SAFE_SPAN_RE.sub(" ", norm).strip()
    if not masked:
        return _DEFUSED if norm else _NOTHING
    past = _only_past(masked)
    reading = _matches_danger(masked, past)
    if not reading:
        corrected = _correct_danger_typos(masked, plain_words)
        reading = _matches_danger(corrected, past) if corrected != masked else _NOTHING
    if not reading and (past or len(masked) < len(norm)):
        return _DEFUSED
    return reading


def _matches_danger(norm: str, past: bool = False) -> str:
    """Situation themes always count; events only in a message not wholly about the past."""
    if _SITUATION_RE.search(norm):
        return _SITUATION
    event = not past and (
        _EVENT_RE.search(norm)
        or (_CHILD_RE.search(norm) and _CHILD_RISK_RE.search(norm))
        or (_VIOLENCE_RE.search(norm) and _RECENT_RE.search(norm))
    )
    return _EVENT if event else _NOTHING


def _correct_danger_typos(norm: str, plain_words: frozenset[str] = frozenset()) -> str:
    words = norm.split()
    for i, word in enumerate(words):
        if word not in plain_words:
            words[i] = _danger_typo_of(word) or word
    return " ".join(words)


def _danger_typo_of(word: str) -> str | None:
    """The danger word this word is probably a misspelling of ("stabed" -> "stabbed"), else None."""
    if len(word) < 4 or word in _DANGER_WORD_SET or word in _NOT_TYPOS or word.isdigit():
        return None
    hit = process.extractOne(word, _DANGER_WORDS, scorer=fuzz.ratio, score_cutoff=85)
    if hit:
        return hit[0]
    swapped = _DANGER_ANAGRAMS.get("".join(sorted(word)))     # two letters swapped: "kinfe", "stlaking"
    return swapped if swapped and swapped[0] == word[0] else None


def _is_danger_typo(word: str) -> bool:
    return _danger_typo_of(word) is not None


# --------------------------------------------------------------------------- numbers

_NUMBER_WORDS = {
    "zero": 0, "nought": 0, "one": 1, "once": 1, "two": 2, "twice": 2, "couple": 2, "three": 3,
    "thrice": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "dozen": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}
_TIME_UNIT = (r"(?! (?:months?|mths?|years?|yrs?|weeks?|wks?|days?|hours?|hrs?|mins?|minutes?|seconds?"
              r"|am|pm|oclock|percent|kg|mg|mcg|ml|cm|mm)\b)")
_COUNT_RE = re.compile(r"\b(\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")\b" + _TIME_UNIT)
_ZERO_RE = re.compile(
    r"\b(?:none|nil|zero|nought|never|not once|not any|no one|nobody|no (?:police |previous |prior )?"
    r"(?:call ?outs?|callouts?|calls?|times?|incidents?|reports?|attendances?|police|maracs?|referrals?"
    r"|occasions?|convictions?))\b"
)


def parse_number(text: str) -> int | None:
    """A small count in the text ("3", "three", "five times", "none" -> 0), else None."""
    return _number_in(normalise(text[:MAX_CHARS]))


def _number_in(norm: str) -> int | None:
    zero = _ZERO_RE.search(norm)
    counts = [
        int(m) if m.isdigit() else _NUMBER_WORDS[m]
        for m in _COUNT_RE.findall(_ZERO_RE.sub(" ", norm) if zero else norm)
    ]
    if counts:
        return max(counts)      # "3 or 4" -> 4: the higher count is the safer reading for risk
    return 0 if zero else None


# --------------------------------------------------------------------------- areas

def match_area(text: str, areas: Sequence[str], cutoff: float = 80) -> str | None:
    """The area id (as given, lower-cased) a message names, allowing typos and split words; else None."""
    words = normalise(text[:MAX_CHARS]).split()
    candidates = words + [a + b for a, b in zip(words, words[1:])]
    if not candidates:
        return None
    best, best_score = None, 0.0
    for area in areas:
        key = _NON_WORD.sub("", area.lower())
        if not key:
            continue
        hit = process.extractOne(key, candidates, scorer=fuzz.ratio, score_cutoff=cutoff)
        if hit and hit[1] > best_score:
            best, best_score = area.lower(), hit[1]
    return best
