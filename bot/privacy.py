"""Privacy guard: refuse any inbound message that looks like it holds a patient identifier.

Every message from a clinician passes `check()` before anything else sees it. If the verdict is
`blocked`, the channel drops the text whole (it is never logged, stored, parsed or forwarded) and
replies with `Verdict.explain()`, which says what *kind* of identifier was found and how to ask
again without one. The explanation never quotes the message.

    >>> from bot.privacy import check
    >>> v = check("her name is Jane, NHS 999 123 4560")
    >>> v.blocked, v.kinds
    (True, ('name', 'nhs_number'))

The guard is tuned for recall: a false refusal costs the clinician one re-phrasing, a missed
identifier cannot be taken back. But ordinary clinical answers ("3", "34 weeks", "call 999",
"score of 14", "in her 60s") must pass, or the tool is unusable.

What is detected (kind in brackets)
-----------------------------------
- [nhs_number] any 10 digits grouped 3-3-4 (spaces, hyphens, dots, slashes, underscores, commas
  or none), whether or not the modulus-11 check digit holds. The check digit only decides the
  label: a 3-3-4 group that starts with 0 and fails the check is reported as a phone number. Also
  "NHS no./number/#" + 4 or more digits in any grouping ("NHS number ending 0083"), and "NHS" +
  6 or more digits ("NHS 999 0000 042").
- [postcode] full UK postcodes in any case, with or without the space ("ZZ99 3WZ", "xx11xx").
  Inward codes follow the Royal Mail rule (no C I K M O V), so "x2 3pm" or "B12 2mg" are not
  postcodes; lower-case ordinals and units after a code ("vitamin b12 1st dose", "2hr") are read
  as ordinary words. After the word "postcode" (or "p/code", "p/c") a partial or spelled-out code
  is refused too ("postcode is ZZ99", "z z 9 9 3 w z").
- [address] a house number, one to three words and a street word: "14 Acacia Avenue",
  "22 high st", "flat 3, 22 High Street", "3 The Close". Street words that are also ordinary
  English (close, court, way, place, park, green, view, walk, row, hill, square, house, ...) count
  only after capitalised words ("8 Example Court", not "2 family court hearings"); time and measure
  words never make a street ("10 minute walk"). Also a house number after "address (is/:)",
  "lives/staying at no./number", and after "lives/staying at" or "at number" unless the next word
  reads as an age or a count ("living at 18 with her partner", "staying at 2 friends' houses").
- [phone_number] UK numbers starting 0, +44, 0044 or "+44 (0)" with 9-10 further digits in any
  grouping, with or without brackets ("(0113) 496 0123"); international "+CC ..." / "00CC ..."
  with 7 or more digits; any 6+ digit number after a phone cue ("mobile", "tel", "call her on",
  "her number is", "her mob ends 900126"); seven or more digits read out in words ("oh seven seven
  oh oh, nine oh oh ..."; one that does not start with zero is reported as an NHS or other number).
- [email] addresses with "@" (also full-width, also without a dot after it: "jane@example"),
  spelled-out "name at domain dot com" / "name(at)domain(dot)com", and a handle holding a digit,
  dot or underscore after "email", "gmail", "hotmail", ... ("her gmail is janedoe123").
- [date_of_birth] any full calendar date with a year: 12/03/1985, 12.3.85, 12-3-85, 1985-03-12,
  12 03 1985, "12th March 1985", "March 12, 1985", "12-mar-85"; an 8-digit run that is a valid
  ddmmyyyy / yyyymmdd date; a date in words ("the twelfth of March 1985");
  "DOB"/"d.o.b."/"date of birth"/"birthday"/"YOB" followed by a day and month or a number of 4+
  digits ("DOB 12 mar", "dob 12/03", "birthday 12th March", "dob 120385"; not "her birthday was
  2 weeks ago"); "born (in/on) ... <year>". Any full date is refused because the guard cannot tell a date of
  birth from another date: clinicians should use ages and relative times ("last Tuesday").
- [ni_number] two letters + six digits grouped 2-2-2 or unbroken (+ optional suffix letter A-D),
  any case ("QQ 12 34 56 C"); any other grouping with the suffix letter ("qq 123 456 c");
  "NI number"/"NINO"/"national insurance" + digits.
- [hospital_number] "MRN", "ID", "hospital/hosp/unit/patient/case/record/PAS/CHI/incident/log/ref/
  A&E/ED/attendance/episode/visit/admission/trust/crime/police/custody/court number/no/#" and
  "crime ref" followed by a value with 4+ digits (letters first allowed: "case ref: ABC/12345");
  "number"/"no."/"#"/"ref" alone + 5 or more digits ("attendance no. 12345"); letters + 5 or more digits
  ("K12345", "RXX1234567"); any standalone run of 6+ digits (unless it follows a currency sign);
  any run of digit groups joined by spaces/hyphens holding 9+ digits (e.g. "07 700 900 123").
- [name] names introduced as names: "her name is jane" (any case), "his name's ...",
  "Name: ...", "surname Doe"; "called / named / known as / goes by <Capitalised word>";
  titles "Mrs <word>" (any case), "Mr/Ms/Mx <word>" and "Miss <Capitalised word>";
  a role word (patient, pt, client, victim, woman, partner, husband, ex, boyfriend, son, mum,
  sister, perp, fella, neighbour, ...) followed by a capitalised word, directly or after "is",
  ":", ",", "(" or "-": "the patient is Jane Doe", "Patient: Jane Doe", "her husband John",
  "partner (Dave)", "the patient, Jane Doe, ...", "son Tommy is 5"; an initial only with a surname
  ("pt J. Bloggs"; "Child A" passes); "mother of Jane"; "re: Jane Doe", "FAO ..."; "Dave (partner)".
  The guard cannot tell whose name it is, so "my name is Sarah" is refused too (the product
  keeps no staff names either: clinician ids are HMAC-keyed).
  Version 2, in any case, only where the position says a name comes next: a first name from
  data/privacy/first_names.txt after "called"/"named"/"known as"/"goes by" ("the ex is called
  dean") or straight after a role word ("her boyfriend kyle", "wife sandra hits him"); names that
  are also everyday words ("will", "may", "mark", "ray") only after "called" or set off by a comma
  or bracket ("her partner, mark,"). "her husband will pick her up" passes.
- [social_media] any @handle ("@someone_01"); after a platform word (insta, snapchat, tiktok,
  facebook, twitter, gamertag, username, ...) a word holding a digit, dot or underscore ("his insta
  is big_dave_1999"), or any uncommon word after "is"/"as"/":" ("on tiktok as dazza").
  "he checks her instagram" passes.
- [address] (v2) house names after "lives at"/"moved to"/"staying at" ("The Old Rectory", "Ivy
  Cottage": two or more words ending in a house word, not starting with a/her/his/the + lower
  case), "house/home is called ...", and flats: "flat 3 willow court", "apartment 4, the maltings"
  ("flat 3 on the first floor", "room 3 in the old block", "bed 4 bay 2" pass).
- [vehicle_registration] current UK plates "AB12 CDE" in any case; older prefix "A123 BCD" and
  suffix "ABC 123D" formats in capitals, or in any case after a vehicle word (car, van, drives,
  reg, ...); a plate-like value after "reg"/"registration"/"number plate". "on the A1 all day"
  and "vitamin B12 and folate" pass.

What deliberately is not detected (and why)
-------------------------------------------
- Bare names with no cue ("Jane said he hit her"): no word list can tell names from ordinary
  words without refusing many normal messages. The channels and the bot's prompts ask for roles
  ("the patient", "her partner") instead.
- After "called"/"named" a lower-case word passes unless it is in the first-names list:
  disclosures often say "he called her stupid", "she is called names", "he called the police".
  Capitalised service words ("called Police", "named Midwife") and all-capitals acronyms
  ("called MASH") also pass. A lower-case word after a role word is a name only if it is in the
  first-names list: "the patient is scared", "her partner hit her" pass.
- After a role word, common words pass even when capitalised: nationalities, faiths, days,
  months, service words and describing words ("Partner: Unemployed", "the patient is Scared",
  "on a Child Protection plan", "Victim Support"). A capitalised role word in the middle of a
  sentence ("the Child Death Overview Panel") or a message in Title Case ("Husband Took Her
  Phone") does not start a name without "is", ":" or similar.
- "Dr <name>": usually a colleague, not the patient.
- Short numbers: 999, 101, 111, 55, 18000, ages, scores, weeks, years, "12 months", "3 call-outs";
  a bare year ("since 2024"); month and year without a day ("March 2024") unless after a
  date-of-birth cue; partial postcodes / outward codes alone ("LS1", "the M1 area").
- Service numbers: freephone 0800/0808, 03xx and 116 xxx numbers belong to organisations
  (helplines), never to a patient, so a clinician may quote them.
- Money after a currency sign ("£250000").
- A street name alone ("lives on Acacia Avenue"), a bare flat number ("flat 3"), a house name
  with no cue ("Rose Cottage" on its own), a first name outside a name position ("kyle said ..."),
  and a name that is also an everyday word right after a role word ("her daughter grace") are not
  recognised (see docs/safety/hazard-log.md).

Known false refusals (accepted for recall): event dates with a year ("MARAC on 3 June 2025");
a local team's geographic phone number; 6+ digit figures without a currency sign; codes of a
letter and 5+ digits (e.g. GP practice codes); a capitalised place or organisation name after
"called"/"the patient is"/a role word unless followed by a service word ("called Exampleshire
Police" passes, "called Exampleshire" and "her husband (Northdale)" do not); an odd capital after
a role word ("her partner Works nights", "Man United"); a count before a street word
("3 main road crossings"); "lives at 14" or "at number 1" followed by a place word.

Normalisation and limits
------------------------
Text is NFKC-normalised (full-width digits and letters, ligatures), invisible format characters
(zero-width spaces, soft hyphens) and combining marks are removed, other Unicode digits become
ASCII, all dashes become "-", all whitespace runs become one space, and for the number rules a
letter O/o touching a digit counts as zero ("O77OO 9OO123"). Messages longer than MAX_CHARS
(4,000; a Telegram message is at most 4,096) are refused outright with `kinds == ()`: they are
most likely pasted notes or letters, and checking only part would let the rest through.

The module never logs, prints or keeps the text: it has no logger, no caches, and a Verdict holds
only the kinds found. Speed (timeit, Python 3.10): a typical 20-word message takes 15-45 us,
one with several identifiers about 75 us; cheap gates (digit count, cue words present) skip most
rules. An adversarial 4,000-character input takes up to about 4 ms.
"""
from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass

__all__ = ["KINDS", "MAX_CHARS", "Verdict", "check"]

KINDS = ("nhs_number", "postcode", "address", "phone_number", "email", "date_of_birth", "ni_number",
         "hospital_number", "name", "social_media", "vehicle_registration")

MAX_CHARS = 4000

_KIND_WORDS = {
    "nhs_number": "an NHS number",
    "postcode": "a postcode",
    "address": "a home address",
    "phone_number": "a phone number",
    "email": "an email address",
    "date_of_birth": "a date of birth or other full date",
    "ni_number": "a National Insurance number",
    "hospital_number": "a hospital, record or reference number (or a long number that looks like one)",
    "name": "a person's name",
    "social_media": "a social media name or handle",
    "vehicle_registration": "a vehicle registration",
}

_TIP_NAME = "call people by their role, such as 'the patient' or 'her partner', not by name"
_TIP_DATE = ("give an age or age range ('a woman in her 30s', 'aged 67') instead of a date of "
             "birth, and relative times ('last week') instead of full dates")
_TIP_NUMBER = ("leave out NHS, hospital, National Insurance, reference and vehicle registration numbers; "
               "I don't need them")
_TIP_CONTACT = ("leave out phone numbers, email addresses, social media names, postcodes and home addresses; "
                "saying which area you work in is enough")
_KIND_TIP = {
    "name": _TIP_NAME, "date_of_birth": _TIP_DATE, "nhs_number": _TIP_NUMBER,
    "hospital_number": _TIP_NUMBER, "ni_number": _TIP_NUMBER, "phone_number": _TIP_CONTACT,
    "email": _TIP_CONTACT, "postcode": _TIP_CONTACT, "address": _TIP_CONTACT,
    "social_media": _TIP_CONTACT, "vehicle_registration": _TIP_NUMBER,
}
_TIP_ORDER = (_TIP_NAME, _TIP_DATE, _TIP_NUMBER, _TIP_CONTACT)


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


@dataclass(frozen=True)
class Verdict:
    """The guard's decision on one message: whether it is refused and which kinds were seen."""

    blocked: bool
    kinds: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        kinds = tuple(sorted(set(self.kinds)))
        unknown = [k for k in kinds if k not in KINDS]
        if unknown:
            raise ValueError(f"unknown identifier kind(s): {unknown}")
        object.__setattr__(self, "kinds", kinds)
        object.__setattr__(self, "blocked", bool(self.blocked or kinds))

    def as_json(self) -> dict:
        """The CLI contract: {"blocked": bool, "kinds": [...]}."""
        return {"blocked": self.blocked, "kinds": list(self.kinds)}

    def explain(self) -> str:
        """Plain English for the clinician; never quotes the message. Empty when not blocked."""
        if not self.blocked:
            return ""
        if not self.kinds:
            return (f"I haven't kept that message: it is longer than {MAX_CHARS:,} characters, "
                    "too long for me to check safely for patient details. Nothing from it has "
                    "been stored or passed on. Please send a shorter message, without names, "
                    "dates of birth, addresses, phone numbers or NHS and hospital numbers.")
        found = _join([_KIND_WORDS[k] for k in self.kinds])
        wanted = {_KIND_TIP[k] for k in self.kinds}
        tips = "; ".join(t for t in _TIP_ORDER if t in wanted)
        return (f"I haven't kept that message because it looks like it contains {found}. "
                "Nothing from it has been stored or passed on. Please describe the situation "
                f"again without identifying details: {tips}. For example: 'a woman in her 30s, "
                "20 weeks pregnant, says her partner hit her last night'.")


_CLEAR = Verdict(False, ())
_TOO_LONG = Verdict(True, ())

# --------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------
_SPACES = re.compile(r"\s+")
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
           "\u2212": "-", "\u2043": "-"}
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_DROP_DIGITS = str.maketrans("", "", string.digits)
_O_AS_ZERO = re.compile(r"(?<=[0-9])o+|o+(?=[0-9])")


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
    return ch


def _normalise(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
        if not text.isascii():
            text = "".join(c if c < "\x80" else _fold_char(c) for c in text)
    return _SPACES.sub(" ", text).strip()


# --------------------------------------------------------------------------------------------
# Patterns. All precompiled, none with nested unbounded repetition. They run on the text with
# ASCII letters lower-cased (same length, so spans index the original for case checks), which
# is several times faster than re.IGNORECASE.
# --------------------------------------------------------------------------------------------
_WORD = re.compile(r"[a-z]+")
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_MONTH_WORDS = frozenset("jan january feb february mar march apr april may jun june jul july aug "
                         "august sep sept september oct october nov november dec december".split())

_TLD = r"(?:com|org|net|uk|gov|nhs|ac|info|biz|eu|edu|scot|wales|ie)"
_AT = r"(?:[(\[{<]at[)\]}>]| at )"
_DOT = r"(?:[(\[{<]dot[)\]}>]| dot )"
_EMAIL = re.compile(
    r"(?<![a-z0-9._%+'\-])[a-z0-9._%+'\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}"
    rf"|(?<![a-z0-9._%+'\-])[a-z0-9._%+'\-]+ ?@ ?[a-z0-9\-]+(?: ?\. ?[a-z0-9\-]+)*? ?\. ?{_TLD}\b"
    rf"|(?<![a-z0-9._%+\-])[a-z0-9._%+\-]+ ?{_AT} ?[a-z0-9\-]+(?: ?{_DOT} ?[a-z0-9\-]+)*? ?(?:{_DOT}|\.) ?{_TLD}\b"
    # no dot after the "@" ("jane@example"); not a Telegram command "/start@pathbot_test_bot"
    r"|(?<![a-z0-9._%+'\-/])[a-z0-9._%+'\-]+@[a-z][a-z0-9\-]+(?![a-z0-9_])")
_EMAIL_CUE = re.compile(  # "her gmail is janedoe85", "email: j.doe": a handle with a digit, dot or _
    r"(?<![a-z])(?:e-?mail|gmail|hotmail|yahoo|outlook|icloud|proton ?mail|aol)"
    r"(?: address| addy| account)?(?: is| was| ?[:=\-])? ?([a-z][a-z0-9._%+\-]{2,})")
_EMAIL_CUE_WORDS = frozenset("email mail gmail hotmail yahoo outlook icloud proton protonmail aol".split())

_POSTCODE = re.compile(
    r"(?<![a-z0-9])[a-z]{1,2}[0-9][a-z0-9]?[ \-]?[0-9]([abd-hjlnp-uw-z]{2})(?![a-z0-9])")
_POSTCODE_NOT = frozenset({"st", "nd", "rd", "th", "hr", "yr", "wk", "pw", "pd", "bd"})
_POSTCODE_CUE = re.compile(  # a partial or spelled-out code after the word: "postcode is ZZ99", "z z 9 9 ..."
    r"(?<![a-z])(?:post ?code|p/code|p/c)(?: is| was)?(?: ?[:=\-])? ?"
    r"((?:[a-z] ){2,3}(?:[0-9a-z] ){1,4}[0-9a-z]|[a-z]{1,2} ?[0-9][a-z0-9]?)(?![a-z0-9])")

# Street addresses: a house number, one to three words, a street word ("14 Acacia Avenue",
# "22 high st"). Words that are also ordinary English ("close", "court", "park", "way") count only
# after capitalised words ("3 Example Court", not "2 family court hearings").
_STREET_STRONG = frozenset("street st road rd avenue ave lane ln crescent cres terrace tce grove gardens "
                           "gdns mews boulevard parade drive wynd".split())
_STREET_WEAK = frozenset("close court ct way place pl park green view walk row rise hill square sq gate "
                         "lodge house mount vale chase croft fold meadow meadows wharf quay yard".split())
_STREET = re.compile(
    r"(?<![0-9a-z£$€/.:\-])[0-9]{1,4}[a-z]?,? ((?:[a-z]+(?:['\-][a-z]+)* ){1,3}?)"
    rf"({'|'.join(sorted(_STREET_STRONG | _STREET_WEAK))})\.?(?![a-z0-9'\-])")
_ADDRESS_CUE = re.compile(  # "lives at no. 14", "her address is 3 The Close"; "lives at 14", "at number 14"
    r"(?<![a-z])(?:(?P<sure>(?:lives?|living|staying|stays|resides|residing|stopping) at (?:number|no\.?)"
    r"|(?:her|his|their|the|home|current|new|old|previous) address(?: is| was)?|address(?: is| was| ?[:=\-]))"
    r"|(?:lives?|living|staying|stays|resides|residing|stopping) at|at (?:number|no\.?))"
    r"(?: (?:flat|apartment|apt\.?|house))?[ :=\-]{0,3}[0-9]{1,4}[a-z]?(?![0-9a-z:.%/'])"
    r"(?:,? (?P<next>[a-z]+))?")
_ADDRESS_WORDS = _STREET_STRONG | _STREET_WEAK | frozenset(
    "lives live living staying stays resides residing stopping address number no".split())
_NOT_STREET = frozenset("""
min mins minute minutes hr hrs hour hours day days week weeks wk wks month months year years yr yrs
second seconds mile miles km metre metres meter meters yard yards foot feet times time pm am x
family crown magistrates county youth coroner coroners civil criminal car theme
different other others separate previous more or to and
""".split())

# Organisations' numbers (freephone, 03, 116 xxx): claimed so that no later rule refuses them.
_SERVICE_NUMBER = re.compile(
    r"(?<![0-9])(?:0(?:80[08]|3[0-9]{2})(?:[ \-.]?[0-9]){6,7}|116[ \-]?[0-9]{3})(?![0-9])")
_NHS = re.compile(r"(?<![0-9])([0-9]{3})[ \-./_,]{0,3}([0-9]{3})[ \-./_,]{0,3}([0-9]{4})(?![0-9])")
_PHONE_INTL = re.compile(
    r"(?<![0-9a-z])(?:\+|00) ?[1-9][0-9]{0,2}(?:[ \-.()]{0,2}[0-9]){6,13}(?![0-9])")
_PHONE_UK = re.compile(
    r"(?<![0-9+])(?:(?:\+|00) ?44 ?(?:\(0\) ?)?|\(?0)(?:[ \-.)]{0,2}[0-9]){9,10}(?![0-9])")

_NI = re.compile(  # 2-2-2 or 6 digits; any other grouping ("QQ 123 456 C") only with the suffix letter
    r"(?<![a-z0-9])([a-z]{2})[ \-]?(?:[0-9]{2}[ \-]?[0-9]{2}[ \-]?[0-9]{2}"
    r"|(?:[0-9][ \-]?){5}[0-9](?=[ \-]?[a-d](?![a-z0-9])))(?:[ \-]?([a-d]))?(?![a-z0-9])")
_NI_COMMON_PREFIX = frozenset(
    "am an as at be by do go he if in is it me my no of on or so to up us we".split())

_DATE_NUM = re.compile(  # one separator used twice, or any two before a 4-digit year: not "10.30-11.45"
    r"(?<![0-9])([0-9]{1,2}) ?([/.\-]) ?([0-9]{1,2}) ?"
    r"(?:\2 ?([0-9]{4}|[0-9]{2})|[/.\-] ?((?:19|20)[0-9]{2}))(?![0-9])")
_DATE_SPACED = re.compile(r"(?<![0-9])([0-9]{1,2}) ([0-9]{1,2}) ((?:19|20)[0-9]{2})(?![0-9])")
_DATE_ISO = re.compile(
    r"(?<![0-9])((?:19|20)[0-9]{2}) ?([/.\-]) ?([0-9]{1,2}) ?\2 ?([0-9]{1,2})(?![0-9])")
_DATE_DMY_TEXT = re.compile(
    rf"(?<![0-9])([0-9]{{1,2}})(?:st|nd|rd|th)?(?: ?of)?[ \-./,]{{0,2}}{_MONTH}\b\.?,?[ \-./']{{0,2}}"
    r"((?:19|20)[0-9]{2}|[0-9]{2})(?![0-9])")
_DATE_MDY_TEXT = re.compile(
    rf"(?<![a-z]){_MONTH}\.? ?([0-9]{{1,2}})(?:st|nd|rd|th)?,?[ \-./]{{1,2}}'?"
    r"((?:19|20)[0-9]{2}|(?<=')[0-9]{2})(?![0-9])")
_ORDINAL_WORD = (r"(?:(?:twenty|thirty)[ \-]?)?(?:first|second|third|fourth|fifth|sixth|seventh"
                 r"|eighth|ninth)|tenth|eleventh|twelfth|(?:thir|four|fif|six|seven|eigh|nine)teenth"
                 r"|twentieth|thirtieth")
_DATE_WORDS_TEXT = re.compile(  # "the twelfth of March 1985"
    rf"(?<![a-z])(?:{_ORDINAL_WORD})(?: of)? {_MONTH}\b\.?,? ?(?:19|20)[0-9]{{2}}(?![0-9])")
_DOB_HINTS = ("dob", "yob", "birth", "d.o", "d/o", "d. o", "bday", "b'day", "b-day")
_DAY = r"[0-9]{1,8}(?:st|nd|rd|th)?"
_DOB_CUE = re.compile(  # the cue, then anything date-like: "DOB 12 mar", "birthday is the 3rd of May"
    r"(?<![a-z])(?:dob|d ?\. ?o ?\. ?b\.?|d/o/b|date of birth|birth ?date|birth ?day|b['\-]?day|yob"
    r"|year of birth)(?![a-z])[ :=\-]{0,3}(?:(?:is|was|on|the) )*"
    rf"(?:{_DAY}(?:[ /.\-,]{{1,3}}(?:of )?(?:the )?(?:{_DAY}|{_MONTH}\b))*"
    rf"|{_MONTH}\b(?:[ /.\-,]{{1,3}}{_DAY})*)")
_BORN = re.compile(
    r"(?<![a-z])born (?:on |in )?(?:the )?(?:[0-9]{1,2}(?:st|nd|rd|th)? (?:of )?)?"
    rf"(?:{_MONTH}\b\.?,? )?(?:19|20)[0-9]{{2}}(?![0-9])")

_DIGIT_WORDS = {"zero": "0", "oh": "0", "nought": "0", "nil": "0", "one": "1", "two": "2", "three": "3",
                "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}
_SPELLED_DIGITS = re.compile(  # "oh seven seven oh oh, nine oh oh ..." (7+ digits read out)
    r"(?<![a-z])(?:(?:(?:double|treble|triple) )?(?:zero|oh|nought|nil|one|two|three|four|five|six|seven"
    r"|eight|nine)(?:[ ,\-]{1,2}|(?![a-z]))){7,}")
_REPEAT_WORDS = {"double": 2, "treble": 3, "triple": 3}
_SPELLED_GATE = frozenset(_DIGIT_WORDS)

_NUMBER_WORD = r" ?(?:number|num|no\b\.?|nr|#|id\b)"
_CUE = re.compile(
    r"(?<![a-z])(?:"
    rf"(?P<nhs>nhs{_NUMBER_WORD})|(?P<nhs_bare>nhs)"
    rf"|(?P<ni>nino|national insurance(?:{_NUMBER_WORD})?|ni{_NUMBER_WORD})"
    rf"|(?P<hosp>m\.?r\.?n\b\.?|(?:crime|police) ref(?:erence)?(?:{_NUMBER_WORD})?|id\b|(?:police|incident) log"
    r"|(?:hospital|hosp\.?|unit|patient|pt|case|record|pas|chi|incident|log|ref(?:erence)?|client|crime|police"
    r"|a ?[&+] ?e|ae|ed|attendance|episode|visit|encounter|admission|trust|occurrence|cad|custody|court)"
    rf"{_NUMBER_WORD})"
    r"|(?P<phone>(?:tel(?:ephone)?|phone|mobile|mob|landline|cell|whats ?app)(?: number| no\b\.?)?"
    r"|contact (?:number|no\b\.?|details)|(?:her|his|their|my|your) (?:number|no\b\.?)"
    r"|(?:call|ring|text|phone|reach|contact)(?: her| him| them| me| us)? on)"
    r"|(?P<any>number|no\b\.?|#|ref(?:erence)?)"
    r") ?(?:(?:is|was|of|'s) |[:=#\-] ?)?(?:(?:ending|ends|starting|starts|beginning|begins)(?: in| with)? )?"
    r"(?P<v>[a-z]{0,4}[/\-]?[0-9][a-z0-9/\-._]*(?: [0-9][a-z0-9/\-._]*){0,4})")
_CUE_WORDS = frozenset("nhs nino national ni m mrn crime police id incident hospital hosp unit patient "
                       "pt case record pas chi log ref reference client tel telephone phone mobile mob "
                       "landline cell whatsapp whats contact call ring text reach number no ae ed "
                       "attendance episode visit encounter admission trust occurrence cad custody court "
                       "e".split())
_CUE_MIN_DIGITS = {"nhs": 4, "nhs_bare": 6, "ni": 4, "hosp": 4, "phone": 6, "any": 5}
_CUE_KIND = {"nhs": "nhs_number", "nhs_bare": "nhs_number", "ni": "ni_number", "hosp": "hospital_number",
             "phone": "phone_number", "any": "hospital_number"}

_ALNUM_ID = re.compile(r"(?<![a-z0-9])[a-z]{1,4}[0-9]{5,}[a-z]?(?![a-z0-9])")
_LONG_RUN = re.compile(r"(?<![0-9£$€])[0-9]{6,}(?![0-9])")
_GROUPED = re.compile(r"(?<![0-9])[0-9]+(?:[ \-]{1,3}[0-9]+)+(?![0-9])")
_GROUP_SEP = re.compile(r"[ \-]+")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_NUMBERS = re.compile(r"[0-9]+")

# Names ---------------------------------------------------------------------------------------
_WORD_ANY = r"[^\W\d_]+(?:['\-][^\W\d_]+)*"         # one word of letters (any script)
_W = rf"({_WORD_ANY})"
_NAME_IS = re.compile(
    r"(?<![^\W\d_])(?:(?:first|last|full|given|middle|maiden|family|christian|real|pet) ?|sur|fore|nick)?"
    rf"names?(?: (?:is|was|are|were) |'s | ?[:=] ?| - ?)(?:actually |probably |maybe |just )?{_W}")
_NAME_BARE = re.compile(
    rf"(?<![^\W\d_])(?:(?:first|last|full|given|middle|maiden|family) ?names?|surname|forename|names?) {_W}")
_CALLED = re.compile(
    r"(?<![^\W\d_])(?:called|named|nicknamed|known as|goes by|go by|calls (?:herself|himself|themselves))"
    rf" {_W}(?: {_W})?")
_CALLED_WORDS = frozenset("called named nicknamed known goes go calls".split())
_TITLE = re.compile(rf"(?<![^\W\d_])(mrs|mr|ms|mx|miss)(?![^\W\d_])\.? ?{_W}")
_TITLE_WORDS = frozenset("mrs mr ms mx miss".split())
_KIN = ("son daughter partner husband wife boyfriend girlfriend mum mom mother dad father sister brother "
        "child baby stepdad stepfather stepmum stepmother stepson stepdaughter").split()
_ROLES = _KIN + ("patient pt client victim survivor woman lady man gentleman girl boy ex perpetrator "
                 "perp abuser suspect fella bloke hubby fiance fiancee spouse carer kid toddler teenager "
                 "twin niece nephew cousin aunt auntie uncle nan nana gran granny grandma grandad "
                 "grandmother grandfather bf gf friend neighbour lodger flatmate housemate").split()
# A role word, then (after "is", ":", ",", "(", "-" or nothing) a capitalised word: "her husband John",
# "partner (Dave)", "the patient, Jane Doe,", "pt J. Bloggs"; "mother of Jane"; "re: Jane Doe".
_ROLE_IS = re.compile(
    rf"(?<![^\W\d_])(?:(?:{'|'.join(_KIN)}) of|(?P<role>(?:ex-|step-)?(?:{'|'.join(_ROLES)}))(?![^\W\d_])"
    rf"(?P<sep> is| was| ?[:=,(]| -)?|re ?[:\-]|fao:?|attn:?)(?: called| named)? ?"
    rf"(?P<w1>{_WORD_ANY})(?:\.? (?P<w2>{_WORD_ANY}))?")
_SENTENCE_END = frozenset(".!?;\n")
_LONG_WORD = re.compile(r"[A-Za-z]{3,}")
_ROLE_WORDS = frozenset(_ROLES) | {"re", "fao", "attn"}
_ROLE_PAREN = re.compile(rf"\((?:{'|'.join(_ROLES)})\)")          # "Sarah (patient)", "Dave (partner)"
_LAST_WORD = re.compile(rf"{_W} ?$")

_FUNCTION_WORDS = frozenset("""
a an the this that these those her hers his him he she they them their theirs its it i me my mine we
us our you your who whom whose what which where when why how and or but nor so yet for of on in at to
by with from into onto about as than then there here if not no yes also still just only even now again
back out up down off over away around later soon today yesterday tomorrow tonight every each all any
some none one being been be is was are were am has had have do does did would should could can
might must shall very really quite too
""".split())
_STOP = _FUNCTION_WORDS | frozenset("""
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
""".split())
_SERVICE_WORDS = frozenset("""
police constabulary mash marac council hospital services service refuge team hub unit centre center
trust nhs ccg icb borough county city health helpline aid project line women's womens women men's
domestic abuse safeguarding social children's childrens adult rape sexual housing mental crisis
law scheme act order notice protocol programme program model approach tool checklist form
assessment meeting conference referral pathway clinic ward practice surgery advice uk
protection safety liaison transport experience advocate advocacy loss guard app
resident residents based area registered born speaking speaker citizen origin heritage descent
""".split())


def _stopword(word: str, stop: frozenset[str] = _STOP) -> bool:
    w = word.lower()
    return w in stop or w.split("-")[0] in stop or w.split("'")[0] in stop


def _weak_name(word: str, nxt: str | None, stop: frozenset[str] = _STOP) -> bool:
    """A word after a weak cue ("called", "the patient is") counts as a name when it looks like one:
    capitalised, not an acronym ("MASH"), not a common word, not followed by a service word."""
    return (word[:1].isupper() and not (len(word) > 1 and word.isupper())
            and not _stopword(word, stop) and word.lower().rsplit("-", 1)[-1] not in _SERVICE_WORDS
            and (nxt is None or nxt.lower() not in _SERVICE_WORDS))


def _title_case(s: str) -> bool:
    """Every word of 3+ letters capitalised (at least three of them): capitals say nothing about names."""
    long_words = _LONG_WORD.findall(s)
    return len(long_words) >= 3 and all(w[0].isupper() for w in long_words)


def _valid_date(day: int, month: int) -> bool:
    return (1 <= day <= 31 and 1 <= month <= 12) or (1 <= month <= 31 and 1 <= day <= 12)


def _date_year(year: str) -> bool:
    return len(year) == 2 or 1900 <= int(year) <= 2099


def _nhs_check_digit_ok(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


class _Finds:
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


def _scan_numbers(d: str, words: set[str], n: int, f: _Finds) -> None:
    """Rules on digits, most specific first. `d` is the lower-cased text with O touching a digit
    read as 0; `n` is how many digits it holds (each rule needs a minimum, which skips most)."""
    if n >= 6:
        for m in _SERVICE_NUMBER.finditer(d):
            f.add(m, None)
    if n >= 7 and ("+" in d or "00" in d):
        for m in _PHONE_INTL.finditer(d):   # "+CC ..." before NHS: "+1 202 555 0123" is a phone
            if f.free(m):
                f.add(m, "phone_number")
    if n >= 10:
        for m in _NHS.finditer(d):
            if f.free(m):
                digits = "".join(m.groups())
                nhs = _nhs_check_digit_ok(digits) or not digits.startswith("0")
                f.add(m, "nhs_number" if nhs else "phone_number")
        for m in _PHONE_UK.finditer(d):
            if f.free(m):
                f.add(m, "phone_number")
    if n >= 6:
        for m in _NI.finditer(d):
            if f.free(m) and (m[2] or m[1] not in _NI_COMMON_PREFIX):
                f.add(m, "ni_number")
    if n >= 4:
        for m in _DATE_NUM.finditer(d):
            if f.free(m) and _valid_date(int(m[1]), int(m[3])) and _date_year(m[4] or m[5]):
                f.add(m, "date_of_birth")
        for m in _DATE_SPACED.finditer(d):
            if f.free(m) and _valid_date(int(m[1]), int(m[2])):
                f.add(m, "date_of_birth")
        for m in _DATE_ISO.finditer(d):
            if f.free(m) and 1 <= int(m[3]) <= 12 and 1 <= int(m[4]) <= 31:
                f.add(m, "date_of_birth")
    if not words.isdisjoint(_MONTH_WORDS):
        for rx in (_DATE_DMY_TEXT, _DATE_MDY_TEXT):
            for m in rx.finditer(d):
                if f.free(m) and 1 <= int(m[1]) <= 31:
                    f.add(m, "date_of_birth")
        for m in _DATE_WORDS_TEXT.finditer(d):
            if f.free(m):
                f.add(m, "date_of_birth")
    if any(h in d for h in _DOB_HINTS):
        for m in _DOB_CUE.finditer(d):
            # a day and month, or one number of 4+ digits ("DOB 1985", "dob 120385"), not
            # "her birthday was 2 weeks ago"
            numbers = _NUMBERS.findall(m[0])
            if f.free(m) and numbers and (len(numbers) > 1 or len(numbers[0]) >= 4
                                          or not _MONTH_WORDS.isdisjoint(_WORD.findall(m[0]))):
                f.add(m, "date_of_birth")
    if n >= 4 and "born" in words:
        for m in _BORN.finditer(d):
            if f.free(m):
                f.add(m, "date_of_birth")
    if n >= 3 and not words.isdisjoint(_CUE_WORDS):
        for m in _CUE.finditer(d):
            if f.free(m):
                group = next(g for g in _CUE_KIND if m.group(g) is not None)
                if sum(c.isdigit() for c in m["v"]) >= _CUE_MIN_DIGITS[group]:
                    phone = group == "any" and m["v"].startswith("0")
                    f.add(m, "phone_number" if phone else _CUE_KIND[group])
    if n >= 5:
        for m in _ALNUM_ID.finditer(d):
            if f.free(m):
                f.add(m, "hospital_number")
    if n >= 6:
        for m in _LONG_RUN.finditer(d):
            if f.free(m):
                run = m[0]
                dated = len(run) == 8 and (
                    (_valid_date(int(run[:2]), int(run[2:4])) and _YEAR.fullmatch(run[4:]))
                    or (_YEAR.fullmatch(run[:4]) and 1 <= int(run[4:6]) <= 12 and 1 <= int(run[6:]) <= 31))
                f.add(m, "date_of_birth" if dated else "hospital_number")
    if n >= 9:
        for m in _GROUPED.finditer(d):
            if f.free(m):
                groups = _GROUP_SEP.split(m[0])
                if sum(map(len, groups)) >= 9 and not (
                        all(len(g) == 2 for g in groups) or all(_YEAR.fullmatch(g) for g in groups)):
                    f.add(m, "hospital_number")


def _scan_address(s: str, low: str, f: _Finds) -> None:
    """House number + street ("14 Acacia Avenue"), or a house number after "lives at" / "address"."""
    for m in _STREET.finditer(low):
        a = m.start(1)
        between = s[a:m.end(1)].split()
        weak = m[2] in _STREET_WEAK
        if f.free(m) and all(
                w.lower() not in _NOT_STREET
                and (w.lower() not in _FUNCTION_WORDS or (w == "The" and i == 0))
                and (not weak or w[:1].isupper())
                for i, w in enumerate(between)):
            f.add(m, "address")
    for m in _ADDRESS_CUE.finditer(low):
        # Without "address" or "number", the word after the number decides: "living at 18 with her
        # partner" (an age), "staying at 3 friends' houses", "lives at 2 different places" pass.
        nxt = m["next"]
        if f.free(m) and (m["sure"] or not nxt or not (
                nxt in _NOT_STREET or nxt in _FUNCTION_WORDS
                or (len(nxt) > 3 and nxt.endswith("s") and not nxt.endswith("ss")))):
            f.add(m, "address")


def _scan_spelled(d: str, f: _Finds) -> None:
    """Digits read out in words: a phone number if it starts with zero, else an NHS or other number."""
    for m in _SPELLED_DIGITS.finditer(d):
        digits, repeat = "", 1
        for w in _WORD.findall(m[0]):
            if w in _REPEAT_WORDS:
                repeat = _REPEAT_WORDS[w]
            else:
                digits += _DIGIT_WORDS[w] * repeat
                repeat = 1
        if len(digits) >= 7:
            kind = ("phone_number" if digits.startswith("0") else
                    "nhs_number" if len(digits) == 10 else "hospital_number")
            f.add(m, kind)


def _scan_names(s: str, low: str, words: set[str]) -> bool:
    """Names introduced as names. `s` keeps the original case for capitalisation checks."""
    def word(m: re.Match, i: int | str) -> str | None:
        a, b = m.span(i)
        return s[a:b] if a >= 0 else None

    if "name" in low:
        for m in _NAME_IS.finditer(low):
            if not _stopword(word(m, 1)):
                return True
    if not words.isdisjoint(_TITLE_WORDS):
        for m in _TITLE.finditer(low):
            title, w = word(m, 1), word(m, 2)
            # "Mrs" in any case, and "Mr"/"Ms" written as titles, take any following word; the rest
            # ("MR scan", "MS fatigue", "Mx plan", "miss her appointment") need a capitalised one.
            if title.lower() == "miss" and title != "Miss":
                continue
            strict = title.lower() == "mrs" or title in ("Mr", "Ms", "mr", "ms")
            if (strict and not _stopword(w, _FUNCTION_WORDS)) or _weak_name(w, None, _FUNCTION_WORDS):
                return True
    if ")" in s and not words.isdisjoint(_ROLE_WORDS):
        for m in _ROLE_PAREN.finditer(low):    # "Sarah (patient)": first word of the message too
            before = _LAST_WORD.search(s, max(0, m.start() - 40), m.start())
            if before and _weak_name(before[1], None):
                return True
    if s[1:] == s[1:].lower():                 # every remaining rule needs a capitalised word
        return False
    if "name" in low:
        for m in _NAME_BARE.finditer(low):
            if _weak_name(word(m, 1), None):
                return True
    if not words.isdisjoint(_CALLED_WORDS):
        for m in _CALLED.finditer(low):
            if _weak_name(word(m, 1), word(m, 2)):
                return True
    if not words.isdisjoint(_ROLE_WORDS):
        # Try the rule only where a role word starts (several times faster than scanning every position).
        for start in (w.start() for w in _WORD.finditer(low) if w[0] in _ROLE_WORDS):
            m = _ROLE_IS.match(low, start)
            if not m:
                continue
            a = m.start("role")
            if a >= 0 and m["sep"] is None and s[a].isupper() and (
                    s[:a].rstrip()[-1:] not in ("", *_SENTENCE_END) or _title_case(s)):
                continue             # "the Child Death Overview Panel", "Husband Took Her Phone"
            first, second = word(m, "w1"), word(m, "w2")
            if len(first) == 1:      # an initial counts only before a surname: "pt J Bloggs", not "Child A"
                if second and _weak_name(second, None):
                    return True
            elif _weak_name(first, second):
                return True
    return False


# Version 2: identifiers without a capital or a number cue -------------------------------------
# Lower-case names, only where the position says a name comes next: after "called"/"named"/"goes
# by", or straight after a role word ("her boyfriend kyle", "wife sandra hits him"). The word must
# be in the first-names list (data/privacy/first_names.txt); names that are also everyday words
# ("will", "may", "mark") count only after "called"/"named" or set off by a comma or bracket.
def _load_first_names() -> tuple[frozenset[str], frozenset[str]]:
    from pathlib import Path
    path = Path(__file__).resolve().parents[1] / "data" / "privacy" / "first_names.txt"
    plain, ambiguous = set(), set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("~"):
            ambiguous.update(line[1:].split())
        elif line and not line.startswith("#"):
            plain.update(line.split())
    return frozenset(plain - ambiguous - _STOP), frozenset(ambiguous | (plain & _STOP))


_NAMES, _NAMES_AMBIGUOUS = _load_first_names()
_CALLED_LOWER = re.compile(
    r"(?<![a-z])(?:called|named|nicknamed|known as|goes by|go by|calls (?:herself|himself|themselves))"
    r" ([a-z]+)(?:'s)?(?![a-z])(?: ([a-z]+))?")
# Social media: an @handle anywhere; after a platform word, a handle with a digit, dot or underscore
# ("his insta is big_dave_1999"), or any uncommon word after "is"/"as"/":" ("on tiktok as dazza").
_HANDLE = re.compile(r"(?<![\w.@])@[a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?(?![\w@])")
_PLATFORMS = ("insta|instagram|ig|snap|snapchat|tiktok|tik tok|twitter|facebook|fb|threads|discord|telegram"
              "|whatsapp|onlyfans|youtube|twitch|xbox|psn|gamertag|username|user name|handle|profile")
_PLATFORM_WORDS = frozenset(_PLATFORMS.replace(" ", "|").split("|"))
_PLATFORM_CUE = re.compile(
    rf"(?<![a-z])(?:{_PLATFORMS})(?![a-z])(?: (?:name|handle|account|username|profile))?"
    r"(?P<sep> is| was| ?[:=]| as| called| named| @)? ?(?P<w>[a-z0-9_.]{2,30})(?![a-z0-9_])")
# House names and flats: "lives at The Old Rectory", "their house is called Hillside Farm",
# "flat 3 willow court", "apartment 4, the maltings".
_HOUSE_WORDS = ("cottage|cottages|farm|farmhouse|rectory|vicarage|lodge|manor|barn|grange|mill|villa|croft"
                "|house|hall|bungalow|court|view|heights|mews|gardens|place|towers?|point|wharf|manse|priory")
_HOUSE_CUE = re.compile(
    r"(?<![a-z])(?:lives?|living|live|staying|stays|stopping|resides|residing|is|are|moved) (?:at|to) "
    rf"(?P<name>(?:the )?(?:[a-z]+ ){{0,2}}(?:{_HOUSE_WORDS}))(?![a-z])"
    r"|(?:house|home|cottage|farm|place|property)(?: is| was)? (?:called|named) (?P<called>[a-z]+)")
_FLAT = re.compile(
    r"(?<![a-z])(?:flat|apartment|apt|maisonette|unit|room)\.? ?(?:no\.? ?|number )?[0-9]{1,4}[a-z]?,? "
    r"(?P<w>[a-z]+)(?: (?P<w2>[a-z]+))?")
# UK vehicle registrations: current "AB12 CDE" in any case; older prefix "A123 BCD" and suffix
# "ABC 123D" in capitals, or in any case after a vehicle word; anything plate-like after "reg".
_REG_CURRENT = re.compile(r"(?<![a-z0-9])[a-z]{2}[0-9]{2} ?[a-z]{3}(?![a-z0-9])")
_REG_OLD = re.compile(r"(?<![A-Za-z0-9])(?:[A-Z][0-9]{1,3} ?[A-Z]{3}|[A-Z]{3} ?[0-9]{1,3} ?[A-Z])(?![A-Za-z0-9])")
_REG_CUE = re.compile(
    r"(?<![a-z])(?:reg|registration|number plate|plate|plates|reg no|reg number|registration number)"
    r"(?: (?:is|was|number|no|starts?|ends?|with))*[ :=\-]{0,3}(?P<v>[a-z]{1,3} ?[0-9]{1,4} ?[a-z]{0,3})(?![a-z0-9])")
_VEHICLE_WORDS = frozenset("car van vehicle motorbike bike truck lorry taxi reg registration plate plates "
                           "drives drove driving motor transit".split())
_REG_NOT = frozenset("the and for was has his her you are not but all any can its our out who had may "
                     "yes him she way day now new old one two how see".split())


def _scan_v2(s: str, low: str, words: set[str], f: _Finds) -> None:
    """Names in name positions, social media handles, house names and flats, vehicle registrations."""
    if "@" in low:
        for m in _HANDLE.finditer(low):
            if f.free(m):
                f.add(m, "social_media")
                break               # one is enough for the verdict (bounds the worst case)
    if not words.isdisjoint(_PLATFORM_WORDS):
        for m in _PLATFORM_CUE.finditer(low):
            w = m["w"]
            handle_like = any(c.isdigit() or c in "._" for c in w) and any(c.isalpha() for c in w)
            if f.free(m) and (handle_like or (m["sep"] and not _stopword(w) and w not in _PLATFORM_WORDS
                                              and w not in _COMMON_AFTER_PLATFORM)):
                f.add(m, "social_media")
                break               # one is enough for the verdict (bounds the worst case)
    if not words.isdisjoint(("at", "to", "called", "named")):
        for m in _HOUSE_CUE.finditer(low):
            name = m["name"]
            if name is not None:
                first = name.split()[0]
                a = m.start("name")
                # "lives at the farm", "staying at a friends house" pass: the name must start with
                # a capital ("The Old Rectory") or a word that is not a function word
                if first in _FUNCTION_WORDS and not (first == "the" and s[a + 4:a + 5].isupper()):
                    continue
                if len(name.split()) == 1:
                    continue                    # "lives at home", "moved to court": a name has 2+ words
            elif m["called"] in _FUNCTION_WORDS:
                continue
            if f.free(m):
                f.add(m, "address")
                break               # one is enough for the verdict (bounds the worst case)
    if not words.isdisjoint(("flat", "apartment", "apt", "maisonette", "unit", "room")):
        for m in _FLAT.finditer(low):
            w, w2 = m["w"], m["w2"]
            if w == "the" and w2:
                w = w2
            # "flat 3 on the first floor", "room 3 in the old block" pass; a place name follows a flat
            if f.free(m) and w not in _FUNCTION_WORDS and w not in _NOT_STREET and w not in _FLAT_NOT \
                    and (low[m.start():m.start() + 4] in ("flat", "apar", "apt", "apt.", "mais")
                         or (w2 and w2 in _HOUSE_WORDS.split("|"))):
                f.add(m, "address")
                break               # one is enough for the verdict (bounds the worst case)
    if any(c.isdigit() for c in low):
        vehicle = not words.isdisjoint(_VEHICLE_WORDS)
        for m in _REG_CURRENT.finditer(low):
            if f.free(m) and (m[0][-3:] not in _REG_NOT or vehicle):
                f.add(m, "vehicle_registration")
                break               # one is enough for the verdict (bounds the worst case)
        for m in _REG_OLD.finditer(s):
            if f.free(m) and (vehicle or m[0].replace(" ", "")[-3:].lower() not in _REG_NOT):
                f.add(m, "vehicle_registration")
                break               # one is enough for the verdict (bounds the worst case)
        if vehicle:
            for m in _REG_OLD.finditer(s.upper()):     # "drives p123 abc"; not "on the A1 all day"
                if f.free(m) and not {m[0][:3].lower(), m[0].replace(" ", "")[-3:].lower()} & _REG_NOT:
                    f.add(m, "vehicle_registration")
                    break               # one is enough for the verdict (bounds the worst case)
            for m in _REG_CUE.finditer(low):
                v = m["v"].replace(" ", "")
                if f.free(m) and any(c.isdigit() for c in v) and any(c.isalpha() for c in v) and len(v) >= 4:
                    f.add(m, "vehicle_registration")
                    break               # one is enough for the verdict (bounds the worst case)


_COMMON_AFTER_PLATFORM = frozenset("all the time too account messages message posts post pictures photos "
                                   "page private public again constantly daily live stories story".split())
_FLAT_NOT = frozenset("floor floors bed beds bedroom bedrooms storey block blocks minutes mins".split())


def _scan_lower_names(low: str, words: set[str]) -> bool:
    """A first name in a name position, in any case (see _NAMES)."""
    if not words.isdisjoint(_CALLED_WORDS):
        for m in _CALLED_LOWER.finditer(low):
            if (m[1] in _NAMES or m[1] in _NAMES_AMBIGUOUS) and m[2] not in _SERVICE_WORDS:
                return True         # not "known as Clare's Law"
    if not words.isdisjoint(_ROLE_WORDS) or "-" in low:
        for start in (w.start() for w in _WORD.finditer(low) if w[0] in _ROLE_WORDS or w[0] in ("ex", "step")):
            m = _ROLE_IS.match(low, start)
            if not m or m.start("w1") < 0:
                continue
            w1 = m["w1"].split("'")[0]
            sep = (m["sep"] or "").strip()
            if w1 in _NAMES or (sep in (",", "(", ":", "-", "=") and w1 in _NAMES_AMBIGUOUS):
                return True
    return False


def check(text: str) -> Verdict:
    """Decide whether `text` may go any further. Pure: nothing about `text` is kept."""
    if not isinstance(text, str):
        raise TypeError("privacy.check() expects a str")
    if len(text) > MAX_CHARS:
        return _TOO_LONG
    s = _normalise(text)
    if not s:
        return _CLEAR
    low = s.translate(_ASCII_LOWER)
    words = set(_WORD.findall(low))
    n_digits = len(s) - len(s.translate(_DROP_DIGITS))
    d = low
    if n_digits and "o" in low:                # "O77OO 9OO123": O touching a digit reads as 0
        d = _O_AS_ZERO.sub(lambda m: "0" * len(m[0]), low)
        n_digits = len(d) - len(d.translate(_DROP_DIGITS))
    f = _Finds()
    if "@" in low or ("at" in words and ("dot" in words or "." in low)):
        for m in _EMAIL.finditer(low):
            f.add(m, "email")
    if not words.isdisjoint(_EMAIL_CUE_WORDS):
        for m in _EMAIL_CUE.finditer(low):
            if f.free(m) and any(c.isdigit() or c in "._" for c in m[1].strip("._")):
                f.add(m, "email")
    if n_digits >= 1:
        if n_digits >= 2:
            for m in _POSTCODE.finditer(low):
                a, b = m.span(1)
                if f.free(m) and s[a:b] not in _POSTCODE_NOT:
                    f.add(m, "postcode")
        if "post" in low or "p/c" in low or "code" in words:
            for m in _POSTCODE_CUE.finditer(low):   # not "postcode of 3 areas"
                if f.free(m) and any(c.isdigit() for c in m[1]) and m[1][:2] not in _NI_COMMON_PREFIX:
                    f.add(m, "postcode")
        if not words.isdisjoint(_ADDRESS_WORDS):
            _scan_address(s, low, f)
        _scan_numbers(d, words, n_digits, f)
    if len(words & _SPELLED_GATE) >= 2:
        _scan_spelled(low, f)
    _scan_v2(s, low, words, f)
    if _scan_names(s, low, words) or _scan_lower_names(low, words):
        f.kinds.add("name")
    return Verdict(True, tuple(f.kinds)) if f.kinds else _CLEAR
