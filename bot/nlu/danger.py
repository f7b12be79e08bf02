"""The immediate-danger safety net: recall-first phrases from ``data/safety/danger.yml``.

The phrases are a clinical safety table, kept as data so a clinical safety officer can review them
(docs/safety/hazard-log.md points to the file). They are checked and compiled when this module is
imported: a bad pattern stops the bot at start-up with the file, section and phrase, never at a user.

What the net makes of a message (normalised first, see `normalise`):
- ``situation``: danger in the situation now (abuser here or coming, cannot go home, trapped, ...);
  always fires, whatever else the message says.
- ``event``: a dangerous event (weapon, threat to kill, strangulation, injury, ...); fires unless the
  message is only about the past (a `past` cue and no `present` cue): then it is a checklist fact.
- ``defused``: danger named only to deny it ("no weapons"), as history, in a question about a
  topic in general ("what are the signs of strangulation") or in a hypothetical ("what if a patient
  said he had a gun"); the classifier may not overrule that.
- ``""``: nothing.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from . import danger_model
from .normalise import normalise
from .phrase_file import PhraseFile, PhraseFileError, compile_checked, read_yaml

SITUATION, EVENT, DEFUSED, NOTHING = "situation", "event", "defused", ""
_ABOUT = (SITUATION, EVENT)


class DangerTableError(PhraseFileError):
    """The danger phrase file is missing, malformed, or has a pattern that does not compile."""


def default_danger_file() -> Path:
    """``$PATHBOT_DANGER_FILE`` if set, else the repository's ``data/safety/danger.yml``."""
    env = os.environ.get("PATHBOT_DANGER_FILE")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "data" / "safety" / "danger.yml"


@dataclass
class DangerNet:
    """The compiled table. `reading(norm)` says what the net makes of a normalised message."""

    situation: re.Pattern
    event: re.Pattern
    co_occurrence: tuple[tuple[re.Pattern, ...], ...]     # every group must match (event themes)
    safe_spans: re.Pattern
    past: re.Pattern
    not_now: re.Pattern
    present: re.Pattern
    later: re.Pattern           # a time well ahead ("next spring"): "will" there is not about now
    hypothetical: re.Pattern    # "suppose he had a gun": nothing in it is happening, unless it says now
    not_happening: re.Pattern   # fiction, training, "if a patient said ...": nothing happening, even "now"
    still_now: re.Pattern       # ... except a part of its own that says now or names a weapon
    question: re.Pattern        # a question word first ...
    persons: re.Pattern         # ... and nobody in it: a question about a topic in general,
    classing: re.Pattern        # ... or one asking how something is classed ("is ... high risk")
    s_is: re.Pattern
    words: tuple[str, ...]
    not_typos: frozenset[str]
    hints: tuple[tuple[str, re.Pattern], ...] = ()
    presence: re.Pattern = re.compile(r"(?!x)x")      # the theme a welcome can blank (`welcome_presence`)
    welcome: re.Pattern = re.compile(r"(?!x)x")
    unwelcome: re.Pattern = re.compile(r"(?!x)x")
    apart_needs_now: re.Pattern = re.compile(r"(?!x)x")     # `read_apart`: themes that need a present cue
    apart_present: re.Pattern = re.compile(r"(?!x)x")       # `read_apart`: more words for now there

    def __post_init__(self) -> None:
        self._word_set = frozenset(self.words)
        self._anagrams = {"".join(sorted(w)): w for w in self.words if len(w) >= 4}

    def set_aside(self, norm: str) -> bool:
        """The message says nothing in it is happening: fiction, training, a hypothetical, a question
        in general or the clinician's own judgement. The learned model never overrules these."""
        return bool(self.not_happening.search(norm) or self.hypothetical.search(norm) or self.general_question(norm))

    def welcomed(self, norm: str) -> bool:
        """Someone here or coming is wanted there, or the clinician records no concern, and nothing in
        the message speaks of fear, harm, control or wanting them gone, nor of a danger event."""
        return bool(self.welcome.search(norm)) and not self.unwelcome.search(self.welcome.sub(" ", norm)) and not (
            self.event.search(norm) or any(all(g.search(norm) for g in groups) for groups in self.co_occurrence))

    def reading(self, norm: str, plain_words: frozenset[str] = frozenset(), sentences: tuple[str, ...] = ()) -> str:
        """The net over normalised text; ``plain_words`` are known not to be typos of danger words;
        ``sentences`` are the message's parts between punctuation, normalised (see `sentences`)."""
        norm = self.s_is.sub(r"\1 is", norm)
        masked = " ".join(self.safe_spans.sub(" ", norm).split())   # single spaces, as its parts below
        if self.welcomed(norm):
            for _ in range(3):      # blanking one phrase can join the words around it into another
                masked = " ".join(self.presence.sub(" ", masked).split())
        parts = _join_relative([q for q in (" ".join(self.safe_spans.sub(" ", self.s_is.sub(r"\1 is", p)).split()) for p in sentences) if q])
        if not masked:
            return DEFUSED if norm else NOTHING
        topic = self.general_question(masked)   # "does stalking count as high risk": nothing is happening
        past = self.only_past(masked) or topic
        habit = self.not_now_only(masked) or topic   # "most nights", "used to": the situation is not now
        if self.hypothetical.search(masked) and not self.present_cue(masked):
            past = habit = True               # "if she said he had a gun, would that be high risk"
        if self.not_happening.search(masked):
            # "the training scenario today involves a knife" is not happening, unless a part the cue
            # does not touch (a clause, or a sentence with no cue of its own) says now or names a weapon
            # ("she was watching a film and her ex is outside now"; "he is outside with a knife. Seen
            # alone, no concerns")
            cues = [m.span() for m in self.not_happening.finditer(masked)]
            rest = [c[0] for c in _parts(masked) if not any(a < c[2] and c[1] < b for a, b in cues)]
            rest += [q for q in parts if not self.not_happening.search(q)]
            if not any(self.still_now.search(q) for q in rest):
                past = habit = True
        masked = self._live_clauses(masked)   # "she used to be terrified of him but feels better now"
        live = self._live_sentences(masked, parts)   # for events
        # for situations, a past cue in a relative clause ("at home with her partner who hit him on
        # friday") does not make its sentence one about the past
        live_here = self._live_sentences(masked, parts, relative=True)
        found = self._matches(masked, past, habit, live, live_here)
        if not found:
            corrected = self._correct_typos(masked, plain_words)
            found = self._matches(corrected, past, habit, self._correct_typos(live, plain_words),
                                  self._correct_typos(live_here, plain_words)) if corrected != masked else NOTHING
        if not found and parts and not self.set_aside(masked):
            # a part that is by itself about the past or a habit never hides danger in the others: they
            # are read as a message of their own ("pt locked in the bedroom by her husband, texting me
            # from in there, he hit her last year")
            rest = [p for p in self._with_time_tails(parts) if not (self.only_past(p) or self.not_now_only(p))]
            if rest and len(rest) < len(parts):
                live = " ".join(rest)
                again = self.reading(live, plain_words, tuple(rest))
                # they say now or name a weapon, or a situation stands there that is not only a service
                # named (`read_apart`: "police were called" beside an old threat is what was done then)
                now_there = bool(self.present_cue(live) or self.still_now.search(live) or self.apart_present.search(live))
                if again in _ABOUT and (now_there or again == SITUATION
                                        and self.situation.search(" ".join(self.apart_needs_now.sub(" ", live).split()))):
                    return again
                if again == NOTHING and now_there:
                    return NOTHING      # the learned model may judge a part that says now (see `learned_alarm`)
        if not found and (past or habit or len(masked) < len(norm)):
            return DEFUSED
        return found

    def _with_time_tails(self, parts: list[str]) -> list[str]:
        """The parts, each with a bare time after it joined on ("threats to kill yes, last year": the time
        is when the part before happened); a bare time is a past cue and at most two other words."""
        out: list[str] = []
        for part in parts:
            if out and self.only_past(part) and len(self.past.sub(" ", part).split()) <= 2:
                out[-1] += " " + part
            else:
                out.append(part)
        return out

    def _live_clauses(self, norm: str) -> str:
        """The message without its clauses that are by themselves about the past or a habit (a
        time cue of their own and no present one), when another clause is not: a time cue speaks
        for its own clause ("he strangled her years ago and he is outside now" keeps "outside")."""
        parts = _CLAUSES.split(norm)
        if len(parts) < 3:
            return norm
        kept = [p if i % 2 or not (self.only_past(p) or self.not_now_only(p)) else " " for i, p in enumerate(parts)]
        return " ".join(" ".join(kept).split())

    def _live_sentences(self, masked: str, parts: list[str], relative: bool = False) -> str:
        """The masked message without its sentences or comma-parts (`parts`, masked) that are by
        themselves about the past or a habit, when another part is not: "his ex used to hit him, he
        is now in a happy relationship" is not danger now (punctuation is gone from the normalised
        text, so the parts come from the message)."""
        stale = [p for p in parts if (self.only_past(q := _RELATIVE_TAIL.sub("", p) if relative else p)
                                      or self.not_now_only(q))]
        if not stale or len(stale) == len(parts):
            return masked
        for part in stale:
            masked = re.sub(rf"(?:^| ){re.escape(part)}(?= |$)", " ", masked, count=1)
        return " ".join(masked.split())

    def only_past(self, norm: str) -> bool:
        """A past-time cue and no present or recent word at all ("used to" aside)."""
        return bool(self.past.search(norm)) and not self.present_cue(norm)

    def not_now_only(self, norm: str) -> bool:
        """A habit or a stopped state ("most nights", "always", "used to") and nothing about now."""
        return bool(self.not_now.search(norm)) and not self.present_cue(norm)

    def present_cue(self, norm: str) -> bool:
        """A present or recent word; "will" and "going to" do not count beside a time well ahead
        ("she is worried he will turn up at the christening next spring")."""
        norm = _HABITUAL_SPEECH.sub(" ", _USED_TO.sub(" ", norm))
        if self.later.search(norm):
            norm = _FUTURE.sub(" ", norm)
        return bool(self.present.search(norm))

    def general_question(self, norm: str) -> bool:
        """A question about a topic, naming nobody and no time now ("can strangulation cause a
        stroke days later"), or asking how something is classed ("is a broken nose from a partner
        always high risk"): its event words are knowledge, not an event."""
        asked = _ASKING_IS.sub("", norm)      # "is choking always high risk": that "is" asks, it is not "is ...ing"
        return bool(self.question.match(norm)) and not self.present_cue(asked) and (
            not self.persons.search(norm) or bool(self.classing.search(norm)))

    def checklist_hints(self, norm: str) -> tuple[str, ...]:
        """Checklist themes (question ids) that harm named in a message suggests, danger or not."""
        return tuple(theme for theme, pattern in self.hints if pattern.search(norm))

    def _matches(self, norm: str, past: bool, habit: bool = False, live: str | None = None,
                 live_here: str | None = None) -> str:
        """Situation themes count unless the message is about a habit or a stopped state, or every
        one of them sits in a clause with a past-time cue of its own ("he drove past her house a few
        times last month"; but "released last month and turned up at her house" counts); events
        only in a message not wholly about the past, and only in its `live` parts (default: all)."""
        live = norm if live is None else live
        live_here = live if live_here is None else live_here
        # someone here or coming, in the parts with no past cue, stands whatever the other parts say ("he
        # is in the waiting room, he hit her last week": the time of the hitting is not the time he is here);
        # a situation only in a sentence about the past does not ("she used to be locked in by her ex years
        # ago, now living alone and safe")
        if not habit and self.situation.search(live_here) and (
                not past or any(self.situation.search(c) and not self.past.search(c) for c in _CLAUSES.split(norm))
                or live != norm and self.presence.search(live) and not self.past.search(live)):
            return SITUATION
        if past and not (live != norm and self.still_now.search(live) and not self.only_past(live)
                         and not self.not_now_only(live)):
            return NOTHING      # ... unless a part of its own says now or names a weapon ("he has a knife, he used to ...")
        if self.event.search(live) or any(all(g.search(live) for g in groups) for groups in self.co_occurrence):
            return EVENT
        return NOTHING

    def _correct_typos(self, norm: str, plain_words: frozenset[str]) -> str:
        words = norm.split()
        for i, word in enumerate(words):
            if word not in plain_words:
                words[i] = self.typo_of(word) or word
        return " ".join(words)

    def typo_of(self, word: str) -> str | None:
        """The danger word this word is probably a misspelling of ("stabed" -> "stabbed"), else None."""
        if len(word) < 4 or word in self._word_set or word in self.not_typos or word.isdigit():
            return None
        hit = process.extractOne(word, self.words, scorer=fuzz.ratio, score_cutoff=85)
        if hit:
            return hit[0]
        swapped = self._anagrams.get("".join(sorted(word)))     # two letters swapped: "kinfe", "stlaking"
        return swapped if swapped and swapped[0] == word[0] else None


_USED_TO = re.compile(r"\bused to \w+")
_RELATIVE_TAIL = re.compile(r"\b(?:who|whos|that|which) .*$")
# "he sometimes says he will ...": reported habit, not a time now ("he keeps saying" is still a present cue)
_HABITUAL_SPEECH = re.compile(r"\b(?:sometimes|often|always|regularly|occasionally) (?:says?|said|threatens?|tells? \w+)"
                              r" (?:that )?(?:he|she|they|i) (?:will|would|is going to)\b")
_ASKING_IS = re.compile(r"^(?:is|are) |\bstill (?=(?:count|counts|qualif\w*|apply|applies|be (?:classed|considered|counted))\b)")
_FUTURE = re.compile(r"\b(?:will|would|(?:is |are )?going to|(?:is |are )?coming)\b")
# Where one clause of a normalised message ends and the next begins (punctuation is gone by then):
# a past-time cue speaks for its own clause only.
_CLAUSES = re.compile(r"\b(and|but|then|so|because|also)\b")


def _parts(norm: str) -> list[tuple[str, int, int]]:
    """The clauses of a normalised message with where each starts and ends."""
    out, start = [], 0
    for m in _CLAUSES.finditer(norm):
        out.append((norm[start:m.start()].strip(), start, m.start()))
        start = m.end()
    out.append((norm[start:].strip(), start, len(norm)))
    return [p for p in out if p[0]]


# --------------------------------------------------------------------------- loading and checking

def load_danger_net(path: Path | None = None) -> DangerNet:
    """Read, check and compile the danger phrase file; `DangerTableError` says what is wrong where."""
    path = Path(path) if path else default_danger_file()
    doc = read_yaml(path, "danger phrase file", DangerTableError)

    def build(table: _Table):
        net = table.compile()
        patterns = [v for v in vars(net).values() if isinstance(v, re.Pattern)]
        return net, patterns + [p for group in net.co_occurrence for p in group] + [p for _, p in net.hints]
    return compile_checked(path.name, doc, _SECTIONS, build, DangerTableError, _Table)


_SECTIONS = {"fragments", "themes", "co_occurrence", "negated_spans", "past", "not_now", "present",
             "later", "hypothetical", "not_happening", "still_now", "general_question", "checklist_hints", "typo_words", "not_typos",
             "welcome_presence", "read_apart"}


class _Table(PhraseFile):
    def compile(self) -> DangerNet:
        themes = self.doc.get("themes")
        if not isinstance(themes, dict) or not themes:
            self.fail("themes", "expected at least one theme")
        by_kind: dict[str, list[str]] = {SITUATION: [], EVENT: []}
        for name, theme in themes.items():
            if not isinstance(theme, dict) or theme.get("about") not in _ABOUT:
                self.fail(f"themes.{name}", "needs 'about: situation' or 'about: event' and a 'phrases' list")
            by_kind[theme["about"]] += self.phrases(f"themes.{name}.phrases", theme.get("phrases"))
        groups = []
        for name, rule in (self.doc.get("co_occurrence") or {}).items():
            parts = rule.get("all_of") if isinstance(rule, dict) else None
            if rule.get("about") != EVENT or not isinstance(parts, list) or len(parts) < 2:
                self.fail(f"co_occurrence.{name}", "needs 'about: event' and 'all_of' with two or more word lists")
            groups.append(tuple(_words_re(self.phrases(f"co_occurrence.{name}.all_of[{i}]", (p or {}).get("words")
                                                       if isinstance(p, dict) else None))
                                for i, p in enumerate(parts, 1)))
        general = self.doc.get("general_question")
        if not isinstance(general, dict):
            self.fail("general_question", "needs 'starts' (question words) and 'persons' (words naming someone)")
        welcome = self.doc.get("welcome_presence") or {}
        if not isinstance(welcome, dict) or (welcome and welcome.get("theme") not in themes):
            self.fail("welcome_presence", "needs 'theme' (a theme's name), 'cues' and 'unless'")
        read_apart = self.doc.get("read_apart") or {}
        apart = read_apart.get("needs_a_present_cue") or []
        if not isinstance(apart, list) or any(name not in themes for name in apart):
            self.fail("read_apart", "'needs_a_present_cue' must list themes by name")
        who = self.fragments.get("who")
        if who is None:
            self.fail("fragments", "needs 'who' (people whose \"'s\" is read as \"is\")")
        return DangerNet(
            situation=_words_re(by_kind[SITUATION]) if by_kind[SITUATION] else re.compile(r"(?!x)x"),
            event=_words_re(by_kind[EVENT]) if by_kind[EVENT] else re.compile(r"(?!x)x"),
            co_occurrence=tuple(groups),
            safe_spans=_words_re(self.phrases("negated_spans", self.doc.get("negated_spans"))),
            past=_words_re(self.phrases("past", self.doc.get("past"))),
            not_now=_words_re(self.phrases("not_now", self.doc.get("not_now"))),
            present=_words_re(self.phrases("present", self.doc.get("present"))),
            later=_words_re(self.phrases("later", self.doc.get("later"))),
            hypothetical=_words_re(self.phrases("hypothetical", self.doc.get("hypothetical"))),
            not_happening=_words_re(self.phrases("not_happening", self.doc.get("not_happening"))),
            still_now=_words_re(self.phrases("still_now", self.doc.get("still_now"))),
            question=_words_re(self.phrases("general_question.starts", general.get("starts"))),
            persons=_words_re(self.phrases("general_question.persons", general.get("persons"))),
            classing=_words_re(self.phrases("general_question.about", general.get("about"))),
            # normalise() drops apostrophes: "husband's here" and "tonight's the night" arrive as
            # "husbands here", "tonights the night"; the net reads them as "husband is", "tonight is".
            s_is=re.compile(rf"\b({who[3:-1]}|today|tonight|it|that|there|who|what|where)s\b(?! (?:are|were|have|and)\b)"),
            words=tuple(sorted(set(self.words("typo_words")))),
            not_typos=frozenset(self.words("not_typos")),
            hints=tuple((str(k), _words_re(self.phrases(f"checklist_hints.{k}", [v])))
                        for k, v in (self.doc.get("checklist_hints") or {}).items()),
            **({"presence": _words_re(self.phrases(f"themes.{welcome['theme']}.phrases", themes[welcome["theme"]]["phrases"])),
                "welcome": _words_re(self.phrases("welcome_presence.cues", welcome.get("cues"))),
                "unwelcome": _words_re(self.phrases("welcome_presence.unless", welcome.get("unless")))} if welcome else {}),
            **({"apart_needs_now": _words_re([q for name in apart for q in self.phrases(f"themes.{name}.phrases", themes[name]["phrases"])])}
               if apart else {}),
            **({"apart_present": _words_re(self.phrases("read_apart.present", read_apart["present"]))}
               if read_apart.get("present") else {}),
        )


def _words_re(phrases: list[str]) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in phrases) + r")\b")


NET = load_danger_net()


def net_reading(norm: str, plain_words: frozenset[str] = frozenset(), text: str = "") -> str:
    """What the net makes of normalised text (from ``text``, whose punctuation marks its parts):
    SITUATION, EVENT, DEFUSED or NOTHING."""
    return NET.reading(norm, plain_words, sentences(text))


def sentences(text: str) -> tuple[str, ...]:
    """A message's parts between sentence or comma punctuation, each normalised."""
    return tuple(normalise(p) for p in _PUNCTUATION.split(text)) if _PUNCTUATION.search(text) else ()


def _join_relative(parts: list[str]) -> list[str]:
    """A part opening "which is ..." says when the part before it happens ("he said he would kill her
    on her birthday, which is today"; "he hit her, which was years ago"), so it is read with it."""
    out: list[str] = []
    for part in parts:
        if out and _RELATIVE.match(part):
            out[-1] += " " + part
        else:
            out.append(part)
    return out


_RELATIVE = re.compile(r"(?:which|that) (?:is|was|will be)\b|(?:but |and )?(?:that|this) (?:was|happened)\b")   # "..., but that was in 2018"
# where a part of a message ends: a comma, semicolon, sentence end, new line or a dash between spaces
# (not the point in "2.5" or "10.30")
_PUNCTUATION = re.compile(r"[,;!?\n]+|\.(?=\s|$)|\s[-\u2013\u2014]+\s")


def is_danger(text: str) -> bool:
    """True when a message may describe immediate danger (recall first; reads the whole message)."""
    norm = normalise(text)
    reading = net_reading(norm, text=text)
    if reading in (SITUATION, EVENT) or learned_alarm(norm, reading):
        return True
    if reading != NOTHING:
        return False
    # a part only about the past never hides danger the model sees in the others ("he's in the waiting
    # room now. She was assaulted by him years ago."), unless the message sets something aside ("on remand")
    parts = sentences(text)
    live = [p for p in parts if p and not NET.only_past(p)]
    return 0 < len(live) < len(parts) and learned_alarm(" ".join(live), reading) \
        and not NET.safe_spans.search(norm) and not NET.set_aside(norm) and not NET.welcomed(norm)


def learned_alarm(norm: str, reading: str) -> bool:
    """The learned model's alarm for danger the net missed (hazard H43): only when it is sure, only where
    the net found nothing at all (a reading the net set aside - "nobody is waiting outside", "on his
    way to rehab" - stays set aside), and never in a message the net's table says is not happening
    (training, fiction, the clinician's judgement, a hypothetical), nor about someone here whom the patient
    wants there (`welcome_presence`: "the man pacing the corridor is her dad waiting for news")."""
    return reading == NOTHING and danger_model.sure_of_danger(norm) and not NET.set_aside(norm) \
        and not NET.welcomed(norm)


def checklist_hints(text: str) -> tuple[str, ...]:
    """Checklist themes (question ids) that harm named in a message suggests, e.g. a past
    strangulation -> ("strangulation",): a fact to record, not an alarm."""
    return NET.checklist_hints(normalise(text))


def is_danger_typo(word: str) -> bool:
    return NET.typo_of(word) is not None
