"""The conversation in a terminal: `pathbot chat`. Buttons are numbered; type a number or your own words.
A tick-all-that-apply question shows numbered lines instead: type the numbers that apply ("1 3 5")."""
from __future__ import annotations

import sys
import textwrap

from ..messages import Message
from ..turn import Backend

PREFIX = {"emergency": "!!! ", "warning": "! ", "question": "? ", "info": ""}


def render(message: Message, width: int = 78, start: int = 1) -> str:
    """A message as terminal lines; its buttons are numbered from `start` (a reply numbers all its buttons
    in one run, so "More services" on the referral list and "Restart" below it never share a number)."""
    lines = []
    for para in message.text.split("\n"):
        lines += textwrap.wrap(para, width, initial_indent=PREFIX[message.kind] if not lines else "",
                               subsequent_indent="  ") or [""]
    if message.select == "many":     # the numbers belong to the lines; the buttons are typed as words
        lines += textwrap.wrap("or type: " + ", ".join(b.title for b in message.buttons), width,
                               initial_indent="   ", subsequent_indent="   ")
    elif message.buttons and _counts(message.buttons):
        # a count question: a typed number is the count (in every channel), so its buttons are not numbered
        choices = "  ".join(f"[{b.title.replace(' ', chr(160))}]" for b in message.buttons)
        lines += [line.replace("\u00a0", " ") for line in
                  textwrap.wrap(choices, width, initial_indent="   ", subsequent_indent="   ")]
    elif message.buttons:
        choices = "  ".join(f"[{i}]\u00a0{b.title.replace(' ', chr(160))}" for i, b in enumerate(message.buttons, start))
        lines += [line.replace("\u00a0", " ") for line in
                  textwrap.wrap(choices, width, initial_indent="   ", subsequent_indent="   ")]
    return "\n".join(lines)


def _counts(buttons) -> bool:
    """The buttons of a count question (0, 1, 2 ...): typed numbers there are counts, not button numbers."""
    return bool(buttons) and buttons[0].payload.isdigit()


def chat(backend: Backend, area: str | None, stdin=None, stdout=None) -> int:
    """Run until end of input; 'quit' or Ctrl-D leaves. Nothing typed is kept."""
    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    state, messages = backend.start(area)
    while True:
        buttons: tuple = ()
        for m in messages:
            numbered = m.buttons and m.select != "many" and not _counts(m.buttons)
            print(render(m, start=len(buttons) + 1) + "\n", file=stdout)
            buttons = buttons + m.buttons if numbered else () if m.buttons else buttons
        stdout.write("you> ")
        stdout.flush()
        line = stdin.readline()
        if not line or line.strip().lower() in ("quit", "exit", "/quit"):
            print("\nGoodbye. Nothing from this conversation was kept.", file=stdout)
            return 0
        text = line.strip()
        if not text:
            messages = []
            continue
        if text.isdigit() and 1 <= int(text) <= len(buttons) and not _counts(buttons):
            state, messages = backend.press(state, buttons[int(text) - 1].payload)
        elif text.startswith("/") and text.split()[0] in ("/back", "/help", "/restart", "/emergency"):
            state, messages = backend.press(state, text.split()[0])
        else:
            state, messages = backend.send(state, text)
