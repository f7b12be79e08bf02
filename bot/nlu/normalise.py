"""Normalising a message before anything reads it: lower case, no punctuation, single spaces,
contractions and a few abbreviations expanded ("he's" -> "he is", "pt" -> "patient", "A&E" -> "ae").
The classifier, the danger net and the role reading all work on this form."""
from __future__ import annotations

import re
import unicodedata

_CONTRACTIONS = {
    "dont": "do not", "doesnt": "does not", "didnt": "did not", "cant": "can not", "cannot": "can not",
    "couldnt": "could not", "wont": "will not", "wouldnt": "would not", "isnt": "is not",
    "arent": "are not", "wasnt": "was not", "hasnt": "has not", "havent": "have not",
    "hadnt": "had not", "shouldnt": "should not", "hes": "he is", "shes": "she is", "im": "i am",
    "ive": "i have", "theyve": "they have", "weve": "we have", "youve": "you have", "theyre": "they are", "thats": "that is", "whats": "what is",
    "theres": "there is", "youre": "you are", "lets": "let us", "daren": "dare not", "darent": "dare not",
    "daresnt": "dare not", "mustnt": "must not", "aint": "is not", "whos": "who is", "wheres": "where is",
    "hell": "he will", "shell": "she will", "theyll": "they will", "youll": "you will", "itll": "it will",
    "hed": "he would", "theyd": "they would", "wholl": "who will", "comin": "coming", "cumin": "coming",
}
_ABBREVIATIONS = {
    "pt": "patient", "pts": "patients", "dv": "domestic abuse", "da": "domestic abuse",
    "hx": "history", "oh": "occupational health", "ed": "ae", "u": "you", "r": "are", "ur": "your",
    "pls": "please", "plz": "please", "thx": "thanks", "bf": "boyfriend", "gf": "girlfriend", "bfs": "boyfriends", "gfs": "girlfriends",
    "idk": "do not know", "dk": "do not know", "dunno": "do not know", "nk": "not known",
    "gonna": "going to", "wanna": "want to", "perp": "perpetrator", "sw": "social worker",
    # Scots and phone spellings (v53 dev)
    "gonnae": "going to", "wannae": "want to", "telt": "told", "nicht": "night", "wen": "when", "sed": "said",
    "hv": "health visitor", "mil": "mother in law", "fil": "father in law", "bil": "brother in law",
    "sil": "sister in law", "dil": "daughter in law", "mils": "mother in laws", "fils": "father in laws",
    "dils": "daughter in laws", "sils": "sister in laws", "bils": "brother in laws", "rm": "room", "rd": "road", "tho": "though",
    "abt": "about", "w": "with",
    # text-speak typed on a phone between patients
    "n": "and", "thru": "through", "msg": "message", "msgs": "messages", "msging": "messaging", "msgd": "messaged",
    "nite": "night", "nites": "nights", "2nite": "tonight", "tonite": "tonight", "tonyt": "tonight", "2day": "today", "tmrw": "tomorrow", "tmw": "tomorrow",
    "b4": "before", "evry": "every", "sis": "sister", "bro": "brother", "ppl": "people", "cuz": "because",
    "wk": "week", "wks": "weeks",
}
# Scots and Northern English forms clinicians type as they hear them ("he doesnae let her", "hittin")
_DIALECT = {
    "doesnae": "does not", "disnae": "does not", "cannae": "can not", "canna": "can not",
    "wouldnae": "would not", "willnae": "will not", "wullnae": "will not", "dinnae": "do not",
    "dinna": "do not", "didnae": "did not", "isnae": "is not", "wasnae": "was not", "havenae": "have not",
    "hasnae": "has not", "hadnae": "had not", "shouldnae": "should not", "couldnae": "could not", "arenae": "are not",
    "tae": "to", "wi": "with", "telt": "told", "ony": "any", "aff": "off", "oot": "out", "frae": "from",
    "ahve": "i have", "feart": "afraid", "hame": "home", "masel": "myself", "meself": "myself", "fone": "phone",
    "ganna": "going to", "gannin": "going", "dee": "do", "yem": "home", "hyem": "home", "aal": "all",
    "txt": "text", "txts": "texts", "txtin": "texting", "coz": "because", "cos": "because", "hissel": "himself", "hisself": "himself", "hersel": "herself",
    **{v[:-1]: v for v in ("hitting punching kicking slapping shouting screaming threatening following "
                           "texting pushing shoving choking strangling ringing calling beating battering "
                           "taking hurting going saying trying leaving watching waiting looking getting "
                           "hovering smashing grabbing dragging stalking knocking kicking shoving").split()},
}
_EXPAND = {**_DIALECT, **_CONTRACTIONS, **_ABBREVIATIONS}
# forms that punctuation or a space would split before the words are read ("n/a", "w/o", "pass port")
_SPELT_OUT = {"n/k": " nk ", "n/a": " not applicable ", "w/o": " without ", "pass port": "passport"}
_AE = re.compile(r"\ba\s*(?:&|and|n)\s*e\b")
_APOSTROPHE = re.compile(r"['\u2019\u2018`]")
# West Country and Cockney dropped h after an apostrophe ("'e 'it 'er", "my 'usband"), read before
# apostrophes go; only words that cannot be anything else without their h
_DROPPED_H = re.compile(r"(?<![a-z])['\u2019](e|er|im|ave|ad|as|ouse|usband|ome|urt|itting|isself|imself|erself)(?![a-z])")
# ... but an apostrophe opening a quote is no dropped h: "she said 'im fine'" is "i am fine"
_QUOTE_OPENS = re.compile(r"(?:^|(?:said|says|saying|say|goes|went|wrote|texted|messaged|shouted|screamed|like|:)\s*)$")


# "she'd" would lose its apostrophe and read as "shed": "she had" before a past participle ("she'd
# pushed him"), else "she would" ("she'd leave"); the same for "he'd" and "they'd" (v56 dev: "after he'd
# punched her"), which the table would make "would"
_PRONOUN_D = re.compile(r"\b(she|he|they)['\u2019]d\s+(\w+)")
_PARTICIPLES = frozenset("been had done gone taken given got hit put left cut thrown broken hidden stolen "
                         "told said seen made kept sent shut stood beaten bitten held known shown".split())


# "I'll" would lose its apostrophe and read as "ill" (unwell): the role reading, for which who speaks
# matters, reads it as "i will" first (`i_will`); the danger net keeps "ill"
_I_LL = re.compile(r"\bi['\u2019]ll\b", re.I)


def i_will(text: str) -> str:
    """"I'll" as "i will" (see `_I_LL`)."""
    return _I_LL.sub("i will", text)


def _pronoun_d(m: re.Match) -> str:
    word = m[2]
    return f"{m[1]} {'had' if word.endswith('ed') or word in _PARTICIPLES else 'would'} {word}"


def _dropped_h(m: re.Match) -> str:
    if m[1] == "im" and _QUOTE_OPENS.search(m.string, 0, m.start()):
        return m[0]
    return "h" + m[1]


_LAUGHING = re.compile("[\U0001F602\U0001F923\U0001F605\U0001F606\U0001F639]")     # tears of joy and the like: "lol"
_ACCENTS = re.compile(r"[\u0300-\u036f]")      # combining accents left by NFKD
NON_WORD = re.compile(r"[^a-z0-9]+")
# "hell" is "he'll" typed without its apostrophe, except as the word itself: "made her life hell",
# "go to hell", "what the hell", "a hell of a week"
_HELL_KEPT_AFTER = frozenset("life lives to the a living like as from bloody through".split())


def normalise(text: str) -> str:
    """Lower case, no punctuation, single spaces, contractions and a few abbreviations expanded."""
    s = _LAUGHING.sub(" lol ", _APOSTROPHE.sub("", _DROPPED_H.sub(_dropped_h, _PRONOUN_D.sub(_pronoun_d, text.lower()))))
    s = _ACCENTS.sub("", unicodedata.normalize("NFKD", s)) if not s.isascii() else s     # "fiancé" -> "fiance"
    for short, long in _SPELT_OUT.items():
        s = s.replace(short, long)
    s = _AE.sub(" ae ", s)
    words = NON_WORD.sub(" ", s).split()
    if "hell" in words:
        return " ".join(w if w == "hell" and (i and words[i - 1] in _HELL_KEPT_AFTER or words[i + 1:i + 2] == ["of"])
                        else _EXPAND.get(w, w) for i, w in enumerate(words))
    return " ".join(_EXPAND.get(w, w) for w in words)
