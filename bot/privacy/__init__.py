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
  2 weeks ago"); "born (in/on) ... <year>"; "born the ninth of March ..." read out; "dob is Christmas
  Day 1979". Any full date is refused because the guard cannot tell a date of
  birth from another date (clinicians should use ages and relative times, "last Tuesday"), except right
  after an incident cue ("incident date 03/09/2026", "assaulted on ...") in a message with no birth cue.
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
  "Name: ...", "surname Doe"; "called / named / known (to us) as / goes by / goes under the name of
  <Capitalised word>";
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
  Version 3, names without an obvious cue: a nickname in quotes after "goes by"/"known as"/"aka"
  ("goes by 'the tank'"), any uncommon word after "goes by" ("he goes by dorvan"; "goes by bus",
  "as the weeks go by" pass); a listed first name after job and wider-family words and in-laws
  ("our receptionist sharon", "brother in law frank", "auntie pat"); a hyphenated first name with a
  listed part after "called" or a role ("called jo-example"); professional titles and police ranks
  before a surname ("Dr Example", "dr example", "prof example", "PC Example"; not "dr said", "dr appt",
  "Dr Martens", "Dr Gray's Hospital"); a word set off by commas after a role or an age ("her 9 yo,
  example, ...", "her son, example, ..."; not "her son, sadly," or "her partner, drunk,"); after a role
  word, "is/was called/named" and any word that is not an insult or a common word ("the ex is called
  example"; "her son is called names", "she is called stupid" pass). The first-names list has a
  second file, data/privacy/first_names_world.txt: about 10,000 names of many languages (from Faker's
  MIT-licensed lists) with every everyday English word left out, plus Welsh and Gaelic names by hand.
- [social_media] any @handle ("@someone_01"); after a platform word (insta, snapchat, tiktok,
  facebook, twitter, gamertag, username, ...) a word holding a digit, dot or underscore ("his insta
  is big_dave_1999"), or any uncommon word after "is"/"as"/":" ("on tiktok as dazza").
  "he checks her instagram" passes.
- [address] (v2) house names after "lives at"/"moved to"/"staying at" ("The Old Rectory", "Ivy
  Cottage": two or more words ending in a house word, not starting with a/her/his/the + lower
  case), "house/home is called ...", and flats: "flat 3 willow court", "apartment 4, the maltings"
  ("flat 3 on the first floor", "room 3 in the old block", "bed 4 bay 2" pass); a street whose
  name and street word are both capitalised after on/off/at/in, without a number ("at her nan's on
  Meadow View"; "on the high street" and "on Ward 4" pass); a room at a capitalised place ("room 12
  at the Travelodge"; "room 3 in Minors" passes); a number then "the" and a street word ("14a, the
  crescent").
- [address] (v3) a house or farm named in capitals after a place word ("at Example Farm", "back to
  Example Cottage", "from Old Example Barn"; Farm, Lodge, Cottage, Barn, Manor, House, Hall, Mill,
  Grange, ...). Civic and public buildings ("the Town Hall", "Opera House") and a house word before a
  service ("Example House Surgery") pass; a message in Title Case is not read this way.
- [vehicle_registration] current UK plates "AB12 CDE" in any case; older prefix "A123 BCD" and
  suffix "ABC 123D" formats in capitals, or in any case after a vehicle word (car, van, drives,
  reg, ...); a plate-like value after "reg"/"registration"/"number plate". "on the A1 all day"
  and "vitamin B12 and folate" pass. Anything spelled out a character at a time (seven or more
  single letters and digits, both kinds: "Y E 2 1 K P W", a handle "d a n n y 8 8"; not a GCS
  score "e 4 v 5 m 6") is refused as a plate when it is shaped like one, else as a handle.

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
("3 main road crossings"); "lives at 14" or "at number 1" followed by a place word; a colleague named
with a title ("Dr Example"); a public or business building named "<Name> House/Hall/Mill" after "at".

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

from . import contacts, names, numbers, unknown_names
from .text import O_AS_ZERO, WORD, Finds, count_digits, lower_ascii, normalise
from .verdict import CLEAR, KINDS, MAX_CHARS, TOO_LONG, Verdict

__all__ = ["KINDS", "MAX_CHARS", "Verdict", "check"]


def check(text: str) -> Verdict:
    """Decide whether `text` may go any further. Pure: nothing about `text` is kept."""
    if not isinstance(text, str):
        raise TypeError("privacy.check() expects a str")
    if len(text) > MAX_CHARS:
        return TOO_LONG
    s = normalise(text)
    if not s:
        return CLEAR
    low = lower_ascii(s)
    words = set(WORD.findall(low))
    n_digits = count_digits(s)
    d = low
    if n_digits and "o" in low:                # "O77OO 9OO123": O touching a digit reads as 0
        d = O_AS_ZERO.sub(lambda m: "0" * len(m[0]), low)
        n_digits = count_digits(d)
    f = Finds()
    contacts.scan_email(low, words, f)
    if n_digits >= 1:
        contacts.scan_postcodes(s, low, words, n_digits, f)
        if not words.isdisjoint(contacts.ADDRESS_WORDS):
            contacts.scan_address(s, low, f)
        numbers.scan_numbers(d, words, n_digits, f)
    if len(words & numbers.SPELLED_GATE) >= 2:
        numbers.scan_spelled(low, f)
    if not words.isdisjoint(("nineteen", "thousand", "born", "twenty")):
        numbers.scan_spoken_dates(low, f)
    contacts.scan_handles(s, low, words, f)
    contacts.scan_house_names(s, low, words, f)
    contacts.scan_named_places(s, low, words, f)
    numbers.scan_registrations(s, low, words, f)
    if names.scan_names(s, low, words) or names.scan_lower_names(low, words) or unknown_names.scan_unknown_names(low, words):
        f.kinds.add("name")
    return Verdict(True, tuple(f.kinds)) if f.kinds else CLEAR
