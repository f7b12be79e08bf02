"""Floors on the blind held-out splits (issue #10), each written by a helper before reading any rule
(v4: wt-blind, 5 December; v5: wt-blind5, 6 December; v6: wt-blind6, final only; v7: wt-blind7 dev and
wt-blind7f final, two writers, 6 December second session; v8: wt-blind8a and wt-blind8b dev, wt-blind8f
final, three more writers; v9: wt-blind9a, 9b, 9f; v10: wt-blind10a, 10b, danger only; v11: wt-blind11a,
11b, 11f; v12: wt-blind12a and 12f, danger only; v13, v14 and v15: wt-blind13a/b/f, 14a/b/f, 15a/b/f,
6 December, third session, from a brief asking for hard look-alikes; v16 to v18: wt-blind16a/b/f,
17a/b/f and 18a/b/f, 19a/b danger only, 6 December, fourth session; v20: wt-blind20a/b/f, fifth
session; v21 to v25: wt-blind21a/b/f to 24a/b/f and 25a/f, the same session after each round's fixes; v26 to v29: wt-blind26a/f to
29a/f, seventh session; v30 to v37: wt-blind30a/f to 37a/f, eighth session; v38 on: ninth session),
in two halves:
- the DEV split (held_out_vN.yml): its failing lines were read and the rules fixed by concept (never by
  copying a line); the floors are the figures reached on it. Since 7 December its role lines also
  train the learned direction model (bot/nlu/direction.py), so its role/concern figure is no longer
  a held-out measure; the finals' is.
- the FINAL split (held_out_vN_final.yml): never read, measured (counts only) at the start and after
  each change; the floors are what it measures now (honest: several are below the issue's targets,
  see docs/nlu.md). Its assertions print counts only, never its lines.

Counts are (hits, total) through `bot.nlu_eval.split_scores` on the embedded backend, the same
figures `make nlu-eval` prints; `python -m bot.nlu_eval --failing held_out_v5.yml` lists dev failures.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.nlu import EmbeddedNLU
from bot.nlu_eval import concern_question, main, split_scores

HERE = Path(__file__).parent

# split -> (floors: the fewest right, ceilings: the most wrong), as counts; (first pass) in comments.
# 7 December: when the learned direction model was given its bar (log-odds 3, chosen on test_data.yml so
# that short generic lines such as "victim of domestic violence" are no longer turned round), the
# role/concern floors of the v15, v24 and v29 finals and of v15b, v18a, v18b and v24b fell by one.
SPLITS = {
    # split: (floors: the fewest right, ceilings: the most wrong), as counts; in comments the first
    # measure of each (intent, role/concern, role reading; danger-now, identifiers; false alarms, refusals)
    "held_out_v4.yml": (           # dev, of 44 intents, 60 roles, 50 danger-now, 50 identifiers, 91, 84
        {"intent accuracy": 44, "role/concern accuracy": 59, "role reading": 60,      # (41, 47, 41)
         "danger-now recall": 50, "identifier recall": 50},                            # (50, 48)
        {"false-alarm rate": 0, "false-refusal rate": 0}),                             # (23, 0)
    "held_out_v4_final.yml": (
        {"intent accuracy": 44, "role/concern accuracy": 57, "role reading": 57,      # (44, 45, 41)
         "danger-now recall": 50, "identifier recall": 49},                            # (49, 45)
        {"false-alarm rate": 6, "false-refusal rate": 0}),                             # (22, 0)
        # role/concern 57 -> 56 on 7 December (eighth session): the direction model rebuilt with v37 dev
    "held_out_v5.yml": (           # dev, of 45 intents, 46 roles, 40 danger-now, 40 identifiers, 70, 60
        {"intent accuracy": 44, "role/concern accuracy": 46, "role reading": 46,      # (41, 41, 39)
         "danger-now recall": 40, "identifier recall": 40},                            # (39, 37)
        {"false-alarm rate": 0, "false-refusal rate": 0}),                             # (13, 1)
    "held_out_v5_final.yml": (     # role reading 41 before the v9 harm forms (which gained on three other
        {"intent accuracy": 43, "role/concern accuracy": 45, "role reading": 45,      # finals) (43, 41, 34)
         "danger-now recall": 40, "identifier recall": 40},                            # (38, 37)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # (7, 1)
    "held_out_v6_final.yml": (     # final only (wt-blind6), first measured after the v5 fixes
        {"intent accuracy": 44, "role/concern accuracy": 44, "role reading": 43,      # (44, 41, 38)
         "danger-now recall": 40, "identifier recall": 40},                            # (38, 40)
        {"false-alarm rate": 4, "false-refusal rate": 0}),                             # (14, 0)
    "held_out_v7.yml": (           # dev (wt-blind7), of 45 intents, 80 roles, 50 danger-now, 50 ids, 90, 60
        {"intent accuracy": 45, "role/concern accuracy": 80, "role reading": 80,      # (45, 64, 53)
         "danger-now recall": 50, "identifier recall": 50},                            # (47, 42)
        {"false-alarm rate": 0, "false-refusal rate": 0}),                             # (8, 0)
    "held_out_v7_final.yml": (     # final (wt-blind7f, another writer), never read
        # false alarms +1 (thirteenth session): the danger model rebuilt with v55 and v56 dev A (the v54 final went down one)
        {"intent accuracy": 45, "role/concern accuracy": 75, "role reading": 74,      # (44, 57, 50)
         "danger-now recall": 50, "identifier recall": 49},                            # (49, 45)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # (7, 0)
        # false alarms +1 on 7 December (eighth session): the learned danger model's bar re-chosen (13 -> 9)
    "held_out_v8a.yml": (          # dev (wt-blind8a), of 27 intents, 100 roles, 40 danger-now, 40 ids, 60, 40
        # role/concern 98 -> 97 (thirteenth session): the direction model rebuilt with v55 and v56 dev A
        {"intent accuracy": 27, "role/concern accuracy": 97, "role reading": 97,      # (26, 67, 58)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 36)
        {"false-alarm rate": 0, "false-refusal rate": 0}),                             # (3, 0)
    "held_out_v8b.yml": (          # dev (wt-blind8b)
        {"intent accuracy": 26, "role/concern accuracy": 96, "role reading": 97,      # (26, 73, 68)
         "danger-now recall": 40, "identifier recall": 40},                            # (38, 32)
        {"false-alarm rate": 0, "false-refusal rate": 0}),                             # (2, 0)
    "held_out_v8_final.yml": (     # final (wt-blind8f), never read; first measured after the v7 fixes
        # role/concern -1 (twelfth session): the models rebuilt with v51 dev A (the v11 and v48 finals went up one)
        # role/concern 96 -> 95 when the direction model learned v46 dev A (the v21 final went up one)
        {"intent accuracy": 26, "role/concern accuracy": 94, "role reading": 88,      # (26, 82, 73)
         "danger-now recall": 40, "identifier recall": 39},                            # (37, 35)
        {"false-alarm rate": 2, "false-refusal rate": 0}),                             # (4, 0)
    "held_out_v9a.yml": (          # dev (wt-blind9a), first measured after the v9b fixes
        # false alarms +1 (tenth session, v48 round): a part about the past is now read apart from the rest (H41)
        {"intent accuracy": 27, "role/concern accuracy": 95, "role reading": 94,      # (27, 75, 66)
         "danger-now recall": 40, "identifier recall": 40},                            # (38, 37)
        {"false-alarm rate": 1, "false-refusal rate": 0}),                             # (4, 0)
    "held_out_v9b.yml": (          # dev (wt-blind9b)
        {"intent accuracy": 26, "role/concern accuracy": 94, "role reading": 97,      # (26, 72, 67)
         "danger-now recall": 40, "identifier recall": 40},                            # (38, 35)
        {"false-alarm rate": 0, "false-refusal rate": 0}),                             # (8, 1)
    "held_out_v9_final.yml": (     # final (wt-blind9f), never read; first measured after the v8 fixes
        {"intent accuracy": 26, "role/concern accuracy": 97, "role reading": 94,      # (26, 82, 76)
         "danger-now recall": 40, "identifier recall": 39},                            # (38, 35)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # (6, 0)
    "held_out_v10a.yml": (         # dev, danger only (wt-blind10a), of 80 danger-now and 80 not-danger
        {"danger-now recall": 80},                                                     # (77)
        {"false-alarm rate": 3}),                                                      # (14)
    "held_out_v10b.yml": (         # dev, danger only (wt-blind10b), first measured after the v10a fixes
        {"danger-now recall": 80},                                                     # (74)
        {"false-alarm rate": 0}),                                                      # (10)
    "held_out_v12a.yml": (         # dev, danger only (wt-blind12a: danger hidden, alarming look-alikes)
        {"danger-now recall": 80},                                                     # (73)
        {"false-alarm rate": 5}),                                                      # (14)
    "held_out_v12_final.yml": (    # final, danger only (wt-blind12f), never read
        {"danger-now recall": 77},                                                     # (73)
        {"false-alarm rate": 8}),                                                     # (14)
    "held_out_v11a.yml": (         # dev (wt-blind11a), first measured after the v11b fixes
        {"intent accuracy": 27, "role/concern accuracy": 95, "role reading": 94,      # (26, 81, 77)
         "danger-now recall": 40, "identifier recall": 40},                            # (39, 33)
        {"false-alarm rate": 0, "false-refusal rate": 0}),                             # (7, 0)
    "held_out_v11b.yml": (         # dev (wt-blind11b)
        {"intent accuracy": 27, "role/concern accuracy": 96, "role reading": 91,      # (27, 82, 77)
         "danger-now recall": 40, "identifier recall": 40},                            # (39, 35)
        # false alarms from the learned danger model (H43: "the kids are at school and nan is picking
        # them up", and one more once v27 dev A was learned), accepted for the danger-now lines it adds
        # on the finals
        {"false-alarm rate": 2, "false-refusal rate": 0}),                             # (6, 0)
    "held_out_v11_final.yml": (    # final (wt-blind11f), never read; written last, first measured after all
        {"intent accuracy": 27, "role/concern accuracy": 95, "role reading": 92,      # the v4 to v10 fixes
         "danger-now recall": 40, "identifier recall": 39},                            # (27, 84, 81; 38, 31)
        {"false-alarm rate": 6, "false-refusal rate": 0}),                            # (10, 0)
    "held_out_v13a.yml": (         # dev (wt-blind13a, hard look-alikes), first measured at 09:11; one false
                                   # alarm back with the v17 threat verbs ("he'd punch her ... laughing", kept);
                                   # role/concern 96 -> 95 when the direction model learned v28 dev A
        {"intent accuracy": 26, "role/concern accuracy": 95, "role reading": 95,      # (22, 74, 66)
         "danger-now recall": 40, "identifier recall": 40},                            # (34, 34)
        {"false-alarm rate": 4, "false-refusal rate": 0}),                             # (20, 0)
        # false alarms +1 on 7 December (eighth session): the learned danger model's bar re-chosen (13 -> 9)
    "held_out_v13b.yml": (         # dev (wt-blind13b)
        {"intent accuracy": 27, "role/concern accuracy": 99, "role reading": 98,      # (26, 74, 67)
         "danger-now recall": 40, "identifier recall": 40},                            # (36, 33)
        {"false-alarm rate": 1, "false-refusal rate": 0}),                             # (19, 0)
    "held_out_v13_final.yml": (    # final (wt-blind13f), never read
        {"intent accuracy": 26, "role/concern accuracy": 86, "role reading": 84,      # (26, 72, 68)
         "danger-now recall": 40, "identifier recall": 39},                            # (38, 33)
        {"false-alarm rate": 11, "false-refusal rate": 0}),                             # (24, 0)
        # role/concern 85 -> 84 on 7 December (eighth session): the learned models rebuilt with v31 dev
    "held_out_v14a.yml": (         # dev (wt-blind14a), first measured after the v13 fixes
        {"intent accuracy": 26, "role/concern accuracy": 94, "role reading": 92,      # (26, 76, 65)
         "danger-now recall": 40, "identifier recall": 40},                            # (38, 38)
        {"false-alarm rate": 8, "false-refusal rate": 0}),                             # (19, 1)
    "held_out_v14b.yml": (         # dev (wt-blind14b)
        {"intent accuracy": 26, "role/concern accuracy": 92, "role reading": 90,      # (26, 80, 74)
         "danger-now recall": 40, "identifier recall": 40},                            # (36, 37)
        {"false-alarm rate": 1, "false-refusal rate": 0}),                             # (15, 1)
    "held_out_v14_final.yml": (    # final (wt-blind14f), never read; first measured after the v13 fixes
        {"intent accuracy": 27, "role/concern accuracy": 92, "role reading": 88,      # (27, 85, 75)
         "danger-now recall": 40, "identifier recall": 39},                            # (39, 36)
        {"false-alarm rate": 10, "false-refusal rate": 0}),                             # (12, 0)
    "held_out_v15a.yml": (         # dev (wt-blind15a, phone fragments), first measured after the v14 fixes
        # role/concern 91 -> 90 (eleventh session): the models rebuilt with v49 and v50 dev A
        {"intent accuracy": 26, "role/concern accuracy": 91, "role reading": 86,      # (26, 66, 58)
         "danger-now recall": 40, "identifier recall": 40},                            # (38, 35)
        {"false-alarm rate": 4, "false-refusal rate": 0}),                             # (12, 0)
    "held_out_v15b.yml": (         # dev (wt-blind15b, relayed speech, dialect)
        {"intent accuracy": 26, "role/concern accuracy": 88, "role reading": 83,      # (26, 64, 61)
         "danger-now recall": 40, "identifier recall": 40},                            # (38, 37)
        {"false-alarm rate": 5, "false-refusal rate": 0}),                             # (14, 0)
    "held_out_v15_final.yml": (    # final (wt-blind15f), never read; written after the v13 and v14 fixes; one
                                   # false alarm back when a weapon or "now" outside a cue was kept live (v19)
                                   # one line lost to the v16 contraception harm form (kept on principle)
                                   # role/concern 86 -> 85 on 7 December (ninth session): the models rebuilt with v40 dev
                                   # role/concern 86 -> 85 (tenth session): the models rebuilt with v48 dev A (v47 final +1)
        {"intent accuracy": 25, "role/concern accuracy": 87, "role reading": 78,      # (25, 77, 72)
         "danger-now recall": 39, "identifier recall": 40},                            # (38, 36)
        {"false-alarm rate": 11, "false-refusal rate": 0}),                             # (12, 0)
        # false alarms +1 on 7 December (eighth session): the learned danger model's bar re-chosen (13 -> 9)
    "held_out_v16a.yml": (         # dev (wt-blind16a), first recorded after the v16 danger fixes
        {"intent accuracy": 26, "role/concern accuracy": 100, "role reading": 97,      # (26, 87, 81)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 39)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # (4, 0)
    "held_out_v16b.yml": (         # dev (wt-blind16b)
        {"intent accuracy": 26, "role/concern accuracy": 100, "role reading": 99,      # (26, 76, 67)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 37)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # (5, 0)
    "held_out_v16_final.yml": (    # final (wt-blind16f), never read; written after the v15 fixes
        {"intent accuracy": 25, "role/concern accuracy": 95, "role reading": 93,      # (25, 80, 77)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 40)
        {"false-alarm rate": 6, "false-refusal rate": 0}),                             # (12, 0)
    "held_out_v17a.yml": (         # dev (wt-blind17a), written after the v16 fixes (fourth session)
        {"intent accuracy": 27, "role/concern accuracy": 100, "role reading": 99,      # (27, 88, 82)
         "danger-now recall": 40, "identifier recall": 40},                            # (38, 39)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # (4, 0)
    "held_out_v17b.yml": (         # dev (wt-blind17b)
        {"intent accuracy": 26, "role/concern accuracy": 98, "role reading": 96,      # (26, 90, 81)
         "danger-now recall": 40, "identifier recall": 40},                            # (38, 36)
        {"false-alarm rate": 2, "false-refusal rate": 0}),                             # (11, 0)
    "held_out_v17_final.yml": (    # final (wt-blind17f), never read; written after the v16 fixes
        {"intent accuracy": 27, "role/concern accuracy": 95, "role reading": 92,      # (27, 91, 87)
         "danger-now recall": 40, "identifier recall": 38},                            # (36, 36)
        {"false-alarm rate": 6, "false-refusal rate": 0}),                             # (7, 0)
        # danger-now 40 -> 39 on 7 December (eighth session): the learned danger model rebuilt with v31
        # dev no longer reaches its bar on one line the net misses (the v28 final gained one the same way;
        # the bar, checked again on the dev halves one round out, stays at 13; later the same session, with
        # 52 dev halves, the same rule gave a bar of 9 and the line came back)
    "held_out_v18a.yml": (         # dev (wt-blind18a, long pasted notes, staff with English as a second
        {"intent accuracy": 26, "role/concern accuracy": 96, "role reading": 92,      # language), after the
         "danger-now recall": 40, "identifier recall": 40},                            # v17 fixes (26, 86, 84;
        {"false-alarm rate": 4, "false-refusal rate": 0}),                            # 37, 38; 17, 0)
    "held_out_v18b.yml": (         # dev (wt-blind18b, text-speak, older and disabled people, carers)
        {"intent accuracy": 27, "role/concern accuracy": 95, "role reading": 90,      # (27, 82, 72)
         "danger-now recall": 40, "identifier recall": 40},                            # (36, 34)
        {"false-alarm rate": 2, "false-refusal rate": 0}),                             # (5, 0)
    "held_out_v18_final.yml": (    # final (wt-blind18f), never read; written after the v17 fixes
        {"intent accuracy": 27, "role/concern accuracy": 95, "role reading": 90,      # (27, 87, 83)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 39)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # (3, 0)
    "held_out_v19a.yml": (         # dev, danger only (wt-blind19a: hidden danger, hard look-alikes)
        # false alarms +1 (tenth session, v48 round): a part about the past is now read apart from the rest (H41)
        {"danger-now recall": 80},                                                     # (72)
        {"false-alarm rate": 15}),      # (34); 15 -> 16 with the learned danger model (H43)
    "held_out_v19b.yml": (         # dev, danger only (wt-blind19b)
        {"danger-now recall": 80},                                                     # (67)
        {"false-alarm rate": 25}),                                                     # (35)
    # v20: wt-blind20a/b/f, 6 December, fifth session, written after the v19 fixes and committed unread
    "held_out_v20a.yml": (         # dev (GP and practice-nurse shorthand, relayed speech)
        {"intent accuracy": 26, "role/concern accuracy": 95, "role reading": 95,      # (26, 85, 84)
         "danger-now recall": 40, "identifier recall": 40},                            # (39, 40)
        {"false-alarm rate": 2, "false-refusal rate": 0}),                             # (5, 0)
    "held_out_v20b.yml": (         # dev (A&E, paramedics, midwives, MH nurses; dictation, dialect)
        {"intent accuracy": 25, "role/concern accuracy": 100, "role reading": 99,      # (25, 96, 93)
         "danger-now recall": 40, "identifier recall": 40},                            # (38, 40)
        {"false-alarm rate": 2, "false-refusal rate": 0}),                             # (6, 1)
    "held_out_v20_final.yml": (    # final (wt-blind20f), never read; written after the v19 fixes
        # role/concern 95 -> 94 when the direction model learned v46 dev A
        {"intent accuracy": 27, "role/concern accuracy": 95, "role reading": 93,      # (27, 90, 88; one line lost
         "danger-now recall": 40, "identifier recall": 40},                            # with "they've" expanded,
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # back after v21; 39, 39; 3, 0)
    # v21: wt-blind21a/b/f, written after the v20 fixes and committed unread
    "held_out_v21a.yml": (         # dev (community staff, older people, carers, in-laws, same-sex couples)
        {"intent accuracy": 26, "role/concern accuracy": 99, "role reading": 97,      # (26, 86, 81)
         "danger-now recall": 40, "identifier recall": 40},                            # (35, 39)
        {"false-alarm rate": 5, "false-refusal rate": 0}),                            # (10, 0)
    "held_out_v21b.yml": (         # dev (hospital staff, staff's own relationships, men, teenagers, HBA)
        {"intent accuracy": 26, "role/concern accuracy": 100, "role reading": 98,      # (26, 89, 82)
         "danger-now recall": 40, "identifier recall": 40},                            # (38, 38)
        {"false-alarm rate": 1, "false-refusal rate": 0}),                             # (3, 0)
    "held_out_v21_final.yml": (    # final (wt-blind21f), never read; written after the v20 fixes
        # role/concern 92 -> 91 when the learned models took in the v43 dev half (v22 and v29 finals +1 each);
        # one line sits at the direction model's bar and flips with rebuilds (back at v44, lost again at v45)
        {"intent accuracy": 27, "role/concern accuracy": 92, "role reading": 89,      # (26, 86, 85)
         "danger-now recall": 40, "identifier recall": 39},                            # (39, 39)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # (5, 0)
    # v22: wt-blind22a/b/f, written after the v21 fixes and committed unread (dev A's one Scottish CHI
    # number was moved into the 999 test range before committing; it was not a published test number)
    "held_out_v22a.yml": (         # dev (Wales, Scotland, the North; dialect; LGBT+; hurried dictation)
        {"intent accuracy": 27, "role/concern accuracy": 97, "role reading": 96,      # (26, 86, 83)
         "danger-now recall": 40, "identifier recall": 40},                            # (36, 38)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # (7, 0)
    "held_out_v22b.yml": (         # dev (urgent care, 111, sexual health, maternity, crisis teams)
        {"intent accuracy": 27, "role/concern accuracy": 95, "role reading": 97,      # (27, 88, 81)
         "danger-now recall": 40, "identifier recall": 40},                            # (39, 38)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # (6, 0)
    "held_out_v22_final.yml": (    # final (wt-blind22f), never read; written after the v21 fixes; one danger-now
                                   # line sits at the learned model's bar and comes and goes with rebuilds (39/40)
        # role/concern -1 (thirteenth session): the direction model rebuilt with v57 dev A
        {"intent accuracy": 26, "role/concern accuracy": 92, "role reading": 87,      # (26, 88, 83)
         "danger-now recall": 40, "identifier recall": 39},                            # (37, 38)
        {"false-alarm rate": 6, "false-refusal rate": 1}),                             # (8, 1)
        # role/concern 92 -> 91 on 7 December (eighth session): the direction model rebuilt with v36 dev
    # v23: wt-blind23a/b/f, written after the v22 fixes and committed unread
    "held_out_v23a.yml": (         # dev (London and Midlands practices, many communities, interpreters)
        {"intent accuracy": 27, "role/concern accuracy": 100, "role reading": 96,      # (27, 88, 83)
         "danger-now recall": 40, "identifier recall": 40},                            # (33, 39)
        {"false-alarm rate": 5, "false-refusal rate": 0}),                             # (6, 0)
    "held_out_v23b.yml": (         # dev (wards, theatres, paediatrics, maternity; men, teenagers, tech)
        {"intent accuracy": 27, "role/concern accuracy": 97, "role reading": 95,      # (27, 86, 83)
         "danger-now recall": 40, "identifier recall": 40},                            # (35, 36)
        {"false-alarm rate": 2, "false-refusal rate": 0}),                            # (12, 0)
    "held_out_v23_final.yml": (    # final (wt-blind23f), never read; written after the v22 fixes
        {"intent accuracy": 26, "role/concern accuracy": 97, "role reading": 91,      # (26, 93, 86)
         "danger-now recall": 40, "identifier recall": 39},                            # (39, 38)
        {"false-alarm rate": 8, "false-refusal rate": 0}),                             # (8, 0)
    # v24: wt-blind24a/b/f, written after the v23 fixes and committed unread
    "held_out_v24a.yml": (         # dev (health visitors, midwives, school nurses, pharmacists; minimising)
        {"intent accuracy": 26, "role/concern accuracy": 96, "role reading": 95,      # (26, 92, 83)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 39)
        {"false-alarm rate": 4, "false-refusal rate": 0}),                             # (8, 0)
    "held_out_v24b.yml": (         # dev (ED, crews, liaison, drugs and alcohol, sexual health; relayed)
        {"intent accuracy": 27, "role/concern accuracy": 97, "role reading": 95,      # (26, 91, 82)
         "danger-now recall": 40, "identifier recall": 40},                            # (38, 38)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # (9, 0)
    "held_out_v24_final.yml": (    # final (wt-blind24f), never read; written after the v23 fixes
        {"intent accuracy": 27, "role/concern accuracy": 93, "role reading": 91,      # (27, 91, 89)
         "danger-now recall": 39, "identifier recall": 39},                            # (37, 38)
        {"false-alarm rate": 7, "false-refusal rate": 1}),                             # (9, 1)
    # v25: wt-blind25a/f, written after the v24 fixes and committed unread (the session's last round)
    "held_out_v25a.yml": (         # dev (mixed settings; staff's own relationships; danger in long notes)
        {"intent accuracy": 25, "role/concern accuracy": 100, "role reading": 98,      # (25, 91, 88)
         "danger-now recall": 40, "identifier recall": 40},                            # (37, 38)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # (5, 0)
    "held_out_v25_final.yml": (    # final (wt-blind25f), never read; written after the v24 fixes
        # role/concern 94 -> 93 when the direction model learned v27 dev A (v20's final went 93 -> 94);
        # 96 -> 95 when it learned v44 dev A (the v15, v21 and v41 finals went up one each)
        {"intent accuracy": 26, "role/concern accuracy": 96, "role reading": 89,      # (26, 91, 87)
         "danger-now recall": 39, "identifier recall": 39},                            # (38, 39)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # (6, 0)
    # v26: wt-blind26a/f, 7 December, written after the learned direction model and committed unread;
    # first measured with the model built without them (the code before it: role/concern 89 and 90)
    "held_out_v26a.yml": (         # dev (community staff, North East and Yorkshire, on phones)
        {"intent accuracy": 25, "role/concern accuracy": 99, "role reading": 90,      # (25, 94, 85)
         "danger-now recall": 40, "identifier recall": 40},                            # (37, 37)
        {"false-alarm rate": 5, "false-refusal rate": 0}),                            # (10, 0)
    "held_out_v26_final.yml": (    # final (wt-blind26f), never read; hospital staff, London and South West
        {"intent accuracy": 26, "role/concern accuracy": 94, "role reading": 86,      # (26, 93, 85)
         "danger-now recall": 39, "identifier recall": 40},                            # (38, 40)
        {"false-alarm rate": 4, "false-refusal rate": 0}),                             # (8, 0)
    # v27: wt-blind27a/f, written after both learned models and committed unread; first measured with
    # the models built without them (the code at the session's start: role/concern 89 and 88)
    "held_out_v27a.yml": (         # dev (primary care, Wales, Midlands, Northern Ireland)
        {"intent accuracy": 27, "role/concern accuracy": 98, "role reading": 97,      # (26, 92, 81)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 40)
        {"false-alarm rate": 1, "false-refusal rate": 0}),                             # (4, 1)
    "held_out_v27_final.yml": (    # final (wt-blind27f), never read; urgent care, Scotland and North West
        {"intent accuracy": 26, "role/concern accuracy": 97, "role reading": 86,      # (26, 94, 81)
         "danger-now recall": 40, "identifier recall": 38},                            # (39, 38)
        {"false-alarm rate": 9, "false-refusal rate": 0}),                             # (9, 0)
    # v28: wt-blind28a/f, written after the v27 fixes and committed unread (the session's last round);
    # first measured with the models built without them (the code at the session's start: 83 and 90)
    "held_out_v28a.yml": (         # dev (maternity, neonatal and children's services)
        {"intent accuracy": 27, "role/concern accuracy": 95, "role reading": 93,      # (27, 88, 80)
         "danger-now recall": 40, "identifier recall": 40},                            # (38, 39)
        {"false-alarm rate": 2, "false-refusal rate": 0}),                             # (5, 1)
    "held_out_v28_final.yml": (    # final (wt-blind28f), never read; clinicians across England
        {"intent accuracy": 27, "role/concern accuracy": 94, "role reading": 89,      # (27, 93, 88)
         "danger-now recall": 40, "identifier recall": 38},                            # (39, 37)
        {"false-alarm rate": 4, "false-refusal rate": 0}),                             # (5, 0)
    # v29: wt-blind29a/f, written after the v28 fixes and committed unread (the session's last round);
    # first measured with the models built without them (the code at the session's start: 89 and 90).
    # The final held one 10-digit number outside the 999 test range (CHI-shaped); its digits were moved
    # into the range unread, before the first measure, as with v22's dev line.
    "held_out_v29a.yml": (         # dev (mental health and addiction services)
        {"intent accuracy": 26, "role/concern accuracy": 98, "role reading": 95,      # (26, 93, 84)
         "danger-now recall": 40, "identifier recall": 40},                            # (39, 38)
        {"false-alarm rate": 4, "false-refusal rate": 0}),                             # (9, 0)
    "held_out_v29_final.yml": (    # final (wt-blind29f), never read; staff new to the assistant, four nations
        {"intent accuracy": 27, "role/concern accuracy": 94, "role reading": 88,      # (27, 94, 88)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 39)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # (3, 0)
    # v30: wt-blind30a/f, written at the start of the next session and committed unread; first measured
    # with the code and models of that session's start (a1c451a)
    "held_out_v30a.yml": (         # dev (older people, district nurses, care homes, rural practices)
        {"intent accuracy": 27, "role/concern accuracy": 99, "role reading": 100,      # (27, 93, 90)
         "danger-now recall": 40, "identifier recall": 40},                            # (39, 39)
        {"false-alarm rate": 4, "false-refusal rate": 0}),                             # (5, 0)
    "held_out_v30_final.yml": (    # final (wt-blind30f), never read; clinicians across the UK, long and terse
        {"intent accuracy": 26, "role/concern accuracy": 98, "role reading": 97,      # (26, 95, 94)
         "danger-now recall": 40, "identifier recall": 40},                            # (39, 40)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # (4, 1)
    # v31: wt-blind31a/f, written after the v30 fixes and committed unread; first measured with the models
    # built without them (the code at the session's start gave the same counts: 95 and 90)
    "held_out_v31a.yml": (         # dev (sexual health, students and young adults, LGBT+, on phones)
        # false alarms +1 (tenth session, v48 round): a part about the past is now read apart from the rest (H41)
        {"intent accuracy": 27, "role/concern accuracy": 99, "role reading": 97,      # (27, 95, 89)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 37)
        {"false-alarm rate": 2, "false-refusal rate": 0}),                             # (7, 0)
    "held_out_v31_final.yml": (    # final (wt-blind31f), never read; ED, crews and maternity triage at night
        {"intent accuracy": 26, "role/concern accuracy": 91, "role reading": 85,      # (25, 90, 83)
         "danger-now recall": 40, "identifier recall": 40},                            # (39, 40)
        {"false-alarm rate": 8, "false-refusal rate": 0}),                             # (9, 0)
    # v32: wt-blind32a/f, written after the v31 fixes and committed unread; first measured with the models
    # built without them (the code at the session's start: 92 and 95)
    "held_out_v32a.yml": (         # dev (pharmacy, dental, optometry, allied health; brief, many men)
        {"intent accuracy": 27, "role/concern accuracy": 97, "role reading": 95,      # (27, 93, 86)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 39)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # (7, 0)
    "held_out_v32_final.yml": (    # final (wt-blind32f), never read; GP practices in cities and coastal towns
        # false alarms +1 (tenth session, v48 round): a part about the past is now read apart from the rest (H41)
        {"intent accuracy": 27, "role/concern accuracy": 97, "role reading": 95,      # (27, 97, 95)
         "danger-now recall": 39, "identifier recall": 37},                            # (38, 37)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # (2, 0)
    # v33: wt-blind33a/f, written after the v32 fixes and committed unread; first measured with the models
    # built without them (the code at the session's start gave the same counts: 86 and 91)
    "held_out_v33a.yml": (         # dev (Scotland, Northern Ireland, forces families, Travellers, LD, deaf)
        {"intent accuracy": 27, "role/concern accuracy": 96, "role reading": 90,      # (25, 86, 80)
         "danger-now recall": 40, "identifier recall": 40},                            # (39, 38)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # (7, 0)
    "held_out_v33_final.yml": (    # final (wt-blind33f), never read; HVs, school nurses, midwives, safeguarding leads
        {"intent accuracy": 26, "role/concern accuracy": 93, "role reading": 89,      # (26, 91, 87)
         "danger-now recall": 40, "identifier recall": 38},                            # (39, 37)
        {"false-alarm rate": 6, "false-refusal rate": 1}),                             # (6, 1)
    # v34: wt-blind34a/f, written after the v33 fixes and committed unread; first measured with the models
    # built without them (the code at the session's start: 93 and 92)
    "held_out_v34a.yml": (         # dev (urgent treatment, minor injuries, children's ED, crews with police)
        {"intent accuracy": 27, "role/concern accuracy": 99, "role reading": 97,      # (27, 93, 87)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 40)
        {"false-alarm rate": 0, "false-refusal rate": 0}),                             # (3, 0)
    "held_out_v34_final.yml": (    # final (wt-blind34f), never read; Wales, Midlands, South; older, male, trans, migrants
        {"intent accuracy": 27, "role/concern accuracy": 94, "role reading": 91,      # (27, 93, 90)
         "danger-now recall": 40, "identifier recall": 39},                            # (40, 39)
        {"false-alarm rate": 9, "false-refusal rate": 0}),                            # (10, 0)
    # v35: wt-blind35a/f, written after the v34 fixes and committed unread; first measured with the models
    # built without them (the code at the session's start: 86 and 95, false alarms 11 and 9)
    "held_out_v35a.yml": (         # dev (outreach, drugs and alcohol, SARC, custody, hostels)
        {"intent accuracy": 27, "role/concern accuracy": 94, "role reading": 91,      # (27, 88, 80)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 38)
        {"false-alarm rate": 6, "false-refusal rate": 0}),                            # (11, 1)
    "held_out_v35_final.yml": (    # final (wt-blind35f), never read; staff new to the assistant, typos and dictation
        {"intent accuracy": 26, "role/concern accuracy": 97, "role reading": 93,      # (26, 95, 90)
         "danger-now recall": 40, "identifier recall": 39},                            # (40, 39)
        {"false-alarm rate": 5, "false-refusal rate": 0}),                             # (7, 0)
    # v36: wt-blind36a/f, written after the v35 fixes and committed unread; first measured with the models
    # built without them (the code at the session's start: 88 and 96)
    "held_out_v36a.yml": (         # dev (gynaecology, early pregnancy, fertility, termination, postnatal)
        {"intent accuracy": 26, "role/concern accuracy": 97, "role reading": 95,      # (26, 86, 77)
         "danger-now recall": 40, "identifier recall": 40},                            # (39, 40)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # (4, 0)
    "held_out_v36_final.yml": (    # final (wt-blind36f), never read; mental health, CAMHS, older adults, LD
        {"intent accuracy": 26, "role/concern accuracy": 96, "role reading": 87,      # (26, 96, 85)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 40)
        {"false-alarm rate": 8, "false-refusal rate": 0}),                             # (9, 0)
    # v37: wt-blind37a/f, written after the v36 fixes and committed unread (the session's last round); first
    # measured with the models built without them (the code at the session's start: 92 and 93). The final
    # held one 10-digit number outside the 999 test range; its first digits were moved into the range unread,
    # just after the first measure (the counts were the same before and after)
    "held_out_v37a.yml": (         # dev (rural practices, pharmacists, district nurses; several people a line)
        {"intent accuracy": 26, "role/concern accuracy": 97, "role reading": 92,      # (26, 93, 82)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 36)
        {"false-alarm rate": 5, "false-refusal rate": 0}),                             # (5, 0)
    "held_out_v37_final.yml": (    # final (wt-blind37f), never read; clinicians across the four nations, varied roles
        {"intent accuracy": 26, "role/concern accuracy": 94, "role reading": 91,      # (26, 94, 89)
         "danger-now recall": 39, "identifier recall": 39},                            # (38, 39)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # (4, 0)
    # v38: wt-blind38a/f, ninth session, committed unread; first measured with the session-start code
    # (the same counts as with the staff cue table, which changed no reading)
    "held_out_v38a.yml": (         # dev (health visitors, school nurses, community midwives, kinship carers)
        {"intent accuracy": 26, "role/concern accuracy": 98, "role reading": 94,      # (26, 96, 89)
         "danger-now recall": 40, "identifier recall": 39},                            # (40, 39)
        {"false-alarm rate": 4, "false-refusal rate": 0}),                             # (7, 0)
    "held_out_v38_final.yml": (    # final (wt-blind38f), never read; every setting, each writer in their own style
        {"intent accuracy": 27, "role/concern accuracy": 92, "role reading": 88,      # (27, 92, 88)
         "danger-now recall": 39, "identifier recall": 37},                            # (39, 37)
        {"false-alarm rate": 7, "false-refusal rate": 1}),                             # (8, 1)
    # v39: wt-blind39a/f, written after the v38 fixes and committed unread; first measured with this
    # session's code before the v39 fixes (the session-start code gives the same counts)
    "held_out_v39a.yml": (         # dev (emergency department, acute medicine, frailty, liaison psychiatry)
        {"intent accuracy": 27, "role/concern accuracy": 99, "role reading": 95,      # (27, 96, 90)
         "danger-now recall": 40, "identifier recall": 40},                            # (38, 40)
        {"false-alarm rate": 4, "false-refusal rate": 0}),                             # (8, 0)
    "held_out_v39_final.yml": (    # final (wt-blind39f), never read; primary and community care, dialects
        # role/concern 90 -> 89 (fourteenth session): the direction model rebuilt with v63 to v68 dev A
        {"intent accuracy": 25, "role/concern accuracy": 89, "role reading": 83,      # (25, 87, 79)
         "danger-now recall": 39, "identifier recall": 39},                            # (38, 39)
        {"false-alarm rate": 6, "false-refusal rate": 1}),                             # (6, 1)
    # v40: wt-blind40a/f, written after the v39 fixes and committed unread; first measured before the v40
    # fixes (session-start code: the same but the dev half's role reading, 83)
    "held_out_v40a.yml": (         # dev (maternity, early pregnancy, sexual health, fertility, perinatal mental health)
        {"intent accuracy": 24, "role/concern accuracy": 96, "role reading": 90,      # (24, 89, 84)
         "danger-now recall": 40, "identifier recall": 40},                            # (38, 39)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # (6, 1)
    "held_out_v40_final.yml": (    # final (wt-blind40f), never read; wards, therapies, outpatients, chaplaincy, porters
        # danger-now 40 -> 39 (fourteenth session): the learned danger model rebuilt with v67 and v68 dev A no
        # longer reaches its bar on one line (it did with 81 dev halves); the net does not catch it. Not
        # read; flagged in the closing note for the next session (hazard H43)
        {"intent accuracy": 26, "role/concern accuracy": 86, "role reading": 81,      # (26, 85, 80)
         "danger-now recall": 39, "identifier recall": 40},                            # (39, 40)
        {"false-alarm rate": 5, "false-refusal rate": 2}),                             # (7, 2)
    # v41: wt-blind41a/f, written after the v40 fixes and committed unread; first measured before the v41
    # fixes (session-start code: the same but the final's 89 and 86)
    "held_out_v41a.yml": (         # dev (men's health, DAPP, prison, forces, sexual health; men harmed and causing harm)
        {"intent accuracy": 26, "role/concern accuracy": 97, "role reading": 87,      # (26, 89, 80)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 39)
        {"false-alarm rate": 2, "false-refusal rate": 0}),                             # (7, 1)
    "held_out_v41_final.yml": (    # final (wt-blind41f), never read; hurried phone messages from every setting
        {"intent accuracy": 27, "role/concern accuracy": 91, "role reading": 87,      # (27, 90, 87)
         "danger-now recall": 40, "identifier recall": 38},                            # (40, 37)
        {"false-alarm rate": 4, "false-refusal rate": 0}),                             # (4, 0)
    # v42: wt-blind42a/f, written after the v41 fixes and committed unread (the session's last round); first
    # measured before the v42 fixes (session-start code: the same but the dev half's role/concern, 90)
    "held_out_v42a.yml": (         # dev (district nurses, care homes, memory clinic, learning disability, palliative care)
        {"intent accuracy": 26, "role/concern accuracy": 96, "role reading": 83,      # (26, 89, 74)
         "danger-now recall": 40, "identifier recall": 39},                            # (40, 39)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # (7, 0)
    "held_out_v42_final.yml": (    # final (wt-blind42f), never read; a teaching room, one message from each person
        {"intent accuracy": 26, "role/concern accuracy": 96, "role reading": 93,      # (26, 94, 90)
         "danger-now recall": 39, "identifier recall": 40},                            # (39, 40)
        {"false-alarm rate": 8, "false-refusal rate": 0}),                             # (8, 0)
    # v43: written after the v42 fixes and committed unread; first measured at session-start code (aeaaa58)
    # and again after the "a patient is the one telling" fix (dev half's role/concern 90 -> 94, roleR 82 -> 86)
    "held_out_v43a.yml": (         # dev (relayed speech, several people, quoted threats, casual identifiers)
        {"intent accuracy": 27, "role/concern accuracy": 98, "role reading": 98,      # (27, 90, 82)
         "danger-now recall": 40, "identifier recall": 40},                            # (39, 35)
        {"false-alarm rate": 1, "false-refusal rate": 0}),                             # (2, 0)
    "held_out_v43_final.yml": (    # final, never read; many settings (GP, A&E, maternity, pharmacy, dental, OOH)
        # role reading -1 (thirteenth session): sent or left threatening messages read as one phrase (v60 dev)
        {"intent accuracy": 27, "role/concern accuracy": 95, "role reading": 89,      # (27, 94, 88)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 40)
        {"false-alarm rate": 4, "false-refusal rate": 0}),                             # (4, 0)
    # v44: written after the v43 fixes and committed unread; first measured before the v44 fixes
    "held_out_v44a.yml": (         # dev (calm-sounding danger, alarming-sounding plans, 34F shorthand, carers)
        {"intent accuracy": 27, "role/concern accuracy": 94, "role reading": 93,      # (27, 90, 87)
         "danger-now recall": 40, "identifier recall": 40},                            # (39, 40)
        {"false-alarm rate": 1, "false-refusal rate": 0}),                             # (10, 0)
    "held_out_v44_final.yml": (    # final, never read; many settings, varied tone and typing
        {"intent accuracy": 27, "role/concern accuracy": 97, "role reading": 88,      # (27, 97, 88)
         "danger-now recall": 38, "identifier recall": 39},                            # (38, 39)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # (3, 0)
    # v45: written after the v44 fixes and committed unread; first measured before the v45 fixes
    "held_out_v45a.yml": (         # dev (identifiers hidden in casual phrasing, and their look-alikes)
        {"intent accuracy": 27, "role/concern accuracy": 97, "role reading": 97,      # (27, 96, 95)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 38)
        {"false-alarm rate": 5, "false-refusal rate": 0}),                             # (6, 0)
    "held_out_v45_final.yml": (    # final, never read; many settings incl. prisons and substance misuse
        {"intent accuracy": 26, "role/concern accuracy": 94, "role reading": 90,      # (26, 93, 87)
         "danger-now recall": 40, "identifier recall": 39},                            # (40, 39)
        {"false-alarm rate": 1, "false-refusal rate": 0}),                             # (2, 0)
    # v46: written after the v45 fixes and committed unread; first measured before the v46 fixes
    "held_out_v46a.yml": (         # dev (staff by job title, relayed speech, teenagers, LD and dementia, hurried danger)
        # role/concern 98 -> 97 (thirteenth session): the direction model rebuilt with v62 dev A
        {"intent accuracy": 26, "role/concern accuracy": 97, "role reading": 95,      # (26, 94, 89)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 38)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                             # (4, 0)
    "held_out_v46_final.yml": (    # final, never read; many settings incl. community nursing
        {"intent accuracy": 27, "role/concern accuracy": 93, "role reading": 89,      # (27, 93, 89)
         "danger-now recall": 40, "identifier recall": 39},                            # (40, 39)
        {"false-alarm rate": 4, "false-refusal rate": 0}),                             # (5, 0)
    # v47: tenth session (a new brief, rewritten from the last one's outline: at least 30 hard not-danger
    # look-alikes in each half); written before any of this session's fixes and committed unread
    "held_out_v47a.yml": (         # dev (hard not-danger look-alikes, relay chains, minimising, long pronoun chains)
        {"intent accuracy": 26, "role/concern accuracy": 90, "role reading": 89,      # (26, 86, 83)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 39)
        # false alarms 6 -> 7 with the recall hole closed in the v48 round (someone here in a part of its own
        # is no longer set aside by a past cue in another part): a new partner in the car park, past DA named
        {"false-alarm rate": 7, "false-refusal rate": 0}),                            # (16, 0)
    "held_out_v47_final.yml": (    # final, never read; broad
        # role/concern -1 (twelfth session): the models rebuilt with v51 dev A (the v11 and v48 finals went up one)
        # role/concern -1 again (thirteenth session): rebuilt with v55 and v56 dev A (the v13 and v25 finals +1)
        {"intent accuracy": 27, "role/concern accuracy": 95, "role reading": 98,      # (27, 93, 96)
         "danger-now recall": 40, "identifier recall": 39},                            # (40, 37)
        {"false-alarm rate": 10, "false-refusal rate": 0}),                            # (16, 0)
    # v48: written after the v47 fixes and committed unread; first measured before the v48 fixes
    "held_out_v48a.yml": (         # dev (colleagues many ways, patients by what they do, casual identifiers)
        {"intent accuracy": 26, "role/concern accuracy": 96, "role reading": 92,      # (26, 88, 84)
         "danger-now recall": 40, "identifier recall": 38},                            # (40, 35)
        {"false-alarm rate": 2, "false-refusal rate": 0}),                            # (11, 0)
    "held_out_v48_final.yml": (    # final, never read; broad
        # role/concern 92 -> 91 (fourteenth session): the direction model rebuilt with v69 and v70 dev A
        {"intent accuracy": 26, "role/concern accuracy": 91, "role reading": 90,      # (26, 90, 89)
         "danger-now recall": 40, "identifier recall": 37},                            # (40, 37)
        {"false-alarm rate": 8, "false-refusal rate": 1}),                            # (11, 1)
    # v49 (eleventh session): written before any of its fixes and committed unread; first measured then
    "held_out_v49a.yml": (         # dev (danger beside history, innocent presence, strong words, hitting back)
        {"intent accuracy": 27, "role/concern accuracy": 97, "role reading": 94,      # (27, 94, 91)
         "danger-now recall": 40, "identifier recall": 40},                            # (37, 40)
        {"false-alarm rate": 5, "false-refusal rate": 0}),                            # (14, 0)
    "held_out_v49_final.yml": (    # final, never read; broad
        # role/concern -1 (twelfth session): the models rebuilt with v51 dev A (the v11 and v48 finals went up one)
        # role/concern -1 again (thirteenth session): rebuilt with v55 and v56 dev A (the v13 and v25 finals +1)
        {"intent accuracy": 24, "role/concern accuracy": 90, "role reading": 86,      # (24, 90, 84)
         "danger-now recall": 40, "identifier recall": 38},                            # (40, 38)
        {"false-alarm rate": 4, "false-refusal rate": 0}),                             # (5, 0)
    # v50 (eleventh session): written after the v49 fixes and committed unread; first measured then
    "held_out_v50a.yml": (         # dev (sly identifiers, people described by what they do, calm plans)
        {"intent accuracy": 27, "role/concern accuracy": 93, "role reading": 86,      # (27, 88, 82)
         "danger-now recall": 40, "identifier recall": 39},                            # (40, 31)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                            # (12, 0)
    "held_out_v50_final.yml": (    # final, never read; broad
        # role/concern -1 (thirteenth session): the direction model rebuilt with v57 dev A
        {"intent accuracy": 25, "role/concern accuracy": 89, "role reading": 89,      # (25, 89, 88)
         "danger-now recall": 39, "identifier recall": 40},                            # (37, 40)
        {"false-alarm rate": 8, "false-refusal rate": 0}),                            # (10, 0)
    # v51 (twelfth session): committed unread; first measured with only the 'pt tearful, he hits her'
    # roles rule, written before the files were seen (without it: v51a role 87/85, final unchanged)
    "held_out_v51a.yml": (         # dev (notes shorthand, ordinary time and place words, buried danger)
        {"intent accuracy": 27, "role/concern accuracy": 95, "role reading": 95,      # (27, 88, 87)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 39)
        {"false-alarm rate": 10, "false-refusal rate": 0}),                           # (21, 0)
    "held_out_v51_final.yml": (    # final, never read; broad
        {"intent accuracy": 24, "role/concern accuracy": 94, "role reading": 93,      # (24, 94, 93)
         "danger-now recall": 39, "identifier recall": 40},                            # (39, 40)
        {"false-alarm rate": 9, "false-refusal rate": 0}),                            # (12, 0)
    # v52 (twelfth session): written after the v51 fixes and committed unread; first measured then
    "held_out_v52a.yml": (         # dev (handover shorthand, questions with facts, reported plans, clinical words)
        {"intent accuracy": 25, "role/concern accuracy": 95, "role reading": 93,      # (25, 90, 84)
         "danger-now recall": 40, "identifier recall": 40},                            # (39, 38)
        {"false-alarm rate": 4, "false-refusal rate": 0}),                            # (6, 0)
    "held_out_v52_final.yml": (    # final, never read; broad
        {"intent accuracy": 26, "role/concern accuracy": 93, "role reading": 87,      # (26, 92, 86)
         "danger-now recall": 40, "identifier recall": 39},                            # (40, 38)
        {"false-alarm rate": 6, "false-refusal rate": 0}),                             # (7, 0)
    # v53 (twelfth session): written after the v51 and v52 fixes and committed unread; first measured then
    "held_out_v53a.yml": (         # dev (very short, abbreviated, dialect and dictation slips)
        {"intent accuracy": 25, "role/concern accuracy": 93, "role reading": 87,      # (25, 87, 76)
         "danger-now recall": 40, "identifier recall": 40},                            # (37, 40)
        {"false-alarm rate": 4, "false-refusal rate": 0}),                           # (11, 0)
    "held_out_v53_final.yml": (    # final, never read; broad
        {"intent accuracy": 26, "role/concern accuracy": 94, "role reading": 87,      # (26, 94, 87)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 39)
        {"false-alarm rate": 12, "false-refusal rate": 0}),                            # (12, 0)
    # v54 (twelfth session): written after the v51 to v53 fixes and committed unread; first measured then
    "held_out_v54a.yml": (         # dev (roles passed on by a third person, mutual harm, staff by shift or base)
        {"intent accuracy": 27, "role/concern accuracy": 84, "role reading": 81,      # (27, 83, 81)
         "danger-now recall": 40, "identifier recall": 40},                            # (39, 33)
        {"false-alarm rate": 4, "false-refusal rate": 0}),                           # (10, 0)
    "held_out_v54_final.yml": (    # final, never read; broad
        {"intent accuracy": 26, "role/concern accuracy": 92, "role reading": 90,      # (26, 92, 90)
         "danger-now recall": 40, "identifier recall": 38},                            # (40, 38)
        {"false-alarm rate": 7, "false-refusal rate": 0}),                             # (9, 0)
    # v55 (thirteenth session): written before this session's fixes and committed unread; first measured then
    "held_out_v55a.yml": (         # dev (questions mixed with facts, people by age or slang, hitting back, harmless alarm words)
        {"intent accuracy": 25, "role/concern accuracy": 95, "role reading": 86,      # (25, 87, 79)
         "danger-now recall": 40, "identifier recall": 40},                            # (39, 39)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                          # (10, 0)
    "held_out_v55_final.yml": (    # final, never read; broad
        {"intent accuracy": 25, "role/concern accuracy": 94, "role reading": 90,      # (25, 93, 89)
         "danger-now recall": 40, "identifier recall": 38},                            # (40, 38)
        {"false-alarm rate": 9, "false-refusal rate": 0}),                            # (10, 0)
    # v56 (thirteenth session): written after the v55 fixes and committed unread; first measured then
    "held_out_v56a.yml": (         # dev (less usual senders and settings; danger told by what people are doing)
        {"intent accuracy": 26, "role/concern accuracy": 98, "role reading": 93,      # (26, 94, 88)
         "danger-now recall": 40, "identifier recall": 39},                            # (40, 32)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                          # (13, 0)
    "held_out_v56_final.yml": (    # final, never read; broad
        # role/concern 91 -> 90: the models rebuilt with v55 and v56 dev A, right after the first measure
        {"intent accuracy": 27, "role/concern accuracy": 91, "role reading": 86,      # (27, 91, 85)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 40)
        {"false-alarm rate": 8, "false-refusal rate": 0}),                             # (8, 0)
    # v57 (thirteenth session): written after the v56 fixes and committed unread; first measured then
    "held_out_v57a.yml": (         # dev (typed fast on shift, pasted text, danger beside a negation)
        {"intent accuracy": 26, "role/concern accuracy": 99, "role reading": 94,      # (26, 95, 90)
         "danger-now recall": 40, "identifier recall": 39},                            # (40, 37)
        {"false-alarm rate": 0, "false-refusal rate": 0}),                           # (7, 0)
    "held_out_v57_final.yml": (    # final, never read; broad
        {"intent accuracy": 26, "role/concern accuracy": 96, "role reading": 95,      # (26, 96, 95)
         "danger-now recall": 40, "identifier recall": 39},                            # (40, 39)
        {"false-alarm rate": 8, "false-refusal rate": 1}),                            # (11, 1)
    # v58 (thirteenth session): written after the v57 fixes and committed unread; first measured then
    "held_out_v58a.yml": (         # dev (who harms whom told indirectly; children at risk now; reviews and training)
        {"intent accuracy": 26, "role/concern accuracy": 93, "role reading": 85,      # (26, 87, 82)
         "danger-now recall": 40, "identifier recall": 40},                            # (37, 36)
        {"false-alarm rate": 8, "false-refusal rate": 0}),                          # (20, 0)
    "held_out_v58_final.yml": (    # final, never read; broad
        # role/concern 94 -> 93 (fourteenth session): the direction model rebuilt with v63 to v68 dev A
        {"intent accuracy": 24, "role/concern accuracy": 93, "role reading": 88,      # (24, 94, 88)
         "danger-now recall": 39, "identifier recall": 37},                            # (39, 37)
        {"false-alarm rate": 12, "false-refusal rate": 0}),                            # (13, 0)
    # v59 (thirteenth session): written after the v58 fixes and committed unread; first measured then
    "held_out_v59a.yml": (         # dev (colleagues and the one typing; danger on the premises or to a colleague tonight)
        {"intent accuracy": 25, "role/concern accuracy": 97, "role reading": 91,      # (25, 94, 89)
         "danger-now recall": 40, "identifier recall": 38},                            # (40, 37)
        {"false-alarm rate": 4, "false-refusal rate": 0}),                          # (10, 0)
    "held_out_v59_final.yml": (    # final, never read; broad
        {"intent accuracy": 27, "role/concern accuracy": 96, "role reading": 94,      # (27, 96, 94)
         "danger-now recall": 39, "identifier recall": 40},                            # (39, 40)
        {"false-alarm rate": 7, "false-refusal rate": 0}),                             # (8, 0)
    # v60 (thirteenth session): written after the v59 fixes and committed unread; first measured then
    "held_out_v60a.yml": (         # dev (same-pronoun couples, they/them, disability on either side, control by pets or visas)
        {"intent accuracy": 27, "role/concern accuracy": 94, "role reading": 91,      # (27, 92, 89)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 38)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                           # (8, 0)
    "held_out_v60_final.yml": (    # final, never read; broad
        # role/concern 94 -> 93 (fourteenth session): the direction model rebuilt with v69 and v70 dev A
        {"intent accuracy": 27, "role/concern accuracy": 93, "role reading": 93,      # (27, 94, 93)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 40)
        {"false-alarm rate": 6, "false-refusal rate": 1}),                             # (6, 1)
    # v61 (thirteenth session): written after the v60 fixes and committed unread; first measured then
    "held_out_v61a.yml": (         # dev (replies mid-conversation; identifiers given alone as answers)
        # role/concern 99 -> 98 (fourteenth session): the direction model rebuilt with v69 and v70 dev A
        {"intent accuracy": 25, "role/concern accuracy": 98, "role reading": 92,      # (25, 96, 90)
         "danger-now recall": 40, "identifier recall": 39},                            # (40, 39)
        {"false-alarm rate": 1, "false-refusal rate": 0}),                           # (8, 0)
    "held_out_v61_final.yml": (    # final, never read; broad
        # one ten-word consent question matched a training line word for word (a stock question written
        # blind); it was removed by script, unread, so the file has 26 intents, all read right
        {"intent accuracy": 26, "role/concern accuracy": 96, "role reading": 92,      # (27 of 27, 96, 92)
         "danger-now recall": 39, "identifier recall": 39},                            # (39, 39)
        {"false-alarm rate": 9, "false-refusal rate": 0}),                            # (10, 0)
    # v62 (thirteenth session): written after the v61 fixes and committed unread; first measured then
    "held_out_v62a.yml": (         # dev (rural, coastal and community settings; legal guns and tools)
        {"intent accuracy": 26, "role/concern accuracy": 92, "role reading": 83,      # (26, 91, 83)
         "danger-now recall": 40, "identifier recall": 38},                            # (40, 33)
        {"false-alarm rate": 7, "false-refusal rate": 0}),                          # (14, 0)
    "held_out_v62_final.yml": (    # final, never read; broad
        {"intent accuracy": 27, "role/concern accuracy": 96, "role reading": 95,      # (27, 96, 95)
         "danger-now recall": 39, "identifier recall": 38},                            # (39, 38)
        {"false-alarm rate": 5, "false-refusal rate": 0}),                             # (6, 0)
    # v63 and v64 (fourteenth session): written in parallel after the v62 fixes and committed unread; first
    # measured with the history-beside-danger and people fixes of this session in the tree
    "held_out_v63a.yml": (         # dev (young people 16 to 25: images, tracking, school and college, exploitation)
        {"intent accuracy": 26, "role/concern accuracy": 93, "role reading": 83,      # (26, 90, 79)
         "danger-now recall": 40, "identifier recall": 40},                            # (37, 37)
        {"false-alarm rate": 4, "false-refusal rate": 0}),                          # (14, 0)
    "held_out_v63_final.yml": (    # final, never read; broad
        {"intent accuracy": 26, "role/concern accuracy": 90, "role reading": 85,      # (26, 90, 85)
         "danger-now recall": 40, "identifier recall": 38},                            # (40, 38)
        {"false-alarm rate": 8, "false-refusal rate": 0}),                             # (8, 0)
    "held_out_v64a.yml": (         # dev (older people and care: care homes, carers, dementia, money)
        {"intent accuracy": 26, "role/concern accuracy": 97, "role reading": 91,      # (26, 94, 89)
         "danger-now recall": 40, "identifier recall": 40},                            # (39, 35)
        {"false-alarm rate": 2, "false-refusal rate": 0}),                           # (9, 0)
    "held_out_v64_final.yml": (    # final, never read; broad
        {"intent accuracy": 27, "role/concern accuracy": 95, "role reading": 90,      # (27, 95, 90)
         "danger-now recall": 40, "identifier recall": 39},                            # (40, 39)
        {"false-alarm rate": 6, "false-refusal rate": 0}),                             # (8, 0)
    # v65 and v66 (fourteenth session): written in parallel after the v63/v64 fixes and committed unread
    "held_out_v65a.yml": (         # dev (maternity, health visiting and early years)
        {"intent accuracy": 27, "role/concern accuracy": 90, "role reading": 87,      # (27, 87, 84)
         "danger-now recall": 40, "identifier recall": 39},                            # (40, 39)
        {"false-alarm rate": 1, "false-refusal rate": 0}),                           # (9, 0)
    "held_out_v65_final.yml": (    # final, never read; broad
        {"intent accuracy": 27, "role/concern accuracy": 94, "role reading": 91,      # (27, 94, 91)
         "danger-now recall": 40, "identifier recall": 39},                            # (40, 39)
        {"false-alarm rate": 7, "false-refusal rate": 1}),                             # (7, 1)
    "held_out_v66a.yml": (         # dev (mental health, drink and drugs; the brief also carried the rural focus)
        {"intent accuracy": 26, "role/concern accuracy": 90, "role reading": 82,      # (26, 86, 81)
         "danger-now recall": 40, "identifier recall": 35},                            # (39, 35)
        {"false-alarm rate": 11, "false-refusal rate": 0}),                          # (14, 0)
    "held_out_v66_final.yml": (    # final, never read; broad
        {"intent accuracy": 27, "role/concern accuracy": 98, "role reading": 97,      # (27, 98, 97)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 40)
        {"false-alarm rate": 8, "false-refusal rate": 0}),                             # (8, 0)
    # v67 and v68 (fourteenth session): written in parallel after the v65/v66 fixes and committed unread
    "held_out_v67a.yml": (         # dev (emergency and urgent care at night, police and custody)
        {"intent accuracy": 26, "role/concern accuracy": 90, "role reading": 86,      # (26, 90, 86)
         "danger-now recall": 40, "identifier recall": 39},                            # (40, 34)
        {"false-alarm rate": 4, "false-refusal rate": 0}),                           # (10, 0)
    "held_out_v67_final.yml": (    # final, never read; broad
        {"intent accuracy": 24, "role/concern accuracy": 92, "role reading": 89,      # (24, 92, 89)
         "danger-now recall": 40, "identifier recall": 39},                            # (40, 39)
        {"false-alarm rate": 9, "false-refusal rate": 0}),                             # (10, 0)
    "held_out_v68a.yml": (         # dev (primary care by phone and video, long-term conditions)
        {"intent accuracy": 26, "role/concern accuracy": 96, "role reading": 93,      # (26, 95, 93)
         "danger-now recall": 40, "identifier recall": 39},                            # (38, 39)
        {"false-alarm rate": 6, "false-refusal rate": 0}),                           # (8, 0)
    "held_out_v68_final.yml": (    # final, never read; broad
        {"intent accuracy": 25, "role/concern accuracy": 97, "role reading": 94,      # (25, 97, 94)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 40)
        {"false-alarm rate": 4, "false-refusal rate": 1}),                             # (5, 1)
    # v69 and v70 (fourteenth session): written in parallel after the v65-v68 fixes and committed unread
    "held_out_v69a.yml": (         # dev (danger told only by logistics and plans)
        {"intent accuracy": 25, "role/concern accuracy": 95, "role reading": 90,      # (25, 95, 90)
         "danger-now recall": 40, "identifier recall": 39},                            # (36, 37)
        {"false-alarm rate": 3, "false-refusal rate": 0}),                           # (11, 0)
    "held_out_v69_final.yml": (    # final, never read; broad
        {"intent accuracy": 27, "role/concern accuracy": 94, "role reading": 94,      # (27, 94, 94)
         "danger-now recall": 40, "identifier recall": 39},                            # (40, 39)
        {"false-alarm rate": 7, "false-refusal rate": 0}),                             # (7, 0)
    "held_out_v70a.yml": (         # dev (names in every position and case; ordinary words that are names)
        {"intent accuracy": 27, "role/concern accuracy": 95, "role reading": 93,      # (27, 95, 93)
         "danger-now recall": 40, "identifier recall": 33},                            # (40, 33)
        {"false-alarm rate": 1, "false-refusal rate": 0}),                           # (8, 0)
    "held_out_v70_final.yml": (    # final, never read; broad
        {"intent accuracy": 26, "role/concern accuracy": 92, "role reading": 90,      # (26, 92, 90)
         "danger-now recall": 40, "identifier recall": 40},                            # (40, 40)
        {"false-alarm rate": 5, "false-refusal rate": 0}),                             # (6, 0)
}
DEV_SPLITS = [name for name in SPLITS if "final" not in name]


def _counts(name: str) -> dict[str, tuple[int, int]]:
    split = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
    scores = split_scores(EmbeddedNLU(), split, concern_question())
    return {m: (round(rate * total), total) for m, (rate, total) in scores.items()}


@pytest.fixture(scope="module")
def counts() -> dict[str, dict[str, tuple[int, int]]]:
    return {name: _counts(name) for name in SPLITS}


@pytest.mark.parametrize("name", DEV_SPLITS)
def test_a_dev_split_never_misses_danger_now(counts, name):
    hits, total = counts[name]["danger-now recall"]
    assert hits == total


@pytest.mark.parametrize("name", sorted(SPLITS))
def test_each_split_stays_at_or_above_its_floors(counts, name):
    low = {m: f"{counts[name][m][0]}/{counts[name][m][1]}" for m, floor in SPLITS[name][0].items()
           if counts[name][m][0] < floor}
    assert not low, f"{name} below its floor: {low}"          # counts only, never a line


@pytest.mark.parametrize("name", sorted(SPLITS))
def test_each_split_errors_stay_at_or_below_their_ceilings(counts, name):
    high = {m: f"{counts[name][m][0]}/{counts[name][m][1]}" for m, ceiling in SPLITS[name][1].items()
            if counts[name][m][0] > ceiling}
    assert not high, f"{name} above its ceiling: {high}"


def _lines(doc: dict) -> list[str]:
    return [t for section in doc.values()
            for texts in (section.values() if isinstance(section, dict) else [section]) for t in texts]


@pytest.mark.parametrize("dev", DEV_SPLITS)
def test_the_evaluation_shows_dev_failures_but_never_a_final_splits_lines(capsys, dev):
    final = re.sub(r"[ab]?\.yml$", "_final.yml", dev)          # v8a and v8b share v8's final half
    if not (HERE / final).exists():
        final = "held_out_v9_final.yml"                       # v10 (danger only) has no final half of its own
    final_lines = _lines(yaml.safe_load((HERE / final).read_text(encoding="utf-8")))
    assert main(["--failing", final]) == 2
    assert "final split" in capsys.readouterr().out
    assert main(["--failing", dev]) == 0
    out = capsys.readouterr().out
    assert "danger-now missed:" in out and "false alarm:" in out
    dev_lines = set(_lines(yaml.safe_load((HERE / dev).read_text(encoding="utf-8"))))
    # a line both writers happened to type ('what if she says no ...') is the dev split's to show
    assert not [t for t in final_lines if len(t) > 12 and t in out and t not in dev_lines]


def test_no_blind_line_is_in_the_training_data():
    from bot.nlu import default_nlu_dir, load_examples, normalise
    seen = {normalise(t) for texts in load_examples(default_nlu_dir()).values() for t in texts}
    # stock questions and replies ("no thanks", "what does an idva do") are bound to coincide: two
    # six-word questions of v6, a seven-word question in each half of v7 and an eight-word one in v8,
    # all written blind, match older training lines word for word. A description of a case (roles,
    # danger, identifiers) of seven or more words, or a question of ten or more, in both is a copy.
    copied = 0
    for name in SPLITS:
        doc = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
        questions = set(_lines({"intents": doc.get("intents") or {}}))
        copied += sum(normalise(t) in seen for t in _lines(doc)
                      if len(t.split()) >= (10 if t in questions else 7))
    assert copied == 0, f"{copied} blind lines are in data/nlu"          # a count, never the lines


def test_past_harm_added_to_a_dev_danger_line_rarely_silences_it():
    """Clinicians add history to an urgent message ("..., he hit her last year"): a part about the past
    must not hide danger now in the others (tenth session, H41). Counts only; first measure on 7 December."""
    from bot.nlu.danger import is_danger
    lines = [t for name in DEV_SPLITS for t in yaml.safe_load((HERE / name).read_text(encoding="utf-8")).get("danger_now") or []]
    firing = [t for t in lines if is_danger(t)]
    silenced = sum(not is_danger(f"{t}, he hit her last year") for t in firing)
    # 36 of 2,620 in the tenth session; 12 of 2,756 in the eleventh, with a time soon, something being done
    # as the message is written and the learned model's word on the parts read apart (H41); 10 of 2,796 at
    # the session's end, with more net recall; fourteenth session: the learned model's word on the parts
    # that are not about the past took it from 9 of 3,236 to 3 of 3,276, then 8 of 3,516 with more dev halves
    assert len(firing) > 2000 and silenced <= 10, f"{silenced} of {len(firing)} silenced by a past part"
