"""Rendering for Teams: what goes in a card, and what a press on it means."""
from __future__ import annotations

import asyncio
import json

import pytest

pytest.importorskip("microsoft_agents.hosting.aiohttp")

from bot.turn import TurnPipeline
from bot.channels.teams import cards
from bot.channels.teams.fake_connector import card_actions, card_of, card_text, teams_message
from bot.messages import Button, Item, Message

pytestmark = pytest.mark.filterwarnings("ignore::aiohttp.web_exceptions.NotAppKeyWarning")
NAV = (Button("Back", "/back"), Button("Help", "/help"), Button("Restart", "/restart"))
YES_NO = (Button("Yes", "yes"), Button("No", "no"), Button("Don't know", "dont_know"))


MANY = Message("Which of these apply? Tick all that do.", "question", NAV, "needs",
               items=(Item("lgbt", "LGBT+"), Item("male", "A man"), Item("disability", "Disabled")), select="many")
EACH = Message("About the person causing harm:", "question", NAV, "theme_abuser",
               items=(Item("weapons", "Weapons used or threatened", YES_NO),
                      Item("abuser_suicide", "Has threatened suicide", YES_NO)), select="each")


def test_a_turn_becomes_text_then_cards_with_emergency_advice_distinct():
    messages = [Message("DANGER: call 999", "emergency"), Message("One.", "info"), Message("Careful.", "warning"),
                Message("Is she alone?", "question", YES_NO + NAV, "alone")]
    planned = cards.plan(messages, "g1", "Send")
    assert [("attachments" in p, p.get("question", False)) for p in planned] == [(True, False), (False, False), (True, True)]
    emergency = planned[0]["attachments"][0]["content"]
    assert emergency["version"] == "1.5" and emergency["body"][0]["style"] == "attention"
    assert planned[1]["text"] == "One.\n\n\u26a0\ufe0f Careful."
    question = planned[2]["attachments"][0]["content"]
    sets = [b for b in question["body"] if b["type"] == "ActionSet"]
    assert all(len(s["actions"]) <= cards.ACTIONS_PER_SET for s in sets)
    assert [a["data"] for a in card_actions(question)][0] == {"payload": "yes", "gen": "g1"}


def test_emergency_advice_with_buttons_is_still_a_red_card():
    card = cards.question_card(Message("Call 999 now", "emergency", NAV), "g", "Send")["content"]
    assert card["body"][0]["style"] == "attention" and card_actions(card)


def test_a_long_list_of_choices_is_split_into_small_action_sets():
    many = tuple(Button(f"Option {i}", f"o{i}") for i in range(12))
    card = cards.question_card(Message("Pick", "question", many + NAV, "x"), "g", "Send")
    sets = [b for b in card["content"]["body"] if b["type"] == "ActionSet"]
    assert [len(s["actions"]) for s in sets] == [5, 5, 2, 3]


def test_tick_all_that_apply_is_toggles_and_one_set_payload():
    card = cards.question_card(MANY, "g", "Send these answers")["content"]
    toggles = [b for b in card["body"] if b["type"] == "Input.Toggle"]
    assert [t["id"] for t in toggles] == ["item.lgbt", "item.male", "item.disability"]
    send = card_actions(card)[0]
    assert send["title"] == "Send these answers" and send["data"]["payload"] == "/set"
    value = {**send["data"], "item.lgbt": "yes", "item.male": "no", "item.disability": "yes",
             "item.forged": "yes", "other": "her NHS number"}
    payload, shown = cards.read_press(value, MANY)
    assert payload == "/set lgbt=yes;male=no;disability=yes"
    assert shown == "LGBT+; Disabled"


def test_a_themed_group_is_one_choice_set_per_item():
    card = cards.question_card(EACH, "g", "Send")["content"]
    sets = [b for b in card["body"] if b["type"] == "Input.ChoiceSet"]
    assert [s["choices"] for s in sets][0] == [{"title": "Yes", "value": "yes"}, {"title": "No", "value": "no"},
                                              {"title": "Don't know", "value": "dont_know"}]
    value = {"payload": "/set", "gen": "g", "item.weapons": "yes", "item.abuser_suicide": "maybe"}
    assert cards.read_press(value, EACH) == ("/set weapons=yes", "\n- Weapons used or threatened: Yes")
    # sent with nothing chosen: not an answer (the clinician is asked plainly, never "none of these")
    assert cards.read_press({"payload": "/set", "gen": "g"}, EACH) == (None, cards.NOTHING_CHOSEN)


def test_a_several_answers_card_shows_each_question_once_and_only_send_carries_the_inputs():
    group = Message("Safety now: answer each.\nIs anyone in danger now?", "question", YES_NO + NAV, "danger",
                    items=(Item("danger", "Is anyone in danger now?", YES_NO), Item("kids", "Any children?", YES_NO)),
                    select="each")
    card = cards.question_card(group, "g", "Send these answers", "Or one at a time, starting with:")["content"]
    text = card_text(card)
    labels = [b["label"] for b in card["body"] if b["type"] == "Input.ChoiceSet"]
    assert labels == ["Is anyone in danger now?", "Any children?"]
    assert text.count("Is anyone in danger now?") == 1               # only in the one-at-a-time note
    assert text.startswith("Safety now: answer each.")
    actions = card_actions(card)
    assert actions[0]["title"] == "Send these answers" and "associatedInputs" not in actions[0]
    assert all(a["associatedInputs"] == "none" for a in actions[1:])
    # a fallback button answers the first question alone, and the answered card says which
    assert cards.read_press({"payload": "no", "gen": "g"}, group) == ("no", "\n- Is anyone in danger now? No")
    ticks = Message("Which apply?\n1. LGBT+\n2. A man\nTick all that apply (type their numbers), or None.",
                    "question", (Button("None of these", "/set"),) + NAV, "needs",
                    items=(Item("lgbt", "LGBT+"), Item("male", "A man")), select="many")
    card = cards.question_card(ticks, "g", "Send these answers")["content"]
    toggles = [b["title"] for b in card["body"] if b["type"] == "Input.Toggle"]
    assert toggles == ["1. LGBT+", "2. A man"] and "1. LGBT+" not in card_text(card)
    none = next(a for a in card_actions(card) if a["title"] == "None of these")
    assert none["associatedInputs"] == "none"
    assert cards.read_press(none["data"], ticks) == ("/set lgbt=no;male=no", "none of these")


def test_a_press_must_be_a_button_of_the_question_now_waiting():
    question = Message("Is she alone?", "question", YES_NO + NAV, "alone")
    assert cards.read_press({"payload": "yes"}, question) == ("yes", "Yes")
    assert cards.read_press({"payload": "/back", "gen": "x"}, question) == ("/back", "Back")
    for forged in ({"payload": "her name is Jane"}, {"payload": 3}, "yes", None, {"nothing": 1}):
        assert cards.read_press(forged, question) == (None, None)


def test_an_answered_card_keeps_the_question_and_shows_the_answer_without_buttons():
    copy = cards.answered_card(MANY, "Your answer: LGBT+")["content"]
    assert not card_actions(copy)
    assert "Which of these apply" in card_text(copy) and "Your answer: LGBT+" in card_text(copy)
    assert "A man" in card_text(copy)


class SeveralBackend(TurnPipeline):
    """The embedded backend, except that the question after the concern takes several answers."""
    pressed: list = []

    def repeat(self, state):
        return [MANY] if state.get("answers", {}).get("concern") else super().repeat(state)

    def press(self, state, payload):
        if state.get("answers", {}).get("concern"):
            self.pressed.append(payload)
            return state, [Message("Thank you.", "info")]
        state, said = super().press(state, payload)
        return state, [m for m in said if not m.buttons] + [MANY]


def test_a_several_answers_card_through_the_sdk_sends_one_set_payload():
    from test_teams import latest_card, teams
    backend = SeveralBackend()

    async def go():
        async with teams(backend) as (post, connector, bot):
            user_conv = "a:00000000-0000-4000-8000-0000000000c1"
            await post(teams_message(connector.url, "start exampleshire"))
            concern = latest_card(connector, user_conv)
            await post(teams_message(connector.url, None, value=next(
                a["data"] for a in card_actions(concern) if a["data"]["payload"] == "experiencing")))
            card = latest_card(connector, user_conv)
            assert any(b["type"] == "Input.Toggle" for b in card["body"])
            send = card_actions(card)[0]["data"]
            await post(teams_message(connector.url, None, value={**send, "item.male": "yes", "item.lgbt": "no",
                                                                 "item.disability": "no"}))
            assert backend.pressed == ["/set lgbt=no;male=yes;disability=no"]
            copy = card_of(connector.updates(user_conv)[-1].body)
            assert "Your answer: A man" in card_text(copy)
    asyncio.run(go())


def test_a_whole_high_risk_case_by_the_cards_inputs_through_the_sdk():
    """As Teams sends a card's press: the Action.Submit data with every input of the card merged in."""
    from test_teams import USER, asking, latest_card, state_of, teams
    backend = TurnPipeline()
    one_by_one = {"concern": "experiencing", "alone": "yes", "family_interpreter": "no", "safe_to_talk": "yes",
                  "disclosure": "yes", "honour_based": "no"}

    async def go():
        async with teams(backend) as (post, connector, bot):
            conv = f"a:{USER}"
            await post(teams_message(connector.url, "start exampleshire"))
            groups = 0
            for _ in range(40):
                if "done" in state_of(bot)["flags"]:
                    break
                card = latest_card(connector, conv)
                inputs = [b for b in card["body"] if b["type"].startswith("Input.")]
                if not inputs:
                    want = one_by_one.get(asking(backend, bot), "no")
                    data = next(a["data"] for a in card_actions(card) if a["data"]["payload"] == want)
                    await post(teams_message(connector.url, None, value=data))
                    continue
                groups += 1
                send = card_actions(card)[0]
                assert send["data"]["payload"] == "/set"
                if groups == 1:                  # sent with nothing chosen: asked plainly, nothing answered
                    n = len(connector.replies(conv))
                    await post(teams_message(connector.url, None, value=dict(send["data"])))
                    assert "Choose an answer" in json.dumps(connector.replies(conv)[n:])
                    assert not {"alone", "immediate_danger"} & set(state_of(bot)["answers"])
                    send = card_actions(latest_card(connector, conv))[0]
                value = dict(send["data"])
                for box in inputs:
                    key = box["id"].split(".", 1)[1]
                    if box["type"] == "Input.Toggle":
                        value[box["id"]] = "yes" if key == "lgbt" else "no"
                    else:
                        values = [c["value"] for c in box["choices"]]
                        value[box["id"]] = one_by_one.get(key) or (
                            "no" if key == "immediate_danger" else ("yes" if "yes" in values else "3"))
                await post(teams_message(connector.url, None, value=value))
            state = state_of(bot)
            assert "done" in state["flags"] and groups >= 7
            assert state["answers"]["lgbt"] == "yes" and state["answers"]["male"] == "no"
            assert state["answers"]["immediate_danger"] == "no" and state["answers"]["strangulation"] == "yes"
            said = json.dumps([c.body for c in connector.calls])
            assert "risk band HIGH" in said and "MARAC referral" in said
            # each answered group card shows every question with its answer, and no buttons
            copies = [card_of(u.body) for u in connector.updates(conv)]
            assert any("Is anyone in immediate danger now" in card_text(c) and card_text(c).count(" No") >= 1
                       for c in copies)
            assert all(not card_actions(c) for c in copies)
    asyncio.run(go())
