"""Rebuild data/privacy/first_names_world.txt (run by hand; the guard only reads the .txt).

    pip download faker==40.54.0 --no-deps -d /tmp/faker && unzip /tmp/faker/*.whl -d /tmp/faker/x
    apt-get install wbritish            # /usr/share/dict/british-english: the everyday words to leave out
    python data/privacy/build_world_names.py /tmp/faker/x > data/privacy/first_names_world.txt

Takes the first names of Faker's person providers for the languages most spoken by patients in the UK,
folds them to ASCII lower case, and keeps those of 3+ letters that are NOT everyday English words (a
lower-case entry in the system dictionaries) nor the guard's common words (bot.privacy.text.STOP), nor
the few clinical abbreviations listed below: such a name is refused only in a name position, so an
everyday word ("grace", "will", "amber") must never be on this list (those live, marked "~", in
first_names.txt).
"""
from __future__ import annotations

import importlib
import re
import sys
import unicodedata
from pathlib import Path

LOCALES = """en_GB en_US en_IE ga_IE en_IN en_PK en_NG en_KE en_NZ yo_NG ig_NG ha_NG tw_GH sw zu_ZA pl_PL ro_RO
lt_LT lv_LV pt_PT pt_BR es_ES it_IT fr_FR de_DE tr_TR sk_SK cs_CZ hu_HU hr_HR sl_SI et_EE nl_NL da_DK sv_SE
no_NO fi_FI id_ID vi_VN""".split()
DICTIONARIES = ("/usr/share/dict/british-english", "/usr/share/dict/words")
# Short forms clinicians type that happen to be first names somewhere.
NOT_NAMES = frozenset("sep idk emis tai nanna sil".split())
HEADER = """\
# First names of many languages (ASCII, lower case), one a line, for names in name positions only
# ("her partner ...", "is called ...", "named ..."), never to scan free text. Everyday English words are
# left out (see build_world_names.py, which made this file). Source: the first-name lists of Faker
# 40.54.0 (https://github.com/joke2k/faker), MIT licence:
# Copyright (c) 2012 Daniele Faraglia. Permission is hereby granted, free of charge, to any person
# obtaining a copy of this software and associated documentation files (the "Software"), to deal in
# the Software without restriction, including without limitation the rights to use, copy, modify,
# merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to
# whom the Software is furnished to do so, subject to the following conditions: The above copyright
# notice and this permission notice shall be included in all copies or substantial portions of the
# Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED.
"""


_UNSPLIT = str.maketrans({"ø": "o", "Ø": "O", "ı": "i", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "æ": "ae",
                          "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"})


def main(faker_root: str) -> None:
    sys.path.insert(0, faker_root)
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from bot.privacy.text import STOP
    everyday = set()
    for path in DICTIONARIES:
        for line in Path(path).read_text(encoding="utf-8", errors="ignore").splitlines():
            if line[:1].islower():
                everyday.add(line.split("'")[0].lower())
    names = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            found = getattr(provider, attr, ())
            for name in (found.keys() if hasattr(found, "keys") else found):
                # letters NFKD cannot split ("Bjørg", Turkish "ı") are mapped first, and a name left with
                # no vowel was folded badly, not a name ("bjrg" would refuse an invite code)
                plain = str(name).translate(_UNSPLIT)
                folded = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode().lower()
                if re.fullmatch(r"[a-z]{3,}", folded) and re.search(r"[aeiouy]", folded):
                    names.add(folded)
    kept = sorted(n for n in names if n not in everyday and n not in STOP and n not in NOT_NAMES)
    lines, line = [], ""
    for n in kept:                      # about 100 characters a line
        if len(line) + len(n) + 1 > 100:
            lines.append(line)
            line = ""
        line = f"{line} {n}".strip()
    lines.append(line)
    sys.stdout.write(HEADER + "\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
