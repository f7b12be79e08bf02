"""Who harms whom (bot.nlu.roles): every relationship and gender, in both directions.

These are development cases; the held-out role split is in tests/nlu/held_out_v2.yml."""
from __future__ import annotations

import pytest

from bot.nlu import EmbeddedNLU, decide
from bot.nlu.roles import CONFIDENT, Roles, read_roles


def concern_offered(text: str) -> str | None:
    """The concern the conversation takes from a message typed at the concern question."""
    from bot.interpret import interpret
    from bot.nlu_eval import concern_question
    return interpret(text, EmbeddedNLU().parse(text), concern_question())

EXPERIENCING = [
    "her husband hits her",
    "his wife hits him",
    "her wife controls her money",
    "his husband threatens him",
    "his boyfriend punched him last week",
    "her girlfriend won't let her see her family",
    "the patient says her ex keeps threatening her",
    "he says his ex-partner stalks him",
    "her son takes her pension",
    "his daughter shouts at him and took his bank card",
    "elderly man whose grandson steals his money",
    "her mother-in-law locks her in her room",
    "his in-laws are abusive to him",
    "her brother is violent towards her",
    "she's being controlled by her sister",
    "he was hit by his stepmum",
    "she's frightened of her father",
    "he's afraid of his girlfriend",
    "his carer hides his medication",
    "an older woman, her carer takes her money",
    "my patient says her fiance checks her phone all the time",
    "patient's partner is controlling and won't let him work",
    "he reports his spouse belittles him in front of the kids",
    "a mum whose teenage son kicks her",
    "the woman says her partner, also a woman, hits her",
    "he's being abused by his boyfriend",
]
CAUSING = [
    "she hits her husband",
    "he hits his wife",
    "she says she controls her wife's money",
    "he threatens his husband",
    "she punched her boyfriend",
    "he won't let his girlfriend see her family",
    "patient says he keeps threatening his ex",
    "she admits she stalks her ex",
    "he takes his mum's pension",
    "she shouts at her dad and took his bank card",
    "the patient has been hitting her grandmother",
    "he locks his mother-in-law in her room",
    "she is abusive to her in-laws",
    "he is violent towards his brother",
    "she told me she has been hurting her partner",
    "he disclosed that he slapped his wife",
    "patient says she pushes her girlfriend around",
    "he's worried he might hurt his boyfriend",
]
STAFF_EXPERIENCING = [
    "a colleague says her partner hits her",
    "a member of staff told me his wife threatens him",
    "one of our nurses is being abused by her husband",
]
STAFF_CAUSING = [
    "a colleague says he hits his partner",
    "my co-worker admitted she slapped her husband",
]
NONE = ["what is a marac", "she has three children", "yes", "he works nights", "her husband is a builder"]


@pytest.mark.parametrize("concern,texts", [
    ("experiencing", EXPERIENCING), ("causing", CAUSING),
    ("staff_experiencing", STAFF_EXPERIENCING), ("staff_causing", STAFF_CAUSING),
])
def test_roles_are_read_from_relationship_words_not_gender(concern, texts):
    wrong = [(t, read_roles(t).concern) for t in texts if read_roles(t).concern != concern]
    assert not wrong


@pytest.mark.parametrize("text", NONE)
def test_no_harm_no_roles(text):
    assert read_roles(text).concern is None


def test_the_reading_names_the_roles_not_the_words():
    roles = read_roles("his mother-in-law hits him")
    assert roles == Roles("experiencing", roles.confidence, "in-law", "patient")
    assert roles.confidence >= CONFIDENT
    roles = read_roles("she says she pushed her ex")
    assert (roles.concern, roles.agent, roles.victim) == ("causing", "patient", "ex")


def test_pronouns_alone_give_a_low_confidence_reading():
    roles = read_roles("she says he hits her")
    assert roles.concern == "experiencing" and roles.confidence < CONFIDENT


@pytest.mark.parametrize("text,intent", [
    ("he says his wife hits him", "disclose_abuse"),
    ("she says she hits her boyfriend", "disclose_perpetrating"),
])
def test_both_backends_share_the_role_reading(text, intent):
    """The reading rules turn a confident role reading into the disclosure intent, whichever
    classifier ranked it (the Rasa path goes through the same decide())."""
    assert EmbeddedNLU().parse(text).intent == intent
    wrong_way = {"disclose_abuse": "disclose_perpetrating", "disclose_perpetrating": "disclose_abuse"}[intent]
    rasa_like = [(wrong_way, 0.7), (intent, 0.6)]
    parse = decide(text, rasa_like)
    assert parse.intent == intent and parse.concern == read_roles(text).concern


@pytest.mark.parametrize("text,intent", [
    ("she says he hits her", "disclose_abuse"),
    ("he told me he hit her", "disclose_perpetrating"),
])
def test_word_order_beats_a_classifier_reading_gender_but_the_concern_is_still_asked(text, intent):
    wrong_way = {"disclose_abuse": "disclose_perpetrating", "disclose_perpetrating": "disclose_abuse"}[intent]
    parse = decide(text, [(wrong_way, 0.8), (intent, 0.1)])
    assert parse.intent == intent and parse.concern is None     # a weak reading: the clinician confirms


@pytest.mark.parametrize("text,concern", [
    ("an older lady says the grandson she lives with takes her bank card", "experiencing"),
    ("his stepfather battered him last year", "experiencing"),
    ("her ex keyed her car and keeps turning up at her work", "experiencing"),
    ("he admits he shared nudes of his ex girlfriend", "causing"),
    ("his wife texts him all day to check where he is", "experiencing"),
    ("a nurse on the rota told me her husband controls her", "staff_experiencing"),
    ("what should i do as his line manager, he says his wife hits him", "staff_experiencing"),
    ("her husband keeps calling the ward to check where she is", "experiencing"),
    # a passive with words between the harm and "by"; a co-parent; an age before the person; tabs kept
    ("he was knocked to the floor in the kitchen by his son", "experiencing"),
    ("the mother of his children texts him threats", "experiencing"),
    ("teenage girl slaps her mum and her nan", "causing"),
    ("he keeps tabs on his girlfriend's whereabouts", "causing"),
])
def test_more_ways_of_saying_who_harms_whom(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text", [
    "her husband gets handy with his fists after a drink",
    "her partner put her in a choke hold on friday",
    "she has a non mol against her ex",
])
def test_idioms_holds_and_orders_name_who_harms_whom(text):
    assert read_roles(text).concern == "experiencing"


@pytest.mark.parametrize("text,concern", [
    ("a pharmacist i work with says her partner takes her wages", "staff_experiencing"),
    ("i supervise a physio whose husband threatens her", "staff_experiencing"),
    ("one of my team told me he slapped his wife", "staff_causing"),
    ("the new receptionist says her ex hits her", "staff_experiencing"),
    ("a fellow gp admitted he pushed his partner", "staff_causing"),
    ("she is getting threats from her brother", "experiencing"),
])
def test_staff_named_by_how_the_clinician_knows_them(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text", ["her son turned up at the ward to visit her", "she turned up at her appointment late"])
def test_turning_up_somewhere_ordinary_is_not_harm(text):
    assert read_roles(text).concern is None


@pytest.mark.parametrize("text", ["her mum rings every day to check on her", "her brother reported him to the police"])
def test_checking_on_someone_or_reporting_them_is_not_read_as_harm(text):
    assert read_roles(text).concern is None


@pytest.mark.parametrize("text,concern", [
    # a belt "taken to" someone; blaming oneself; in-laws by their initials; a threat of deportation
    ("her dad took his belt to her", "experiencing"),
    ("she told me it is all her own fault that he shouts", "experiencing"),
    ("his SIL and FIL keep his passport locked away", "experiencing"),
    ("her husband says he will have her deported if she goes to the police", "experiencing"),
    # what a person needs taken or spoiled; messages from a partner's new partner; one who hits named
    ("his partner flushed his pills down the toilet", "experiencing"),
    ("the new wife of his ex keeps sending him vile dms", "experiencing"),
    ("pt and her husband both argue, but he is the one who hits", "experiencing"),
    ("her ex broke his bail conditions by turning up at her work", "experiencing"),
    ("she has been getting nasty texts from her sister", "experiencing"),
    # following; passwords; named as the perpetrator; a conditional threat; contact by the dozen
    ("he admits he followed his ex to her new address", "causing"),
    ("she changed her wife's passwords so she couldn't get online", "causing"),
    ("pt is the alleged perpetrator in the police report", "causing"),
    ("he warned his girlfriend he would ruin her if she ever left", "causing"),
    ("he messages his ex dozens of times a night from different numbers", "causing"),
    ("she put her hands round her husband's throat", "causing"),
    ("he was charged with breaching the non molestation order protecting his ex", "causing"),
    ("his wife reported him to the police for assault", "causing"),
    # the one typing is staff; a job named first
    ("i am a practice nurse and my husband hits me", "staff_experiencing"),
    ("porter mentioned he hits his girlfriend when he's drunk", "staff_causing"),
    ("a midwife here is getting threatening calls from her ex", "staff_experiencing"),
])
def test_harm_forms_found_on_the_v7_dev_split_by_concept(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # the patient named by a relationship word: that person is the patient
    ("pt (son, 19) punched his dad and took his car keys", "causing"),
    ("teen daughter, our pt, admits she shoves her mum", "causing"),
    ("the wife is our patient, the husband says she hits him", "causing"),
    ("grandad (the patient) says his grandson pushes him about", "experiencing"),
    # "he" and "she" matched to the person whose word takes them ("his mum ... she"), never a guess
    ("his mum rang: she says he has been pushing her around", "causing"),
    ("her dad came in with her, he says she has been hitting him", "causing"),
    # with one pronoun gender only, it is the patient's
    ("the patient's fiance strangled him last spring", "experiencing"),
    ("mum of two at her booking visit, husband checks all her messages", "experiencing"),
])
def test_the_patient_named_by_a_relationship_and_pronouns_matched_by_grammar(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # a list of harms keeps its subject; the patient's gender from "pt says he"; an age as a person
    ("pt said her husband hides the car keys, reads her post, takes her card", "experiencing"),
    ("pt says he only grabs her when she nags", "causing"),
    ("she admits she smacks her 9yo with a wooden spoon", "causing"),
    ("the nephew who lives with him takes his pension", "experiencing"),
    # a midwife's "mum", a health visitor's "dad": the one reporting, when no patient is named
    ("dad disclosed to the health visitor that his partner belittles him", "experiencing"),
    # the one harming her works here: a colleague causing harm
    ("pt says her boyfriend, who works on our ward, slaps her", "staff_causing"),
    ("her husband is one of our porters and he hits her", "staff_causing"),
    # staff by job words
    ("phlebotomist on our team told me her ex threatens her", "staff_experiencing"),
    ("a trainee admitted he shoves his girlfriend", "staff_causing"),
])
def test_lists_of_harms_ages_reporters_and_staff_as_the_relationship(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # thrown against, touched at night, told she is mad, left locked in, pushed to an abortion,
    # put in her place, her address looked up, reported by the one harmed, kids turned against
    ("her brother slammed her against the fridge", "experiencing"),
    ("the stepdad has been coming into her bedroom and touching her", "experiencing"),
    ("her boyfriend tells her she is crazy and that no one would believe her", "experiencing"),
    ("pt admits leaving her nan locked in all afternoon", "causing"),
    ("he says he will make sure she has an abortion", "causing"),
    ("he says he has to put his wife in her place sometimes", "causing"),
    ("she keeps looking up her ex's new address on the system", "causing"),
    ("he was reported by his stepson for hitting him with a belt", "causing"),
    ("she has been turning the children against their father", "causing"),
    # not allowed: the one not allowed is harmed; threats to a pet; no unless about it
    ("she isn't allowed to see her friends, the husband says", "experiencing"),
    ("pt says the kids have to ask his permission to watch tv", "causing"),
    ("her partner said he would drown the dog if she left", "experiencing"),
    ("i told him i'll hurt myself if he sees his friends", "causing"),
    # an object is never the one doing the harm
    ("the boyfriend tells her she is useless and nobody likes her, hides her inhaler", "experiencing"),
])
def test_harm_forms_found_on_the_v8_dev_splits_by_concept(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # a chained relationship takes its own head's pronoun ("her daughter's boyfriend ... he")
    ("older lady, her daughter's boyfriend lives with her and she says he shoves her", "experiencing"),
    # property smashed, pressure into sex, behaviour towards, kids taken off her, a pet dumped
    ("her grandson smashed her china cabinet when she refused him money", "experiencing"),
    ("she pressures her boyfriend into sex when he says no", "causing"),
    ("letter says he has a history of coercive behaviour towards his ex wife", "causing"),
    ("my husband says he'll get the kids taken off me if I leave", "experiencing"),
    ("pt admits she dumped her partner's dog on the motorway to punish him", "causing"),
    # a patient placed on a ward; the patient one of a group doing harm; a threat to take a child
    ("mum on the postnatal ward keeps telling her partner she'll ruin him unless he pays up", "causing"),
    ("pt and her sisters are pressuring their brother to marry", "causing"),
    ("she says the ex keeps threatening to take the kids", "experiencing"),
    # staff: HR and occupational health, a job on a numbered ward
    ("HR here, a charge nurse says her husband takes all her wages", "staff_experiencing"),
    ("occ health query: a porter on ward 7 has been arrested for assaulting his girlfriend", "staff_causing"),
])
def test_harm_forms_found_on_the_v9_dev_split_by_concept(text, concern):
    assert read_roles(text).concern == concern


def test_any_jumble_of_role_and_harm_words_is_read_without_an_error():
    """The reading runs on every typed message: word salad must never raise (found once: an "and"
    clause with no subject left)."""
    import random
    words = ("he she her him his them they i me my and the a pt patient says admits told hits hit partner wife "
             "husband son mum dad ex 15yo of , . ( ) our hca nurse is was not allowed to unless if will kill "
             "himself threatened take kids baby order against breach bail who lives with in bay ward on the one "
             "who it her own fault has been taking money from keeps").split()
    rng = random.Random(7)
    for _ in range(3000):
        read_roles(" ".join(rng.choice(words) for _ in range(rng.randint(1, 25))))


@pytest.mark.parametrize("text,concern", [
    # food allowed once a day, twisting, squeezing, left in wet pads, laughed at, made to delete, passports held
    ("his son only lets him eat once a day", "experiencing"),
    ("the wife twisted his wrist during the argument", "experiencing"),
    ("my girlfriend squeezes my neck when she's cross", "experiencing"),
    ("her husband is her carer and leaves her in wet pads all day", "experiencing"),
    ("pt made his girlfriend delete her instagram", "causing"),
    ("her boyfriend has her passport and tells her she is illegal", "experiencing"),
    # a threat told with "if"; "start it"; stealthing; holes in condoms; not stopping at no
    ("my husband told me if I go he'll say I hit the kids", "experiencing"),
    ("I've told my girlfriend if she leaves I'll tell everyone her secrets", "causing"),
    ("we both hit each other but i always start it", "causing"),
    ("pt says he took the condom off without telling her", "causing"),
    ("she put holes in the condoms without her partner knowing", "causing"),
    ("he admits he doesn't stop when his wife says no", "causing"),
    # the subject carried into a clause with none of its own; a relationship in the same pronoun bound apart
    ("client (the dad) has been using contact visits to threaten the children's mother", "causing"),
    ("pt admits she won't let her mother in law leave her room", "causing"),
    # an order against the one typing; staff named by a practice job
    ("she's got a non-mol against me and I keep texting her", "causing"),
    ("the practice receptionist says her husband rings her ten times a day to check where she is", "staff_experiencing"),
])
def test_more_harm_forms_found_on_the_v9_dev_split_by_concept(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    ("14yo in clinic admits kicking his little brother", "causing"),                 # an age as the person
    ("pt admits she locks her in the spare room, her mother in law that is", "causing"),  # "she ... her": not the same
    ("he cares for his dad and admits he has been hitting him", "causing"),
    ("pt says he only does it when the kids wind him up, shoves and slaps the 8yo", "causing"),  # the reporter's subject
    ("he gets screamed at by his wife if he is home late", "experiencing"),            # screamed at: the one harmed
    ("one of the domestics on nights says her husband hits her", "staff_experiencing"),
])
def test_ages_binding_reported_subjects_and_shouted_at(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # a clause with no subject keeps the first person of the one before, or the one reported
    ("14 yo girl brought in by her dad, has been punching him and her little brother", "causing"),
    ("pt eventually said her husband hides the car keys, checks her phone, takes her wages", "experiencing"),
    # only a parent word opens a message as the patient ("husband says ..." is not the patient)
    ("28 weeks pregnant, husband says if she leaves he'll have her visa cancelled", "experiencing"),
    # "keep" as carrying on is no harm; "keeps going through her messages" and sending from new numbers are
    ("I keep getting calls from my ex and he turns up at my work", "experiencing"),
    ("he keeps going through her phone", "causing"),
    ("she keeps sending her ex messages from new numbers", "causing"),
])
def test_subjects_carried_parents_as_patients_and_keep(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    ("her ex has been showing people screenshots of private pics of her", "experiencing"),
    ("he throws her clothes out of the window when he's angry", "causing"),
    ("pt 40m says his partner (male) punched him", "experiencing"),
    ("wellbeing team: a nurse disclosed her husband takes her wages", "staff_experiencing"),
])
def test_images_shown_belongings_thrown_asides_and_wellbeing_teams(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    ("pt says it's her fault because she answers back, he only hits her when drunk", "experiencing"),
    ("I've said to my husband that if he goes out with his mates I'll make sure he never sees the kids", "causing"),
    ("I don't give my wife any money unless she does what I tell her", "causing"),
    ("I told him I'd tell the police he hit me if he leaves", "causing"),
])
def test_blame_by_the_patient_threats_said_to_a_partner_and_money_unless(text, concern):
    assert read_roles(text).concern == concern


def test_a_bad_harm_phrase_stops_loading_with_its_file_section_and_line(tmp_path):
    from bot.nlu.phrase_file import PhraseFileError
    from bot.nlu.roles import HARM_FILE, load_harm_forms
    bad = tmp_path / "harm_forms.yml"
    bad.write_text(HARM_FILE.read_text(encoding="utf-8").replace("active:\n", "active:\n  - 'punch(es'\n", 1), encoding="utf-8")
    with pytest.raises(PhraseFileError, match=r"harm_forms.yml: active\[1\]: 'punch\(es' is not a valid pattern"):
        load_harm_forms(bad)
    bad.write_text("active: ['hits']\nslaps: ['slaps']\n", encoding="utf-8")
    with pytest.raises(PhraseFileError, match="unknown section 'slaps'"):
        load_harm_forms(bad)
    bad.write_text("active: ['hits']\npassive: []\n", encoding="utf-8")
    with pytest.raises(PhraseFileError, match=r"passive: expected a non-empty list"):
        load_harm_forms(bad)


def test_a_bad_staff_cue_stops_loading_with_its_file_section_and_line(tmp_path):
    from bot.nlu.phrase_file import PhraseFileError
    from bot.nlu.staff import CUES_FILE, load_staff_cues
    bad = tmp_path / "staff_cues.yml"
    bad.write_text(CUES_FILE.read_text(encoding="utf-8").replace("about_me:\n", "about_me:\n  - 'for (me'\n", 1), encoding="utf-8")
    with pytest.raises(PhraseFileError, match=r"staff_cues.yml: about_me\[1\]: 'for \(me' is not a valid pattern"):
        load_staff_cues(bad)
    bad.write_text(CUES_FILE.read_text(encoding="utf-8").replace("(?:{job}|someone", "(?:{jobs}|someone", 1), encoding="utf-8")
    with pytest.raises(PhraseFileError, match=r"unknown fragment \{jobs\}"):
        load_staff_cues(bad)


def test_the_staff_cue_table_read_from_data_tells_a_colleague_from_a_patient():
    from bot.nlu.staff import load_staff_cues
    cues = load_staff_cues()
    assert cues["colleague"].search("one of our hcas says her husband checks her phone")
    assert not cues["colleague"].search("her work colleagues have seen the bruises")
    assert cues["typer_is_staff"].search("midwife here my partner reads my messages")
    assert cues["typer_is_staff"].search("this is for me not a patient")      # about_me counts too
    assert cues["relation_is_staff"].search("her husband who works on our reception")


def test_the_harm_table_read_from_data_reads_who_harms_whom():
    from bot.nlu.roles import load_harm_forms
    harm, defence = load_harm_forms()
    assert harm.search("she was pushed down the stairs by him").lastgroup == "passive"
    assert harm.search("he broke her nose").lastgroup == "active"
    assert defence.search("she pushed him in self defence") and not defence.search("she pushed him in the defence of her sister")


@pytest.mark.parametrize("text,concern", [
    # dialect relationships after an owner, Scots forms, misspelt relationship words
    ("her fella broke her phone and she is frit of him", "experiencing"),
    ("his lad has been leathering him for his pension", "experiencing"),
    ("her man disnae let her see her pals, she is no allowed oot", "experiencing"),
    ("my boyfirend checks where I go every night", "experiencing"),
    ("I've been hittin ma wife when I've had a drink", "causing"),
    # a marriage arranged for someone, married off, an abortion made to happen, images of someone posted
    ("dad says they are arranging a marriage for his 15 year old daughter abroad", "causing"),
    ("pt thinks her parents will have her married off to a cousin this summer", "experiencing"),
    ("he admits he made his girlfriend get rid of the pregnancy", "causing"),
    ("she posted pictures of her ex online to humiliate him", "causing"),
    # refusing a trans patient's name, "no one else would want you", kept short of money, pills swapped
    ("their partner refuses to use their name and hides their binder", "experiencing"),
    ("he keeps his wife short of money and checks where she goes", "causing"),
    ("pt swapped her girlfriend's pill for sweets so she'd get pregnant", "causing"),
    # hitting back in self-defence, coming in with injuries, "it was his dad"
    ("she pushed him back once, but he has been hurting her for years", "experiencing"),
    ("14 year old in resus after a beating, says it was his stepdad", "experiencing"),
    ("he says he kicked the wall, then admitted it was his wife's face", "causing"),
    # a parent opening the message is the patient; "my" before a thing is the one typing
    ("mum of a 3 month old told me she shakes him when he will not stop crying", "causing"),
    ("my ex keeps turning up at my work most days", "experiencing"),
    ("my wife reads my messages and tracks my location", "experiencing"),
])
def test_v13_harm_forms_dialect_and_misspelt_relationships(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    ("theatre nurse admitted to me he slapped his girlfriend", "staff_causing"),
    ("HCA at the branch surgery told me her husband takes her wages", "staff_experiencing"),
    ("district nurse says her patient's son shouts at her and takes her money", "experiencing"),
    ("our receptionist came in with bruises again, said it was her husband", "staff_experiencing"),
    ("locum gp's ex-wife rang to say he keeps turning up at her flat", "staff_causing"),
])
def test_v13_staff_named_by_job_and_the_reporting_clinician_is_not_staff(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    ("she stabbed her boyfriend with a fork during a row, she says he's never laid a finger on her", "causing"),
    ("pt says they held their girlfriend down and slapped her", "causing"),
    ("dad of 9yo says he locks her in her room and calls her stupid", "causing"),
    ("he says he will sort his partner out when he gets home", "causing"),
    ("her ex posted intimate photos of her, now her work colleagues have seen them", "experiencing"),
    ("one of our receptionists has been looking up her ex-husband's record to find where he lives", "staff_causing"),
    ("I keep messaging my ex from fake accounts since she blocked me", "causing"),
    ("she boasted that her ex knows not to cross her after what she did to his car", "causing"),
])
def test_negated_harm_stabbing_parents_of_children_and_the_patients_own_colleagues(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    ("his wife hides his inhaler on top of the fridge when he argues", "experiencing"),
    ("her son switches the oxygen off if she complains", "experiencing"),
    ("pt says her parents plan to marry her off this summer", "experiencing"),
    ("I keep driving past my ex's house at night", "causing"),
    ("she tells her boyfriend what to wear and who he can see", "causing"),
    ("she leaves her husband in his chair all day and won't take him to the toilet", "causing"),
    ("pt's sister says our pt has been selling her jewellery", "causing"),
    ("she has to ask him for money for nappies", "experiencing"),
    ("she punishes her partner by waking him every hour", "causing"),
    ("a 15 year old boy shared a nude of his ex with his mates", "causing"),
    ("she locks her client in his room at night", "causing"),
    ("she has been spending her disabled brother's pip", "causing"),
    ("I'm a mental health nurse and my husband checks my phone", "staff_experiencing"),
    ("as a paramedic I never thought my wife would hit me", "staff_experiencing"),
    ("newly qualified midwife admitted she has been locking her girlfriend out", "staff_causing"),
])
def test_v14_harm_forms_and_staff_speaking_for_themselves(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # clinical notes with no subject: the patient did it (low confidence; the conversation confirms)
    ("shoved his dad into the door during a row, regrets it", "causing"),
    ("checks gf's phone every night and takes her bank card", "causing"),
    ("on probation for DV, asking about anger help", "causing"),
    ("31F, bit her husband and kicked him, she admits", "causing"),
    ("mum (pt) smacks 6yo with a wooden spoon, says it's discipline", "causing"),
    ("knocked his cousin out over money, in custody now", "causing"),
    ("shares his ex's location with his mates", "causing"),
    # a bank card held by a carer; staff named by how the message starts
    ("paid carer has the pt's bank card and her pension", "experiencing"),
    ("receptionist has a black eye again, says she walked into a door", "staff_experiencing"),
    ("me - practice nurse, my husband takes my wages", "staff_experiencing"),
    ("porter crying in the staff room, his girlfriend takes his phone", "staff_experiencing"),
    ("HCA seen pushing his wife in the car park", "staff_causing"),
    ("our manager's husband rings the surgery 20x a day checking on her", "staff_experiencing"),
])
def test_v15_clinical_notes_without_a_subject_and_staff_openings(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # dropped h ("'e", "'er", "'usband") and Irish or West Country forms
    ("my 'usband won't let me see my sister, 'e checks my phone", "experiencing"),
    ("'er son 'ave been at 'er for money again", "experiencing"),
    ("he does give the wife a clatter when he's had a few, he says", "causing"),
    ("I do be roaring at her and I pulled her by the hair", "causing"),
    # put through a door, pinned to the fridge, the spoon to the grandkids, a cat thrown
    ("her husband put her through the glass door at new year", "experiencing"),
    ("pt admits he has had his wife up against the wall", "causing"),
    ("nan says she takes the wooden spoon to the grandkids", "causing"),
    ("he admitted he threw his girlfriend's cat down the stairs to punish her", "causing"),
    # the one who gets hit; to be married; taken abroad to marry
    ("I'm the one who gets hit, I hit back once and now he calls me the violent one", "experiencing"),
    ("her parents say she is to marry a cousin in the summer", "experiencing"),
    ("pt says his daughter will be taken abroad to marry whether she likes it or not", "causing"),
    ("their partner hides their testosterone and mocks them", "experiencing"),
])
def test_v15_dialect_h_dropping_and_more_harm_forms(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # the one typing says they are staff (a job opening, "asking for myself", "I work in ..."),
    # and "my <relationship>" makes them the one the message is about
    ("porter here, my girlfriend took my bank card and won't give it back", "staff_experiencing"),
    ("asking for myself really, my husband shoves me when he's had a drink", "staff_experiencing"),
    ("i work in theatres and my wife tracks my phone", "staff_experiencing"),
    ("sonographer - i've been shouting at my partner and i smashed his laptop", "staff_causing"),
    ("it's about me, i grab my boyfriend when we argue, i'm a nurse", "staff_causing"),
    ("i hit my son last night, i work as a receptionist here", "staff_causing"),
    # a job opening that reports a patient stays the patient's
    ("porter here, a woman in the waiting room says her husband hits her", "experiencing"),
    ("HV here, dad says he pushed mum", "causing"),
    # a shift or patient records on one's own phone say the one typing is staff
    ("my girlfriend follows me to the car park when i'm on lates", "staff_experiencing"),
    ("my husband goes through my phone and there's patient info on my phone", "staff_experiencing"),
    ("i keep sending my ex dozens of texts, i'm a physio, will this affect my job", "staff_causing"),
    # v17: nights, a shift, a rota, a regulator, working at the same surgery
    ("my wife went through my rota and turned up on the ward", "staff_experiencing"),
    ("my ex keeps parking outside the health centre when i finish my shift", "staff_experiencing"),
    ("my boyfriend says he'll report me to the GMC if i ever leave him", "staff_experiencing"),
    ("my husband and i both work at the practice and i shoved him at home", "staff_causing"),
    ("my mother in law is pressuring me to quit, i'm back on nights next week", "staff_experiencing"),
    # after "this is about me" or "for myself", a relationship with no "my" is the typer's
    ("this is about me, gf slapped me last night and i'm on shift later", "staff_experiencing"),
    ("asking for myself - husband checks my phone every night", "staff_experiencing"),
    # a job opening and "told me" is a clinician hearing a patient
    ("HV here, mum told me her partner hits her", "experiencing"),
    # without such a cue the message may be the patient's words
    ("my husband goes through my phone", "experiencing"),
])
def test_v16_staff_typing_about_themselves(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # a patient named and no relationship: the first he or she, telling us, is the patient
    ("pt seen at the antenatal booking. she says he hides her visa and threatens to have her sent home",
     "experiencing"),
    ("walk-in centre patient, he tells me she bit him during a row", "experiencing"),
    ("my patient told us she slaps him when he gets lippy", "causing"),
])
def test_the_one_telling_is_the_patient_when_no_relationship_is_named(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # two people doing it together, one of them the patient or both others
    ("pt tells me he and his cousin battered his stepdad last weekend", "causing"),
    ("her sister in law and her husband both slap her if the house is untidy", "experiencing"),
    ("the client's mum and brother both kick him when he comes home late", "experiencing"),
    # a singular verb after "and": the one named last does it alone
    ("im a student nurse and my boyfriend checks my phone every night", "staff_experiencing"),
    # "grown up" is a describing word, not a verb
    ("my grown up daughter screams at me and takes my pension, asking for myself", "staff_experiencing"),
])
def test_v16_people_acting_together_and_grown_up_children(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # a note opening with an age describes the patient; a passive without "was"
    ("82yo mother pushed by her grandson over money, bruised forearm", "experiencing"),
    ("45 year old husband admits he shoves his wife", "causing"),
    ("lady in bay 2 punched by her son yesterday", "experiencing"),
])
def test_v16_age_led_notes_and_passives_without_was(text, concern):
    assert read_roles(text).concern == concern


def test_hit_by_a_thing_is_not_a_role():
    assert read_roles("pt hit by a car on the roundabout").concern is None


@pytest.mark.parametrize("text,concern", [
    # an injury put down to someone
    ("split lip, after a while she said her girlfriend did it", "experiencing"),
    ("scald on his forearm, says his son did it when he wouldn't hand over money", "experiencing"),
    ("grazes on both knees, she did it herself falling off her bike", None),
])
def test_v16_an_injury_put_down_to_someone(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    ("her ex-p lets himself in with an old key", "experiencing"),
    ("his exp keeps turning up at his flat", "experiencing"),
    ("customer wanted to know which pills he could slip into his girlfriend's drink", "causing"),
])
def test_v16_short_forms_and_drinks_spiked(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text", [
    "goes through wife's handbag every night, keeps her bank card, pt thinks this is normal",
    "tracks bf's phone, took his car keys so he can't go out, pt admits it",
])
def test_a_note_with_no_subject_goes_on_without_one(text):
    """The next clause's harm is not the doing of the one harmed in the clause before."""
    assert read_roles(text).concern == "causing"


@pytest.mark.parametrize("text,concern", [
    # the patient's report with words between ("pt in resus admits he ...")
    ("pt in resus admits he threw a mug at her", "causing"),
    ("patient on the phone says she was slapped by him last night", "experiencing"),
    # "never been hit" is no harm; the control that follows is
    ("he says he's never been hit but his wife controls all the money", "experiencing"),
    # v17 dev harm forms, in my own words
    ("client admits he knelt on his girlfriend to stop her leaving", "causing"),
    ("son (our pt) says he's been giving mum extra diazepam so she sleeps through", "causing"),
    ("he wanted to know how to get his wife's visa revoked so she has to go", "causing"),
])
def test_v17_reports_with_words_between_and_new_harm_forms(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # v17 dev harm forms, my own words
    ("her mother in law always answers for her at appointments", "experiencing"),
    ("her boyfriend refuses to wear a condom and she has had two terminations", "experiencing"),
    ("his girlfriend held a cigarette to his arm during a row", "experiencing"),
    ("pt says her husband moves her keys and messes with her head", "experiencing"),
    ("his brothers watch her when he's out and tell him everything", "experiencing"),
    ("her partner won't give her money for the bus to clinic", "experiencing"),
    ("pt boasted he keeps his wife in line", "causing"),
    ("pt admits she posted her ex's intimate photos online", "causing"),
    ("her partner takes her methadone off her and sells it", "experiencing"),
    # refusing money to an adult son is not economic abuse
    ("she's frightened of her son since she wouldn't give him money", "experiencing"),
])
def test_v17_more_harm_forms(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # an injury noun is not a verb with an agent ("pt with split lip says ...")
    ("patient with a broken nose says her wife headbutted her", "experiencing"),
    ("he split her lip with his ring", "causing"),
    # "X of the patient", "the one being hurt", "male partner", filming without consent
    ("girlfriend of the patient is the one who hits, he says", "experiencing"),
    ("his wife is the one getting hit, he admits he lashes out", "causing"),
    ("her female partner filmed her in the shower and shares it", "experiencing"),
])
def test_v17_injury_nouns_of_the_patient_and_being_hurt(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    ("her carer hasn't been washing her or changing her pads", "experiencing"),
    ("his parents are making him marry a woman from their village", "experiencing"),
    ("pt says his uncles arranged a marriage overseas for his sister and he's helping", "causing"),
    ("pt isn't allowed in his own living room since his son moved back", "experiencing"),
    ("pt admits he sorted out his sister for going to a party", "causing"),
    # feeding difficulty and everyday "sorting out" are no harm
    ("mum not feeding her baby well, tongue tie suspected", None),
    ("her husband sorted out her car insurance", None),
])
def test_v17_neglect_marriage_made_barred_rooms_and_sorting_out(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # a note opening with a relationship and an age describes the patient
    ("father, 52, seen for his bloods, admits he shoves his son when he answers back", "causing"),
    ("grandmother, 81, says her grandson takes her pension and shouts at her", "experiencing"),
    # two of one gender named: a pronoun is the one named before it
    ("pt is a man whose wife has parkinsons, he admits he pinches her when she's slow, their daughter helps", "causing"),
])
def test_v11_notes_opening_with_a_relationship_and_an_age_and_the_one_named_before(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    ("pt admits he shared his ex's nudes in a group chat", "causing"),
    ("dad (pt) uses the kids to check up on where their mum goes", "causing"),
    ("i don't give my husband his money for petrol unless he asks nicely", "causing"),
])
def test_v11_nudes_children_used_and_money_withheld(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    ("her boyfriend shut her out of the flat all night in the rain", "experiencing"),
    ("pt says the night carer is rough with her when turning her", "experiencing"),
    ("pt admits he squeezes his wife's arm too hard when they argue", "causing"),
])
def test_v15_locked_out_rough_handling_and_gripping(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # v18 dev, my own words
    ("when her husband left the room she told me he burnt her with a lighter and this has happened before", "experiencing"),
    ("he smashed the wall beside his girlfriend's face to scare her", "causing"),
    ("year 10 boy admits sending his girlfriend texts telling her to hurt herself", "causing"),
    ("elderly pt says he straps his wife with dementia into the chair when he goes out", "causing"),
    ("pt says he's been crushing diazepam into his wife's tea to calm her", "causing"),
    # a bruise named is not a verb with an agent
    ("her husband's hand was bruised from the fall", None),
])
def test_v18_long_notes_and_new_harm_forms(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    ("pt admits he held a screwdriver to his girlfriend's throat", "causing"),
    ("she says she gave her husband a black eye and he deserved it", "causing"),
    ("pt says he had to put his hands on his son to calm him", "causing"),
    ("pt admits she hides her husband's hearing aids when he annoys her", "causing"),
    ("pt calls her autistic teenage son a burden every day", "causing"),
])
def test_v18_knives_held_black_eyes_given_and_hearing_aids_hidden(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # a relationship between the report and the pronoun takes the pronoun
    ("pt says husband says he'll hurt himself if she goes to her mum's", "experiencing"),
    ("pt says he shoves her when he's drunk", "causing"),
])
def test_a_relationship_between_the_report_and_the_pronoun(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # v20 dev concepts, my own words
    ("she says her boyfriend listens in on her phone calls from the next room", "experiencing"),
    ("pt says wife forces sex when she has been drinking", "experiencing"),
    ("her partner smashes plates when he's in a mood", "experiencing"),
    ("antenatal: her boyfriend has been piercing the condoms, she found out", "experiencing"),
    ("his girlfriend says she'll get him sacked if he tells anyone", "experiencing"),
    ("after the overdose she said her husband told her to do it", "experiencing"),
    ("pt admits he's told his partner he will take the kids if she leaves", "causing"),
    ("her nephew moved in last year and has taken over the house", "experiencing"),
    ("hx DV with her ex partner, now single", "experiencing"),
    ("pt wants to go on a course, ashamed of what he did to her on friday", "causing"),
    ("pt says he pushed her but she marks easily", "causing"),
    ("pt is the mother in law, she keeps her DIL's phone", "causing"),
    ("man in majors says he drove round his exs and smashed her windows", "causing"),
    ("the 12yo says his dad beats his mum and he gets hit as well", "experiencing"),
    # the one being frightened of what someone else will do is still afraid of them
    ("her brothers say she shamed them and she's scared of what they'll do", "experiencing"),
])
def test_v20_harm_forms_places_and_hurt_with_no_one_named(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text", [
    "me personally, my wife says she'll ruin my career if I leave",
    "my partner gets angry when I'm late back from evening surgery and checks my phone",
    "my husband won't let me go to the ward christmas do",
])
def test_v20_the_one_typing_says_they_are_staff(text):
    assert read_roles(text).concern == "staff_experiencing"


@pytest.mark.parametrize("text,concern", [
    # v21 dev concepts, my own words
    ("her husband listens in on all her phone calls", "experiencing"),
    ("his wife hides his heart tablets and doesn't give them for days", "experiencing"),
    ("her son takes her carers allowance every month", "experiencing"),
    ("she says her ex is stocking her since the split", "experiencing"),
    ("her brother pulled a knife on her at the weekend", "experiencing"),
    ("his partner bent his fingers back in an argument", "experiencing"),
    ("her boyfriend put a tracking app on her phone", "experiencing"),
    ("pt admits he keeps ringing his ex wife all night", "causing"),
    ("pt told me if she goes out without him again she knows what is coming", "causing"),
    ("pt said his girlfriend will get a slap if she keeps it up", "causing"),
    ("his daughter manages everything and he gets what she decides", "experiencing"),
    ("she says her partner swaps her pill for vitamins", "experiencing"),
    ("he says his ex turns up wherever he goes", "experiencing"),
    ("pt says he punched his pregnant girlfriend", "causing"),
    ("dad (our pt) admits he belted his 9 yr old", "causing"),
    # using her own aids is not taking someone's; "for bruising" is a noun
    ("pt uses a walking frame and says her son takes her pension", "experiencing"),
    ("woman asking for arnica for bruising says her husband has a temper and hits her", "experiencing"),
    # "she's not allowed" after someone else's rule: she is the one barred
    ("mum, 19, says her stepdad runs the flat and she's not allowed a key", "experiencing"),
    # "the family shop" is a shop: the patient there is the one not allowed
    ("her cousin says pt works in the family business for nothing and isn't allowed any money", "experiencing"),
])
def test_v21_harm_forms_benefits_and_aids(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    ("this is personal - my wife checks my phone every night", "staff_experiencing"),
    ("personal question, my boyfriend takes my wages, is that abuse", "staff_experiencing"),
    ("me not patient, I shout at my husband after every shift and threw his phone", "staff_causing"),
    ("I am midwife, my husband hits me when I get home from nights", "staff_experiencing"),
    ("im an FY1 and I keep going through my girlfriend's messages", "staff_causing"),
])
def test_v21_staff_say_it_is_about_them(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # v21 dev, second pass, my own words
    ("pt admits she took her mum's bank card and spends it", "causing"),
    ("pt keeps asking where his ex girlfriend is living now", "causing"),
    ("my husband not allow me to see my sister", "experiencing"),
    ("he says he told his wife she is not allowed to visit her friends", "causing"),
    ("woman at the pharmacy says her partner has got a bad temper on him", "experiencing"),
    ("pt is frightened to go home, her partner messages all day", "experiencing"),
    ("pt admits he smashed her phone against the door", "causing"),
    # one parent harming the other: the child who lives with it is harmed too
    ("13 year old says his stepdad hits his mum most weekends", "experiencing"),
    # the patient named as one of the parents is the one doing it
    ("pt is the dad, his son told the teacher dad hits mum when drunk, pt agrees", "causing"),
    # "is that controlling?" asks about an act already named
    ("personal q - i told my boyfriend he cannot see his mates, is that controlling", "staff_causing"),
])
def test_v21_second_pass(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # v22 dev concepts, my own words
    ("her mum says the man she is seeing has been knocking her about", "experiencing"),
    ("the boy she was dating posted intimate photos of her after she finished it", "experiencing"),
    ("she's not allowed her own phone, the vicar's wife says", "experiencing"),
    ("pt says her partner threw her tablets away so she would get pregnant", "experiencing"),
    ("says her husband forgets to give her insulin when he is angry", "experiencing"),
    ("her ex sits in his van outside her flat every night", "experiencing"),
    ("pt admits giving her husband extra sleeping tablets to keep him quiet", "causing"),
    ("pt rings his ex girlfriend 30 times a day", "causing"),
    ("pt says he tells his wife he'll kill himself every time she mentions leaving", "causing"),
    ("she says her bf made her and she didn't want to", "experiencing"),
    ("pt says he had sex with his girlfriend while she was asleep", "causing"),
    ("family want him to sort out his sister because of her boyfriend", "causing"),
    ("pt says he put a tracker on his wife's car", "causing"),
    ("pt on bail not to contact his ex wife, asking about texting her", "causing"),
    ("pt asking about an anger management course after hitting his partner", "causing"),
    ("she says her family are planning her wedding abroad and she does not want to marry", "experiencing"),
    ("husband keeps telling her she is a useless mother", "experiencing"),
    ("pt says she moved her husband's walking frame (MS) out of reach", "causing"),
    ("nurse, me own son took my bank card", "staff_experiencing"),
    ("midwife here, my girlfriend says she'll out me at work if I leave", "staff_experiencing"),
    ("dentist here, my ex reported me to police for messaging her", "staff_causing"),
    ("clinician here, i took my partner's car keys so he couldn't leave", "staff_causing"),
])
def test_v22_partners_described_plans_to_marry_and_threats_to_out(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # v23 dev concepts, my own words
    ("83 year old, son moved in to help and she now has no access to her own bank account", "experiencing"),
    ("her husband tells her the visa will be cancelled if she speaks to anyone", "experiencing"),
    ("she was made to take out three credit cards by her boyfriend", "experiencing"),
    ("her parents are arranging a marriage back home this summer", "experiencing"),
    ("her husband tells her social services will take the baby if she leaves", "experiencing"),
    ("mum caring for her disabled son admits she shouts at him and locks the fridge", "causing"),
    ("pt says if his wife's family don't pay he will send her back to them", "causing"),
    ("pt says he has been posting his ex's private photos online", "causing"),
    ("pt admits he smashes plates near his wife when she argues", "causing"),
    ("pt admits he sends his girlfriend 40 texts when she goes out", "causing"),
    ("pt admits breaching it twice, the order says he can't contact her", "causing"),
    ("14yo says her online boyfriend sends her money for pictures", "experiencing"),
    ("pt says her husband sleeps with a knife under his pillow", "experiencing"),
    ("pt says he hit the wall instead of her face", "causing"),
    ("pt says he put hidden cameras up so he can watch his girlfriend", "causing"),
    ("pt admits she punched her wife, says her wife pushed her buttons", "causing"),
    ("between patients - my boyfriend reads my texts and kicks off if I talk to anyone", "staff_experiencing"),
    ("F2 here, my husband tracks my phone and says I can't swap shifts", "staff_experiencing"),
    ("im one of the porters, my wife slapped me last night", "staff_experiencing"),
    ("my ex keeps ringing the unit to find out which shifts im on", "staff_experiencing"),
    ("I looked up my ex's address on the clinical system", "staff_causing"),
    ("as a GP registrar I make my girlfriend ask permission before she goes out", "staff_causing"),
])
def test_v23_money_visas_threats_of_removal_and_staff_between_patients(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # v24 dev concepts, my own words
    ("15yo says her boyfriend checks her snap map all day", "experiencing"),
    ("her boyfriend pressured her into sending pictures and says he'll share them if she leaves him", "experiencing"),
    ("pt reports strangulation by her partner last week", "experiencing"),
    ("her husband calls her disgusting in front of the children", "experiencing"),
    ("mum of a newborn says her partner takes the child benefit", "experiencing"),
    ("pt admits she stops the kids seeing their dad", "causing"),
    ("pt wants to get his non mol lifted", "causing"),
    ("pt says he bins his wife's dinner if it's cold", "causing"),
    ("pt admits the children saw him hit their mum", "causing"),
    ("im a practice nurse and my partner says he'll tell the NMC im on drugs", "staff_experiencing"),
    ("her uncles are arranging a wedding for her overseas", "experiencing"),
    ("her boyfriend holds onto her ID", "experiencing"),
    ("her husband put cameras up in the flat and watches her from work", "experiencing"),
    ("she says her partner installed spyware on her phone", "experiencing"),
    ("her ex held a pillow over her face", "experiencing"),
    ("her husband brother hit her when she was alone", "experiencing"),
    ("pt says he makes his girlfriend carry the drugs", "causing"),
    ("mother in law says she disciplines her daughter in law", "causing"),
    ("pt says he logs into his ex's email every day", "causing"),
    ("pt admits he had her pinned against the wall", "causing"),
    ("pt says he'll make his ex's life hell", "causing"),
    ("drug worker here, my girlfriend has all my passwords and posts as me", "staff_experiencing"),
])
def test_v24_images_benefits_surveillance_and_drug_services(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # v25 dev concepts, my own words
    ("she says her fiancé punched her when she got in late", "experiencing"),
    ("her husband refuses any contraception and checks her bag", "experiencing"),
    ("her husband hides her lithium when they argue", "experiencing"),
    ("pt says his wife makes him hit her by nagging", "causing"),
    ("pt says his wife needs a firm hand", "causing"),
    ("pt admits he keeps hold of her diazepam", "causing"),
    ("pt says he has contacted his ex a few times through fake accounts", "causing"),
    ("pt says he is the one who decides if his wife can see friends", "causing"),
    ("ward sister here, my son shoved me into the door", "staff_experiencing"),
    ("writing about my own family, my dad has started on me", "staff_experiencing"),
    ("my wife has taken a non mol out against me, I'm a physio", "staff_causing"),
])
def test_v25_accents_contraception_medicines_and_orders_taken_out(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # v26 dev concepts, my own words
    ("her partner checks the miles on her car every night", "experiencing"),
    ("pt says her boyfriend accuses her of seeing other men whenever she is late", "experiencing"),
    ("her husband texts her between every lesson she teaches", "experiencing"),
    ("he says he is controlling with money because she overspends", "causing"),
    ("she asked if we can keep her medication at the surgery as her partner takes her tablets", "experiencing"),
    ("I'm a DN, my wife rings me constantly when I'm out on visits", "staff_experiencing"),
    ("practice nurse here, my husband says he'll tell my manager I'm unfit to work if I leave", "staff_experiencing"),
])
def test_v26_mileage_accusations_calls_and_the_teams_own_actions(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # v27 dev concepts, my own words
    ("her PA says he will leave her in bed all day if she complains", "experiencing"),
    ("he is ex forces and says he lashed out at his wife in his sleep", "causing"),
    ("pt says his ex partner has a non mol against him and he wants it lifted", "causing"),
    ("her son has had her bank card since march and gives her 20 a week", "experiencing"),
    ("her husband takes her hearing aids when she answers back", "experiencing"),
    ("her husband won't help her to the toilet when she annoys him", "experiencing"),
    ("pt admits she has stopped giving her mum her tablets", "causing"),
    ("pt says it was only a push and she is making a fuss", "causing"),
    ("he says he smashes stuff when he's had a drink and his girlfriend hides", "causing"),
    ("I'm a podiatrist and my husband goes through my bank statements", "staff_experiencing"),
    ("I'm a trainee advanced clinical practitioner and I've been checking my wife's phone", "staff_causing"),
])
def test_v27_care_withheld_aids_taken_allowances_and_what_someone_used_to_be(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # v28 dev concepts, my own words
    ("she can not take her pill because he bins them, he wants her pregnant again", "experiencing"),
    ("pt not allowed to hold the baby without asking her mother in law", "experiencing"),
    ("her husband is refusing to let her have gas and air", "experiencing"),
    ("her partner has threatened to cancel her spousal visa", "experiencing"),
    ("pt says his girlfriend has to ask his permission to see her sister", "causing"),
    ("yr 11 lad keeps pressuring his girlfriend for nudes and showed them to his mates", "causing"),
    ("he admits he hides her shoes so she can not go anywhere", "causing"),
    ("the 5 year old drew daddy hitting mummy", "experiencing"),
    ("I'm a health visitor and my boyfriend is doing the same thing to me", "staff_experiencing"),
    ("my wife checks my work phone every night", "staff_experiencing"),
])
def test_v28_pills_permission_pictures_and_the_typers_own_relationship(text, concern):
    assert read_roles(text).concern == concern


# Staff writing about their own relationship, with harm the rules do not read: never taken as a patient's
# concern - a staff one, or (the classifier unsure) the question which way round it goes
@pytest.mark.parametrize("text", [
    "practice nurse here and my husband is horrible to me when he drinks",
    "im a receptionist and my boyfriend is scaring me lately",
])
def test_the_typers_own_relationship_is_a_staff_concern_even_when_no_harm_is_read(text):
    from bot.interpret import interpret
    from bot.nlu_eval import concern_question
    from bot.vocab import ASK_WHICH_COLLEAGUE
    assert read_roles(text).concern is None
    assert interpret(text, EmbeddedNLU().parse(text), concern_question()) in ("staff_experiencing", ASK_WHICH_COLLEAGUE)


@pytest.mark.parametrize("text,concern", [
    # v29 dev concepts, my own words
    ("her dad weighs her every morning and won't let her eat till he says", "experiencing"),
    ("her husband keeps telling her she should just die", "experiencing"),
    ("her partner says he will get her sectioned if she leaves", "experiencing"),
    ("pt says it's only words and he has never touched her", "causing"),
    ("pt says he only gave her a tap because she would not give him the money", "causing"),
    ("pt says his wife winds him up so he has no choice", "causing"),
    ("he admits he watches his ex on instagram through a fake account", "causing"),
    ("she took the tablets after a row with her sister", None),
    ("im a keyworker and ive been checking my girlfriend's phone every night", "staff_causing"),
])
def test_v29_weighing_sectioning_minimising_and_an_overdose_is_not_harm_to_another(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # v30 dev concepts, my own words
    ("she says she only slapped him because she was fed up with his moaning", "causing"),
    ("she only hit him because he was strangling her", "experiencing"),
    ("pt says he hid his wife's walking frame so she would stay put", "causing"),
    ("she gives her youngest lad a whack and a kick when he answers back", "causing"),
    ("he's a vicar's husband, she controls all the money and he is not allowed a card", "experiencing"),
    ("our patient is the son, he keeps his mum in her bedroom all day", "causing"),
    ("he has been holding back his wife's insulin when she argues", "causing"),
    ("pt works nights in a care home and admits pinching a resident who would not settle", "causing"),
    ("carers see new marks on his arms every time his grandson has stayed over", "experiencing"),
    ("bruised hip after she tripped, her nephew visits on sundays", None),
    # left-over dev lines of earlier rounds, my own words: an injury to a body part not listed before,
    # and a patient whose pregnancy says she is the "her" of the message
    ("her boyfriend dislocated her shoulder on saturday", "experiencing"),
    ("she dislocated her shoulder at netball", None),
    ("pregnant patient says he reads all her texts", "experiencing"),
    ("antenatal pt admits she slaps him when she is stressed", "causing"),
])
def test_v30_excuses_carers_withholding_and_descriptions_are_read_the_right_way(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # v30 dev concepts, my own words: "this is for me", lies told to the typer's employer
    ("this is for me really, my husband follows me to work and waits outside", "staff_experiencing"),
    ("receptionist here, my boyfriend tells my boss lies about me when we fight", "staff_experiencing"),
])
def test_v30_the_typer_asking_for_themselves_and_lies_told_about_someone(text, concern):
    assert concern_offered(text) == concern


def test_what_someone_told_the_typer_is_not_harm_to_another():
    assert read_roles("she told me things about him that worried me").concern is None


@pytest.mark.parametrize("text,concern", [
    # v31 dev concept, my own words: a patient who is a student, against a student on the staff
    ("student attended for the pill, says her girlfriend pushed her down the stairs", "experiencing"),
    ("student, 20, says her boyfriend keeps her locked in the flat", "experiencing"),
    ("student nurse here, my girlfriend checks my phone every night", "staff_experiencing"),
    ("our student on the ward says her husband hits her", "staff_experiencing"),
    # v31 dev concepts, my own words: "would not stop when she said no", pressure into a marriage,
    # notes left under a door, deportation threats, a mum "at clinic" telling, grooming, a typer who
    # asks patients about abuse
    ("she says her husband would not stop when she said no", "experiencing"),
    ("her brothers are pushing her into a marriage back home", "experiencing"),
    ("her ex keeps putting letters under her door at night", "experiencing"),
    ("dad in ED tonight says his wife threatened to get him deported", "experiencing"),
    ("worried she is being groomed by an older lad from the park", "experiencing"),
    ("my husband hits me and I'm supposed to be the one screening patients for this", "staff_experiencing"),
])
def test_v31_a_patient_who_is_a_student_is_not_staff(text, concern):
    assert concern_offered(text) == concern


@pytest.mark.parametrize("text,concern", [
    # v32 dev concepts, my own words
    ("she says he decides what she wears and who she sees", "experiencing"),
    ("pt admits he decides when his wife can eat", "causing"),
    ("her son says he will put her in a home unless she hands over her savings", "experiencing"),
    ("her ex told her she will never see the kids again if she goes to the police", "experiencing"),
    ("her husband watches her through the doorbell camera all day", "experiencing"),
    ("pt says she stopped giving her dad his tablets when he shouts", "causing"),
    ("his partner takes his pay off him every month", "experiencing"),
    ("she has to ask before she can go to the shops", "experiencing"),
    ("me - my boyfriend pushes me around when he's had a drink", "staff_experiencing"),
    ("dental nurse here and my wife keeps my bank card from me", "staff_experiencing"),
])
def test_v32_decisions_threats_watching_and_allied_staff(text, concern):
    assert concern_offered(text) == concern


@pytest.mark.parametrize("text,concern", [
    # v33 dev concepts, my own words
    ("mum of an adult son with autism says he punches her most days, she is our patient", "experiencing"),
    ("forces wife, says he checks her location on the car gps all day", "experiencing"),
    ("im a practice nurse and my husband says if i report him i'll lose my pin", "staff_experiencing"),
    ("my ex waits in the surgery car park for me every evening", "staff_experiencing"),
    ("gp here, i keep telling her i will leave with the children unless she stops seeing her friends", "staff_causing"),
    ("paramedic here, i shoved her into the door last week", "staff_causing"),
    ("her brother has been frightening her since he got out", "experiencing"),
    ("her husband is a wife beater, everyone on the street knows", "experiencing"),
])
def test_v33_parents_of_adults_forces_families_and_staff_first_person(text, concern):
    assert concern_offered(text) == concern


def test_a_wife_beater_is_a_word_for_someone_not_a_wife():
    assert read_roles("pt says he is not a wife beater, he only pushes her when she winds him up").concern == "causing"
    assert read_roles("he is not a wife beater").concern is None


@pytest.mark.parametrize("text,concern", [
    # v34 dev concepts, my own words
    ("15yo in the childrens ward after punching a wall, says he has been slapping his girlfriend", "causing"),
    ("says her mother in law pressed her hand onto the hob as a punishment", "experiencing"),
    ("his wife slams the car door on his hand when he argues", "experiencing"),
    ("her in laws keep her indoors and take her phone", "experiencing"),
    ("her boyfriend screenshots all her messages to check on her", "experiencing"),
    ("pt admits he refuses to sign her visa application so she has to stay", "causing"),
    ("our patient is the one who hit her, she went to another hospital", "causing"),
    ("its happening to me, my husband checks my bank app every night", "staff_experiencing"),
    ("ANP here, ive been checking my wife's messages and telling her who she can see", "staff_causing"),
])
def test_v34_services_burns_indoors_visas_and_staff(text, concern):
    assert concern_offered(text) == concern


@pytest.mark.parametrize("text,concern", [
    # v35 dev concepts, my own words
    ("her ex keeps posting where she is staying on snapchat", "experiencing"),
    ("she thinks her boyfriend spikes her drinks so she looks like she is using", "experiencing"),
    ("pt admits he had sex with his wife while she was asleep", "causing"),
    ("her partner made her carry parcels for him or he would hurt her mum", "experiencing"),
    ("pt said he makes sure his girlfriend does not take her pill", "causing"),
    ("nurse here, I keep threatening to take the baby off my partner if she leaves", "staff_causing"),
    ("SARC examiner here, my girlfriend forces me to have sex when I say no", "staff_experiencing"),
])
def test_v35_locations_spiking_consent_and_custody_staff(text, concern):
    assert concern_offered(text) == concern


@pytest.mark.parametrize("text,concern", [
    # v36 dev concepts, my own words: reproductive coercion and pregnancy
    ("her partner made her come off the pill and counts her packets", "experiencing"),
    ("her girlfriend reads every message on her phone", "experiencing"),
    ("she says her husband forces himself on her most nights", "experiencing"),
    ("his boyfriend mocks his body since the surgery", "experiencing"),
    ("her in laws say she will be sent back if she tells anyone", "experiencing"),
    ("pt says he will not allow an abortion", "causing"),
    ("pt admits she lied to him about being on the pill", "causing"),
    ("pt says he takes condoms off without asking", "causing"),
    ("he admits he has been messaging his ex every hour since she left", "causing"),
    ("her husband threatened divorce and to keep the children if she has the termination", "experiencing"),
    ("as a community mental health nurse ive been tracking my wife's location", "staff_causing"),
])
def test_v36_reproductive_coercion_and_pregnancy(text, concern):
    assert concern_offered(text) == concern


def test_lies_told_to_someone_are_read_only_about_contraception():
    # "threatening to tell her boyfriend's employer lies if he leaves" is about lies told to others
    assert read_roles("mh pt says she keeps threatening to tell her bfs employer lies if he leaves her").concern != "experiencing"


@pytest.mark.parametrize("text,concern", [
    # v37 dev concepts, my own words
    ("she says her husband pressed her arm against the stove", "experiencing"),
    ("her brothers say they will deal with her if she shames them again", "experiencing"),
    ("pt admits he has been posting about his ex on the village facebook page", "causing"),
    ("her father in law told her she is not leaving the house without his son", "experiencing"),
    ("pt says he had to clip her one when she answered back", "causing"),
    ("pt admits he sent his girlfriend 300 texts yesterday", "causing"),
    ("she has been pushed down the stairs twice by her girlfriend's brother", "experiencing"),
    ("GP here, my ex keeps parking up outside the surgery when I finish", "staff_experiencing"),
])
def test_v37_rural_and_family_harms(text, concern):
    assert concern_offered(text) == concern


@pytest.mark.parametrize("text,concern", [
    # v38 dev concepts, my own words
    ("pt says he binned his girlfriend's pill because he wants a baby", "causing"),
    ("her husband hid her contraception and says it is god's will", "experiencing"),
    ("he told his wife she won't be going back to work after the twins", "causing"),
    ("lodger, 17, says the woman of the house screams at him and locks the kitchen", "experiencing"),
    ("he says he is the man of the house and she does as she is told or he hits her", "causing"),
    ("im a nurse practitioner here and ive been pushing my husband around", "staff_causing"),
])
def test_v38_contraception_work_households_and_practitioners(text, concern):
    assert concern_offered(text) == concern


@pytest.mark.parametrize("text,concern", [
    # v39 dev concepts, my own words
    ("ED: 31F forearm lac, says her girlfriend came at her with scissors", "experiencing"),
    ("pt says he tipped his wife's tablets down the toilet because she doesn't need them", "causing"),
    ("her son sold the house without asking her and moved her into his box room", "experiencing"),
    ("midwife here, my husband says if i go out with the girls he will hurt himself", "staff_experiencing"),
])
def test_v39_came_at_medicine_binned_home_sold_and_self_harm_threats(text, concern):
    assert concern_offered(text) == concern


@pytest.mark.parametrize("text,concern", [
    # v40 dev concepts, my own words
    ("pt 28/40 says he takes her phone and wont let her go to her mums", "experiencing"),
    ("pt 20wks says he checks her messages every night", "experiencing"),
    ("my girlfriend says i cannot see my brother any more", "experiencing"),
    ("labour ward coordinator here, my wife keeps ringing my ward to check where i am", "staff_experiencing"),
    ("ive been a health visitor 20 years and my husband takes all my wages", "staff_experiencing"),
    ("on mat leave from ICU, my partner wont let me see my friends", "staff_experiencing"),
])
def test_v40_gestation_prohibitions_and_staff_who_say_where_they_work(text, concern):
    assert concern_offered(text) == concern


@pytest.mark.parametrize("text,concern", [
    # v41 dev concepts, my own words
    ("an 80 year old woman whose grandson moved in, takes her bank card and locks her in her room", "experiencing"),
    ("pt says he shared his ex's nudes with her friends because she left him", "causing"),
    ("he only gives his wife her inhaler when she says sorry", "causing"),
    ("pt says he has the right to discipline his wife", "causing"),
    ("my wife says she will ring the GMC and say i am unfit to practise if i leave", "staff_experiencing"),
    ("i facilitate the anger groups and ive been shoving my partner", "staff_causing"),
    ("im staff here and my girlfriend takes my bank card", "staff_experiencing"),
])
def test_v41_relative_clauses_images_medicine_and_staff_who_say_what_they_do(text, concern):
    assert concern_offered(text) == concern


@pytest.mark.parametrize("text,concern", [
    # v42 dev concepts, my own words
    ("pt says her son has been taking money out of his nans pension every week", "experiencing"),
    ("her nephew keeps sending threatening voice notes to her", "experiencing"),
    ("his daughter switches off his hearing aids when he annoys her", "experiencing"),
    ("her husband took out two loans in her name", "experiencing"),
    ("pt admits she gives her husband extra diazepam so he sleeps", "causing"),
    ("practice nurse here, ive been taking money from my dads account", "staff_causing"),
    ("falls assessor - i keep screaming at my mum, im her carer", "staff_causing"),
])
def test_v42_money_messages_devices_and_loans(text, concern):
    assert concern_offered(text) == concern


@pytest.mark.parametrize("text,concern", [
    # a colleague passes on what a patient told them: the message is about the patient (my own words)
    ("the HCA told me the woman in bay 2 said her boyfriend chokes her", "experiencing"),
    ("one of our nurses says the patient in cubicle 5 admitted he hits his girlfriend", "causing"),
    ("our receptionist says a lady in the waiting room told her that her son takes her pension", "experiencing"),
    # and a colleague telling of their own life is still staff
    ("one of our HCAs told me her husband hits her", "staff_experiencing"),
    # a health visitor's "mum", and a job title only passing on what was said
    ("the HV says mum told her dad hits her", "experiencing"),
    ("the GP said her husband hits her", "experiencing"),
    # a job title as the one accused or doing it is a colleague
    ("the new locum was arrested for hitting his wife", "staff_causing"),
    ("a pharmacy technician admits he takes his dads pension", "staff_causing"),
])
def test_a_colleague_passing_on_what_a_patient_said_is_about_the_patient(text, concern):
    assert concern_offered(text) == concern


@pytest.mark.parametrize("text,concern", [
    # v43 dev concepts, my own words
    ("pt says his girlfriend deserved the slap", "causing"),
    ("pt says his wife knows better than to answer him back these days", "causing"),
    ("she admits she hid her husbands insulin from him after the row", "causing"),
    ("her son stopped taking her shopping unless she hands over her pension", "experiencing"),
    ("he told the nurse the burns on his hands are from his wife", "experiencing"),
    ("pt has been sending his ex wife abusive texts all week", "causing"),
    ("pt says she is the one who does most of the shouting at home", "causing"),
    ("her ex keeps turning up at the kids nursery", "experiencing"),
    ("my wife also works in this practice and she reads my messages at lunch", "staff_experiencing"),
])
def test_v43_deserving_it_medicine_kept_injuries_from_someone_and_a_partner_at_work(text, concern):
    assert concern_offered(text) == concern


@pytest.mark.parametrize("text,concern", [
    # v44 dev concepts, my own words
    ("deaf patient, her husband refuses to book an interpreter so she can not talk to us alone", "experiencing"),
    ("the old man flinched when his grandson walked into the room", "experiencing"),
    ("pt says her partner threw away her pills and wants another baby", "experiencing"),
    ("pharmacist here, im the one who screams at home, not her", "staff_causing"),
    ("my girlfriend says im controlling", "causing"),
    ("im not abusive, she hits me", "experiencing"),
])
def test_v44_interpreters_refused_flinching_pills_thrown_and_named_as_abusive(text, concern):
    assert concern_offered(text) == concern


@pytest.mark.parametrize("text,concern", [
    # v45 dev concepts, my own words
    ("pt says her husband put all the catalogue debts in her name", "experiencing"),
    ("she says she only hit her boyfriend back because he had her by the throat", "experiencing"),
])
def test_v45_debts_put_in_someones_name_and_hitting_a_partner_back(text, concern):
    assert concern_offered(text) == concern


@pytest.mark.parametrize("text,concern", [
    # v46 dev concepts, my own words
    ("pt says her husband whipped her with a belt last month", "experiencing"),
    ("she keeps saying its her own fault he loses his temper", "experiencing"),
    ("his girlfriend gets him to hand over his benefits every fortnight", "experiencing"),
    ("pt admits she tells him he is going mad when he can not find his keys she hid", "causing"),
    ("midwife here, this one is about me, my brother (30) takes my bank card and threatens me", "staff_experiencing"),
    ("pt says her partner will change the locks if she goes to see her sister", "experiencing"),
])
def test_v46_whipped_self_blame_money_handed_over_gaslighting_and_locks(text, concern):
    assert concern_offered(text) == concern


@pytest.mark.parametrize("text,concern", [
    # v47 dev concepts, my own words: a relationship said to be the patient in an aside; the patient's
    # relative telling a colleague; "she'd" read as "she had"; ruling with fists; taking the children
    # if the other leaves
    ("the children's mum, who is our patient, slaps the eldest when she's stressed", "causing"),
    ("the GP said the pt, his father, hits the younger son", "causing"),
    ("receptionist says the patient's sister rang, worried her husband takes all her money", "experiencing"),
    ("he said she'd kicked him in the back and locked him out", "experiencing"),
    ("the pt says her husband rules the house with his fists", "experiencing"),
    ("pt told his wife he would take the kids if she ever left him", "causing"),
])
def test_v47_the_patient_in_an_aside_a_relative_telling_and_taking_the_children(text, concern):
    assert concern_offered(text) == concern


@pytest.mark.parametrize("text,concern", [
    # v48 dev concepts, my own words: a colleague mid-question, a staff process, a job with a caution
    ("how should I approach a porter who says his wife hits him", "staff_experiencing"),
    ("return to work meeting today, her partner is controlling her money", "staff_experiencing"),
    ("ward manager has a police caution for hitting his girlfriend", "staff_causing"),
])
def test_v48_colleagues_mid_question_in_staff_processes_and_with_a_caution(text, concern):
    assert concern_offered(text) == concern


def test_a_lock_fitted_on_the_outside_of_someones_door_is_harm_by_the_one_who_fitted_it():
    # (the classifier may also hear danger here; the reading of who harms whom is what is tested)
    assert read_roles("pt says he fitted a lock on the outside of his mum's bedroom door").concern == "causing"


@pytest.mark.parametrize("text,concern", [
    # v49 dev concepts, my own words: harm done in self-defence; keeping out of someone's way; reported
    # for coercive control; a history of harming named in the notes
    ("she bit her girlfriend's arm in self defence when she was being choked", "experiencing"),
    ("pt pushed her son away to protect herself, he had her against the wall", "experiencing"),
    ("the pt stays at her sister's most weekends to get away from her husband", "experiencing"),
    ("one of our paramedics, his partner has reported him for coercive control", "staff_causing"),
    ("pt has a history of DV perpetration and asks for help with his temper", "causing"),
])
def test_v49_self_defence_keeping_away_reports_and_a_history_of_harming(text, concern):
    assert concern_offered(text) == concern


@pytest.mark.parametrize("text,concern", [
    # v48/v49 dev concepts, my own words: someone described by how she knows them ("the chap she lives
    # with", "someone she met on an app", "whoever he is with now", "the man who owns her flat"); someone
    # unnamed told of ("pt says a man hit her", "told me someone grabbed him")
    ("the chap she lives with reads all her messages and won't let her work", "experiencing"),
    ("someone she met on a dating app keeps turning up outside her flat", "experiencing"),
    ("whoever he is with now takes his bank card off him", "experiencing"),
    ("the woman who owns his flat makes him do her shopping for no pay and threatens eviction", "experiencing"),
    ("pt says a man at the bus stop grabbed her by the throat", "experiencing"),
    ("he told me someone at the hostel punches him for his methadone", "experiencing"),
    # ... but a call for someone to do it is the patient's ("says someone has to sort her out")
    ("pt says someone needs to put his daughter in her place for going out with that boy", "causing"),
])
def test_v49_someone_described_by_how_they_are_known_or_told_of(text, concern):
    assert concern_offered(text) == concern


def test_a_baby_girl_born_is_a_child_not_one_of_those_harming():
    # v44 dev, my own words: "blamed for having a girl": the girl is her baby, not the patient
    assert concern_offered("his parents blame her for having a girl and his sister pushed her") == "experiencing"


def test_an_age_and_sex_in_capitals_in_brackets_is_an_aside():
    # v48 dev, my own words: "(45F)" as "(45f)": not a person named "f"
    assert concern_offered("pt (45F) admits she hits her husband when she has been drinking") == "causing"
    assert concern_offered("pt (70M) lives with his son, admits taking his wages and threatening him") == "causing"


@pytest.mark.parametrize("text,concern", [
    # v50 dev concepts, my own words: someone known by work or housing ("the man she cleans for", "the
    # woman who does his shopping", "rents a room off an older man"); work forced for nothing
    ("the woman who does his shopping keeps his bank card and gives him twenty pounds a week", "experiencing"),
    ("the family she babysits for lock her in and take her passport", "experiencing"),
    ("he rents a room off an older woman who takes his benefits off him", "experiencing"),
    ("her aunt makes her work for nothing in the takeaway", "experiencing"),
])
def test_v50_someone_known_by_work_or_housing_and_work_for_nothing(text, concern):
    assert concern_offered(text) == concern


@pytest.mark.parametrize("text,concern", [
    # v50 dev concepts, my own words: "one of the HVs/DNs"; the one who "knows what's coming if ..." is threatened
    ("one of the DNs told me her partner keeps her car keys so she can't leave", "staff_experiencing"),
    ("pt says his wife knows what's coming to her if she talks to her sister again", "causing"),
])
def test_v50_one_of_the_hvs_and_knowing_what_is_coming(text, concern):
    assert concern_offered(text) == concern


@pytest.mark.parametrize("text,concern", [
    ("pt tearful, he hits her", "experiencing"),
    ("patient upset, he has her bank card and she is scared of him", "experiencing"),
    ("client crying in room 2, says she hits him when she drinks", "experiencing"),
    ("pt v quiet, he answers every question for her", "experiencing"),
    ("pt agitated, he hit her", None),                             # not shown upset: who is who is unknown
])
def test_a_patient_named_without_a_pronoun_and_shown_upset_is_the_one_harmed(text, concern):
    roles = read_roles(text)
    assert roles.concern == concern
    if concern:
        assert roles.confidence < CONFIDENT       # word order alone: the conversation confirms


@pytest.mark.parametrize("text,concern", [
    # v51 dev concepts, my own words: an injury "put down to" something is not a put-down; "the client's
    # ex" is the client's relationship, not the client; arrested for "a DA incident"; help to change one's
    # own behaviour; a way round an order; a mobility aid taken away; banned from going out; a family
    # is never the "he" of the message
    ("older man, his cuts put down to gardening but his grandson takes his bank card", "experiencing"),
    ("the client's boyfriend keeps turning up at her flat at night", "experiencing"),
    ("pt was arrested at the weekend for a DV assault, seen today for a sick note", "causing"),
    ("he wants to know where he can get help to change his behaviour at home", "causing"),
    ("pt asking how he can get around the injunction to see his ex", "causing"),
    ("her husband takes the walking frame away so she can't get to the door", "experiencing"),
    ("her partner has banned her from going out without him", "experiencing"),
    ("pt says her husband takes her wages and sends them to his family", "experiencing"),
])
def test_v51_put_down_to_a_clients_ex_arrests_help_to_change_orders_and_aids(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # v51 dev concepts, my own words: one the typer supervises, and a worry about a nurse or doctor
    ("my trainee midwife told me her husband reads all her messages", "staff_experiencing"),
    ("concerned about one of our doctors, his wife texts him every ten minutes and he looks terrified", "staff_experiencing"),
    ("my patient is a trainee nurse and her boyfriend hits her", "experiencing"),
])
def test_v51_a_student_one_supervises_and_a_worry_about_a_nurse_are_colleagues(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # v52 dev concepts, my own words
    ("he admitted he forced himself on his girlfriend after the party", "causing"),
    ("says when work is bad she takes it out on her husband", "causing"),
    ("17yo says her ex posts pictures of her online when she ignores him", "experiencing"),
    ("her partner tells her she is worthless every day", "experiencing"),
    ("uses a powerchair, her son hides the charger away when he wants money", "experiencing"),
    ("his wife flinches when he talks, he says she is just nervous", "causing"),
    ("a team member told me her boyfriend reads her texts", "staff_experiencing"),
    ("our ward sister has admitted she hits her teenage son", "staff_causing"),
])
def test_v52_forced_on_taking_it_out_pictures_shared_insults_aids_and_staff(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # v51 and v52 dev concept, my own words: an order against someone "taken out by" a relationship
    ("our receptionist has a restraining order against him, applied for by his ex-wife", "staff_causing"),
    ("pt has a non-mol against her taken out by her girlfriend", "causing"),
])
def test_an_order_taken_out_by_a_relationship_restrains_the_one_it_is_against(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # the one who discloses abuse named as such is the one harmed (twelfth session, my own words)
    ("she reported coercive control at her booking visit", "experiencing"),
    ("he disclosed financial abuse by his daughter", "experiencing"),
    ("he disclosed domestic abuse towards his partner", "causing"),
])
def test_disclosing_abuse_named_as_such_is_being_harmed(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # v53 dev concepts, my own words
    ("her boyfriend had her by the neck last night", "experiencing"),
    ("he says his daughter deserves a good hiding when she lies", "causing"),
    ("our patient is the one who did the bruising on her wife", "causing"),
    ("teenage lad lamps his younger brother when he loses at fifa", "causing"),
    ("she knocks her husband about when she's had a drink", "causing"),
    ("pt was found guilty of common assault on his partner last year", "causing"),
    ("the receptionist's teenage son takes her bank card", "staff_experiencing"),
    ("an HCA on my crew is on bail for assaulting his girlfriend", "staff_causing"),
])
def test_v53_throat_deserved_harm_the_one_who_did_it_lamps_and_staff(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # v55 dev concepts (thirteenth session), my own words
    ("elderly pt was dragged by her son across the kitchen", "experiencing"),
    ("he told his wife he'll make sure she never gets the children back", "causing"),
    ("our patient was served with a non molestation order last month", "causing"),
    ("he shut her out in the snow in her pyjamas", "causing"),
    ("student nurse says her girlfriend checks her bank account", "staff_experiencing"),
    ("an ortho reg told me he slapped his wife during a row", "staff_causing"),
])
def test_v55_grabbed_by_a_threat_over_the_children_served_an_order_and_staff(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # v56 dev concepts (thirteenth session), my own words
    ("pt says she bit his arm while he was strangling her", "experiencing"),
    ("he pushed her off after she'd punched him in the face", "experiencing"),
    ("pt told me 'I'll make sure you never see the baby' is what he said to her", "causing"),
    ("our HCA says her dad needs a good shove now and then", "staff_causing"),
    ("paramedic on scene, elderly man, his son takes his bank card", "experiencing"),
])
def test_v56_harm_done_back_i_will_needs_a_shove_and_the_typer_on_scene(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # v57 dev concepts (thirteenth session), my own words
    ("she said he told her he'll make sure I never see the baby if I go", "experiencing"),
    ("her boyfriend had his hands round her throat at the weekend", "experiencing"),
    ("he says he can check her phone, it's his right as her partner", "causing"),
    ("a HCA on our ward talks about not letting her wife see her friends", "staff_causing"),
])
def test_v57_make_sure_i_never_hands_round_as_her_partner_and_not_letting(text, concern):
    assert read_roles(text).concern == concern


def test_a_claim_of_who_started_it_weighs_less_than_the_harm_done():
    # v55 dev concept, my own words
    assert read_roles("he says his wife started it but he kept punching her").concern == "causing"
    roles = read_roles("her girlfriend always starts it")
    assert roles.concern == "experiencing" and roles.confidence < 0.8   # the conversation confirms


@pytest.mark.parametrize("text,concern", [
    # v55 dev concepts, my own words: a customer telling a colleague at the counter; a relationship's medicines
    ("a customer told my colleague he hides his partner's painkillers from her", "causing"),
    ("she says her son keeps her antidepressants and counts them out", "experiencing"),
])
def test_a_customer_telling_staff_and_a_relationships_medicines(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # v58 dev concepts (thirteenth session), my own words
    ("he told me he's held her by the neck once or twice", "causing"),
    ("pt asking about the respect programme, says he is ready to change", "causing"),
    ("her husband twisted her arm behind her back", "experiencing"),
])
def test_v58_held_her_by_ready_to_change_and_twisted(text, concern):
    assert read_roles(text).concern == concern


def test_ready_to_change_jobs_is_no_reading():
    assert read_roles("she is ready to change jobs and move away").concern is None


def test_calls_from_an_ex_during_shifts_harm_the_colleague():
    # v58 dev concept, my own words
    assert read_roles("one of our nurses gets texts from her ex all through her shifts").concern == "staff_experiencing"
    assert read_roles("a porter keeps getting calls off his wife during shifts").concern == "staff_experiencing"


def test_kept_from_her_family_by_a_relationship_is_the_patient_harmed():
    # v29 dev concept after the v58 rebuild, my own words
    assert read_roles("her husband won't let her family come to the house").concern == "experiencing"


def test_a_job_named_after_the_one_typing_introduces_themselves_is_the_colleague():
    # v59 dev concept, my own words
    assert read_roles("practice manager here, our nurse says her husband takes her wages").concern == "staff_experiencing"


def test_deleting_her_contacts_is_harm_and_the_next_verb_keeps_its_subject():
    # v59 dev concept, my own words
    assert read_roles("what do I do for a lady whose husband deletes her contacts and reads her texts").concern == "experiencing"


@pytest.mark.parametrize("text,concern", [
    # v60 dev concepts (thirteenth session), my own words
    ("our receptionist has been leaving her ex threatening voicemails", "staff_causing"),
    ("pt admits he is keeping the cat from his ex-wife to make her come back", "causing"),
    ("her ex sends threatening messages every night", "experiencing"),
])
def test_v60_threatening_voicemails_left_and_a_pet_kept_from_someone(text, concern):
    assert read_roles(text).concern == concern


def test_a_staff_members_partner_harming_her_is_a_colleague_harmed():
    # v61 dev concept, my own words
    assert read_roles("a staff member's husband keeps turning up at the ward to check on her").concern == "staff_experiencing"


@pytest.mark.parametrize("text,concern", [
    # fourteenth session (the last session's notes and v63, v64 dev concepts), my own words
    ("his mum's new fella twisted his wrist", "experiencing"),                     # a chained relationship
    ("reports partner threatens him", "experiencing"),      # a reporting word opening the note
    ("pt put his girlfriend's photos online after they split", "causing"),
    ("she admits putting her ex's address on facebook", "causing"),
    ("he says he caused her bruises but she went for him first", "causing"),
    ("resident told the nurse a night carer slaps her", "experiencing"),
    ("nurse on our ward keeps her mum locked in the flat while she works", "staff_causing"),
    ("the older man she is seeing made her do things she didn't want", "experiencing"),
])
def test_v63_v64_chains_reporting_images_injuries_caused_and_locking_in(text, concern):
    assert read_roles(text).concern == concern


@pytest.mark.parametrize("text,concern", [
    # v65 and v66 dev concepts (fourteenth session), my own words: a sister named by department, a job
    # worried about or supported mid-message, a doctor on our rota
    ("one of our night sisters told me her husband pushed her", "staff_experiencing"),
    ("worried a district nurse is hitting her girlfriend", "staff_causing"),
    ("how can I help a band 5 on ICU whose wife takes her wages", "staff_experiencing"),
    ("pt says her big sister pushes her about", "experiencing"),
])
def test_v65_v66_sisters_by_department_and_jobs_worried_about(text, concern):
    assert read_roles(text).concern == concern
