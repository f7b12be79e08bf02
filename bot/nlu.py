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

import heapq
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
    "theres": "there is", "youre": "you are", "lets": "let us", "daren": "dare not",
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
    "help": "help|?",
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

    def __init__(self, nlu_dir: Path | None = None):
        nlu_dir = Path(nlu_dir) if nlu_dir else default_nlu_dir()
        examples = load_examples(nlu_dir)
        if not examples:
            raise ValueError(f"{nlu_dir}: no NLU training examples found")
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
        ("three times this year" must not restart or go back). A message the net flags but the
        classifier cannot place is read as ``immediate_danger``; that intent always has danger.
        """
        norm = normalise(text[:MAX_CHARS])
        net = _danger_in(norm if len(text) <= MAX_CHARS else normalise(text), self._plain_words)
        ranked = self._ranked(norm, text)
        intent, confidence = next(
            ((i, c) for i, c in ranked if c >= THRESHOLD and c >= self._needed(i, net)), (OUT_OF_SCOPE, 1.0)
        )
        if net and intent == OUT_OF_SCOPE:
            intent, confidence = DANGER_INTENT, THRESHOLD
        return Parse(intent, confidence, net or intent == DANGER_INTENT, _number_in(norm))

    @staticmethod
    def _needed(intent: str, net: bool) -> float:
        """Confidence the classifier needs before its reading is acted on."""
        if intent == DANGER_INTENT:
            return 0.0 if net else DANGER_CONFIRM
        return COMMAND_CONFIRM if intent in COMMANDS else 0.0

    def classify(self, text: str) -> tuple[str, float]:
        """(intent, confidence) from the classifier alone, without the danger net."""
        return self._ranked(normalise(text[:MAX_CHARS]), text)[0]

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
        candidates = set(heapq.nlargest(TOP_K, cosines, key=cosines.__getitem__))
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

_WHO = r"(?:he|they|partner|ex|husband|boyfriend|abuser|perpetrator|father|dad|son)"
_HER = r"(?:her|him|them|me|us)"
_POSS = r"(?:her|his|their|my)"
_DANGER_PATTERNS = {
    "weapon": (
        r"knife|knives|blades?|machetes?|guns?|firearms?|shotguns?|rifles?|pistols?|crossbow|swords?|axe"
        r"|hammer|bat|weapons?|armed|taser|petrol|screwdriver|broken bottle|glass(?:ed)?|shoot\w*"
        r"|acid (?:attack|thrown)|(?:threw|throw|throwing) acid"
    ),
    "threat to kill": r"kill\w*|murder\w*|dead|die|threat\w*",
    "strangulation": (
        r"strangl\w*|strangul\w*|chok(?:e|ed|es|ing)|throttl\w*|smother\w*|suffocat\w*|petechia\w*"
        r"|neck|throat|hoarse|croaky|lost (?:her|his|their) voice|pillow|under ?water|drown\w*"
        r"|nfs|non fatal strangulation|loc|loss of consciousness"
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
        rf"|shot (?:at )?{_HER}"
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
        rf"|{_WHO} (?:will|is going to) (?:get {_HER}|be (?:there|waiting|outside|home|at home))"
    ),
    "cannot go home": (
        r"(?:scared|afraid|frightened|terrified|fearful|worried|petrified) (?:to|of) (?:go|going|return"
        r"|returning|get|getting|leave|leaving|be discharged|being discharged) ?(?:back|home|out)?"
        r"|(?:can not|not|never|will not|does not want to|refuses to) (?:go|going|return) (?:back )?home"
        r"|nowhere (?:safe )?to (?:go|stay|sleep|live)|tonight|tonite|2nite"
    ),
    "danger named": (
        r"danger\w*|in fear|at risk (?:now|tonight|today|right now)|immediate (?:risk|threat)|life at risk"
        r"|(?:not safe|unsafe)(?! to (?:talk|speak|ask|discuss|chat|call|phone|ring|text|email|contact|write"
        r"|send|share))|(?:scared|afraid|fear\w*|worried|frightened|terrified) for (?:her|his|their|my|your)"
        r" (?:life|safety)"
    ),
    "urgent help": (
        r"help (?:now|quick|asap|urgently)|help me now|(?:need|needs|get|send) help (?:now|urgently|asap"
        r"|quick\w*|fast|immediately)|send help|urgent\w*|asap|immediately|right away"
        r"|emergency(?! (?:contraception|contraceptive|pill|contacts?|appointment|appt|department|dept|dental"
        r"|prescription|supply))|(?:call|calling|ring|ringing|phone|get|need|dial|contact|fetch|phoned|called"
        r"|rang) (?:the |for |an )?(?:police|ambulance|999|cops|security)|police (?:now|here|asap|urgently"
        r"|are coming|on the way|called)|(?<!\d )(?:999|112)(?! \d)|ambulance|security|panic\w*"
        r"|signall?\w*|mouth\w* help|text\w* (?:me |us )?(?:for )?help|whisper\w*"
    ),
    "aggression now": (
        r"aggression|(?:is|are|was|getting|being|very|really|becoming) (?:very |really |so )?(?:aggressive"
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
    ),
    "trapped or fleeing": (
        r"lock(?:ed|ing)?|trapped|barricad\w*|hostage|captive|prisoner|abduct\w*|kidnap\w*"
        r"|against (?:her|his|their) will|(?:will not|does not|not|never|refuses to|refusing to) let"
        rf" {_HER} (?:leave|out|go|speak|talk|be seen)|(?:can not|could not|unable to) (?:leave|get out"
        rf"|get away|escape)|kept {_HER} (?:in|locked|inside|at home|prisoner)|refus\w* to (?:leave|go)"
        r"|will not leave|(?:just|only just) (?:got|escaped|ran|run) (?:out|away)|barefoot"
        r"|(?:ran|run|running|fled|escaped) (?:from|out of|away)|hiding|fled|fleeing|escap\w*"
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
_DANGER_RE = re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in _DANGER_PATTERNS.values()) + r")\b")
# Children in danger now: a child word and a risk word anywhere in the same message.
_CHILD_RE = re.compile(
    r"\b(?:child|children|kids?|baby|babies|sons?|daughters?|toddler|infant|newborn|little ones?)\b"
)
_CHILD_RISK_RE = re.compile(
    r"\b(?:hit|hits|hitting|punch\w*|kick\w*|slap\w*|shak\w*|smack\w*|beat\w*|with him|with them|alone with"
    r"|take|taken|took|snatch\w*|grab\w*|hurt\w*|harm\w*|at risk|missing|will not (?:give|bring|return)"
    r"|not (?:returned|given back|brought back)|keeping|kept|screaming|upstairs)\b"
)
# Violence that has just happened (or is happening here): a violent act plus a "now" word or place.
_VIOLENCE_RE = re.compile(
    r"\b(?:hit|hits|hitting|punch\w*|kick\w*|push\w*|shov\w*|slap\w*|beat|beats|beating|beaten|assault\w*"
    r"|attack\w*|hurt\w*|grab\w*|bit|bitten|bite|headbutt\w*|threw|thrown|drag\w*|rape\w*|injur\w*|bruis\w*"
    r"|wound\w*|slam\w*|shak\w*|smack\w*|strangl\w*|chok\w*)\b"
)
_RECENT_RE = re.compile(
    r"\b(?:now|just now|(?:has|have|had|is|was) just|(?:he|she|they|partner|ex|husband|boyfriend) just|today"
    r"|tonight|this (?:morning|afternoon|evening)|earlier|last night|an hour ago"
    r"|\w+ (?:hours?|hrs?|minutes?|mins?) ago|currently|at the moment|right now|still|triage|resus"
    r"|in (?:the )?(?:department|dept|ae|surgery|clinic|practice|ward|cubicle|bay|consulting room"
    r"|consultation room|waiting room|reception))\b"
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
    """.split())))
_DANGER_WORD_SET = frozenset(_DANGER_WORDS)
# Ordinary words within typo distance of a danger word, never "corrected".
_NOT_TYPOS = frozenset("""
    strange stranger skill skills skilled anger treat treats looked clocked cared stubbed bladder breeding
    blending bleeping writing wanting hammered cooking terrific attached trifle warmed farmed conscience
    coning combing tuned turner scarred sacred smoker smokers chose choice thread threads bloods
    """.split())


def is_danger(text: str) -> bool:
    """True when a message may describe immediate danger (recall first; reads the whole message)."""
    return _danger_in(normalise(text))


def _danger_in(norm: str, plain_words: frozenset[str] = frozenset()) -> bool:
    """The net over normalised text; ``plain_words`` are known not to be typos of danger words."""
    if not norm:
        return False
    if _matches_danger(norm):
        return True
    corrected = _correct_danger_typos(norm, plain_words)
    return corrected != norm and _matches_danger(corrected)


def _matches_danger(norm: str) -> bool:
    return bool(
        _DANGER_RE.search(norm)
        or (_CHILD_RE.search(norm) and _CHILD_RISK_RE.search(norm))
        or (_VIOLENCE_RE.search(norm) and _RECENT_RE.search(norm))
    )


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
    return hit[0] if hit else None


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
