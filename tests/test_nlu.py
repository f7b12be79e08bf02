"""Embedded NLU: training data contract, held-out accuracy, the danger net, numbers and areas."""
from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
import yaml

from bot.nlu import (
    EmbeddedNLU,
    Parse,
    default_nlu_dir,
    is_danger,
    load_examples,
    match_area,
    normalise,
    parse_number,
)
from bot.nlu_eval import evaluate, load_test_file

ROOT = Path(__file__).resolve().parents[1]
NLU_DIR = ROOT / "data" / "nlu"
TEST_FILE = ROOT / "tests" / "nlu" / "test_data.yml"
AREAS = ["exampleshire", "northdale"]
DESIGN_INTENTS = {
    "greet", "goodbye", "affirm", "deny", "unsure", "immediate_danger", "disclose_abuse",
    "disclose_perpetrating", "restart", "help", "choose_area", "out_of_scope", "back",
    "faq/marac", "faq/idva", "faq/mash", "faq/consent", "faq/documenting", "faq/dash",
    "faq/perpetrator_services", "faq/police", "faq/couples_counselling", "faq/patient_declines",
}


@pytest.fixture(scope="module")
def nlu() -> EmbeddedNLU:
    return EmbeddedNLU(NLU_DIR)


@pytest.fixture(scope="module")
def training() -> dict[str, list[str]]:
    return load_examples(NLU_DIR)


@pytest.fixture(scope="module")
def held_out() -> dict[str, list[str]]:
    return load_test_file(TEST_FILE)


# --------------------------------------------------------------------------- training data contract

def test_training_covers_exactly_the_design_intents_with_enough_examples(training):
    assert set(training) == DESIGN_INTENTS
    thin = {intent: len(examples) for intent, examples in training.items() if len(examples) < 20}
    assert not thin


def test_training_files_are_rasa_3_nlu_files():
    files = sorted(NLU_DIR.glob("*.yml"))
    assert len(files) >= 4, "training data is split by topic"
    for path in files:
        doc = yaml.safe_load(path.read_text())
        assert doc["version"] == "3.1", path.name
        for item in doc["nlu"]:
            assert set(item) == {"intent", "examples"}, path.name
            lines = item["examples"].strip().splitlines()
            assert all(line.startswith("- ") for line in lines), (path.name, item["intent"])


def test_area_examples_are_annotated_for_rasa():
    raw = (NLU_DIR / "areas.yml").read_text()
    value = r'\{"entity": "area", "value": "(?:exampleshire|northdale)"\}'
    annotated = re.findall(r"\[[^\]]+\](?:\(area\)|" + value + ")", raw)
    assert len(annotated) >= 25


def test_no_real_looking_identifiers_in_any_nlu_data():
    identifier = re.compile(
        r"\d{3}[ -]?\d{3}[ -]?\d{4}"                    # NHS number / phone
        r"|\b0\d{9,10}\b|\+44"                           # UK phone
        r"|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b"         # postcode
        r"|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"          # date
        r"|@\w"                                          # email / handle
    )
    for path in [*NLU_DIR.glob("*.yml"), TEST_FILE]:
        assert not identifier.search(path.read_text()), path.name


def test_no_held_out_example_is_in_training(training, held_out):
    seen = {normalise(text) for texts in training.values() for text in texts}
    copies = [text for texts in held_out.values() for text in texts if normalise(text) in seen]
    assert not copies


def test_held_out_split_covers_every_intent_with_plenty_of_danger(held_out):
    assert set(held_out) == DESIGN_INTENTS
    assert all(len(texts) >= 8 for texts in held_out.values())
    assert len(held_out["immediate_danger"]) >= 30


def test_load_examples_strips_entity_markup(tmp_path):
    (tmp_path / "a.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: choose_area\n  examples: |\n'
        '    - I work in [Exampleshire](area)\n'
        '    - [exampleshre]{"entity": "area", "value": "exampleshire"} pls\n'
    )
    assert load_examples(tmp_path) == {"choose_area": ["I work in Exampleshire", "exampleshre pls"]}


@pytest.mark.parametrize("content", [
    "nlu: [unclosed\n",
    "- just a list\n",
    'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    hello without a dash\n',
])
def test_malformed_training_file_names_the_file(tmp_path, content):
    (tmp_path / "broken.yml").write_text(content)
    with pytest.raises(ValueError, match="broken.yml"):
        load_examples(tmp_path)


def test_nlu_dir_can_be_moved_with_an_environment_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("PATHBOT_NLU_DIR", str(tmp_path))
    assert default_nlu_dir() == tmp_path
    monkeypatch.delenv("PATHBOT_NLU_DIR")
    assert default_nlu_dir() == NLU_DIR


# --------------------------------------------------------------------------- held-out quality

def test_held_out_accuracy(nlu, held_out):
    result = evaluate(nlu, TEST_FILE)
    assert result["accuracy"] >= 0.95    # measured 0.974 (584 examples, 228 of them immediate danger)
    others = [(intent, text) for intent, texts in held_out.items() if intent != "immediate_danger" for text in texts]
    right = sum(nlu.parse(text).intent == intent for intent, text in others)
    assert right / len(others) >= 0.93   # measured 0.961 (356 examples): danger must not carry the figure


def test_every_held_out_danger_example_raises_the_danger_flag(nlu, held_out):
    missed = [text for text in held_out["immediate_danger"] if not nlu.parse(text).danger]
    assert not missed


def test_evaluate_reports_per_intent_scores(nlu):
    result = evaluate(nlu, TEST_FILE)
    assert set(result["per_intent"]) >= DESIGN_INTENTS
    assert result["danger_recall"] == 1.0
    assert set(result["per_intent"]["affirm"]) == {"precision", "recall", "f1", "support"}


def test_nlu_eval_says_when_rasa_is_not_running_and_prints_no_example_text(monkeypatch, capsys, held_out):
    import socket

    from bot import nlu_eval

    with socket.socket() as s:          # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("PATHBOT_RASA_URL", f"http://127.0.0.1:{port}")
    assert nlu_eval.main([str(TEST_FILE)]) == 0
    out = capsys.readouterr().out
    assert "Rasa is not running" in out and "embedded only" in out
    assert "embedded F1" in out and "rasa F1" not in out
    examples = sum(len(texts) for texts in held_out.values())
    assert re.search(rf"^accuracy\s+{examples}\s+0\.\d{{3}}$", out, re.M)
    assert re.search(r"^danger recall\s+\d+\s+1\.000$", out, re.M)
    assert not [t for texts in held_out.values() for t in texts if len(t) > 12 and t in out]


# --------------------------------------------------------------------------- short replies

@pytest.mark.parametrize("text,intent", [
    ("y", "affirm"), ("Y", "affirm"), ("yes", "affirm"), ("Yes.", "affirm"), ("yeah", "affirm"),
    ("yep", "affirm"), ("ok", "affirm"), ("no", "deny"), ("No", "deny"), ("nope", "deny"), ("n", "deny"),
    ("nah", "deny"), ("not sure", "unsure"), ("dunno", "unsure"), ("dk", "unsure"), ("idk", "unsure"),
    ("don't know", "unsure"), ("dont know", "unsure"), ("Don\u2019t know", "unsure"), ("?", "help"),
    ("help", "help"), ("help pls", "help"), ("back", "back"), ("go back", "back"), ("start again", "restart"), ("hi", "greet"),
    ("bye", "goodbye"), ("exampleshire", "choose_area"),
    ("na he is not", "deny"), ("naw she isn't", "deny"), ("aye she is", "affirm"),     # v27 dev: Scots and Ulster forms
])
def test_short_replies_are_understood_exactly(nlu, text, intent):
    parse = nlu.parse(text)
    assert (parse.intent, parse.confidence, parse.danger) == (intent, 1.0, False)


@pytest.mark.parametrize("text", ["", "   ", "asdf qwerty zxcv", "how do I renew my car insurance"])
def test_nonsense_and_unrelated_text_is_out_of_scope(nlu, text):
    parse = nlu.parse(text)
    assert parse.intent == "out_of_scope"
    assert not parse.danger


@pytest.mark.parametrize("text", ["three times this year", "they separated last month", "she has two children"])
def test_answers_with_facts_are_not_taken_as_commands(nlu, text):
    assert nlu.parse(text).intent not in {"restart", "back", "help", "goodbye", "immediate_danger"}


def test_a_danger_message_is_never_also_a_command(nlu):
    """The engine gives emergency advice *and* acts on a command: "daren't go back" must not step back."""
    parse = nlu.parse("she daren't go back")
    assert parse.danger and parse.intent not in {"restart", "back", "help", "goodbye"}


def test_a_danger_reading_always_raises_the_danger_flag(nlu, training, held_out):
    texts = [t for examples in [*training.values(), *held_out.values()] for t in examples]
    assert all(p.danger for p in map(nlu.parse, texts) if p.intent == "immediate_danger")


def test_faq_questions_reach_their_topic(nlu):
    assert nlu.parse("whats marac?").intent == "faq/marac"
    assert nlu.parse("what does an IDVA do").intent == "faq/idva"
    assert nlu.parse("do i need her consent to share").intent == "faq/consent"


@pytest.mark.parametrize("text,topic", [
    ("should I speak to her husband", "faq/consent"),            # never tell the person causing harm
    ("who do I call about the unborn baby", "faq/mash"),          # a pre-birth referral
    ("what's a pre-birth assessment", "faq/mash"),
    ("is she too young for MARAC at 16", "faq/marac"),
])
def test_questions_clinicians_asked_mid_case_reach_their_topic(nlu, text, topic):
    parse = nlu.parse(text)
    assert parse.intent == topic and parse.confidence >= 0.45     # sure enough to be answered (FAQ_SURE)


@pytest.mark.parametrize("text,norm", [
    ("hell kill her", "he will kill her"), ("she says hell be back", "she says he will be back"),
    ("he made her life hell", "he made her life hell"), ("what the hell", "what the hell"),
    ("a hell of a week", "a hell of a week"),
])
def test_hell_is_he_will_only_when_it_is_not_the_word_itself(text, norm):
    assert normalise(text) == norm


# --------------------------------------------------------------------------- danger net

@pytest.mark.parametrize("text", [
    "he has a knfe", "she was stabed", "hes in the waitng room", "he strangeled her",
    "he's outside", "he's on his way", "in the waiting room now", "she's scared to go home tonight",
    "not safe to go home", "he's going to kill her", "she can't breathe", "he's locked her in",
    "the kids are with him and he's kicking off", "call the police", "999", "ring 999!", "help now",
    "she's taken an overdose", "she's unconscious and bleeding", "he's coming here",
    "he's at the door", "threatening her with a bat right now",
    # by concept: abuser present in a named place, blocking or guarding, about to arrive, veiled threats
    "perpetrator is in the relatives room", "her abuser is on site", "he's blocking the door",
    "he's guarding her", "tonight's the night he said", "husband's here", "he's about to arrive",
    "he's got a sawn off", "he ran her off the road", "he's squaring up to staff", "she daren't go back",
    # typos: a letter wrong, missing or two swapped, and a verb misspelt
    "hes got a kinfe", "hes got a gunn", "cal police", "hes folowing her",
])
def test_danger_net_catches_immediate_danger(text):
    assert is_danger(text)


@pytest.mark.parametrize("text", [
    "he strangled her 2 years ago and he's outside now",
    "no weapons but he's in the waiting room",
    "she says she's not in danger but he has a knife",
    "last year he broke her jaw, tonight he said he'd kill her",
    "he was released from prison last month and turned up at her house",
    "she's never been strangled before but he choked her an hour ago",
    "used to be violent, now he's kicking off in reception",
    "not at risk she says, but terrified to go home",
    "he has threatened her before and he is outside now",
    "he owns a shotgun and he is on his way here",
    "he hit her when he was drunk and he is drunk now",
    "she says he kicks off when he drinks, and he is in the waiting room now",
    "he said he would burn the house down on their anniversary, which is today",
    "her husband has a shotgun licence and says he will use it on her tonight",
    "is he choking her right now",
    "her ex has just pulled up outside", "he has arrived at the practice",
    "he is not outside any more, he is in the building",
    "he has the children in the car and says he will drive off a bridge", "he kicked the front door in",
    "he says he is going to come for the children",
    "he has taken the shotgun out of the cabinet and is loading it",
    "he threatened to end it all",                     # not a threat to leave: may be to end a life
])
def test_past_or_negated_words_never_hide_danger_now(text):
    """Only the negated span is set aside, and history only when nothing in the message is about now."""
    assert is_danger(text)


@pytest.mark.parametrize("text", [
    "she's not in danger right now", "no immediate danger, just want advice", "he has no access to guns",
    "previous strangulation two years ago", "she had a black eye last month", "he used to hit her",
    "how do i ask about weapons", "what does strangulation mean on the dash", "no strangulation, no weapons",
    "she said he has threatened her before", "he has threatened to kill her on several occasions",
    "he hits her when he is drunk", "he slaps her whenever he loses his temper",
    "he pushed her down the stairs, which was years ago", "he hit her when they were at college, she is 40 now",
    "she is having a cosy night in tonight with her sister", "tonight she is going out for a curry with her mates",
    "this hill is a killer", "it was blue murder getting the baby to sleep", "her abuser has been dead for ten years",
    "he was charged and remanded last month", "the children are all grown up now",
    "he sees the children at the contact centre on saturday, it is supervised",
    "the threats were dealt with by the police in the spring", "he has a shotgun licence and has never used it on anyone",
    "he threatened to stab her last october and has been in custody since",
    "the bruises are old, about a week, she is with her mum",
    "she is scared of him generally, he can be quite intimidating, nothing recent", "killer headache all day", "he owns a shotgun for work on the farm",
    "he has a knife collection", "he choked her once, it has not happened again",
    "is choking always high risk on the dash",
    "i could murder a cuppa", "my back is killing me", "drowning in admin today", "got shot down in the meeting",
    "he threatens to leave her", "he is not here, he is at work", "he hit her before he went to prison",
    "what are the local stalking services", "she is worried about stalking",
    "he volunteers with a knife crime charity", "she goes to self defence classes", "he had a heart attack",
    "his father served in the armed forces", "his shotgun is locked in a gun cabinet",
    "she was threatened with the sack", "is separation a risk factor",
])
def test_denied_or_past_danger_raises_no_alarm(nlu, text):
    """Neither the net nor the classifier: the classifier cannot see negation, so it may not overrule it."""
    assert not is_danger(text)
    assert not nlu.parse(text).danger


def test_an_abuser_here_now_is_read_as_danger_not_as_a_question_about_abusers(nlu):
    parse = nlu.parse("the abuser is in the car park")
    assert (parse.intent, parse.danger) == ("immediate_danger", True)


@pytest.mark.parametrize("text", [
    "yes", "no", "3", "not sure", "she is safe at the moment, he is at work", "she has two children",
    "what is marac", "how do I document this", "thanks bye", "her blood pressure is fine",
    "bloods are normal", "she's stable", "emergency contraception?", "no not safe to talk, he's in the room",
    "three times this year", "her number is 999 123 4567",
])
def test_ordinary_answers_do_not_raise_the_alarm(nlu, text):
    assert not is_danger(text)
    assert not nlu.parse(text).danger


def test_danger_is_found_past_the_classification_limit(nlu):
    text = "she talked about the week in general " * 20 + "and he has a knife"
    assert len(text) > 600
    assert is_danger(text) and nlu.parse(text).danger


# --------------------------------------------------------------------------- numbers and areas

@pytest.mark.parametrize("text,number", [
    ("3", 3), ("three", 3), ("Three times", 3), ("five times", 5), ("twice", 2), ("once", 1),
    ("none", 0), ("no call-outs", 0), ("never", 0), ("0", 0), ("3 or 4", 4),
    ("2 in the last 12 months", 2), ("yes", None), ("not sure", None), ("", None),
])
def test_numbers(nlu, text, number):
    assert parse_number(text) == number
    assert nlu.parse(text).number == number


@pytest.mark.parametrize("text,area", [
    ("Exampleshire", "exampleshire"), ("exampleshre", "exampleshire"), ("examplshire pls", "exampleshire"),
    ("Example shire", "exampleshire"), ("in northdale pls", "northdale"), ("NORTHDALE", "northdale"),
    ("nortdale", "northdale"), ("i work in north dale", "northdale"), ("london", None), ("north", None),
    ("", None), ("yes", None),
])
def test_match_area(text, area):
    assert match_area(text, AREAS) == area


def test_match_area_returns_the_area_id_in_lower_case():
    assert match_area("exampleshire", ["Exampleshire"]) == "exampleshire"


# --------------------------------------------------------------------------- privacy and the CLI contract

def test_as_json_has_exactly_the_cli_keys_and_never_the_text(nlu):
    text = "he has a knife and her code word is bluebird"
    result = nlu.parse(text).as_json()
    assert set(result) == {"intent", "confidence", "danger"}
    assert result["danger"] is True
    assert isinstance(result["confidence"], float) and 0.0 <= result["confidence"] <= 1.0
    dumped = json.dumps(result)
    assert "bluebird" not in dumped and "knife" not in dumped


def test_parse_is_a_plain_value_without_the_text(nlu):
    parse = nlu.parse("bluebird")
    assert isinstance(parse, Parse)
    assert "bluebird" not in repr(parse)


def test_parsing_prints_and_logs_nothing(nlu, capsys, caplog):
    with caplog.at_level(logging.DEBUG):
        nlu.parse("he has a knife and her code word is bluebird")
        is_danger("bluebird is outside")
        match_area("bluebird", AREAS)
        parse_number("bluebird twice")
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""
    assert "bluebird" not in caplog.text


@pytest.mark.parametrize("text, intent", [
    ("she is", "affirm"), ("he does", "affirm"), ("she's alone now", "affirm"), ("they have", "affirm"),
    ("I think so", "affirm"), ("yes he has", "affirm"),
    ("he is not", "deny"), ("she isn't", "deny"), ("i don't think so", "deny"), ("no she is not", "deny"),
])
def test_pronoun_answers_are_never_flipped(nlu, text, intent):
    """A bare 'she is' or 'he does' answers the question asked: reading it as 'no' would record the opposite."""
    assert nlu.parse(text).intent == intent


# --------------------------------------------------------------------------- danger now versus harm before

@pytest.mark.parametrize("text", [
    "he is driving over to the surgery right now", "she has barricaded herself in the side room, he is at the desk",
    "he phoned to say she won't live to see the weekend", "he kicked her at Easter and he is outside now",
    "she used to be safe there but he's found the refuge tonight", "this is her last night, he said",
    "she won't be safe at home tonight",
    # found on the v7 dev split, tested here in other words: circling slowly, asking which bay she is in,
    # "something" done to her today, a few minutes away
    "her ex is circling slowly round the car park", "he rang reception wanting to know which cubicle she is in",
    "he texted that he'll do something to her tonight", "he is a couple of miles away and heading here",
    # found on the v8 dev splits, in other words: relatives arriving to take her, circling the block
    "her uncles are on their way to take her home today and she's terrified of what they'll do",
    "the ex keeps circling the car park in his car",
    # found on the v9 dev splits, in other words: his van parked by hers, "today is going to be the day",
    # a photo of the building sent, harm seen just now, "keep your mouth shut"
    "she won't walk out to her car, her husband's van is parked right beside it",
    "he texted that today is going to be the day he sorts her out once and for all",
    "her ex just sent her a selfie outside our surgery",
    "I've just seen her son grabbing her wrist at the bedside",
    # found on the v10 dev splits, in other words
    "her ex has sent her a photo of her kids' bedroom window", "he loosened the wheel nuts on her car this morning",
    "he's texted 'I'm downstairs'", "his message says 'I can see you, don't move'", "he's got her live location on his phone",
    "he'll probably be waiting at the school gates when she collects the kids in ten minutes",
    "her brother is pinning him against the door as we speak", "he came back in and said nobody's leaving",
    "he said if she goes to the police today he'll do her in", "i think he's going to hurt me tonight",
    "she said it's not safe, he said 'I'm coming'",
    # found on the v11 dev splits, in other words
    "he says he'll drive over there and sort her out when he's discharged", "he's been loitering outside the pharmacy",
    "she's sleeping in the car tonight because he's at home",
    # found on the v12 dev split (hard to spot), in other words
    "her mum rang, the ex has found out which ward she's on", "he breached his bail this morning and she's due home",
    "he was released from prison this morning and texted 'see you soon'", "someone spotted him outside her flat",
    "her toddler is still at home with him and he's drunk", "she fled without the kids", "he's gone to collect the kids from school and said she'll never see them again",
    "a man rang asking what time her appointment finishes", "my husband says he knows where I am and he's leaving work now",
])
def test_danger_now_fires_whatever_the_history(text):
    assert is_danger(text)


@pytest.mark.parametrize("text", [
    "he slapped her at christmas", "faded bruises on her neck", "he waits outside the school most mornings",
    "she is ok to go home tonight", "she is staying at her sisters tonight and feels safe",
    "his sister is in the waiting room", "he has not been near her since they split",
    "old scars on her arms from him", "police were called in june",
    # far away, counselling refused, early in the marriage, a weekday before, a belief he would not, idioms
    "she has moved to her aunt's, miles away", "he refuses to go to anger management",
    "he was controlling at the start of the marriage but nothing for months", "he pushed her on sunday night",
    "she does not believe he would ever harm the baby", "reception was murder this morning",
    "the ward is dead this afternoon", "he'd kill his brother for taking the last slice of pizza",
    "he lives 40 miles away now", "risk assessment done, no immediate concerns", "any guns in the house - no",
    "she'd kill for a slice of cake", "she'd murder the receptionist for an earlier slot",
    "if her ex comes in what should the front desk do",
    "she has a code word with her sister for if things get bad", "this bloody computer will be the death of me",
    "she said she'd die of shame if her dad knew", "he sometimes says he'll kill himself, the last time was in march",
    "the waiting area is absolute chaos tonight", "no knives or guns in the home as far as she knows",
    "there hasn't been any choking or strangling", "his brother hit him two years ago and lives overseas now",
    "the passports are now held by her solicitor", "safety plan done with her today, bag packed at a friend's",
    "is it abuse if he hides her purse, she's asking hypothetically", "her mother in law doesn't know she's here",
    "strangled in january, no symptoms now", "she's settled now, feels fine", "we were killing ourselves laughing",
    "this computer is trying to kill me", "she's here for her follow up after last week's fall",
    "worried he might find her on instagram", "immediate risk now - none", "he's in hospital himself in another town",
    "his shotguns are stored at his dad's", "is stalking classed as high risk?", "the ward is absolutely murder today",
    "any knives: no. any threats: not for over a year", "the baby nearly killed me in labour",
    "threats to kill were to his old girlfriend, not her", "he's 50 now and nothing since he was a teenager",
    "I'll murder whoever keeps nicking my pens", "locked out of systmone again",
    "do I score a shotgun licence as access to weapons", "she's taking the kids to school then talking to her mum",
    "he was shouting at the telly", "the cleaner is mopping the ward", "tears in her eyes when she talked about it",
    "no, he has never tried to choke her", "the kids have never been harmed", "he has never gone for her with a knife",
    "my pager is killing me tonight", "he was in prison for a stabbing in his twenties", "staff training on knife crime at 2pm",
    "she's stopping at her sister's tonight, he doesn't know the address", "the waiting room is absolute murder",
    "I'd murder a cup of coffee", "what should we do if he comes back again when he's out next year",
    "the threats were over the summer holidays", "this toothache is killing me", "she just mentioned he hit her years ago",
    "she's living with her dad now", "the crash trolley is outside bay 2", "that last clinic nearly killed me with the admin",
    "strangulation: never", "I could murder this sandwich",
])
def test_past_harm_habits_and_safe_plans_raise_no_alarm(text):
    assert not is_danger(text)


def test_past_harm_suggests_checklist_themes_not_an_alarm():
    from bot.nlu.danger import checklist_hints
    assert not is_danger("he choked her a few years back")
    assert "strangulation" in checklist_hints("he choked her a few years back")
    assert "injury" in checklist_hints("old bruises from when he punched her")


def test_a_bad_danger_phrase_stops_loading_with_a_clear_message(tmp_path):
    from bot.nlu.danger import DangerTableError, default_danger_file, load_danger_net
    text = default_danger_file().read_text(encoding="utf-8").replace("  weapon:\n    about: event\n    phrases:\n",
                                                                     "  weapon:\n    about: event\n    phrases:\n      - 'kn(ife'\n", 1)
    bad = tmp_path / "danger.yml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(DangerTableError, match=r"danger.yml: themes.weapon.phrases\[1\]: 'kn\(ife' is not a valid pattern"):
        load_danger_net(bad)
    bad.write_text("themes: {weapon: {about: sometimes, phrases: [knife]}}\nfragments: {who: [he]}\n", encoding="utf-8")
    with pytest.raises(DangerTableError, match="about: situation"):
        load_danger_net(bad)
    bad.write_text(text.replace("  theme: abuser here or coming", "  theme: nobody here", 1), encoding="utf-8")
    with pytest.raises(DangerTableError, match="welcome_presence: needs 'theme'"):
        load_danger_net(bad)
    bad.write_text(text.replace("needs_a_present_cue: [urgent help]", "needs_a_present_cue: [nobody]", 1), encoding="utf-8")
    with pytest.raises(DangerTableError, match="read_apart: 'needs_a_present_cue' must list themes"):
        load_danger_net(bad)


def test_nlu_eval_answers_help_and_a_missing_file_in_one_line(capsys):
    from bot import nlu_eval
    assert nlu_eval.main(["--help"]) == 0 and "usage:" in capsys.readouterr().out
    assert nlu_eval.main(["no-such-file.yml"]) == 2
    assert capsys.readouterr().out.strip() == "No such test file: no-such-file.yml"
    assert nlu_eval.main(["--failing", "held_out_v99.yml"]) == 2
    assert "No such split" in capsys.readouterr().out


@pytest.mark.parametrize("text", [
    # fiction, training and rehearsals: nothing is happening, even beside "today"
    "we ran a simulation session today where the partner has a knife, how did the debrief go wrong",
    "she has been reading a novel where the husband strangles his wife and it upset her",
    "the role play this afternoon had a man shouting outside the door",
    "if a patient tells me he is outside right now, what should reception do",
    "is a threat with a gun always high risk? just asking generally",
    # the person feared is away, or was never there
    "she was sure she spotted him at the bus stop but it was not him, he is in prison until 2028",
    "his dad has been locked up since march, mum is doing well now",
    "her ex lives in australia now and they have no contact at all",
    # everyday meanings and a clinician's own judgement
    "the toddler choked on a grape at lunch, fine now",
    "bruised cheek was from a rugby match on saturday, I saw it happen",
    "got a threatening email from the landlord about the deposit today",
    "she said she'd kill him if he forgot her birthday, laughing, no concerns at all",
])
def test_look_alikes_of_danger_do_not_raise_the_alarm(text):
    assert not is_danger(text)


@pytest.mark.parametrize("text", [
    "her stepdad got in through the kitchen window an hour ago and she is hiding upstairs",
    "I think he is in the room with her, she keeps saying yes and no only",
    "her family are flying her out on saturday to get married and she will not be coming back",
    "the kids are at home with mums boyfriend now and he hit the eldest last week",
    "he said if she is not home by nine she will pay for it, it is half eight",
    "her cousin is picking her up after school and she does not want to go, he touches her",
    "he is battering the front door, she is on the phone to us",
    # a joke cue alone does not defuse: abusers call threats jokes
    "he joked he would kill her tonight if she went out",
    "it is not a figure of speech, he said he would stab her when she gets home",
])
def test_hidden_and_forced_marriage_danger_still_fires(text):
    assert is_danger(text)


@pytest.mark.parametrize("text", [
    "I could strangle my brother, he has eaten all the cake again",
    "honestly I'd throttle whoever designed this form",
    "she said the birth felt like being killed, but it went fine",
    "he is smashing his exams this term",
    "baby screaming the house down with teething, mum coping well",
    "her ex is in custody tonight after being charged",
    "she has had the locks changed and he is not coming tonight, he is abroad",
    "not safe to discharge her yet because of her sats",
    "the blood on her sleeve was from a cut on her finger",
    "that Corrie storyline where he locks her in has upset a lot of patients",
    "she was locked in the shed as a child by her stepmum, now 50 and settled",
    "would a threat with a knife two years ago still count for marac?",
    "I'll kill him when I see the mess he left lol, no concerns",
])
def test_v14_look_alikes_do_not_raise_the_alarm(text):
    assert not is_danger(text)


@pytest.mark.parametrize("text", [
    "her dad is driving her to the airport tomorrow to be married and has her passport",
    "he is twisting her wrist under the table, he is still at the bedside",
    "a 14 year old is in a car with an older man she met on snapchat right now",
    "he has texted that he is at the end of her road and she had better open the door",
    "the father is barred but just tailgated a nurse onto the unit",
    "she says he told her the day is the day and she is feart to go hame",
    "I could kill him, he said, and he has a knife in his bag",
    "her mum will kill her if she finds out about the boyfriend, she is terrified to go home",
])
def test_v14_danger_now_still_fires(text):
    assert is_danger(text)


@pytest.mark.parametrize("text", [
    "choked? no. denies any choking or weapons ever",
    "knife cut was a cooking accident, she lives alone",
    "we thrashed them at pool last night, brutal",
    "blood all over the cubicle but it's a variceal bleed, not an assault",
    "he said he'd kill the referee, it's just the football",
    "he is not outside and not on his way, he is at sea for a month",
    "she's been staying with her auntie since the summer, he doesn't know where",
    "he broke her arm in 2012, she is now remarried and happy",
    "choking episode at dinner, food bolus cleared with back blows",
    "the mark on her neck is from a thyroidectomy",
    "lockdown drill at 3pm today",
    "student nurse asking what strangulation looks like, all fine",
    "the baby's bruise was accidental, seen by paeds and explained",
])
def test_v15_look_alikes_do_not_raise_the_alarm(text):
    assert not is_danger(text)


@pytest.mark.parametrize("text", [
    "pt says he put his hands round her nek last night, now hoarse",
    "she is stuck in the house with him right now, he has her phone",
    "infant 8 weeks, dad shook him earlier and mum is home alone with him now",
    "her ex says he will rape her again tonight",
    "choked? yes, last night, and he is outside now",
])
def test_v15_danger_now_still_fires(text):
    assert is_danger(text)


@pytest.mark.parametrize("text", [
    "he strangled her in 2018, she's happy and settled these days",
    "his first wife used to slap him, he's remarried and wants advice for a friend",
    "nobody at home is hitting him, the bruises are from rugby",
    "dictation: she says she is knot in danger",
    "he's working away until thursday so she's fine tonight",
    "her ex is in rehab in another county",
    "her stepdad passed away last year, she was frightened of him",
    "he has no idea where she lives now",
    "she's killing it at college",
    "terrified of the wasps in the garden",
    "the voices are threatening him again, known psychosis",
    "she said she'd die if her dad saw the tattoo, meaning embarrassed",
    "joked he'd murder her for burning the toast, nothing of concern when I explored it",
    "mum knows to call 999 if he ever shows up, new locks fitted",
    "she isn't scared about tonight, he's away on business till monday",
    "his sister hit him when they were kids, they get on now",
    "he messages her about pick-ups, nothing threatening in them",
    "the knife crime awareness session is tonight",
    "she said she feels trapped in her job",
    "she's being sent home tomorrow with a follow up in clinic",
    "her gran was flown back to Poland last year after the funeral",
    # v17 dev look-alikes, my own words
    "he has never pushed her or threatened her, he just sulks",
    "no calls or threats since the summer",
    "her ex punched her last boxing day and was sent to prison for it",
    "her brothers haven't tried to contact her since she moved away",
    "wrist fracture after a fall off her bike, no concerns raised",
    "she's aware she can call the police whenever she needs to",
    "nothing going on at the moment, she just wants it documented that he hit her years ago",
    "she joked her husband will kill her when he sees the bill, said with a grin, no other concerns",
    "she was frightened of her dad back then, he died years ago",
    "cut to the scalp from falling off the roof, alone at the time",
    "he no longer lives with the partner who hit him and has moved counties",
    # own look-alikes, second round
    "she's nervous about going back to work after maternity leave",
    "the marks on the baby's back are mongolian blue spots, documented at birth",
    "the cord was round the baby's neck at delivery, fine now",
    "he's on his way to rehab today, his choice",
    "she locked herself out and called a locksmith",
    "the film she watched had a stalker in it and it upset her",
    "she refused to let the nurse in to change her dressing",
    "Y6 girl off abroad at half term for her cousin's wedding, return tickets booked, excited",
    # v18 dev look-alikes, my own words
    "hx DA 2010-2014, threats and strangulation then, ex now lives in Canada, no contact since, pt well",
    "her first husband beat her thirty years ago, now she is remarried and happy",
    "kitchen knife cut to thumb while cooking, routine DA question negative",
    "routine enquiry: nobody hits or frightens him",
    "her son is demanding but never violent or threatening",
    "his brother was violent yrs ago, he's in recovery now and they're close",
    "she says her mum is killing her with her cooking",
    "he was violent while she was pregnant with their eldest, now 12, no contact for years",
    "he said he'd 'killed her' in the pub quiz, a running joke, relationship sounds fine",

    # a training scenario in one clause with nothing said now outside it
    "the training scenario today involves a knife",
    # v19 dev B look-alikes, my own words
    "she's petrified of the dentist's drill, husband holds her hand, seen alone as well and no concerns",
    "strangulated hernia, husband brought her in quickly",
    "stabbing pain in her back tooth since last night",
    "he keeps an axe by the shed for chopping logs",
    "the police have collected the old shotgun from the loft",
    "locked me and the kids out again, keys in the car lol",
    "urgent care: sprained ankle from netball, lives with her mum",
    "the refuge is out of area and he doesn't know its location",
    "cut her hand on the glass, nobody else involved",
    "he's on bail not to contact her or go near the house",
    "scald from a cup of tea pulled off the table, mechanism fits",
    "the consultant will be here shortly to review her",
    # v20 dev look-alikes, my own words
    "she denies feeling unsafe at home now that he has moved out",
    "they row but nobody has ever been hurt, she says",
    "ex used to choke her, he now has a restraining order and lives in another country",
    "mum with alzheimers becomes agitated in the evenings, no harm to anyone",
    "he was violent early in her pregnancy but they have split and he's not around",
    "he threatened to take an overdose when she left, that was weeks ago and he's in counselling now",
    # v21 dev look-alikes, my own words
    "she says her ex killed her self esteem, no contact for years",
    "widowed last year, says her late husband hit her for years, she feels free now",
    "8 week check, dad present and supportive, no concerns",
    "the boy says his parents row but there's no hitting",
    "he used to lock her out when she was expecting, that baby is 9 now and they divorced long ago",
    "she said her dad will kill her when he sees her tattoo, joking, he is very supportive",
    # v22 dev look-alikes, my own words
    "he locked her in the shed once years ago, she now lives alone in a bungalow",
    "she is worried her old police record will show up on the DBS check",
    "hx DA from her first husband 2005 to 2010, kids now grown up, feels safe",
    "grandad's been in a dead mood since the cup final, she says he's harmless",
    "she's scared he'll turn up at some point, he is working in australia until march",
    "she fears he'll sulk when she goes back to work",
    "she joked she'd kill him if he ate her chocolate, DA screening negative",
    "she is going to finish her shift today then go to her mum's",
    # v23 dev look-alikes, my own words
    "he says his wife has murdered the roses again, laughing",
    "seen in fracture clinic after slipping on ice, asked directly about DA, no concerns",
    "dad hit mum before they separated, supervised contact only now, going well",
    "security escorted the ex off the premises last night, bail conditions not to come near the ward",
    "nobody is waiting outside for her, she's getting a taxi home",
    "his ex was controlling in the past, they're divorced and the children live with him now",
    "she's scared of what he might do if she ever leaves, nothing has happened",
    "partner currently in custody, she is going to the refuge tomorrow with her IDVA",
    # v24 dev look-alikes, my own words
    "the MARAC actions are being followed up by the IDVA",
    "back in touch with her sister since she left him, doing well",
    "she has an injunction and a panic alarm now, outreach visits monthly",
    "her husband would go mad about the scratch on the car, she laughed",
    "her ex was jailed for assaulting her and lives abroad now",
    "she's dying to get home, the wait has been hours",
    "safety plan: bag packed at her friend's, knows to call 999",
    "old notes mention choking by a previous partner, she is single now",
    "her ex threatened her when they split, hasn't heard from him in 4 years",
    # the patient herself at her mother's with the children is a safety plan, not danger
    "he's in custody overnight and she is at her mum's with the kids",
    # v25 dev look-alikes, my own words
    "she is scared of him in a general way, no recent threats, wants advice",
    "she joked her husband would kill her for denting the car, no DA concerns when asked directly",
    # v26 dev look-alikes, my own words
    "she thinks he'd be furious if he found out about the coil, he has never laid a hand on her",
    "he is frightened of growing old and ending up in a care home",
    "she is adamant she would never go back to him, she has moved on",
    "his father hit his mother when he was a kid and it still upsets him",
    "she was shouted at by a man in the street over a parking space, not domestic",
    # v27 dev look-alikes, my own words
    "nothing has happened today, she wanted to talk through last winter",
    "her mum is killing her with kindness since the baby came",
    "he was attacked by his ex two years ago and is settled in his own place now",
    # v28 dev look-alikes, my own words
    "husband present so routine enquiry not done, will ask at the next visit",
    "she absolutely nailed her driving test today",
    "mum was shouting at the core group meeting in october, minutes on file",
    # v29 dev look-alikes, my own words
    "he has not made any threats, she just wants to leave the relationship",
    "she is wary of men in general since an assault years ago, no specific threat",
    "worried her baby might be taken off her, no DA, anxious about social services",
    "nobody has hurt her, the fear is part of her paranoia and the team know",
    "the voices are telling her she will be killed, no actual person involved, psychosis relapse",
    "she says her wife is killing her slowly with her cooking, big laugh",     # v30 dev, my own words
    # v31 dev, my own words: a joke beside the clinician's judgement, a month shortened, bail that keeps
    # him away, a quote that opens with "im", "nothing to do with" the relationship
    "he said 'ill strangle you if you touch my chips' haha, nothing worrying",
    "her mum 'will kill her' for the piercing, said laughing, close relationship",
    "ex punched a wall at handover in oct and has since been barred from the nursery",
    "his bail conditions stop him coming anywhere near her or the kids",
    "she said 'im going to die of stress' over her dissertation, nothing to do with her partner",
    "her husband drives her to clinic and sits outside in the car when asked to",
    # v32 dev, my own words: childhood "as kids", a decade, before the baby, a college project, an idiom
    "their stepdad beat them as kids, he is 50 now and wants to talk about it",
    "her gran escaped a violent marriage in the 80s, she is asking for a uni assignment",
    "the last time he hurt her was before the twins were born and things are calm",
    "if looks could kill, she said of her mother in law, smiling",
    # v33 dev, my own words: "never even", "no, never, feels safe", an old crash, Scots "hasnae"
    "she says he has never even lifted a finger to her, he is just grumpy",
    "asked about safety at home, said no, never, feels safe there",
    "he nearly killed us both, she says, talking about an old road accident",
    "he hasnae hit her, she just wants advice about money",
    # v34 dev, my own words: the clinician's "clearly a joke", a way of talking, routine enquiry negative
    "she said she would throttle her son for scratching the car, obviously joking",
    "'i'll murder you' is just the way him and his sister talk, says dad",
    "UTC: wrist sprain, husband waiting outside, routine DA enquiry negative",
    # v35 dev, my own words: therapy now, food "killing" her, "dead meat", bail that keeps him away, all summer
    "her ex strangled her years ago and she is doing EMDR now",
    "says the methadone is killing her and she wants a reduction",
    "his mates said he'd be dead meat if he missed the match",
    "his bail conditions keep him two miles away and he is sticking to them",
    "he was sending threats all summer, he was charged in september",
    "dad gets short tempered with the baby crying but walks off, never violent, never threatens",   # v36 dev
    # v38 dev, my own words: "just" meaning only, the family a parent grew up in, hyperbole about a pet
    "she left him three years ago and is just here for her baby's jabs",
    "mum says her own father was violent and she worries she shouts too much like him",
    "partner joked 'i could kill that cat' when it was sick on the rug, relationship fine",
    # v39 dev, my own words: childhood with the patient named, (d) said the other way round, venting,
    # routine enquiry put off with the partner there
    "his stepdad beat his mum when the patient was a boy, he wants counselling",
    "husband in the room throughout, no concerns identified when she was seen alone",
    "said she could murder her manager, obviously venting about the rota",
    "routine enquiry not done because her wife was present, will ask at the next visit",
    # v40 dev, my own words: unsafe in the dark in general, "he'd die if he missed it", "she said she meant"
    "says she does not feel safe walking back from the bus stop at night, nobody in particular",
    "her husband said he would die if he missed the scan, he is stuck in traffic",
    "she said he'll kill her if she's late, then said she means he gets impatient",
    # v41 dev, my own words: fear of being found in general, unsafe in general, nobody threatening him,
    # the one feared still in custody, handovers that go fine
    "she worries about her ex tracking her down one day, he moved to australia years ago",
    "he feels a bit unsafe on the estate, no specific person",
    "says nobody at the hostel is threatening him, wants help with his drinking",
    "he threatened to stab her in march, was charged and is still on remand",
    "she and her ex co-parent now, pick ups at the nursery go smoothly",
    # v42 dev, my own words: released at a time well ahead, nobody threatened, never felt unsafe, a
    # belief that someone who has died is coming
    "mum worries her ex will look for her when he is let out of prison in two years",
    "lots of arguing at the wedding but nobody has been hurt",
    "she has never felt frightened of him, she is just exhausted",
    "he believes his late wife is coming to take him home, she died years ago",
])
def test_v16_look_alikes_do_not_raise_the_alarm(text):
    assert not is_danger(text)


@pytest.mark.parametrize("text", [
    "he strangled her in 2018, he's in reception now",
    "her uncles are taking her to the airport tonight to marry a man she has never met, she's terrified",
    "flights are tomorrow, the family want her married over there, she doesn't want to go",
    "grandson will be back later, he hit her for money yesterday",
    "15yo says older men pick her up after school today",
    "nobody at home is hurting her but her ex is waiting outside",
    "he used to hit her, now he's standing at the door",
    "she used to be scared of him. he's just texted that he's coming round tonight",
    "she isn't in danger from her dad but her brother is in the car park",
    "she knows to ring 999 if he comes back, and he's just pulled up outside",
    "not worried about tonight she says, but he's told her he'll kill her when she gets home",
    "when we were teenagers he beat me, he's at my door right now",
    "he's standing over her in the cubicle and won't let the nurse in",
    "his texts are threatening and he is outside",
    "she is trapped in the flat with him",
    # v17 dev: threats to batter or 'sort out' a child, taken out of the country soon
    "dad's got the toddler at home and says he'll sort her out if mum doesn't come back",
    "his uncle is going to leather him when he gets in tonight",
    "family say she's being put on a plane back to Bangladesh on sunday, she doesn't want to go",
    "she'll be taken out of the country tomorrow, they've booked the tickets",
    "he has never pushed her or threatened her until tonight, now he says he'll kill her",
    "nothing happening now but her ex is in the car park",
    "she's aware she can call the police but he's outside the house right now",
    "she no longer lives with him but he is in the car park now",
    "terrified of him back then and he's coming round tonight",
    # a part of its own that says now stays live beside a film or a training session
    "she was watching a film and her ex is outside the house right now with a knife",
    "we did the DA training this morning but my patient's partner is in reception now shouting for her",
    "he's on his way to her house",
    # v18 dev, my own words
    "she slipped out while he was asleep, he gets back at 4 and she's terrified",
    "her stepdad is at home drunk with the twins and has been lashing out",
    "he spiked her drink at lunch and he's due to collect her from clinic",
    "learning disability, says his brother hits him, he's going home with him in 5 minutes",
    "ex just rang her saying he's going to the nursery to take the baby",
    "son won't let the paramedics in, dad's collapsed inside",
    "her 'boyfriend' is 40, she's 15, he's picking her up from school in ten minutes",
    "now she is divorced but he is outside the house with a knife",
    "nobody hits her at home but her ex is waiting in the car park now",
    # v19 dev (hidden danger), my own words
    "her phone lit up: 'I can see your car, nice coat' - he's not meant to know she's here",
    "a man has rung twice asking if his ex is booked in this afternoon, she is",
    "her girlfriend is due back in twenty minutes and burnt her last time she was late",
    "she asked if there's a back way out, her ex is by the bike shelter",
    "he got out of prison early and is now at her mum's house where her son is staying",
    "voice note from him: he's in her kitchen with the kids waiting for mummy to get home",
    "her partner walked off with the baby in the rain saying he'd give her away",
    "his stepdad held his hand on the hob and says he'll do his sister next when they get home",
    "the in-laws told her they'll finish what they started when she goes home today",
    "he said if she saw a doctor again he'd break her arm, she has to go home after this",
    "the little one whispered that daddy will make mummy stop breathing when I leave",
    "note passed at the counter: he makes me take them all, help",
    "he's been saving her tablets and says he'll give her them all tonight then take the rest himself",
    "Y7 girl has a plane ticket for first thing tomorrow to be married to her cousin, crying",
    "he has taken her passport and the kids' and they're booked on tonight's flight",
    "texted us: he's took my keys and phone, he's in the shower now, ring back before he's out",
    "geordie: he's ganna dee us in when a get yem",
    # a weapon or "now" outside a fiction, training or no-concerns cue keeps the message live
    "in the role play he is outside now and has a knife",
    "he is outside with a knife. seen alone, no concerns",
    "he has a knife, he used to threaten her with it",
    # v19 dev A, second pass: caught before only because "urgent care" read as urgent
    "she says if she's not home before the match ends he'll do the cat, then her",
    "her ex rang: he's on the ring road and will be here before she's seen",
    "he's got a gun in the loft. he used to wave it at her when drunk",
    "spoke to her alone, no concerns, she is going home with him tonight and he said he would kill her",    # v20 dev, my own words: a violent ex calling round later, a one-way ticket to be married, coming back to finish it
    "her ex texted that he'll be popping over tonight to talk, he has hit her before",
    "they've bought her a one way ticket for saturday, she's scared it's to get married",
    "he rang the ward: he's going to come back and finish her off",    # v21 dev, my own words: access refused to a dependent adult, a child taken abroad soon, insulin
    # withheld on a condition, a wheelchair taken, back after the match to finish it, taken to be married,
    # people brought to take her from the ward
    "district nurse: no food since yesterday and her son won't let the carers in",
    "his mother says she is flying the kids out of the country tomorrow and has their passports",
    "her husband is keeping her insulin until she drops the complaint",
    "he took her walking frame and left, she can't get to the phone",
    "he said he'll come home after the match to finish it",
    "year 11 girl says her brothers are driving her to get married on saturday",
    "his family are sending his cousins to take her from the ward tonight",    # v22 dev, my own words
    "the little one is home with her stepdad now and he's been drinking all afternoon",
    "her ex still has a key and is at the flat, she can see him on the camera",
    "he texted 'I'll be waiting when you come out of the surgery'",
    "the crew say he's still in the house and refusing to let them take her to hospital",
    "her ex has posted that he is going to finish it today",
    # a threat of fire with a time is never a plan for the day
    "her partner is going to torch her car tonight",
    "he says he's going to set fire to the flat later today",    # v23 dev, my own words
    "man at the reception desk screaming that he's taking the baby off his girlfriend",
    "her partner has her brother pinned against the fridge at home",
    "her dad is taking her abroad tomorrow and she has seen the tickets",
    "he texted that he will come down to the surgery if she doesn't answer",
    "her uncles want to deal with her tonight because she has a boyfriend",
    "he's got the children in his car and won't tell her where they are",
    "while she was with me he messaged 'I know where you are'",
    "her ex is in the main reception and coming up to the ward",
    "her ex put her location online with the words 'found you'",
    "his partner rang to say she'll crash the car with the kids in it",
    "her cousins are at the main entrance to take her to the airport",
    "he messaged her 'I know which ward you are in'",    # v24 dev, my own words
    "her ex still has a key and will be round when the club closes",
    "she's getting messages now saying he is at her sister's with the kids",    # v25 dev, my own words
    "her uncles have booked tickets for next week and she will be taken to get married, her passport is gone",
    "he says he'll set the dogs on her if she isn't home by 6",
    "crew on scene, her partner is still in the flat refusing to let them take her",
    # v26 dev, my own words: he is back and raging; shouting in the house during a visit; coming back
    # later "to sort her out"; afraid of going home tonight (a plan word is not a plan after "scared of")
    "message from her just now: he's back, please help",
    "doing a postnatal visit and her partner is banging about in the kitchen, she's in the bedroom with me",
    "her son took her purse this morning and says he's coming back tonight to sort her out",
    "she is scared of going back home tonight",
    # v28 dev, my own words: he walked onto the unit despite the order
    "her ex has just marched onto the labour ward, there is an injunction",
    # v29 dev, my own words: a plea to send someone
    "she messaged the ward: he is back, pls send someone",
    # v31 dev, my own words: the new set-asides leave danger beside them live
    "his bail conditions stop him coming near her but he is in the car park now",
    "her brother is in reception with a machete, nothing to do with any relationship",
    "he said 'im going to kill you tonight' and she ran here",
    "hit 'im with a bat and he's still outside the house",
    "he is outside her room and refuses to go when asked",
    "he hit her as kids and now he is banging on her door",
    "if looks could kill - and he has a knife in his hand now",
    "he has called her 12 times in the last half hour saying he is in the car park",
    "he never even raised his voice before but tonight he pulled a knife on her",
    "she says it was obviously a joke but he is outside with a hammer",
    "routine enquiry negative but her ex is in the waiting room now and shouting",
    "his bail conditions keep him away but he is at her door right now",
    "she started therapy and tonight he has locked her in the bedroom",
    "he has messaged her 25 times since she arrived on the ward and says he is in the car park",   # v36 dev
    # v38 dev: the new set-asides do not swallow these
    "she left him years ago but he has just turned up in reception",
    "her own dad was violent to her and he is outside the house now",
    "he said 'i could kill the baby' and he is holding her now",
    # v39 dev: threats the net had missed, and the set-asides do not swallow these
    "her ex has the children at his flat and keeps texting photos of them saying say goodbye",
    "daughter is her carer and says she will leave her without her insulin if she talks to us, going home today",
    "no concerns identified when seen alone but he is now shouting in the corridor",
    "obviously venting she said, but he is outside with a knife",
    # v40 dev: people sent for the baby, a call for help from a room, held by the hair
    "her in-laws are sending her cousins to take the baby off the ward tonight",
    "security needed in room 4 now, her partner has her by the throat",
    "HELP NEEDED IN BAY 2 HE HAS HER BY THE HAIR",
    "she said he means to kill her when she gets home",
    # v41 dev: the set-asides do not swallow these
    "she is scared of him finding her and he is in the car park now",
    "he threatened to stab her and is still outside the house",
    # v42 dev: the set-asides do not swallow these
    "he gets out of prison today and says he is coming for her",
    "she has never felt unsafe before but tonight he has a knife",
])
def test_v16_danger_now_still_fires(text):
    assert is_danger(text)


@pytest.mark.parametrize("typed,read", [
    ("bf hit her n shes got the kids", "boyfriend hit her and she is got the kids"),
    ("he goes thru her msgs every nite", "he goes through her messages every night"),
    ("not allowed out w/o him", "not allowed out without him"),
    ("they've taken her phone, we've seen it", "they have taken her phone we have seen it"),
    ("safeguarding concerns: n/a", "safeguarding concerns not applicable"),
])
def test_text_speak_is_read_as_words(typed, read):
    assert normalise(typed) == read


def test_an_apostrophe_opening_a_quote_is_not_a_dropped_h():
    # "she said 'im fine'" quotes the patient ("I'm"); "he hit 'im" drops the h of "him"
    from bot.nlu.normalise import normalise
    assert normalise("she said 'im scared of him'") == "she said i am scared of him"
    assert normalise("'im fine' she told me") == "i am fine she told me"
    assert normalise("he told 'im to get out") == "he told him to get out"
    assert normalise("she says 'er boy 'ave been at 'er") == "she says her boy have been at her"


# v47 dev, my own words: someone here or coming whom the patient wants there, or about whom the
# clinician records no concern, is not danger now (`welcome_presence` in data/safety/danger.yml, H41)
@pytest.mark.parametrize("text", [
    "her partner is sat in the waiting room, he brought her in as she can't drive after sedation, no concerns",
    "mum is here with him for the appointment, he is 14 and happy for her to stay",
    "her wife is outside in the car park waiting to take her home, she's very positive about her",
    "son is on his way to collect her at her request, nothing concerning",
    # and the safety measures, conditions and other patients' business of the same round
    "non-mol granted and extra locks put in on the doors, the children feel safer",
    "easy bruising, known bleeding disorder, no disclosure when asked alone",
    "the woman crying in the waiting area is a different patient, not ours",
    "security are on the unit dealing with another patient",
    # v48 dev concepts, my own words
    "her husband is in the corridor, he seems lovely, came for moral support",
    "the lad pacing outside is her son waiting for news about his nan",
    "her dad is out front having a fag while she is seen, he's a good dad she says",
    "leaflets for the waiting room on knife crime, where do I order them",
    "the stepdad who hit her in 2019 is now in a residential rehab unit, no contact since",
    "RTC this morning, passenger trapped for an hour, now in resus, no DA concerns",
    "she's scared stiff of her appraisal next week",
    "his shifts are killing him, he's exhausted",
    "the baby crying is wind, mum coping fine",
])
def test_someone_welcome_here_is_not_danger_now(text):
    assert not is_danger(text)


# ... but a welcome never hides fear, harm, a danger event or a wish for them gone
@pytest.mark.parametrize("text", [
    "her partner is in the waiting room, no concerns on the surface but she is terrified of him",
    "he is here with her, she asked for him to stay, but he is drunk and kicking off",
    "husband outside, she says she's happy for him to come in but she can't talk with him there",
    "no concerns from the GP, but her ex is outside and won't leave",
    "her boyfriend is in reception, she wanted him with her, but he has a knife",
    "he is on his way, she is relaxed about it, he says he will kill her tonight",
    "her ex is outside, no concerns from school, he turned up unannounced",
    "new locks fitted but he is locking the kids in their room",
    "the man in reception is another patient's husband and he is threatening her",
    "her ex is in the waiting room, he seems calm, she says he raped her last week",
    "he is outside having a smoke, she says he will kill her when she gets home",
    "he was in rehab but he is outside the house now",
])
def test_a_welcome_never_hides_fear_harm_or_a_wish_for_them_gone(text):
    assert is_danger(text)


# A recall hole closed in the tenth session: someone here or coming, in a part of the message of its
# own, was set aside by a past cue in another part ("he hit her last week" made the whole message past)
@pytest.mark.parametrize("text", [
    "he is in the waiting room, he hit her last week",
    "her ex is sat in reception. She says he raped her in the summer",
    "boyfriend outside in his car - strangled her last month",
    "her husband is on his way here; he broke her arm in 2023",
    # ... nor is any danger now: a part about the past is read apart from the rest
    "she texted from the bathroom, he has locked her in, he hit her last year",
    "he has a kitchen knife in his hand and is shouting, previous DA 2019",
    "Last year he broke her jaw. He says he will kill her when she gets home.",
    "kids are at home with him and he is drunk - history of DV in the previous relationship",
    "her husband is drunk and banging on the front door. He hit her last Christmas.",
    # eleventh session: a time soon, or something being done as the message is written, in those parts
    "he says he will stab her when she gets back from the shops, he broke her ribs in 2022",
    "she has to go home in an hour and he sent 'you're finished', previous DA 2019",
    "caller hiding in the loft, partner smashing the kitchen up. Long history of DV.",
    "ex texting her every few minutes from outside the school gate - assaulted by him years ago",
])
def test_danger_now_is_not_hidden_by_past_harm_in_another_part(text):
    assert is_danger(text)


# ... while a bare time after a part says when that part happened, and a service named apart from the
# story is what was done then
@pytest.mark.parametrize("text", [
    "threats to kill: yes, in 2020",
    "he held a knife to her throat, but that was in 2017 and he has been in prison since",
    "he threatened to stab her last spring, police were called, he moved to Spain after",
    "she has nightmares about him and wakes up screaming, it's three years since she left",
    "he was shouting and kicking the door that night, it was in 2021",
])
def test_history_read_apart_stays_history(text):
    assert not is_danger(text)


# v49 dev concepts, my own words (eleventh session, H41): veiled threats said to her face and her address
# put online for others to use are danger now ...
@pytest.mark.parametrize("text", [
    "she told him it's over this morning, he said if he can't have her no one else will, she's at home with him",
    "he keeps messaging 'I'm going to sort you out when you get in', she finishes work at 5",
    "her ex shared her new address on facebook and told his mates to go round tonight",
])
def test_v49_danger_now_fires(text):
    assert is_danger(text)


# ... while a bed found for tonight, a lift, an animal, pests, a relative here for a class of their own,
# and "no current contact or threats" are not
@pytest.mark.parametrize("text", [
    "her sister has a room for her tonight, she'll go straight from the surgery",
    "stuck in the lift for an hour at the shopping centre, very shaken, no DA concerns",
    "toddler bitten by next door's dog, small puncture wound",
    "he wants to kill the slugs with pellets and she's worried about the cat",
    "her partner is here for the antenatal class, she is glad he came",
    "her husband is waiting in the car, he is her rock since the diagnosis",
    "brother has popped in to drop off her charger, nothing to worry about",
    "afraid of him in the past, no current contact or threats",
])
def test_v49_look_alikes_do_not_raise_the_alarm(text):
    assert not is_danger(text)


# v50 dev look-alikes, my own words (eleventh session, H41)
@pytest.mark.parametrize("text", [
    "the lad yelling in reception is off his head and nothing to do with my patient",
    "blood on his jacket is from a cut while shaving",
    "her husband is on ward 6 after his hip op and she's visiting him",
    "cut her thumb when the knife slipped peeling potatoes, no concerns",
    "her son was waving a water gun about in clinic, she laughed",
    "nothing has kicked off since he moved out",
    "the screaming in the corridor is the little boy in bay 1 getting his cannula",
    "she is describing her first marriage, he beats her every weekend, that ended in 2009",
    "her mum is in the car park waiting for her, she's her safe person",
])
def test_v50_look_alikes_do_not_raise_the_alarm(text):
    assert not is_danger(text)


# ... while the same words beside danger now still fire
@pytest.mark.parametrize("text", [
    "the man shouting in reception is her ex and he has a knife",
    "her husband is on ward 6 and keeps coming to her bed shouting, she is terrified",
    "she is describing last night, he beat her and is at home waiting for her",
])
def test_v50_danger_now_beside_those_words_still_fires(text):
    assert is_danger(text)


# Net recall (eleventh session): concepts of dev danger-now lines that only the learned model found, in my
# own words, so the net's floor does not rest on a model trained on those very lines
@pytest.mark.parametrize("text", [
    "she's whispering to me from the loft, he's downstairs",
    "he's locked the two of them in the flat and won't open the door to the crew",
    "he won't let her phone anyone and has her keys",
    "partner is going round the house looking for her, she's under the stairs",
    "ex is sat across the road watching from his car",
    "text from him an hour ago: 'enjoy your last weekend'",
    "message says 'we know which refuge you're in'",
    "someone is climbing through the back window as we speak",
    "she's 16, they've got her passport and the flight is this Sunday to marry him",
    # more net recall, my own words: a threat to end her or "finish" her, "or else", a door tried, help kept out
    "he said he'll come round after work and finish what he started",
    "ex messaged 'you won't wake up tomorrow'",
    "he told her to be home by six or else",
    "she's in the bathroom and he keeps trying the door handle",
    "son won't let the carers in and she's not been seen for two days",
    "he's threatened to set the car alight with her in it",
    "she's had goodbye texts from him all morning and he has the kids",
])
def test_net_finds_danger_now_without_the_learned_model(text):
    from bot.nlu import danger as D
    from bot.nlu.normalise import normalise
    assert D.net_reading(normalise(text), text=text) in (D.SITUATION, D.EVENT)


@pytest.mark.parametrize("text", [
    "she is looking for a new job", "the kids climbed into the paddling pool",
    "he won't let the dog out in the rain", "we know which hospital she was born in",
    "he's not coming back, the order is in place", "she will finish the course in June",
    "she sleeps so deeply she won't wake up for the alarm",
])
def test_net_recall_phrases_keep_to_danger(text):
    assert not is_danger(text)



# v51 dev concepts (twelfth session), my own words: an injury from a named accident, a wound treated,
# trembling with tears, "no DA concerns" ending the note, a return a week ahead, and someone here or
# coming for an errand of their own
@pytest.mark.parametrize("text", [
    "broken wrist from a cycling accident this afternoon, no other injuries",
    "grazes cleaned and dressed this morning, fell off her scooter",
    "she was trembling and tearful before the smear, her sister came in with her",
    "husband shouted at the telly during the match, no DA concerns",
    "her son is coming to stay for a while next week, she is pleased",
    "her partner is parking the van, he dropped her off for her bloods",
    "the man by the entrance is the porter waiting with a wheelchair",
    "boyfriend on his way up with her overnight bag, she's relaxed",
    "her brother will give her a lift home after the scan, he is on the approved list",
])
def test_v51_look_alikes_do_not_raise_the_alarm(text):
    assert not is_danger(text)


# ... while danger beside those words still fires, and "take her home" stays an alarm
@pytest.mark.parametrize("text", [
    "her dad is outside to take her home and she is begging us not to let him",
    "her uncles are waiting in the car park to take her home, they found her messages",
    "he is parking the car now, he broke her arm last night and she is terrified",
    "her ex says he is coming tonight, he gets out next week too",
    "boyfriend on his way up with her bag, he's been drinking",
])
def test_v51_danger_beside_errands_still_fires(text):
    assert is_danger(text)


# v52 dev concepts (twelfth session), my own words
@pytest.mark.parametrize("text", [
    "toddler at home with her partner who hit him on friday, she can't reach them",
    "the baby is still in the house with the stepdad who bruised her arm, mum is with us in ED",
])
def test_v52_a_child_now_with_someone_who_hurt_them_fires(text):
    assert is_danger(text)


@pytest.mark.parametrize("text", [
    "glass wound to her palm from a kitchen accident, glued",
    "scald to his forearm from a cooking accident this morning, dressed",
    "she said oh shoot, she'd left her repeat slip at home",
    "came in shaking after a panic attack, settled now, no DA history",
])
def test_v52_look_alikes_do_not_raise_the_alarm(text):
    assert not is_danger(text)


# "near" names a place, and "finish her" a person, not a shift (twelfth session, my own words)
@pytest.mark.parametrize("text", [
    "she keeps the bleach near the baby's bottles, advised to move it",
    "we are near the end of her antenatal care, no concerns",
    "she needs to finish her antibiotics before the smear",
    "she will finish her placement in june",
])
def test_near_and_finish_in_ordinary_use_do_not_raise_the_alarm(text):
    assert not is_danger(text)


@pytest.mark.parametrize("text", [
    "her ex is parked near the school gates",
    "he's near the hospital entrance and keeps ringing her",
    "he texted that he will finish her tonight",
])
def test_near_a_place_and_finishing_her_still_fire(text):
    assert is_danger(text)


# v53 dev concepts (twelfth session), my own words: Scots and text-speak, a child left with the one who
# threatens, the crew kept from the children, the one who hurt her named here or collecting her, and
# "smashing it up" (not "smashing it" at work)
@pytest.mark.parametrize("text", [
    "her ex is gonnae kill her when she gets hame",
    "wee one has been left with him and he's drunk",
    "dad won't let us upstairs to see the kids, mum has a head wound",
    "the guy with her in bay 2 is the one who hit her",
    "she's being discharged and the boyfriend who did this is picking her up",
    "he's smashing it up downstairs, she's in the bathroom",
    "he sed he will batter her wen she gets home, he hit her last year",
    "he threatened to stab her if she leaves, he hit her last year",
])
def test_v53_danger_now_fires(text):
    assert is_danger(text)


@pytest.mark.parametrize("text", [
    "she's smashing it at college, really proud",
    "grandad is on his way to collect her prescription",
    "hides the chocolate from the kids in the wardrobe",
    "looks like it's threatening to snow, might cancel the home visit",
    "fell at school, graze to knee, no safeguarding concerns",
    "old stab wound scar from 2014, no contact with that ex",
])
def test_v53_look_alikes_do_not_raise_the_alarm(text):
    assert not is_danger(text)


def test_panic_over_a_needle_is_not_danger_but_panic_over_a_person_is():
    assert not is_danger("terrified of injections, panicking, mum holding her hand")
    assert is_danger("she is frightened of him and panicking, he is outside")


# v54 dev concepts (twelfth session), my own words
def test_v54_the_door_going_and_the_one_feared_named_there_fires():
    assert is_danger("someone's at the buzzer, she says it's her ex, what now")
    assert not is_danger("doorbell went, it was the district nurse")


@pytest.mark.parametrize("text", [
    "his ex is back in prison now, no contact since",
    "knife wound to her thumb, she was slicing bread",
    "the mark on his neck is from a central line",
    "wants a new lock fitted after her keys were stolen at the gym",
    "his son is here as his carer, visiting as usual",
    "she said he'd kill her if she scratched the car, joking, relationship is fine",
])
def test_v54_look_alikes_do_not_raise_the_alarm(text):
    assert not is_danger(text)


def test_going_back_to_work_or_school_is_an_ordinary_plan():
    assert not is_danger("he's going back to school on monday after half term")
    assert is_danger("she goes back to work tomorrow and he has said he will be waiting for her")


# v55 dev concepts (thirteenth session), my own words
def test_v55_away_before_the_one_feared_wakes_or_comes_back_fires():
    assert is_danger("he's passed out drunk, she wants out before he wakes up")
    assert is_danger("she has to be gone before her husband gets home at five")


@pytest.mark.parametrize("text", [
    "the night shift is literally killing me",
    "the vote was on a knife edge",
    "police are in the department for another patient",
    "the HV is here for a core group meeting, nothing urgent",
    "her brother lives ten minutes away from her",
    "silent solution explained and she has the leaflet",
    "dad says the dog is harmless, the kids play with it",
    "she knows the silent 999 option was explained to her",
])
def test_v55_look_alikes_do_not_raise_the_alarm(text):
    assert not is_danger(text)


def test_v55_a_silent_call_being_made_and_someone_on_his_way_still_fire():
    assert is_danger("she made a silent 999 call from the bathroom")
    assert is_danger("ex lives two streets away and is on his way round now")


@pytest.mark.parametrize("text", [
    # v56 dev concepts (thirteenth session), my own words: the same doings, innocent
    "mum is in the waiting room, she's her lift home",
    "safe in a refuge tonight with her daughter",
    "he locked himself out, climbed in through the kitchen window and cut his finger on the glass",
    "a patient kicking off in reception about his appointment being cancelled",
    "trapped nerve in his shoulder after lifting",
    "the patient transport waiting outside is ours",
    "her partner is also a patient, he's in the next bay after the crash",
    "she is waiting to hear about the court date",
    "I saw her on her own as well, no concerns raised",
])
def test_v56_look_alikes_do_not_raise_the_alarm(text):
    assert not is_danger(text)


@pytest.mark.parametrize("text", [
    "she cut her arm on the glass when he threw it at her",
    "a man is shouting in reception about her, says he is her husband",
    "he's waiting for her outside in his car",
])
def test_v56_the_same_doings_in_danger_still_fire(text):
    assert is_danger(text)


@pytest.mark.parametrize("text", [
    # v57 dev concepts (thirteenth session), my own words
    "gun in my last message was a typo for gum",
    "bloody hell what a day, any DV training coming up",
    "the screaming on the ward is from a delirious patient in bay 3",
    "deep cut from a bread knife while slicing a loaf",
    "can't go home tonight due to a burst pipe, staying at her mum's",
    "her son got locked in the bathroom at school, quite upset",
    "her husband is outside, she asked him to come",
])
def test_v57_look_alikes_do_not_raise_the_alarm(text):
    assert not is_danger(text)


@pytest.mark.parametrize("text", [
    "he's outside now, sorry the previous msg was a typo for knee",
    "she was locked in the bathroom, he has the key",
])
def test_v57_danger_beside_those_words_still_fires(text):
    assert is_danger(text)


# v58 dev concepts (thirteenth session), my own words
@pytest.mark.parametrize("text", [
    "she'd packed a bag to leave today and now he's found the bag",
    "he's on the phone asking her where her passport has gone, she was leaving tonight",
    "she planned to go this afternoon, he's just messaged her don't even think about leaving",
])
def test_v58_a_plan_to_leave_found_out_fires(text):
    assert is_danger(text)


@pytest.mark.parametrize("text", [
    "learning points for GPs from a domestic homicide review where he strangled her",
    "updating our practice protocol: what do we do if a partner turns up with a weapon",
    "in supervision we went over the case where the child was hurt",
    "the word 'knife' came up when she talked about her cookery class",
    "the bruising is from her warfarin, no one has hurt her",
    "the lockdown her son talked about was a school drill",
    "he is only in the waiting room because he drove her, she has no worries",
    "she left him in 2018 and has her own flat now",
])
def test_v58_reviews_teaching_mentions_treatment_and_lifts_do_not_raise_the_alarm(text):
    assert not is_danger(text)


@pytest.mark.parametrize("text", [
    # v59 dev concepts (thirteenth session), my own words
    "a man kicked off about parking earlier but he's calmed down now",
    "two officers in resus with a prisoner, he needs an x-ray",
    "confused lady in bed 6 shouting at the nurses, probably delirium",
    "the new rota is killing us all",
    "lots of screaming from cubicle 3 but it was a toddler having a paddy",
    "the barrier in the staff car park is broken again",
])
def test_v59_workplace_look_alikes_do_not_raise_the_alarm(text):
    assert not is_danger(text)


@pytest.mark.parametrize("text", [
    "she's confused, her son is shouting at her in the bay",
    "a man kicked off about her at reception, he's her ex",
])
def test_v59_the_same_words_about_her_still_fire(text):
    assert is_danger(text)


@pytest.mark.parametrize("text", [
    # v60 dev concepts (thirteenth session), my own words
    "result of the police call last night: he was remanded in custody",
    "explosive d and v since sunday, no blood seen",
    "got locked out of her house and stayed at her sister's, fine now",
    "worried about her safety in the long term, nothing recent",
])
def test_v60_outcomes_symptoms_and_long_term_worries_do_not_raise_the_alarm(text):
    assert not is_danger(text)


@pytest.mark.parametrize("text", [
    # v61 dev concepts (thirteenth session), my own words
    "not tonight, he's away with work and she's at her sister's",
    "locked out of his email account again, can you help",
    "the kids were hiding in the wardrobe playing hide and seek",
    "the emergency was his hypo, sorted now",
    "the blood on her top was from a nosebleed",
    "she's frightened of needles, which is why she was crying",
    "her husband is the one who brought her in, chest pain, very attentive",
])
def test_v61_answers_and_look_alikes_do_not_raise_the_alarm(text):
    assert not is_danger(text)


def test_v61_not_tonight_then_now_still_fires():
    assert is_danger("not tonight he says, but he's outside now")


@pytest.mark.parametrize("text", [
    # v62 dev concepts (thirteenth session), my own words
    "she works at the meat plant, nicked her finger on a knife at work",
    "amber warning for snow tonight, she may not make her scan tomorrow",
    "he's off on a pheasant shoot, grouse season, she's home with the baby and fine",
    "her partner is in hospital after a motorbike accident, she's managing",
    "mum is coming to pick her up and she's looking forward to getting home",
])
def test_v62_rural_look_alikes_do_not_raise_the_alarm(text):
    assert not is_danger(text)


@pytest.mark.parametrize("text", [
    "he's got the shotgun out of the locked cabinet and is waving it about",
    "his guns are licensed but he's threatened to use one on her tonight",
    "her husband has a gun licence and says he'll use it on her today",
])
def test_v62_a_licensed_gun_in_use_or_threatened_still_fires(text):
    assert is_danger(text)


@pytest.mark.parametrize("text", [
    # fourteenth session: a part only about the past never hides danger now in the others, whether the
    # net or the learned model sees it there (my own words)
    "Back in 2019 he stabbed her. Her ex followed the taxi and is at the main entrance",
    "He hit her years ago. He has her up against the wall in the cubicle",
    "he said he'd come back the night, he broke her jaw last year",
    "Knocked her out in 2020. Someone is ringing the bell over and over, she thinks it's him",
])
def test_history_beside_danger_now_still_fires(text):
    assert is_danger(text)


def test_a_part_read_apart_stays_set_aside_when_the_message_says_he_is_held():
    assert not is_danger("her ex is on remand until March, she's at home with the kids")


@pytest.mark.parametrize("text", [
    # v63 and v64 dev concepts (fourteenth session), my own words
    "he's threatening to send her nudes to her whole year group tonight",
    "her ex is sharing her private videos in a group chat right now",
    "her parents have booked flights for friday and she doesn't think she'll be allowed back",
    "the home carer who's been rough with her is due in 15 minutes",
])
def test_v63_v64_images_shared_now_a_flight_soon_and_the_one_who_hurts_due_soon_fire(text):
    assert is_danger(text)


@pytest.mark.parametrize("text", [
    # v63 and v64 dev concepts (fourteenth session), my own words
    "he says he killed loads of people on call of duty last night and is shattered",
    "got abusive messages from a random in an online game, blocked him",
    "she was choked by her ex three years ago, could her cough still be from that?",
    "police are on the unit with a different patient, ours is fine",
    "she says she'll die if she fails her driving theory",
    "lady with dementia hit out at the HCA this morning, settled now",
    "on a locked memory unit, she's well cared for",
    "his son is angry about the delay to his discharge and wants to complain",
    "her uncle who threatened her years ago is now in prison",
    "feels trapped since her stroke because she can't get down the stairs",
    "we need a waiting room poster for the 16 days of action campaign",
    "bruising to both arms consistent with her apixaban, lives alone, son visits",
    "her partner is waiting to drive her home after the endoscopy, all good",
    "teenager terrified of failing her GCSEs, no one is hurting her",
])
def test_v63_v64_look_alikes_do_not_raise_the_alarm(text):
    assert not is_danger(text)


def test_v66_a_tool_held_and_children_held_inside_fire():
    # v66 dev concept (fourteenth session), my own words
    assert is_danger("he's holding the children at the caravan and has got the staple gun")


@pytest.mark.parametrize("text", [
    # v65 and v66 dev concepts (fourteenth session), my own words
    "baby cried a bit after the heel prick but settled",
    "dad had to wait outside theatre as there was no room for him",
    "her 3 year old bit his big brother at nursery, sibling rivalry",
    "she lost a lot of blood at the birth but obs are fine now",
    "the kids were playing soldiers in the garden shouting you're dead",
    "someone's van was broken into in the staff car park",
    "drunk lad in the waiting room swearing at reception, nothing to do with home",
    "pellets in his leg from a clay pigeon shooting accident",
    "she's worried the damp will come back in the spring",
    "chip pan fire years ago, still nervous around the cooker",
    "hears voices but nothing telling her to harm anyone",
    "her partner is on his way in to see her after the crash",
    "husband still can't find a parking space, he'll be up in a minute",
])
def test_v65_v66_look_alikes_do_not_raise_the_alarm(text):
    assert not is_danger(text)


@pytest.mark.parametrize("text", [
    # fourteenth session: net recall of concepts only the learned model caught before (my own words), so
    # that a rebuild of the model cannot take them away
    "she texted 'he's back, can't talk' and hasn't replied since",
    "her ex has just climbed in through the kitchen window",
    "he's stood in the doorway and won't let us leave",
    "he's got her by the hair in the corridor",
    "video call cut off after we heard her screaming",
    "she typed in the chat box 'help, he's listening'",
    "he's told her he'll be back to finish what he started",
    "text from the ex this morning: coming for you tonight",
    "her nephew is banned from the home and has just walked in",
    "he shared his location and says see you soon, she's in the waiting room",
    "their 6 year old is home alone with him",
    "she doesn't want to go home with him, he's collecting her at 5",
    "they're sending her abroad this weekend and have taken her passport",
    "he said if she tells the nurse he'll kill her after this appointment",
    "he's right behind her on the motorway",
    "the carer who slapped him is due at 2",
])
def test_net_recall_of_concepts_the_learned_model_caught(text):
    from bot.nlu.danger import NET, SITUATION, EVENT, net_reading
    from bot.nlu.normalise import normalise
    assert net_reading(normalise(text), text=text) in (SITUATION, EVENT)


@pytest.mark.parametrize("text", [
    "he's posted abroad with the army until June, she's asking what help there is for when he's back",
    "she used to be locked in by her ex years ago, now living alone and safe",
])
def test_those_concepts_do_not_fire_on_look_alikes(text):
    assert not is_danger(text)


@pytest.mark.parametrize("text", [
    # v67 dev concepts (fourteenth session), my own words
    "officers escorting a detainee for his CT, nothing to do with our patient",
    "security called for a confused patient in the next bay",
    "came off his bike on the way to work and fractured his wrist",
    "football injury, split lip, his mum brought him in",
    "she got locked out, not in, and is at her friend's",
    "the attack she mentioned was a panic attack at work",
])
def test_v67_emergency_look_alikes_do_not_raise_the_alarm(text):
    assert not is_danger(text)


@pytest.mark.parametrize("text", [
    # v69 dev concepts (fourteenth session), my own words: danger told by logistics
    "dad's collecting the kids from nursery at 3 and she thinks he's flying them abroad tonight",
    "her brother is driving her to the airport tomorrow and she doesn't think she'll be let back",
    "the man in the family room is her ex, she has an injunction against him",
    "their dad has just taken them from outside school, he isn't meant to have contact",
])
def test_v69_danger_told_by_logistics_fires(text):
    assert is_danger(text)


@pytest.mark.parametrize("text", [
    # v69 and v70 dev concepts (fourteenth session), my own words
    "locked out after she lost her keys, the council are sending someone",
    "the locked ward door is our normal security, she isn't trapped",
    "we talked about an escape bag she could keep at her mum's",
    "came in by ambulance after a crash on the bypass, both drivers shaken",
    "the lock on the toilet door is broken again",
    "she broke her ankle playing netball on saturday",
    "fire alarm test in the waiting room at 10",
    "her stalker was jailed last year",
    "terrified about her biopsy result",
    "lady in bed 2 is fine, her grandchildren are visiting later and she's looking forward to it",
])
def test_v69_v70_look_alikes_do_not_raise_the_alarm(text):
    assert not is_danger(text)


def test_a_family_member_collecting_her_is_not_a_welcome_on_its_own():
    # a brother or father collecting her can be the one feared (honour-based abuse): no welcome cue
    assert is_danger("her brother is collecting her at 6 and waiting in the car park")
