"""The learned models (bot.nlu.direction, bot.nlu.danger_model): built from the dev halves only, shipped
as built, and used where the rules leave a gap - who harms whom when the role rules read no harm, and
danger now that the net missed (an alarm added, never one taken away)."""
import json

import pytest

from bot.interpret import interpret
from bot.nlu import EmbeddedNLU, read_roles
from bot.nlu import danger_model, direction, normalise
from bot.nlu.bayes import dev_halves
from bot.nlu.danger import learned_alarm, net_reading
from bot.nlu_eval import concern_question, held_out_files


@pytest.mark.parametrize("module", [direction, danger_model])
def test_each_shipped_model_is_the_build_of_the_dev_halves(module):
    shipped = json.loads(module.MODEL_FILE.read_text(encoding="utf-8"))
    assert shipped == module.build(dev_halves()), "rebuild it: make learned-models"


@pytest.mark.parametrize("module", [direction, danger_model])
def test_no_final_split_is_learned_from(module):
    learned = set(json.loads(module.MODEL_FILE.read_text(encoding="utf-8"))["built_from"])
    finals = {f.name for f in held_out_files() if "final" in f.name}
    assert finals and not learned & finals
    assert learned - {"data/nlu"} == {f.name for f in held_out_files()} - finals   # every dev half


@pytest.fixture(scope="module")
def nlu():
    return EmbeddedNLU()


@pytest.fixture(scope="module")
def read_concern(nlu):
    question = concern_question()
    return lambda text: interpret(text, nlu.parse(text), question)


# Messages the role rules read no harm in (no harm phrase they know), in both directions: the concern
# question is answered by the learned direction, not by the classifier's pronouns.
@pytest.mark.parametrize("text, concern", [
    ("she says the bloke she lives with is a nightmare when he drinks and she ends up with marks", "experiencing"),
    ("her son moved back home and now she has no money left by the 5th of the month", "experiencing"),
    ("older man, his daughter comes round on pension day and he is short for the rest of the week", "experiencing"),
    ("he wants help, says he loses his rag with the missus and she ends up crying in the bathroom", "causing"),
    ("he admits his temper is getting worse and his partner has started sleeping at her sisters", "causing"),
    ("she is worried about how she treats her husband when she has had a drink, he has a bruise from last week",
     "causing"),
])
def test_who_harms_whom_when_the_rules_read_no_harm(read_concern, text, concern):
    assert read_roles(text).concern is None        # the rules leave the gap this model fills
    assert read_concern(text) == concern


# Danger now at the concern question: the emergency advice comes first, and the concern is still read
# (for one tap to confirm) when the message names a relationship; a message naming nobody gets no guess.
@pytest.mark.parametrize("text, concern", [
    ("her ex just turned up at reception and she is hiding in the loo", "experiencing"),
    ("the boyfriend is in the car park right now waiting for her, she is shaking", "experiencing"),
    ("pt in cubicle 3 kicking off, says he will do his missus in when he gets out of here", "causing"),
    ("he is in the waiting room with a knife", None),
    ("he is outside now", None),
])
def test_danger_now_at_the_concern_question(nlu, read_concern, text, concern):
    assert nlu.parse(text).danger
    assert read_concern(text) == concern


# Danger now in words the net's phrases do not hold (my own words): the model adds the alarm.
@pytest.mark.parametrize("text", [
    "her partner is at the house with the baby and has been drinking since this morning, she is frightened for the baby",
    "she ran out in her slippers, he still has the kids",
])
def test_the_model_adds_an_alarm_the_net_missed(nlu, text):
    assert not net_reading(normalise(text), text=text)       # the gap: the net reads nothing here
    assert nlu.parse(text).danger


# Never in what the net's table says is not happening, and never on a reply or a command.
@pytest.mark.parametrize("text", [
    "training scenario for the new starters: she ran out in her slippers, he still has the kids",
    "what if she said her partner is at the house with the baby and has been drinking since this morning",
    "go back to the start", "can we go back to the beginning", "yes", "no", "not sure", "restart",
])
def test_the_model_never_raises_the_alarm_where_nothing_is_happening(nlu, text):
    assert not learned_alarm(normalise(text), net_reading(normalise(text), text=text))
    assert not nlu.parse(text).danger


# Short plain lines the classifier reads well: the model, with too few words to go on, leaves them alone.
@pytest.mark.parametrize("text,intent", [
    ("victim of domestic violence", "disclose_abuse"),
    ("my patient is experiencing domestic abuse", "disclose_abuse"),
    ("she disclosed coercive control", "disclose_abuse"),
])
def test_the_model_does_not_turn_round_short_plain_disclosures(nlu, text, intent):
    assert nlu.parse(text).intent == intent
