"""Past harm typed as an answer (#9 item 2): harm described at the question about it is that question's
answer; a message that denies, doubts or asks is not taken as yes. Phrases written for this test, not
copied from the danger table's examples or the scenarios."""
import pytest

from bot.interpret import interpret
from bot.nlu import EmbeddedNLU, Parse
from bot.pathways import default_pathway_dir, load_pathways

QUESTIONS = {s.asks: s for s in load_pathways(default_pathway_dir()).get("exampleshire").steps if s.asks}
NLU = EmbeddedNLU()


@pytest.mark.parametrize("qid, text, answer", [
    ("injury", "bruises on her neck and arms", "yes"),
    ("injury", "she's got a black eye", "yes"),
    ("injury", "he punched her in the stomach last month", "yes"),
    ("injury", "cut above her eyebrow", "yes"),
    ("injury", "he kicked her when she was on the floor", "yes"),
    ("injury", "fractured wrist from when he pushed her", "yes"),
    ("injury", "burns on her hands", "yes"),
    ("strangulation", "he put his hands round her throat", "yes"),
    ("strangulation", "choked her till she passed out, a year ago", "yes"),
    ("strangulation", "he smothered her with a pillow once", "yes"),
    ("weapons", "he threatened her with a kitchen knife in the summer", "yes"),
    ("weapons", "he hit her with a hammer years ago", "yes"),
    ("threats_to_kill", "he said he would kill her if she left", "yes"),
    ("threats_to_kill", "he's threatened to kill her and the kids", "yes"),
    ("stalking", "he sits outside her work most days", "yes"),
    ("stalking", "he follows her to the shops", "yes"),
    ("injury", "no visible injuries", "no"),
    ("injury", "no bruises that I can see", "no"),
    ("strangulation", "never been strangled", "no"),
    ("weapons", "no weapons", "no"),
    ("injury", "she's fine", "no"),
    ("fears", "nope", "no"),
])
def test_harm_described_at_its_question_is_the_answer(qid, text, answer):
    assert interpret(text, NLU.parse(text), QUESTIONS[qid]) == answer


@pytest.mark.parametrize("qid, text", [
    ("strangulation", "she says he has never choked her"),     # a denial, worded as harm
    ("strangulation", "what counts as strangulation?"),        # a question
    ("injury", "if she has bruises do I photograph them"),     # a question without a question mark
    ("injury", "possibly a burn, she kept her sleeves down"),  # doubt
    ("frightened", "he slapped her on Friday"),                # harm, but not what this question asks
    ("injury", "he's at work"),                                # an answer to another question, not "no"
])
def test_denial_doubt_a_question_or_other_harm_is_not_taken_as_yes(qid, text):
    assert interpret(text, NLU.parse(text), QUESTIONS[qid]) != "yes"


@pytest.mark.parametrize("qid, text, answer", [
    ("injury", "not injured this time", "no"),                    # every mention of the harm denied
    ("strangulation", "he hasn't ever strangled her", "no"),
    ("weapons", "no weapons or knives involved", "no"),
    ("injury", "pushed her over but not sure if she's injured", "dont_know"),   # doubt about the injury
    ("frightened", "he isn't violent", None),          # read as unsure but doubts nothing: not "don't know"
    ("injury", "not sure", "dont_know"),
    ("injury", "she wouldn't tell me", "dont_know"),
    ("pregnant", "no she is 72", "no"),                # a no with its reason, no comma
    ("immediate_danger", "no they're both at school", "no"),
    ("immediate_danger", "no he's gone to work", "no"),
    ("alone", "no idea", None),                        # "no idea" is not a no
    ("frightened", "yse", "yes"),                      # typed in a hurry on a phone
    ("alone", "Yeh", "yes"),
    ("frightened", "noo", "no"),
    ("injury", "n", "no"),
    ("frightened", "n/a", None),                       # not applicable? asked again, never a guess
])
def test_typed_denials_doubts_and_noes_with_reasons(qid, text, answer):
    assert interpret(text, NLU.parse(text), QUESTIONS[qid]) == answer


@pytest.mark.parametrize("intent", ["deny", "affirm"])
@pytest.mark.parametrize("qid, text", [
    ("frightened", "she isn't hurt"),             # about injury, not fear
    ("frightened", "he has never hit her"),
    ("weapons", "no marks on her neck"),          # about strangulation, not weapons
    ("depression", "he follows her everywhere"),  # stalking, not depression
])
def test_a_yes_or_no_about_another_harm_is_not_taken_whichever_backend_read_it(qid, text, intent):
    # Rasa and the embedded classifier may read these as "no" or "yes"; either way they do not answer
    # this question, so the bot asks again rather than record a no that lowers the score
    parse = Parse(intent=intent, confidence=0.6, danger=False, number=None)
    assert interpret(text, parse, QUESTIONS[qid]) is None
    assert interpret("no, she isn't hurt", parse, QUESTIONS["frightened"]) == "no"   # a plain no still counts


@pytest.mark.parametrize("text", ["she's scared he'll hurt her", "terrified he is going to hurt her"])
def test_fear_of_being_hurt_answers_the_fear_question_and_is_not_an_injury(text):
    assert interpret(text, Parse(intent="affirm", confidence=0.6, danger=False, number=None),
                     QUESTIONS["frightened"]) == "yes"
    assert interpret(text, NLU.parse(text), QUESTIONS["injury"]) != "yes"


@pytest.mark.parametrize("text", ["short of time", "sorry, out of time - skip the rest", "we're in a rush"])
def test_short_of_time_typed_at_the_checklist_is_its_button(text):
    assert interpret(text, NLU.parse(text), QUESTIONS["weapons"]) == "/skip"
    assert interpret(text, NLU.parse(text), QUESTIONS["alone"]) != "/skip"      # only the checklist has it


@pytest.mark.parametrize("text, concern", [
    ("one of our porters is being hit by his wife", "staff_experiencing"),
    ("my fellow midwife told me she hurts her husband", "staff_causing"),
    ("the nurse says the patient's husband hits her", "experiencing"),    # a job alone is not a colleague
])
def test_a_colleague_named_by_their_job(text, concern):
    assert interpret(text, NLU.parse(text), QUESTIONS["concern"]) == concern


@pytest.mark.parametrize("text, intent", [
    ("to", "out_of_scope"),          # a function word names no topic: not caught, asked again
    ("idva", "faq/idva"),            # a topic named outright is still answered
    ("police?", "faq/police"),
])
def test_a_faq_needs_a_word_that_can_name_a_topic(text, intent):
    from bot.interpret import faq_reading
    parse = NLU.parse(text)
    assert faq_reading(parse, text) == intent or not parse.intent.startswith("faq/")


@pytest.mark.parametrize("text, themes", [
    ("her ex choked her at the weekend", ("strangulation",)),
    ("what counts as strangulation?", ()),              # a question is not a mention
    ("he has never choked her", ()),                    # nor a denial
    ("maybe he strangled her, she wasn't clear", ()),   # nor doubt
])
def test_harm_mentioned_in_typed_text_is_kept_by_theme_only(text, themes):
    from bot.interpret import mentioned
    assert mentioned(text, NLU.parse(text)) == themes


def test_a_mentioned_red_flag_lives_in_the_state_as_a_theme_id_and_yields_to_an_answer():
    from bot import record, vocab
    from bot.turn import TurnPipeline
    pipeline = TurnPipeline()
    state, _ = pipeline.start("exampleshire")
    state, _ = pipeline.send(state, "she says he choked her two weeks ago")
    assert vocab.MENTIONED + "strangulation" in state["flags"]
    assert "choked" not in str(state) and "weeks" not in str(state)       # the theme id, never the text
    pathway = pipeline.library.get("exampleshire")
    assert record.mentioned_flags(state, pathway) == ["strangulation, choking or suffocation"]
    asked = {**state, "answers": {**state["answers"], "strangulation": "no"}}
    assert record.mentioned_flags(asked, pathway) == []       # asked in the checklist: the answer stands
