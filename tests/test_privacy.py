"""The privacy guard as a clinician meets it: identifiers are refused with the right kind, the
explanation never echoes the message, and ordinary clinical messages pass.

Test data rule: only synthetic identifiers from published test ranges - NHS numbers 999 xxx xxxx,
Ofcom drama numbers (07700 900xxx, 0113/0161 496 0xxx, 020 7946 0xxx, 01632 960xxx), example.com
emails, National Insurance prefix QQ (never issued), ZZ/XX postcodes (no such areas), "Jane Doe".
"""
from __future__ import annotations

import dataclasses
import json
import logging
import re
from pathlib import Path

import pytest

from bot.privacy import KINDS, MAX_CHARS, Verdict, check


def with_check_digit(first_nine: str) -> str:
    """A 10-digit NHS number with a valid modulus-11 check digit (None if that prefix has none)."""
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1)))
    check_digit = (11 - total % 11) % 11
    return None if check_digit == 10 else first_nine + str(check_digit)


VALID_NHS = [n for n in (with_check_digit(f"999{i:06d}") for i in (123456, 100200, 345678, 765432)) if n]
assert len(VALID_NHS) >= 3 and all(n.startswith("999") for n in VALID_NHS)
INVALID_NHS = next(VALID_NHS[0][:9] + str(d) for d in range(10) if VALID_NHS[0][:9] + str(d) != VALID_NHS[0])


def spaced(nhs: str, sep: str = " ") -> str:
    return f"{nhs[:3]}{sep}{nhs[3:6]}{sep}{nhs[6:]}"


BLOCKED = {
    "nhs_number": [
        f"NHS number {spaced(VALID_NHS[0])}",
        VALID_NHS[1],
        spaced(VALID_NHS[2], "-"),
        f"her nhs no is {spaced(VALID_NHS[0], '')} thanks",
        spaced(INVALID_NHS),                      # check digit fails: still refused
        "999 123 4567",
        "9991234567",
        "999-123-4567",
        "nhs no 99912",                           # a partial number after the cue
        "NHS 999 0000 042",                       # 3-4-3 grouping after the bare word
        "nhs no.=999_000_0113",                   # underscores
        "nhs: 999,000,0148",                      # commas
        "NHS number ending 0083",                 # the last digits only
    ],
    "postcode": [
        "she lives at ZZ99 3WZ",
        "zz99 3wz",
        "ZZ993WZ",
        "postcode XX1A 1XX please",
        "moved to xx1 9xx last month",
        "her postcode is ZZ99",                   # a partial code after the word
        "postcode z z 9 9 3 w z",                 # spelled out
    ],
    "address": [
        "lives at 14 Acacia Avenue",
        "flat 3, 22 High Street",
        "22 high st",
        "she's staying at 5a Mill Lane",
        "her address is 3 The Close",
        "8 Example Court, Exampletown",           # "court" counts after a capitalised word
        "lives at no. 14 on acacia avenue",
        "staying at no 6",
    ],
    "phone_number": [
        "her mobile is 07700 900123",
        "07700900123",
        "+44 7700 900123",
        "+447700900456",
        "0044 7700 900789",
        "(0113) 496 0123",
        "0113 4960123",
        "020 7946 0123",
        "0161 496 0999",
        "01632 960123",
        "07700-900-123",
        "+1 202 555 0123",
        "call her on 496 0123",
        "she's on 07 700 900 123",
        "her mob ends 900126",
        "call on oh seven seven oh oh nine oh oh one two five",
    ],
    "email": [
        "jane.doe@example.com",
        "JANE.DOE@EXAMPLE.COM",
        "email her at jane_doe+dv@example.com today",
        "jane @ example.com",
        "jane at example dot com",
        "jane(at)example(dot)com",
        "her gmail is janedoe123",
        "jane@example",
    ],
    "date_of_birth": [
        "DOB 12/03/1985",
        "12/3/85",
        "born 12.3.85",
        "1985-03-12",
        "12-03-1985",
        "12 03 1985",
        "12th March 1985",
        "12 march 1985",
        "March 12 1985",
        "March 12, 1985",
        "12 Mar '85",
        "d.o.b. 12/3/85",
        "DOB: 120385",
        "date of birth is March 1985",
        "born in 1985",
        "born on the 12th of March 1985",
        "12031985",
        "DOB 12 mar",                             # day and month after the cue, no year
        "birthday 12th March",
        "dob: twelfth of march 1985",
    ],
    "ni_number": [
        "NI number QQ 12 34 56 C",
        "QQ123456C",
        "qq 12 34 56 c",
        "QQ-12-34-56-A",
        "QQ 123456 B",
        "qq 123 456 c",                           # 3-3 grouping with the suffix letter
    ],
    "hospital_number": [
        "MRN 12345678",
        "MRN: 1234",
        "hospital number K123456",
        "hosp no. 4567890",
        "unit number A12345",
        "RXX1234567",
        "patient number 556677",
        "patient id 5566",
        "crime ref 12345/24",
        "his record 12345678 shows two visits",
        "ref 1234567",                            # a standalone run of 6+ digits
        "A&E no 1234567",
        "ED number 2345678",
        "case ref: ABC/12345",
        "attendance no. 12345",
        "crime no 01/123456/25",
    ],
    "name": [
        "her name is Jane",
        "her name is jane",
        "HER NAME IS JANE",
        "his name's John Doe",
        "Name: Jane Doe",
        "surname Doe",
        "she's called Jane Doe",
        "a woman called Jane Smith",
        "named Jane by her mum",
        "known as Janey",
        "Mrs Doe",
        "mrs doe",
        "Mr. Doe",
        "Mr Doe came in with her",
        "Ms Roe",
        "Miss Doe",
        "Mx Doe",
        "Mr and Mrs White",
        "the patient is Jane Doe",
        "pt is Jane",
        "her partner is Dave",
        "Patient: Jane Doe",
        "her husband John has been controlling",  # a role word then a capitalised word
        "partner (Dave) was waiting outside",
        "Dave (partner) hit her",
        "the patient, Jane Doe, disclosed",
        "her ex, Dave Smith, has a non-mol",
        "son Tommy is 5",
        "pt J Bloggs attended",                   # an initial before a surname
        "perp is Gary Smith",
        "mother of Jane Doe",
        "re: Jane Doe",
        # v2: lower-case names where the position says a name comes next (synthetic names)
        "the ex is called bradley",
        "her fiance owen has her phone",
        "his husband, ray, shouts at him",       # an everyday-word name set off by commas
        "the woman, known as kasia, is staying with us",
    ],
    "social_media": [
        "he watches her as @made_up_person_7 on tiktok",
        "her tiktok is fake.person.22",
        "he's on snapchat as kaz_x",
        "insta: @not.a.real.one",
    ],
    "vehicle_registration": [
        "his car is ZZ12 XYQ",
        "the van reg is yy70 qwe",
        "he drives an old Q12 XYZ",
        "his motorbike is XYZ 123Q",
        "reg starts AB12",
    ],
}
BLOCKED["address"] += [
    "she's moved to Pear Tree Cottage",
    "the house is named brookside",
    "flat 9, ocean heights",
    "apartment 21 the wharf",
]
BLOCKED_CASES = [(text, kind) for kind, texts in BLOCKED.items() for text in texts]


@pytest.mark.parametrize("text,kind", BLOCKED_CASES)
def test_identifier_is_refused_with_its_kind(text, kind):
    verdict = check(text)
    assert verdict.blocked
    assert verdict.kinds == (kind,)


def test_every_kind_is_covered_by_the_tests():
    assert set(BLOCKED) == set(KINDS)


def test_message_with_two_kinds_reports_both_sorted():
    verdict = check("Mrs Doe, mobile 07700 900123")
    assert verdict.kinds == ("name", "phone_number")
    verdict = check(f"her name is Jane, NHS {spaced(VALID_NHS[0])}, DOB 12/03/1985, ZZ99 3WZ")
    assert verdict.kinds == ("date_of_birth", "name", "nhs_number", "postcode")


def test_identifier_inside_ordinary_sentence_is_refused():
    text = ("she has been hit several times, he has strangled her twice and her "
            "phone is 07700 900123 if the IDVA needs it")
    assert check(text).kinds == ("phone_number",)


# ---------------------------------------------------------------------------- the explanation

KIND_PHRASE = {
    "nhs_number": "NHS number",
    "postcode": "postcode",
    "address": "address",
    "phone_number": "phone number",
    "email": "email address",
    "date_of_birth": "date of birth",
    "ni_number": "National Insurance number",
    "hospital_number": "hospital",
    "name": "name",
    "social_media": "social media",
    "vehicle_registration": "vehicle registration",
}


@pytest.mark.parametrize("kind", KINDS)
def test_explain_names_the_kind_in_plain_words(kind):
    text = dict((k, t) for t, k in reversed(BLOCKED_CASES))[kind]
    explanation = check(text).explain()
    assert KIND_PHRASE[kind] in explanation
    assert "not been stored" in explanation or "haven't kept" in explanation
    assert "_" not in explanation                   # no snake_case codes for the clinician


def test_explain_for_date_of_birth_suggests_an_age():
    explanation = check("DOB 12/03/1985").explain()
    assert "in her 30s" in explanation and "age" in explanation


# Words the explanation legitimately uses; anything else of the message must not appear in it.
EXPLAIN_VOCABULARY = {"name", "names", "number", "numbers", "phone", "email", "postcode", "date",
                      "birth", "hospital", "record", "national", "insurance", "patient", "partner",
                      "mobile", "please", "last", "week", "woman", "pregnant", "instead", "thanks",
                      "your", "this", "that", "with", "have", "been", "from", "said", "address",
                      "example"}                     # "For example: ..." vs example.com addresses


@pytest.mark.parametrize("text,kind", BLOCKED_CASES + [
    ("Zephyrine Quillfeather told me he hit her, 07700 900123", "phone_number"),
    ("my patient Mrs Quillfeather in Brambleton, DOB 03/04/1979", "name"),
])
def test_explain_never_echoes_the_message(text, kind):
    explanation = check(text).explain()
    lowered = explanation.lower()
    for token in re.findall(r"[A-Za-z]{4,}", text):
        if token.lower() not in EXPLAIN_VOCABULARY:
            assert not re.search(rf"\b{re.escape(token.lower())}\b", lowered), token
    for digits in re.findall(r"[0-9]{3,}", text):
        assert digits not in explanation
    assert "@" not in explanation


def test_explain_is_empty_when_nothing_was_found():
    assert check("she is 34 weeks pregnant").explain() == ""


# ------------------------------------------------------------------------- ordinary messages

ORDINARY = [
    "yes", "no", "3", "0", "Yes", "don't know",
    # v2: words in name positions that are not names, places that are first names, handles without one
    "her husband will pick her up", "her partner may come", "she was called names",
    "he called her useless", "the ex is called out a lot", "she moved to florence", "her sister in chelsea",
    "he checks her instagram", "he posts about her on facebook all the time", "she lives at home",
    "she lives in a flat on the first floor", "room 3 in the old block", "bed 4 bay 2", "on the A1 all day",
    "PHQ9 of 18 and GAD7 of 12", "vitamin B12 and folate", "she's at her mums house",
    "he hit her at easter and again in may", "dose of 20 mg", "she named her abuser to police",
    "she has 2 children under 5",
    "he has been called out by police 4 times in 12 months",
    "police have been called 3 times since January",
    "she is 34 weeks pregnant", "6/52 pregnant", "seen 3/12 ago",
    "aged 67", "she's 67", "she is in her 60s", "a woman in her 30s",
    "call 999", "called 999 at 2am", "ring 101 or 111", "text 18000 or press 55",
    "ring 116 123 for the Samaritans", "the national helpline is 0808 2000 247",
    "MARAC threshold 14", "score 15", "DASH score of 14 out of 24", "score of 14",
    "he called the police last night", "I called the MASH", "I called Exampleshire Police",
    "she called Refuge yesterday",
    "I work in Exampleshire", "I'm a band 6 midwife in Northdale",
    "what is a MARAC?", "what is Clare's Law?", "it's known as Clare's Law",
    "Mrs", "Mr or Mrs?",
    "her partner is outside with a knife",
    "in the last 12 months", "since 2024", "between 2019-2021 things got worse",
    "she was seen on 12 March", "she was seen in March 2024",
    "she is called back for a scan", "he called her stupid", "she is called names by him",
    "named in the report", "I spoke to the named nurse for safeguarding",
    "our Named Midwife is off today",
    "BP 120/80, pulse 96, GCS 15", "seen 10.30-11.45",
    "she takes sertraline 50mg and zomorph mr 10mg", "vitamin b12 1st injection today",
    "she has MS and struggles with mobility", "MR scan booked", "Mx plan: refer to IDVA",
    "she might miss her appointment next week",
    "the baby was born at 34 weeks", "her baby was born 2 weeks ago",
    "do I need her DOB?", "what name should I use in the referral?", "her name is not important",
    "the patient is pregnant", "her partner is Polish", "the patient is Deaf and uses BSL",
    "her son is Year 10", "he owes £250000",
    "children aged 12 14 16 and 17", "the risk went from 10 to 17",
    "she lives in the LS1 area", "SpO2 98% on air", "tai chi 3 times a week",
    "1 in 4 women experience domestic abuse", "is name-calling abuse?",
    "the patient: female, 34", "strangled last night, petechiae on her face",
    "he has been to prison twice, in 2019 and 2021",
    # numbers near street words, and "lives at" / "address" that are not addresses
    "he has 2 family court hearings", "a 10 minute walk from the refuge", "took 2 paracetamol at the park",
    "lives 2 streets away from him", "living at 18 with her partner", "staying at 2 friends' houses",
    "need to address 2 concerns", "her address is unknown", "she lives at her mum's",
    # capitalised words after role words that are not names
    "on a Child Protection plan", "Child A and Child B", "Victim Support referral",
    "the Child Death Overview Panel", "Husband Took Her Phone", "Partner: Unemployed, drinks",
    "the patient is Scared", "partner (Polish)", "re: MARAC referral", "FAO Safeguarding Lead",
    # dates without a year, clinical shorthand, services
    "her birthday was 2 weeks ago", "MARAC on 3rd May", "2/52 post partum", "booked at 10+3/40, now 34/40",
    "GCS 15/15, HR 110, sats 94%", "hr 110 120", "sertraline 50mg od, paracetamol 1g qds",
    "email is the safest way to reach me", "NHS 111 said to come in", "the NHS 2019 long term plan",
    "one or two times a week", "bed 12, cubicle 4", "the Dr asked me to check",
    "/start@pathbot_test_bot exampleshire",      # a Telegram command addressed to the bot, not an email
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_clinical_message_passes(text):
    verdict = check(text)
    assert not verdict.blocked, verdict
    assert verdict.kinds == ()


def test_held_out_nlu_examples_all_pass():
    """The NLU team's held-out clinician phrasings must never be refused by the guard."""
    path = Path(__file__).parent / "nlu" / "test_data.yml"
    if not path.exists():
        pytest.skip("no held-out NLU data")
    lines = [m.group(1) for m in re.finditer(r"^\s*- (.+)$", path.read_text(), re.M)]
    examples = [re.sub(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})", r"\1", ln) for ln in lines]
    refused = [e for e in examples if check(e).blocked]
    assert len(examples) > 50 and refused == []


# ------------------------------------------------------------------------ trivial obfuscation

@pytest.mark.parametrize("text,kind", [
    ("\uff19\uff19\uff19 \uff11\uff12\uff13 \uff14\uff15\uff16\uff17", "nhs_number"),  # full-width
    ("999\u200b123\u200b4567", "nhs_number"),             # zero-width spaces
    ("999\u00a0123\u00a04567", "nhs_number"),             # no-break spaces
    ("999\u2013123\u20134567", "nhs_number"),             # en dashes
    ("999  123\n4567", "nhs_number"),                     # odd whitespace
    ("\u0669\u0669\u0669 \u0661\u0662\u0663 \u0664\u0665\u0666\u0667", "nhs_number"),  # Arabic-Indic
    ("O77OO 9OO123", "phone_number"),                     # letter O for zero
    ("jane.doe\uff20example.com", "email"),               # full-width at sign
    ("\uff31\uff31 12 34 56 C", "ni_number"),              # full-width letters
    ("her name\u2019s Jane", "name"),                     # curly apostrophe
])
def test_trivial_obfuscation_does_not_bypass_the_guard(text, kind):
    assert kind in check(text).kinds


# ----------------------------------------------------------------------------------- limits

def test_overlong_message_is_refused_outright_and_explained():
    verdict = check("she is frightened of him. " * 200)
    assert len("she is frightened of him. " * 200) > MAX_CHARS
    assert verdict.blocked and verdict.kinds == ()
    assert verdict.as_json() == {"blocked": True, "kinds": []}
    explanation = verdict.explain()
    assert "shorter" in explanation and "frightened" not in explanation


def test_message_at_the_limit_is_still_checked():
    padding = "she is frightened of him. " * 150
    assert check(padding[:MAX_CHARS]).blocked is False
    assert check((padding + "07700 900123")[-MAX_CHARS:]).kinds == ("phone_number",)


def test_empty_and_blank_messages_pass():
    assert check("") == Verdict(False, ())
    assert not check("   \n\t ").blocked


def test_non_text_is_rejected_without_echoing_it():
    with pytest.raises(TypeError) as excinfo:
        check(b"07700 900123")                    # type: ignore[arg-type]
    assert "07700" not in str(excinfo.value)


# ----------------------------------------------------------------------------- the contract

def test_as_json_has_exactly_the_cli_keys():
    blocked = check("jane.doe@example.com").as_json()
    assert blocked == {"blocked": True, "kinds": ["email"]}
    assert check("yes").as_json() == {"blocked": False, "kinds": []}
    assert json.loads(json.dumps(blocked)) == blocked


def test_verdict_is_frozen_and_holds_no_text():
    verdict = check("her name is Jane")
    with pytest.raises(dataclasses.FrozenInstanceError):
        verdict.blocked = False                   # type: ignore[misc]
    assert [f.name for f in dataclasses.fields(verdict)] == ["blocked", "kinds"]
    assert "Jane" not in repr(verdict)


def test_verdict_kinds_are_sorted_unique_and_known():
    assert Verdict(True, ("postcode", "name", "name")).kinds == ("name", "postcode")
    with pytest.raises(ValueError):
        Verdict(True, ("shoe_size",))


def test_guard_prints_and_logs_nothing(capsys, caplog):
    caplog.set_level(logging.DEBUG)
    for text in ["her name is Jane, 07700 900123", "yes", "x" * (MAX_CHARS + 1)]:
        check(text).explain()
    out, err = capsys.readouterr()
    assert out == "" and err == "" and caplog.records == []


def test_odd_input_never_crashes_the_guard():
    """Random mixes of digits, separators, look-alike characters and cue words: always a Verdict."""
    import random
    import string
    rnd = random.Random(20261122)
    pool = list(string.digits) + list(" -./()+@:'aAoOzZqQ\u00a0\u200b\uff10\u0661\u2013\u2019\u00e9\u0301") + [
        "name is ", "called ", "Mrs ", "DOB ", "NHS no ", "07700", "999", "Jane", "born "]
    for _ in range(3000):
        text = "".join(rnd.choice(pool) for _ in range(rnd.randint(0, 60)))
        verdict = check(text)
        assert isinstance(verdict, Verdict) and set(verdict.kinds) <= set(KINDS)


@pytest.mark.parametrize("text", [
    "she gives her name as Ewa Kowalczyk",            # "name as"
    "his nickname - he goes by gazza",                  # a short form after "goes by"
    "their home is called The Laurels",                 # "called The ..."
    "the farm is called the paddocks",
    "dob 14/02/1991, assaulted on 3.9.2026",            # an incident date beside a birth cue: refused
])
def test_names_house_names_and_a_birth_date_beside_an_incident_are_refused(text):
    assert check(text).blocked


@pytest.mark.parametrize("text", [
    "incident date 14/10/2026 in the evening",          # when it happened, not who she is
    "police attended on 2.11.2026 after a call from a neighbour",
    "she kept her maiden name as her surname", "the house is called the same thing", "he goes by bus",
])
def test_an_incident_date_and_everyday_wording_pass(text):
    assert not check(text).blocked


@pytest.mark.parametrize("text", [
    "she is staying with her aunt on Willow Crescent",     # a street in capitals, no number
    "they live above the bakery on Mill Street",
    "she is in room 7 at the Premier Inn",                 # a room at a named place
    "her address - 9b, the close",                         # a number and "the <street word>"
    "known to us as Sam Example",
    "he is known to the police as spud",
    "goes under the name of Tia Example",
])
def test_streets_rooms_and_names_without_the_usual_cue_are_refused(text):
    assert check(text).blocked


@pytest.mark.parametrize("text", [
    "she was seen on Ward 4", "he parks on the high street", "room 3 in Minors", "in room 3 at the hospital",
    "she is known to services as a drug user", "in the name of safety", "lives in a flat on a busy road",
])
def test_wards_rooms_and_everyday_naming_words_pass(text):
    assert not check(text).blocked


# ------------------------------------------------ v3: identifiers without an obvious cue (issue #10)
# Invented names only (Quillon, Marisette, Dorvan, Tamsk, Brennoch ...): each concept refused in
# several shapes, and the everyday wording that looks like it passes.

@pytest.mark.parametrize("text", [
    # a nickname in quotes, or any word, after "goes by" / "known as" / "aka"
    "her ex goes by 'the tank' round the estate", 'he goes by "quill", says the patient',
    "known as 'marsh' to his mates", "partner aka 'smiler' controls the money", "he goes by dorvan now",
    # a listed first name straight after a job or role noun, and after in-laws
    "our receptionist sharon says her husband shouts at her", "her social worker gemma is aware",
    "the practice nurse Quillon Example saw her", "her sister-in-law louise keeps her bank card",
    "mother in law patricia hits the kids", "her husband's mum, auntie pat, is controlling",
    "his nan rose told us", "brother in law, frank, threatens her",
    # a hyphenated first name after "called" or a role
    "the ex is called jo-marisette", "her daughter lily-dorvan is 6", "he's called 'Tamsk'",
    # a title and a surname, in any case
    "dr quillon on nights raised it", "Dr Marisette has seen her", "prof dorvan is the consultant",
    "PC Brennoch attended", "cllr tamsk lives next door",
    # a name set off by commas after an age or a role
    "her 9 yo, brennoch, saw it all", "his 15 year old son, dorvan, is staying away",
    "her 6 month old, marisette, was in the room", "her son, tamsk, is 4",
    # a house or farm named in capitals after a place word
    "she is going to her sister's at Brennoch Farm", "taking her back to Marisette Cottage tonight",
    "he turned up at Quillon Lodge", "she works near Dorvan Manor", "moving from Old Tamsk Barn",
])
def test_identifiers_without_an_obvious_cue_are_refused(text):
    assert check(text).blocked, text


@pytest.mark.parametrize("text", [
    # naming words that are not nicknames
    "he goes by bus", "as the weeks go by she gets more scared", "she went by ambulance",
    "she went by herself", "he is known as a heavy drinker", "he calls her 'fat' and 'useless'",
    "she is called 'stupid' by him", "he 'disciplines' the children",
    # job and family words with no name
    "the receptionist said he was shouting in the waiting room", "our receptionist is worried about her",
    "the receptionist rang me", "mum", "auntie", "her auntie will collect her", "her nan may come too",
    "her brother in law is violent", "her mother-in-law controls the money", "the gp surgery",
    "the practice nurse Practitioner role", "her social worker is off sick", "the officer in charge",
    # doctors without a name
    "dr said she should come back", "the dr thinks it is a fracture", "dr appt on monday",
    "saw the dr yesterday", "the dr's letter", "dr visiting later", "the doctor on call", "on the pc",
    "Dr Martens boots were used to kick her", "seen at Dr Gray's Hospital",
    # commas after an age or a role that do not hold a name
    "her 11 yo, sadly, saw it all", "her 4 yo, though, was asleep", "her son, unharmed, was at school",
    "her partner, however, denies it", "her 8 yo, adhd, is at school", "her son, four, was there",
    "her husband, abroad, sends threats", "her partner, sometimes, checks her phone",
    # farms, halls and houses that are not a patient's home
    "she went to the Town Hall", "the Village Hall group on tuesdays", "at the farm", "lives on a farm",
    "going to the Royal Albert Hall", "went to Christmas at the Community Hall",
    # wards, places, months, festivals, drugs, services, numbers
    "bay 4 on ward 12", "34 weeks", "aged 19", "he hit her at easter", "in may", "at diwali",
    "sertraline 100mg", "referred to Refuge and Women's Aid", "the incident was last friday",
    # "reg" is also the registrar, and a time after it is no plate
    "reviewed by the med reg at 03:15", "night reg at 4am said no fracture",
])
def test_look_alikes_of_uncued_identifiers_pass(text):
    assert not check(text).blocked, text


@pytest.mark.parametrize("text", [
    # a person "is called" / "was named" something that is not an insult or a common word
    "her partner is called zorvath and drinks", "the ex was named brennick, she thinks",
    "mil is called quorra and shouts at her",
    # names of many languages after a role word (first_names_world.txt), and Welsh and Gaelic names
    "her husband wojciech checks her phone", "her boyfriend emeka took her keys",
    "her sister seren rang the practice", "her brother oisin is worried",
])
def test_a_person_called_something_and_names_of_many_languages_are_refused(text):
    assert check(text).blocked, text


@pytest.mark.parametrize("text", [
    "her son is called names at school", "the patient was called in for a scan", "she is called stupid by him",
    "her partner is called out at night", "the woman is called beautiful by him", "her partner was called up",
    "her husband works nights", "her partner drinks every day", "her sister rang the ward worried",
    "her brother lives in lincoln", "she was seen on christmas eve", "the patient named her partner",
])
def test_called_and_role_words_before_ordinary_words_pass(text):
    assert not check(text).blocked, text


@pytest.mark.parametrize("text,blocked", [
    ("she calls her husband big steve, he controls the money", True),   # what one person calls another
    ("he calls him little tony", True), ("he calls her stupid", False), ("she called her sister", False),
    ("he called her back twice", False), ("he calls her fat cow", False),
    # "reg" is also the registrar: a preposition then a time is not a number plate
    ("seen by the night reg at 01:15, no fracture", False), ("the reg on call at 4am saw her", False),
    ("his car reg is AB12 CDE", True),
])
def test_what_someone_is_called_and_the_registrar_at_a_time(text, blocked):
    assert check(text).blocked is blocked, text


@pytest.mark.parametrize("text", [
    # a word on no list, in a name position (invented names)
    "zanthira says her husband takes her wages",
    "quorvelle rang the ward to say he is outside",
    "seen with brindamar today, bruising to her arms",
    "the ex has a brother, name of drevoski",
    "the twins are called osbeline and tamsk",
    "velandro okwuzie 34 attended with a head injury",
    "her cousin, hope, says he took her bank card",
    # a listed name made a nickname with "o", one letter from an English word
    "her fella deano took her phone", "his brother robbo keeps turning up",
    # a listed name that is also a word, with a surname on no list and an age; "hes called"; "registered as"
    "Faith Okonkwo-Example, 41, says her son takes her pension", "shes called wren, 19, says her bf hits her",
    "he is registered as Callum Example, says his wife hits him",
    # v22 dev concepts, my own synthetic identifiers: a name that is also a word with a surname on no
    # list opening the message; a hyphenated name with a listed part; a handle before "on snap"; a home
    # named after "lives in" with "the bungalow"
    "hope examplewood in year 10 says her stepdad hits her mum",
    "lily-example at the nursery says daddy hurt mummy",
    "exampleboi99 on snap keeps threatening her", "big_example on insta sends her threats",
    "lives in Example Lea, the cottage by the church, with her husband",
    # v23 dev concepts, my own synthetic identifiers: a listed name set off by commas; a listed name and
    # a surname near an English word with an age after; a person named by their bed or ward; a number
    # and capitalised cottages
    "she cleans at the leisure centre, Priya, and he follows her home",
    "the lad in bay 2 is kyle examplesby, 16, says his stepdad hit him",
    "marcus in bed 6 says his girlfriend burnt him", "its bethany from ward 9 again",
    "she's at 3 Example Cottages behind the pub",
    # v24 dev concepts: "pt named <name>", a listed name with an age or a role opening the message
    "pt named example says his wife bites him", "jordan 28 from the hostel says his partner hits him",
    "Chloe the receptionist at the garage, her ex keeps turning up",
    "Ms B Examplewicz, 41, asking about refuges",
    # v26 dev, my own words: an age in brackets after a name, an initial and a surname with an age, a
    # family named by a hyphenated surname
    "my patient violet (79) says her son shouts at her", "j examplethwaite, 54, says her husband hits her",
    "the examplonga-smiths next door, he hits her",
    "chloe on reception at the dental practice, her partner hits her",     # v28 dev, my own words
    "the lad Callum Example who comes to clinic says his stepdad hits him",   # v29 dev, my own words
    "her husband gurpreet checks her phone", "pt manjit examplewal, 44, says her son shouts",
    "visited will examplethorpe at the farm, his son pushes him",          # v30 dev, my own words
    # v31 dev concepts, my own words: pronouns in brackets after a name, a double-barrelled name with
    # "mae", a hall of residence written out after commas
    "alex o'example (they/them) says their partner reads their messages", "kim example (she/her) attended",
    "her son archie-mae's dad hits her", "flat 3, Exampleton Halls, her ex got in",
    "megan on the checkouts at the big supermarket says her bf hits her",     # v32 dev, my own words
    # v33 dev concepts, my own words: "'s called" after a role, a three-letter surname opening the message
    "her daughter's called exmoor and she is 19", "james orr, 44, says his wife hits him",
    # v35 dev concepts, my own words: a prison number, a forces rank before a name
    "prisoner number B9999XZ, says his partner threatens his mum", "LCpl Example on the ward says his wife hits him",
    # v37 dev concepts, my own words: a Cornish farm name, a name with where they work, a name with an age
    "they farm at Examplewick Barton, he hits her", "will from the garage on the high street says his wife hits him",
    "fiona at the chemist told me her son takes her pension", "chloe is 19 and her boyfriend checks her phone",
    # v38 dev concept, my own words: a bride or groom named ("the groom is <name>")
    "the groom is Examplesingh, the family arranged it", "her bride is priya and they married last spring",
    # v40 dev concept, my own words: a name (also a word) opening the message, set off, with an age or a gestation
    "hazel, 24/40, says her partner reads her texts", "priya, 31, says her husband shouts", "ruby, 16wks, says he pushed her",
    "this is about aleksandra examplewicz from the corner shop, her son takes her money",   # v41
])
def test_a_name_on_no_list_in_a_name_position_is_refused(text):
    assert check(text).blocked, text


@pytest.mark.parametrize("text", [
    # typos of English words, everyday words and services in the same positions
    "pateint says he hits her", "hsuband said she fell down the stairs", "boyfreind says it was an accident",
    "sorry says she is fine now", "seen with bruising today", "came in with abdominal pain",
    "I called Exampleshire Police", "the ward is called maternity", "hubby says he will collect her",
    # a name that is also a verb, after a role and a comma, with a pronoun after it: the verb
    "she left with her mum, hope she gets home ok", "her brother, will he be allowed to visit",
    # clinical words the everyday list lacks, in name positions
    "came in with petechiae round her eyes", "seen with subconjunctival haemorrhage", "he is registered as disabled",
    # an age and sex after a service ("UTC 45M") is not an old number plate; "mrs came in"; "a dr without him"
    "UTC 52F wrist injury, says her partner twisted it", "OOH 30M hand injury from punching a door",
    "mrs came in about her blood pressure", "she is not allowed to see a dr without him",
    "lives in Leeds, the city centre, with her partner", "she gets 20 messages on snap a day from him",
    "pt in bay 4 says her husband hit her", "she is in bed 3 now", "two cottages down from her mum",
    "pt named her abuser to police", "patient 31 from the hostel says", "mum the patient says he hit her",
    "MR A scan booked for next week", "Ms A said she was fine",
    "her son (17) was there", "bruises (3) on her arm", "the follow-ups are booked", "the in-laws are visiting",
    "a 67 year old lady", "b12 injection, 3 monthly",
    "room 3 at the Examplebury health centre is free after 2",       # where the clinician works, v27
    "summer hols start soon, worried she will be taken abroad",       # v28
    "Im a practice nurse and Ive been shouting at my wife",          # v29: contractions without apostrophes
    "saw rose bushes trampled in the garden, he did it in a temper",  # v30: a name-word before a word
    "young person (they/them) says their partner hits them", "her partner (he/him) shouts at her",   # v31
    "enby (they/them) patient, ex outs them online", "student in halls, her ex has a key",
    "her son is named after his grandad who hit her", "her son's called names at school",     # v33
    "sarah dnr, discussed with family", "mary lmp unsure, booking bloods",
    "her boyfriend OD'd last month and she was blamed", "maj haemorrhage protocol called, partner in the relatives room",  # v35
    "nurse from the ward says the partner shouted", "mum from the toddler group said her ex hits her",   # v37
    "the bride is 17 and frightened", "the groom is much older, she was sent abroad", "bride was crying",   # v38
    "15 year old for contraception, Fraser competent, no concerns", "the pt is Gillick competent, seen alone",   # v40
    "may, 3 weeks after the assault she came back", "june 12 weeks, booking bloods", "bruises, 3, on her arm",
    "june 2024 she left him and moved to her sister's", "april 2023 he was cautioned",    # v41: a month and a year
])
def test_typos_and_everyday_words_in_name_positions_pass(text):
    assert not check(text).blocked, text


def test_the_quick_no_name_test_skips_only_messages_with_no_name_and_no_word_on_no_list():
    from bot.privacy.names import no_name_candidate
    from bot.privacy.text import WORD

    def skipped(text):
        return no_name_candidate(text, set(WORD.findall(text)))
    # a listed name (also a word), a word on no list, a typo, a hyphenated word: the name positions are read
    for text in ("summer says he hits her", "patient ayomide says", "pateint says he hits her",
                 "seen with jo-al today"):
        assert not skipped(text), text
    # English words, short forms and roles only: nothing to read
    assert skipped("pt says her husband hits her and checks her phone")
    assert skipped("she has bruises on both arms, idva referral done")


@pytest.mark.parametrize("text", [
    # a listed first name with a capitalised surname anywhere, or after "she is" (invented surnames)
    "Yusuf Quennell-Brisk came in with his partner, she looked frightened",
    "our staff nurse Priya Vantongeren disclosed her husband hits her",
    "the girl is Amara, in year 4 at the local primary",
    # accents folded before the name lists are read
    "her partner Siân has been checking her phone",
    # spoke to a person by name; a name at a place who says something
    "spoke to tindrelle at the front desk, she has a cut lip",
    "spoke w aoife earlier, she says he took her keys",
    "olusegun at the school says mum has bruises",
    # registrations and dates read out in words, house names in lower case or quotes, streets after a comma
    "her NMC pin is 12Z3456Y, she works on our ward",
    "born on the third of may nineteen ninety two, partner controlling",
    "went out to brackenvale farm, dad was shouting",
    "home visit at 'Quellmoor', dog in the garden",
    "she is staying at her sister's, Fernwick Avenue",
    "The Old Rectory, Example Village - that's the house",
])
def test_v13_names_places_and_numbers_without_the_old_cues_are_refused(text):
    assert check(text).blocked, text


@pytest.mark.parametrize("text", [
    "what is Clare's Law?", "she was moved to the Florence Nightingale ward", "he supports Example Town",
    "admitted to Victoria Infirmary overnight", "booked into St Thomas clinic", "Mark Twain quote on her wall",
    "seen on the fourth of july, nineteen days after the assault", "visit to the farm, dogs loose",
    "spoke to her today about the referral", "spoke with police this morning", "Church Road Surgery referral sent",
    "NMC referral considered for the nurse", "she's Polish and speaks little English",
])
def test_v13_look_alikes_of_names_places_and_numbers_pass(text):
    assert not check(text).blocked, text


@pytest.mark.parametrize("text,blocked", [
    ("seen with priya kaur today in clinic", True),
    ("saw young tomasz nowak at the drop-in", True),
    ("AP = Example 'Ex' Quennell, 41", True),
    ("AP: Liam Example, works nights", True),
    ("he messages her on tinder as lonelyboy_88", True),
    ("she lives on a houseboat, Example's Rest, moored by Example lock", True),
    ("17yo, attended alone, Fraser guidelines met", False),
    ("older lady, Waterlow 16, grade 3 heel sore", False),
    ("her boyfriend, fraser, has been checking her phone", True),
    ("saw young people at the youth club today", False),
    ("met the idva at the refuge this morning", False),
])
def test_v14_names_seen_with_eponyms_platforms_and_boats(text, blocked):
    assert check(text).blocked is blocked, text


@pytest.mark.parametrize("text,blocked", [
    ("seen w maisie today, her bf hits her", True),
    ("quillon in Y3 at Example Primary says dad shouts", True),
    ("lives Example Cottage nr the post office", True),
    ("St Example's RC, year 5", True),
    ("she lives at Examplefa, the bungalow by the shop", True),
    ("her sister-in-law zorvanne comes to every appointment", True),
    ("nursery say little ella-mae has bruises", True),
    ("my husband doesnt hit me but he checks my phone", False),
    ("her brother-in-law comes in with her", False),
    ("lives at home, near the park", False),
    ("school nurse at the local primary is worried", False),
    ("little one is thriving, mum tired", False),
])
def test_v15_names_after_kin_little_and_w_schools_and_houses(text, blocked):
    assert check(text).blocked is blocked, text


@pytest.mark.parametrize("text,blocked", [
    ("pharmacist here - jessica okonkwo asked for emergency contraception", True),
    ("district nurse visit, dorothy abernethy-smythe has new bruises", True),
    ("had jasmine in again, her partner took her bank card", True),
    ("spoke about Katarzyna Wolanczyk at the MDT", True),
    ("so Mohamad Quereshi came in with his wife", True),
    ("she is on Depo Provera and worried about her weight", False),
    ("had bloods in today, all normal", False),
    ("moved to Ystrad Mynach last year with the kids", False),
    ("had a baby in march, partner controlling", False),
    ("the grace period on the loan ran out, partner controls the money", False),
])
def test_v16_names_anywhere_spellings_of_names_and_patients_had_in(text, blocked):
    assert check(text).blocked is blocked, text


@pytest.mark.parametrize("text", [
    "patient ayo says her partner hits her",
    "her sister temi said he pushed her",
    "pt adaeze says her husband took her passport",
    "her boyfriend oluwaseun keeps checking her phone",
])
def test_short_names_and_names_on_no_list_between_a_role_and_a_verb(text):
    assert "name" in check(text).kinds


@pytest.mark.parametrize("text", [
    "patient apparently says he hits her",
    "her partner reportedly hit her",
    "pt tearful says he hit her",
])
def test_an_adverb_between_a_role_and_a_verb_is_not_a_name(text):
    assert not check(text).kinds


@pytest.mark.parametrize("text", [
    "her name's hope and her partner takes her wages",
    "his name is oskarsson, wife hits him",
    "pt faith drummelow 19",
    "the client, heather vantongeren, says her son took her pension",
    "marek dunleavy is the pt, says his brother threatens him",
])
def test_v17_names_after_name_is_a_role_or_before_is_the_patient(text):
    assert "name" in check(text).kinds


@pytest.mark.parametrize("text", [
    "her name is on the housing list",
    "pt grace period for the rent arrears ends friday",
    "mum, still tearful, says he took the car",
    "non binary pt, partner misgenders them and threatened to out them at work",
    "her partner deadnames her in front of family",
])
def test_v17_look_alikes_of_names_pass(text):
    assert not check(text).kinds


@pytest.mark.parametrize("text", [
    "the crew member is tendai from the day shift, she's frightened of him",
    "thabo nkosi 41, injuries to his face",
    "delroy hughes out on licence, her ex",
])
def test_v17_more_names_a_member_of_a_crew_and_a_surname_near_a_word(text):
    assert "name" in check(text).kinds


@pytest.mark.parametrize("text", [
    "a staff member is worried about her",
    "member of staff is off sick after the incident",
])
def test_v17_members_and_names_alone_pass(text):
    assert not check(text).kinds


@pytest.mark.parametrize("text,kinds", [
    ("she's staying at Ty Example with his parents", ("address",)),
    ("moved to Bwthyn Example in the spring", ("address",)),
    ("referred to Hafod Ward for review", ()),
    ("ty for the quick reply", ()),
])
def test_welsh_house_names(text, kinds):
    assert check(text).kinds == kinds


@pytest.mark.parametrize("text,kind", [
    ("my client called juniper (that's her real name) says he controls her money", "name"),
    ("she's called sparrow, her partner hits her", "name"),
    ("flat 12a 9 tanner row, brother threatens her", "address"),
    ("her boy goes to st cuthberts primary", "address"),
    ("cubicle 3, nadia pellow, partner waiting outside", "name"),
    ("pt works in the cafe on brindlecombe st, ex turns up there", "address"),
    ("pt sky hallowell, partner reads their messages", "name"),
    ("april okafor-reid says her husband hits her", "name"),
])
def test_v18_names_streets_and_schools_in_lower_case(text, kind):
    assert kind in check(text).kinds


@pytest.mark.parametrize("text", [
    "pt called ambulance herself",
    "she is called names at school",
    "she was called back for bloods",
    "works on station road",
    "in bed 4, nice lady, very chatty, husband visiting",
    "he's called a liar by his wife",
])
def test_v18_look_alikes_pass(text):
    assert not check(text).kinds


@pytest.mark.parametrize("text,kind", [
    ("she's at 22c bramble hill with the kids", "address"),
    ("her ex, big dave, has just got out", "name"),
])
def test_an_address_after_at_and_a_nickname_set_off_by_commas(text, kind):
    assert kind in check(text).kinds


@pytest.mark.parametrize("text", ["seen at 3 family court hearings", "at 9, big smile, happy baby"])
def test_numbers_after_at_and_big_smiles_pass(text):
    assert not check(text).kinds


@pytest.mark.parametrize("text,kind", [
    # v43 dev concepts, my own words: short forms of names, what everyone calls someone, a full name set
    # off by commas even when the first name is a word, a named home described after a comma
    ("her son ollie, 9, saw it happen", "name"),
    ("the husband is lenny, he drinks", "name"),
    ("her ex, who everyone calls big deano, is out of prison", "name"),
    ("she spoke to the PCSO, Rose Examplefield, yesterday", "name"),
    ("her new home is Example End, the last house on the lane", "address"),
])
def test_v43_short_names_nicknames_full_names_and_named_homes(text, kind):
    assert kind in check(text).kinds


@pytest.mark.parametrize("text", [
    "paramedic - cat 2 call at 02:15, female 70, says son pushed her",
    "she was moved to Rose Ward, bay 6",
    "her new place is a flat, the one above the chemist",
])
def test_v43_look_alikes_pass(text):
    assert not check(text).kinds


@pytest.mark.parametrize("text,kind", [
    # v45 dev concepts, my own words: a nickname after a role word, a named old building lived in
    ("her partner, big Gaz from the gym, controls her money", "name"),
    ("his brother little mikey keeps turning up", "name"),
    ("she lives in the old toll house cottage on the bridge road with him", "address"),
])
def test_v45_nicknames_after_a_role_and_named_old_buildings(text, kind):
    assert kind in check(text).kinds


@pytest.mark.parametrize("text", [
    "her son little will be at nursery", "she still lives in the old house with him", "lives in the old town",
])
def test_v45_look_alikes_pass(text):
    assert not check(text).kinds


@pytest.mark.parametrize("text,kind", [
    # v46 dev concepts, my own words: short forms of names, an old building named without "The"
    ("the charge nurse on ward 4 is Bernie Okonkwo and her husband hits her", "name"),
    ("Old Mill House, Little Example - she is there with him", "address"),
])
def test_v46_short_names_and_old_buildings_without_the(text, kind):
    assert kind in check(text).kinds


@pytest.mark.parametrize("text", [
    # v47 dev concept, my own words: a name opening the message and telling, whether the name is also
    # an everyday word or a word on no list that is one letter from an English word
    "holly says her boyfriend takes her wages",
    "faith rang, her husband has threatened her again",
    "abeni told me her brothers will take her abroad",
    "Dean said his wife throws things at him",
])
def test_v47_a_name_opening_the_message_and_telling_is_refused(text):
    assert "name" in check(text).kinds


@pytest.mark.parametrize("text", [
    "pateint says her husband hits her", "physio said the bruising is old", "guy says his wife hits him",
    "crew rang, she is safe now", "staff said he left", "mum says he is controlling", "reception rang about her",
])
def test_v47_a_role_or_a_typo_of_one_opening_the_message_passes(text):
    assert not check(text).kinds


@pytest.mark.parametrize("text", [
    # v48 dev concepts, my own words: a person called a word on no list, a name after "little one", a
    # year of birth read out in words
    "her new fella, some bloke called stevo, has moved in",
    "their little one alfie saw him do it",
    "she was born nineteen sixty one and lives with her son",
])
def test_v48_a_person_called_a_name_after_little_one_and_a_spoken_year_of_birth(text):
    assert check(text).kinds


@pytest.mark.parametrize("text", [
    "a guy called the police", "some bloke called her a slag", "her little one is 4",
    "she was born in the fifties", "the baby was born at two thousand grams",
])
def test_v48_look_alikes_pass(text):
    assert not check(text).kinds


@pytest.mark.parametrize("text,refused", [
    # v37 dev concept, my own words: a listed first name opening the message and given an age with "is",
    # even one that is also an everyday word; a role or a measurement given a number passes
    ("heather is 31 and her husband takes her wages", True),
    ("jack is 16 and scared of his stepdad", True),
    ("baby is 6 weeks and feeding well", False),
    ("temp is 38 and she is shivering", False),
    ("pt is 27 and 30 weeks pregnant", False),
])
def test_a_listed_name_opening_the_message_with_is_and_an_age(text, refused):
    assert bool(check(text).kinds) == refused


@pytest.mark.parametrize("text", [
    # v50 dev concepts, my own words: a birthday read out, a birthday on a feast day, something spelled
    # out a character at a time, initials and a surname, "known round <somewhere> as <name>"
    "she was born the second of june eighty eight and lives with her aunt",
    "date of birth christmas day 1991, husband keeps her passport",
    "his number plate is X Y 7 1 Q R S and he parks outside her work",
    "he messages her from s k y 9 9 b l u e on snapchat",
    "R.T. Ollerenshawe is the ex, bail conditions not to contact",
    "he's known on the estate as Biscuit and sells to her son",
])
def test_v50_birthdays_read_out_one_character_at_a_time_initials_and_local_names(text):
    assert check(text).kinds


@pytest.mark.parametrize("text", [
    "GCS e 4 v 5 m 6 on arrival, now 15", "obs every 1 2 3 4 hours as per chart", "she was born at 28 weeks",
    "as did I. Then he left the room", "E. coli in her urine, on nitrofurantoin", "known in the village as a kind man",
    "it was christmas day when he broke her wrist",
])
def test_v50_look_alikes_pass(text):
    assert not check(text).kinds


@pytest.mark.parametrize("text,refused", [
    # v50 dev concept, my own words: a named house or farm opening the message, as after "at" or "to"
    ("Moorcroft Farm, her brothers keep her from leaving", True),
    ("Fern Cottage again - he's locked her out", True),
    ("Manor House surgery rang about her", False),
])
def test_a_named_property_opening_the_message(text, refused):
    assert bool(check(text).kinds) == refused


@pytest.mark.parametrize("text,refused", [
    # v51 dev concept, my own words: a birth month with a two-digit year ("born jan 89, the 3rd")
    ("pt born feb 87 on the 22nd, her partner checks her phone", True),
    ("she was born in oct 01 and lives with her stepdad", True),
    ("born in april 3 weeks early, now 2 months old", False),
    ("born at 34 weeks in march, mum has PND", False),
])
def test_v51_a_birth_month_with_a_two_digit_year(text, refused):
    assert bool(check(text).kinds) == refused


@pytest.mark.parametrize("text,refused", [
    # v52 dev concepts, my own words: a birthday as day/month after "born"; a listed first name placed
    # in a bed or bay
    ("twins born 17/03, mum's partner shouts at her", True),
    ("can you help with nora in bed 6, her son takes her money", True),
    ("born 37/40 by emergency section", False),
    ("the lady in bay 2 says her husband hits her", False),
    ("patient in cubicle 5 is scared to go home", False),
])
def test_v52_born_on_a_day_and_month_and_a_name_in_a_bed(text, refused):
    assert bool(check(text).kinds) == refused


@pytest.mark.parametrize("text,refused", [
    # v54 dev concepts, my own words: the one typing named in a greeting or sign-off, children named
    # after a plural word, a birth on a feast day with a year
    ("hiya it's shona from the practice, quick question about a patient", True),
    ("gareth here from the out of hours team, need some advice", True),
    ("that's really useful, thanks again, niamh", True),
    ("her boys oliver and jack saw it all", True),
    ("born on new years day 1988, partner checks her phone", True),
    ("thanks, that is really helpful", False),
    ("it's me again about the same lady", False),
    ("this is urgent, he is in reception", False),
    ("her twins are in year 3 and both doing well", False),
    ("it's may already and she still has no refuge space", False),
])
def test_v54_greetings_sign_offs_children_and_feast_day_births(text, refused):
    assert bool(check(text).kinds) == refused


@pytest.mark.parametrize("text,refused", [
    # v55 dev concept, my own words: a first name owning a relationship ("<name>'s husband")
    ("worried about priya's husband, he checks her phone", True),
    ("Callum's stepdad has been hitting him", True),
    ("says joanne's ex-partner keeps turning up", True),
    ("the patient's husband hits her", False),
    ("the baby's dad is in prison", False),
    ("her sister's boyfriend sent the texts", False),
])
def test_v55_a_first_name_owning_a_relationship_is_refused(text, refused):
    assert bool(check(text).kinds) == refused


@pytest.mark.parametrize("text,refused", [
    # v56 dev concepts, my own words: a name after a verb of getting in touch, a word-name before "says"
    # after a role, a business where someone works, a year of birth in words
    ("messaged bethany this morning about her ex", True),
    ("pt hope says her husband reads her texts", True),
    ("she does the accounts at Kestrel Roofing and he waits outside", True),
    ("born on bonfire night nineteen ninety four", True),
    ("called the police and they came straight away", False),
    ("told her we can help whenever she is ready", False),
    ("baby born at twenty six weeks, now home", False),
    ("she said she'll ring back, she told shell be fine", False),
])
def test_v56_contacted_names_says_businesses_and_years_in_words(text, refused):
    assert bool(check(text).kinds) == refused


@pytest.mark.parametrize("text,refused", [
    # v57 dev concepts, my own words: a block and a flat, a dotted handle after "on insta he's"
    ("she lives in block D flat 7 and he has a key", True),
    ("on tiktok she's amber.rose.vlogs and he comments on everything", True),
    ("block B of the hospital is closed for works", False),
    ("on insta he's always posting about her", False),
])
def test_v57_block_and_flat_and_a_handle_after_he_is(text, refused):
    assert bool(check(text).kinds) == refused


@pytest.mark.parametrize("text,refused", [
    # v58 dev concepts, my own words: a nickname in quotes after a relationship or "they all call", a
    # handle-shaped name after "account"
    ("her husband 'moose' keeps ringing the ward", True),
    ("the cousin everyone calls 'little dee' is the one she fears", True),
    ("he set up a fake account called sk8rboi_77 to watch her", True),
    ("her partner 'only' pushed her, she says", False),
    ("her husband 'lost it' and threw a plate", False),
])
def test_v58_quoted_nicknames_and_handles_after_account(text, refused):
    assert bool(check(text).kinds) == refused


@pytest.mark.parametrize("text,refused", [
    # v59 dev concept, my own words: a listed first name set off by dashes
    ("the HCA on nights - priya - says her partner hit her", True),
    ("obs in bay 2 - stable - no concerns", False),
])
def test_v59_a_name_set_off_by_dashes(text, refused):
    assert bool(check(text).kinds) == refused


@pytest.mark.parametrize("text,refused", [
    # v60 dev concept, my own words: an initial and a surname opening the message
    ("k jones, 35, says her partner controls the money", True),
    ("m. oduya-brown, seen today, disclosed DA", True),
    ("c section, 3 days ago, partner at bedside", False),
    ("a co-worker told me her ex follows her", False),
])
def test_v60_an_initial_and_a_surname_opening_the_message(text, refused):
    assert bool(check(text).kinds) == refused


@pytest.mark.parametrize("text,refused", [
    # v62 dev concepts, my own words: a pitch on a site, a boat's name, a family firm, a handle with an underscore
    ("she's on pitch 6 at the riverside site with the kids", True),
    ("they live aboard the Silver Heron on the canal", True),
    ("he drives for Pendle and Sons and checks her phone", True),
    ("keeps messaging her from farm_lad_22 after she blocked him", True),
    ("her sons are both at the high school", False),
    ("on board the ferry she felt safe", False),
])
def test_v62_pitches_boats_family_firms_and_handles(text, refused):
    assert bool(check(text).kinds) == refused


@pytest.mark.parametrize("text,refused", [
    # v63 and v64 dev concepts (fourteenth session), my own words: a school or college in capitals, a
    # gamer tag with capitals inside, a name after "on facebook he's", bank details, an age on a
    # birthday, a home in capitals with a room
    ("she's in year 11 at Brackenfield Academy and he waits at the gates", True),
    ("goes to Example Sixth Form, her ex is in the same form", True),
    ("his gamer tag is ShadowFoxUK, he finds her in every lobby", True),
    ("on snapchat she's Lacey Example and the ex keeps adding her", True),
    ("sort code 00-99-00 and the account ending 1234 are in his name now", True),
    ("the card number ending 9876 was used without her knowing", True),
    ("he'll be 84 on christmas day and his grandson has his cards", True),
    ("lives at The Beeches room 14 and her son visits daily", True),
    ("she left school at 16 and went to college", False),
    ("advice from the Royal College of Psychiatrists", False),
    ("he took her bank card and her phone", False),
    ("she will be 32 weeks on friday", False),
    ("in the day room 2 with the other residents", False),
])
def test_v63_v64_schools_tags_bank_details_birthdays_and_homes(text, refused):
    assert bool(check(text).kinds) == refused


@pytest.mark.parametrize("text,refused", [
    # v67 dev concepts (fourteenth session), my own words: a custody record, a collar number, a birthday
    # with "'s", a name in capitals before an age and sex on a pasted triage note
    ("custody record 11AB/22222/26 for the man in bay 2", True),
    ("DC 4471 Example would like a statement from the nurse", True),
    ("his birthday's the 2nd of may, he's 30 this year", True),
    ("triage: ROSALIND EXAMPLEHURST 51F c/o wrist pain", True),
    ("HEAD INJURY LEFT SIDE 40M", False),
    ("a PC is on the ward with a prisoner", False),
])
def test_v67_custody_records_collar_numbers_birthdays_and_capitals(text, refused):
    assert bool(check(text).kinds) == refused


@pytest.mark.parametrize("text,refused", [
    # v69 dev concepts (fourteenth session), my own words: a refuge in capitals, a dotted handle before a platform
    ("she's staying at the Example Refuge now", True),
    ("messages from lily.rose.x on insta every night", True),
    ("she's at a refuge tonight", False),
    ("he wrote about it etc. on facebook", False),
])
def test_v69_refuges_and_dotted_handles(text, refused):
    assert bool(check(text).kinds) == refused
