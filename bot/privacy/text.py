"""Shared by the guard's rules: the text normalised, the common word lists, and the finds so far."""
from __future__ import annotations

import re
import string
import unicodedata

_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
           "\u2212": "-", "\u2043": "-"}
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


def lower_ascii(s: str) -> str:
    """ASCII letters lower-cased, nothing else changed (so spans still index `s`)."""
    return s.lower() if s.isascii() else s.translate(ASCII_LOWER)     # str.lower is ten times faster


_DIGIT_BYTES = string.digits.encode()


def count_digits(s: str) -> int:
    """How many ASCII digits `s` holds (in UTF-8 no other character has a byte in 0-9)."""
    b = s.encode("utf-8", "surrogatepass")
    return len(b) - len(b.translate(None, _DIGIT_BYTES))


O_AS_ZERO = re.compile(r"(?<=[0-9])o+|o+(?=[0-9])")


def _fold_char(ch: str) -> str:
    """ASCII stand-in for one non-ASCII character (after NFKC), or '' to drop it."""
    if ch in _QUOTES:
        return _QUOTES[ch]
    cat = unicodedata.category(ch)
    if cat in ("Cf", "Mn", "Me", "Cc"):
        return ""                            # zero-width spaces, soft hyphens, combining marks
    if cat == "Nd":
        return str(unicodedata.decimal(ch))  # Arabic-Indic, Devanagari, ... digits
    if cat == "Pd":
        return "-"
    if cat in ("Zs", "Zl", "Zp"):
        return " "
    if cat in ("Lu", "Ll"):
        base = unicodedata.normalize("NFKD", ch)[0]
        if base.isascii() and base.isalpha():
            return base                      # "Gráinne" is checked as "Grainne", "Siân" as "Sian"
    return ch


def normalise(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        if not text.isascii():
            text = "".join(c if c < "\x80" else _fold_char(c) for c in text)
    return " ".join(text.split())          # runs of any whitespace to one space, ends trimmed


# --------------------------------------------------------------------------------------------
# Patterns. All precompiled, none with nested unbounded repetition. They run on the text with
# ASCII letters lower-cased (same length, so spans index the original for case checks), which
# is several times faster than re.IGNORECASE.
# --------------------------------------------------------------------------------------------
WORD = re.compile(r"[a-z]+")

FUNCTION_WORDS = frozenset("""
a an the this that these those her hers his him he she they them their theirs its it i me my mine we
us our you your who whom whose what which where when why how and or but nor so yet for of on in at to
by with from into onto about as than then there here if not no yes also still just only even now again
back out up down off over away around later soon today yesterday tomorrow tonight every each all any
some none one being been be is was are were am has had have do does did would should could can
might must shall very really quite too
im ive id hes shes youre theyre thats weve theyve wont cant dont didnt doesnt isnt wasnt havent hasnt
""".split())      # the last line: contractions typed without the apostrophe ("Im a nurse", "Ive started")
STOP = FUNCTION_WORDS | frozenset("""
unknown withheld redacted confidential private irrelevant important needed required missing blank
changed different same similar written recorded known given spelled spelt listed above below attached
something someone anything nothing whatever unclear uncertain anonymous anon na n
names police gp gps nhs ambulance paramedics refuge childline samaritans social services service
children childrens children's adult adults women womens women's men mens men's mash marac idva idvas
isva iddva mdt ae ed hospital council housing helpline safeguarding crisis mental health team duty
desk switchboard reception security emergency national victim victims support respect galop karma
hestia solace safelives army navy court courts probation school nursery ward clinic surgery practice
mum mom mother dad father sister brother nan nana gran granny grandma grandad granddad grandmother
grandfather aunt auntie aunty uncle cousin son daughter child baby partner husband wife
boyfriend girlfriend ex friend friends neighbour neighbours nurse nurses midwife midwives doctor doctors
dr person people professional professionals lead leads officer officers worker workers consultant
visitor manager colleague colleagues staff patient patients client clients female male woman man lady
gentleman girl boy
english british scottish welsh irish polish romanian lithuanian latvian bulgarian portuguese spanish
italian french german turkish kurdish syrian afghan iranian iraqi pakistani indian bangladeshi chinese
nigerian somali eritrean sudanese ghanaian jamaican caribbean african asian black white mixed arab
european muslim christian jewish hindu sikh buddhist catholic orthodox gypsy roma traveller deaf
trans gay lesbian bisexual lgbt lgbtq lgbtqia nonbinary non-binary disabled autistic pregnant
ukrainian russian albanian vietnamese filipino thai japanese korean brazilian american canadian
australian hungarian czech slovak estonian greek cypriot egyptian moroccan algerian ethiopian
kenyan ugandan zimbabwean congolese sri lankan tamil nepali bengali punjabi gujarati urdu arabic
farsi pashto cantonese mandarin jehovah sunni shia methodist anglican pentecostal
year reception nursery shelter mind age citizens relate mankind imkaan southall rape
eastern western northern southern east west north south central middle latin hispanic
monday tuesday wednesday thursday friday saturday sunday january february march april june july august
september october november december christmas easter eid ramadan diwali
scared frightened terrified afraid worried anxious upset tearful distressed calm quiet withdrawn
controlling jealous violent abusive aggressive threatening drunk intoxicated sober unemployed employed
homeless safe unsafe alone present absent aware unaware okay ok fine well unwell injured hurt
married separated divorced single cohabiting staying living currently now female male
practitioner specialist coordinator co-ordinator assistant adviser advisor senior junior trainee student
registrar matron associate receptionist colleague manager supervisor obstetrician gynaecologist
paediatrician psychiatrist psychologist anaesthetist surgeon physician radiologist pharmacist paramedic
therapist counsellor interpreter translator solicitor advocate keyworker teacher head deputy acting
locum agency bank community specialist practice primary secondary
""".split())
def stopword(word: str, stop: frozenset[str] = STOP) -> bool:
    w = word.lower()
    return w in stop or w.split("-")[0] in stop or w.split("'")[0] in stop


class Finds:
    """Kinds found so far and the spans they cover, so a later, vaguer rule does not re-label them."""

    __slots__ = ("kinds", "spans")

    def __init__(self) -> None:
        self.kinds: set[str] = set()
        self.spans: list[tuple[int, int]] = []

    def free(self, m: re.Match) -> bool:
        a, b = m.span()
        return all(b <= x or a >= y for x, y in self.spans)

    def add(self, m: re.Match, kind: str | None) -> None:
        self.spans.append(m.span())
        if kind:
            self.kinds.add(kind)
