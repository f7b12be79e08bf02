"""NHS, hospital, National Insurance and reference numbers, phone numbers, full dates, digits read
out in words, and vehicle registrations."""
from __future__ import annotations

import re

from .text import WORD, Finds

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
          r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_MONTH_WORDS = frozenset("jan january feb february mar march apr april may jun june jul july aug "
                         "august sep sept september oct october nov november dec december".split())
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
NI_COMMON_PREFIX = frozenset(
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
# a birthday on a feast day ("dob is xmas day 1979", v50 dev; "born on boxing day 1990", v54 dev)
_FEAST = r"(?:xmas|christmas|boxing|new years?|valentines|halloween|bonfire night|st patricks|hogmanay)(?: day| eve)?"
_DOB_HINTS = ("dob", "yob", "birth", "d.o", "d/o", "d. o", "bday", "b'day", "b-day")
_DAY = r"[0-9]{1,8}(?:st|nd|rd|th)?"
_DOB_CUE = re.compile(  # the cue, then anything date-like: "DOB 12 mar", "birthday is the 3rd of May"
    r"(?<![a-z])(?:dob|d ?\. ?o ?\. ?b\.?|d/o/b|date of birth|birth ?date|birth ?day|b['\-]?day|yob"
    r"|year of birth)(?:'?s)?(?![a-z])[ :=\-]{0,3}(?:(?:is|was|on|the) )*"      # v67 dev: "her birthday's the 9th of june"
    rf"(?:{_DAY}(?:[ /.\-,]{{1,3}}(?:of )?(?:the )?(?:{_DAY}|{_MONTH}\b))*"
    rf"|{_MONTH}\b(?:[ /.\-,]{{1,3}}{_DAY})*"
    rf"|(?P<feast>{_FEAST})(?:[ ,]{{1,2}}[0-9]{{2,4}})?)")
_BORN = re.compile(
    r"(?<![a-z])born (?:on |in )?(?:the )?(?:[0-9]{1,2}(?:st|nd|rd|th)? (?:of )?)?"
    rf"(?:{_MONTH}\b\.?,? )?(?:19|20)[0-9]{{2}}(?![0-9])"
    rf"|(?<![a-z])born (?:on |in )?{_MONTH}\b\.?,? '?[0-9]{{2}}(?![0-9])"    # v51 dev: "born nov 92, the 14th"
    r"|(?<![a-z])born (?:on )?(?:the )?(?:0?[1-9]|[12][0-9]|3[01])/(?:0?[1-9]|1[0-2])(?![0-9])"     # v52 dev: "born 04/09"
    rf"|(?<![a-z])born (?:on )?{_FEAST},? (?:19|20)[0-9]{{2}}(?![0-9])")

# v56 dev: a year of birth said in words ("born christmas day two thousand and seven", "dob the fourth of march
# nineteen eighty-one"); "twenty" alone never, as "born at twenty eight weeks" is a gestation
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_YEAR_IN_WORDS = (rf"nineteen (?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[ \-](?:{_UNITS}))?|oh[ \-](?:{_UNITS}))"
                  rf"|two thousand(?: and)?(?: (?:{_UNITS}|{_TEENS}|twenty(?:[ \-](?:{_UNITS}))?))?"
                  rf"|twenty (?:oh|o)[ \-](?:{_UNITS})|twenty (?:{_TEENS}|twenty(?:[ \-](?:{_UNITS}))?)")
_DIGIT_WORDS = {"zero": "0", "oh": "0", "nought": "0", "nil": "0", "one": "1", "two": "2", "three": "3",
                "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9"}
_SPELLED_DIGITS = re.compile(  # "oh seven seven oh oh, nine oh oh ..." (7+ digits read out)
    r"(?<![a-z])(?:(?:(?:double|treble|triple) )?(?:zero|oh|nought|nil|one|two|three|four|five|six|seven"
    r"|eight|nine)(?:[ ,\-]{1,2}|(?![a-z]))){7,}")
_REPEAT_WORDS = {"double": 2, "treble": 3, "triple": 3}
SPELLED_GATE = frozenset(_DIGIT_WORDS)

_NUMBER_WORD = r" ?(?:number|num|no\b\.?|nr|#|id\b)"
# v64 dev: a birthday told as an age on a day ("she'll be 79 on boxing day", "turns 90 on the 3rd")
_AGE_ON_DAY = re.compile(
    r"(?<![a-z])(?:be|turns?|turning|turned|was|is) [0-9]{1,3} (?:years old )?on (?:the )?"
    rf"(?:{_FEAST}|[0-9]{{1,2}}(?:st|nd|rd|th)?(?: of)? {_MONTH}\b|{_MONTH} [0-9]{{1,2}}(?:st|nd|rd|th)?|[0-9]{{1,2}}(?:st|nd|rd|th))")
_CUE = re.compile(
    r"(?<![a-z])(?:"
    rf"(?P<nhs>nhs{_NUMBER_WORD})|(?P<nhs_bare>nhs)"
    rf"|(?P<ni>nino|national insurance(?:{_NUMBER_WORD})?|ni{_NUMBER_WORD})"
    rf"|(?P<hosp>m\.?r\.?n\b\.?|(?:crime|police) ref(?:erence)?(?:{_NUMBER_WORD})?|id\b|(?:police|incident) log"
    # v67 dev: a custody record; a police officer's collar number after a rank ("PS 2281 Example")
    rf"|custody (?:record|ref(?:erence)?)(?:{_NUMBER_WORD})?|(?:w?pc|ps|dc|ds|sgt|pcso|collar)(?:{_NUMBER_WORD})?"
    r"|(?:hospital|hosp\.?|unit|patient|pt|case|record|pas|chi|incident|log|ref(?:erence)?|client|crime|police"
    r"|a ?[&+] ?e|ae|ed|attendance|episode|visit|encounter|admission|trust|occurrence|cad|custody|court)"
    rf"{_NUMBER_WORD})"
    r"|(?P<phone>(?:tel(?:ephone)?|phone|mobile|mob|landline|cell|whats ?app)(?: number| no\b\.?)?"
    r"|contact (?:number|no\b\.?|details)|(?:her|his|their|my|your) (?:number|no\b\.?)"
    r"|(?:call|ring|text|phone|reach|contact)(?: her| him| them| me| us)? on)"
    # v64 dev: bank details ("sort code 99-00-00", "acc ending 0000", "her barclaycard ends 0000")
    rf"|(?P<bank>sort code|(?:bank |debit |credit )?(?:account|acc|card)(?:{_NUMBER_WORD})?|barclaycard|mastercard|visa card)"
    r"|(?P<any>number|no\b\.?|#|ref(?:erence)?)"
    r") ?(?:(?:is|was|of|'s) |[:=#\-] ?)?(?:(?:ending|ends|starting|starts|beginning|begins)(?: in| with)? )?"
    r"(?P<v>[a-z]{0,4}[/\-]?[0-9][a-z0-9/\-._]*(?: [0-9][a-z0-9/\-._]*){0,4})")
_CUE_WORDS = frozenset("nhs nino national ni m mrn crime police id incident hospital hosp unit patient "
                       "pt case record pas chi log ref reference client tel telephone phone mobile mob "
                       "landline cell whatsapp whats contact call ring text reach number no ae ed "
                       "attendance episode visit encounter admission trust occurrence cad custody court "
                       "e sort account acc card barclaycard mastercard pc wpc ps dc ds sgt pcso collar".split())
_CUE_MIN_DIGITS = {"nhs": 4, "nhs_bare": 6, "ni": 4, "hosp": 4, "phone": 6, "bank": 4, "any": 5}
_CUE_KIND = {"nhs": "nhs_number", "nhs_bare": "nhs_number", "ni": "ni_number", "hosp": "hospital_number",
             "phone": "phone_number", "bank": "hospital_number", "any": "hospital_number"}

_ALNUM_ID = re.compile(r"(?<![a-z0-9])[a-z]{1,4}[0-9]{5,}[a-z]?(?![a-z0-9])")
# A nurse's or midwife's registration (NMC PIN: "04H1723E"): two digits, a letter, four digits, a letter.
_NMC_PIN = re.compile(r"(?<![a-z0-9])[0-9]{2}[a-z][0-9]{4}[a-z](?![a-z0-9])")
# A prison number in England and Wales ("A1234BC"): a letter, four digits, two letters
_PRISON_NUMBER = re.compile(r"(?<![a-z0-9])[a-z][0-9]{4}[a-z]{2}(?![a-z0-9])")
# A full date read out in words: "the nineteenth of april two thousand and six"
_DATE_SPOKEN = re.compile(
    rf"(?<![a-z])(?:{_ORDINAL_WORD})(?: of)? {_MONTH}\b (?:nineteen (?:[a-z]+ty|hundred)|two thousand)(?![a-z])"
    # v48 dev: a year of birth read out ("born nineteen fifty two"), as "born 1952" is refused
    rf"|(?<![a-z])born (?:in |on )?(?:(?:{_ORDINAL_WORD})(?: of)? )?(?:{_MONTH}\b,? )?(?:nineteen [a-z]+ty|nineteen hundred|two thousand)(?![a-z])"
    # v50 dev: a birthday read out with no year in figures ("born the ninth of march ninety one")
    rf"|(?<![a-z])born (?:on )?(?:the )?(?:{_ORDINAL_WORD})(?: of)? {_MONTH}\b"
    # v56 dev: a year of birth in words a few words after the cue ("born christmas day two thousand and seven")
    rf"|(?<![a-z])(?:born|dob|date of birth|birthday)(?![a-z])(?:[ ,]+[a-z0-9]+){{0,5}}?[ ,]+(?:{_YEAR_IN_WORDS})(?![a-z])"
    r"(?! (?:grams?|grammes?|g|kg|ml|pounds|lbs?|weeks?|days?)\b)")     # "born at two thousand grams"
_LONG_RUN = re.compile(r"(?<![0-9£$€])[0-9]{6,}(?![0-9])")
_GROUPED = re.compile(r"(?<![0-9])[0-9]+(?:[ \-]{1,3}[0-9]+)+(?![0-9])")
_GROUP_SEP = re.compile(r"[ \-]+")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_NUMBERS = re.compile(r"[0-9]+")
# UK vehicle registrations: current "AB12 CDE" in any case; older prefix "A123 BCD" and suffix
# "ABC 123D" in capitals, or in any case after a vehicle word; anything plate-like after "reg".
_REG_CURRENT = re.compile(r"(?<![a-z0-9])[a-z]{2}[0-9]{2} ?[a-z]{3}(?![a-z0-9])")
_REG_OLD = re.compile(r"(?<![A-Za-z0-9])(?:[A-Z][0-9]{1,3} ?[A-Z]{3}|[A-Z]{3} ?[0-9]{1,3} ?[A-Z])(?![A-Za-z0-9])")
_REG_CUE = re.compile(
    r"(?<![a-z])(?:reg|registration|number plate|plate|plates|reg no|reg number|registration number)"
    r"(?: (?:is|was|number|no|starts?|ends?|with))*[ :=\-]{0,3}(?P<v>[a-z]{1,3} ?[0-9]{1,4} ?[a-z]{0,3})(?![a-z0-9])")
_NOT_A_PLATE_START = frozenset("at on in by to of for from till until about around after before since is was".split())
_VEHICLE_WORDS = frozenset("car van vehicle motorbike bike truck lorry taxi reg registration plate plates "
                           "drives drove driving motor transit".split())
_AGE_SEX = re.compile(r"[A-Z]{3} ?[0-9]{1,3}[MF]$")
_REG_NOT = frozenset("the and for was has his her you are not but all any can its our out who had may "
                     "yes him she way day now new old one two how see".split())


# What happened when, not who: "incident date 03/09/2026", "assaulted on 3.9.2026". Only with no
# birth cue anywhere in the message ("dob", "born", "birthday").
_INCIDENT_CUE = re.compile(
    r"(?<![a-z])(?:incident|assault\w*|attack\w*|happened|occurred|injur\w*|attended|police (?:called|attended|came)"
    r"|reported|on the night of)(?: [a-z]+){0,2}?(?: (?:date|on|was|of))?[ :\-]*$")


def _incident_date(d: str, m: re.Match) -> bool:
    return bool(_INCIDENT_CUE.search(d[max(0, m.start() - 40):m.start()]))


def _valid_date(day: int, month: int) -> bool:
    return (1 <= day <= 31 and 1 <= month <= 12) or (1 <= month <= 31 and 1 <= day <= 12)


def _date_year(year: str) -> bool:
    return len(year) == 2 or 1900 <= int(year) <= 2099


def _nhs_check_digit_ok(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def scan_numbers(d: str, words: set[str], n: int, f: Finds) -> None:
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
            if f.free(m) and (m[2] or m[1] not in NI_COMMON_PREFIX):
                f.add(m, "ni_number")
    if n >= 4:
        birth = "born" in words or any(h in d for h in _DOB_HINTS)
        for m in _DATE_NUM.finditer(d):
            if f.free(m) and _valid_date(int(m[1]), int(m[3])) and _date_year(m[4] or m[5]) \
                    and (birth or not _incident_date(d, m)):
                f.add(m, "date_of_birth")
        for m in _DATE_SPACED.finditer(d):
            if f.free(m) and _valid_date(int(m[1]), int(m[2])) and (birth or not _incident_date(d, m)):
                f.add(m, "date_of_birth")
        for m in _DATE_ISO.finditer(d):
            if f.free(m) and 1 <= int(m[3]) <= 12 and 1 <= int(m[4]) <= 31 and (birth or not _incident_date(d, m)):
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
            if f.free(m) and (m["feast"] or numbers and (len(numbers) > 1 or len(numbers[0]) >= 4
                                                         or not _MONTH_WORDS.isdisjoint(WORD.findall(m[0])))):
                f.add(m, "date_of_birth")
    if n >= 2 and "born" in words:
        for m in _BORN.finditer(d):
            if f.free(m):
                f.add(m, "date_of_birth")
    if n >= 1 and "on" in words:
        m = _AGE_ON_DAY.search(d)
        if m and f.free(m):
            f.add(m, "date_of_birth")
    if n >= 3 and not words.isdisjoint(_CUE_WORDS):
        for m in _CUE.finditer(d):
            if f.free(m):
                group = next(g for g in _CUE_KIND if m.group(g) is not None)
                if sum(c.isdigit() for c in m["v"]) >= _CUE_MIN_DIGITS[group]:
                    phone = group == "any" and m["v"].startswith("0")
                    f.add(m, "phone_number" if phone else _CUE_KIND[group])
    if n >= 6:
        for m in _NMC_PIN.finditer(d):
            if f.free(m):
                f.add(m, "hospital_number")
    if n >= 4:
        for m in _PRISON_NUMBER.finditer(d):
            if f.free(m):
                f.add(m, "hospital_number")
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


def scan_spoken_dates(low: str, f: Finds) -> None:
    """A full date read out in words ("nineteenth of april two thousand and six")."""
    for m in _DATE_SPOKEN.finditer(low):
        if f.free(m):
            f.add(m, "date_of_birth")


def scan_spelled(d: str, f: Finds) -> None:
    """Digits read out in words: a phone number if it starts with zero, else an NHS or other number."""
    for m in _SPELLED_DIGITS.finditer(d):
        digits, repeat = "", 1
        for w in WORD.findall(m[0]):
            if w in _REPEAT_WORDS:
                repeat = _REPEAT_WORDS[w]
            else:
                digits += _DIGIT_WORDS[w] * repeat
                repeat = 1
        if len(digits) >= 7:
            kind = ("phone_number" if digits.startswith("0") else
                    "nhs_number" if len(digits) == 10 else "hospital_number")
            f.add(m, kind)


_DIGIT = re.compile(r"[0-9]")


# v50 dev: an identifier spelled out a character at a time ("reg Y E 2 1 K P W", "posts as d a n n y 8 8"):
# seven or more single letters and digits in a row, both kinds, not a GCS score ("e 4 v 5 m 6")
_ONE_BY_ONE = re.compile(r"(?<![a-z0-9])(?:[a-z0-9] ){6,}[a-z0-9](?![a-z0-9])")
_GCS = re.compile(r"e ?[1-4] ?v ?[1-5] ?m ?[1-6]")


def scan_registrations(s: str, low: str, words: set[str], f: Finds) -> None:
    """UK vehicle registrations (see the package docstring), and anything spelled out a character at a time."""
    if _DIGIT.search(low):
        for m in _ONE_BY_ONE.finditer(low):
            run = m[0].replace(" ", "")
            if sum(c.isalpha() for c in run) >= 2 and any(c.isdigit() for c in run) and not _GCS.search(m[0]) and f.free(m):
                f.add(m, "vehicle_registration" if _REG_CURRENT.fullmatch(run) else "social_media")
                break
        vehicle = not words.isdisjoint(_VEHICLE_WORDS)
        for m in _REG_CURRENT.finditer(low):
            if f.free(m) and (m[0][-3:] not in _REG_NOT or vehicle):
                f.add(m, "vehicle_registration")
                break               # one is enough for the verdict (bounds the worst case)
        for m in _REG_OLD.finditer(s):
            if not vehicle and _AGE_SEX.search(m[0]):
                continue            # "UTC 45M wrist inj": an age and sex after a service, not a pre-1983 plate
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
                lead = m["v"].split()[0] if " " in m["v"] else ""
                if lead in _NOT_A_PLATE_START:
                    continue                # "the on call reg at 02:40": "reg" is the registrar, "at 02" a time
                if f.free(m) and any(c.isdigit() for c in v) and any(c.isalpha() for c in v) and len(v) >= 4:
                    f.add(m, "vehicle_registration")
                    break               # one is enough for the verdict (bounds the worst case)
