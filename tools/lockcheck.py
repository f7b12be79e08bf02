"""Fail early, in one line, when a virtual environment differs from its lock.

    python tools/lockcheck.py requirements.lock            # .venv: exactly the lock
    python tools/lockcheck.py --subset rasa-env/constraints.txt   # .venv-rasa: what is pinned

Run by the environment's own Python. `make test` calls it first, so a package someone
`pip install`ed by hand (or an old .venv after the lock changed) is named before any test runs.
Exit 0 when the environment matches, 1 when it drifted (with the fix), 2 on a bad lock path.
"""
from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")
OURS = {"pathbot"}          # this project itself, installed editable from the checkout


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: Path) -> dict[str, str]:
    found = {}
    for line in lock.read_text().splitlines():
        match = PIN.match(line.strip())
        if match:
            found[canonical(match[1])] = match[2]
    return found


def drift(locked: dict[str, str], installed: dict[str, str], subset: bool) -> list[str]:
    problems = []
    for name, version in sorted(locked.items()):
        have = installed.get(name)
        if have is None and not subset:
            problems.append(f"{name} {version} is missing")
        elif have is not None and have != version:
            problems.append(f"{name} is {have}, the lock says {version}")
    if not subset:
        problems += [f"{name} {installed[name]} is not in the lock"
                     for name in sorted(set(installed) - set(locked) - OURS)]
    return problems


def main(argv: list[str]) -> int:
    subset = "--subset" in argv
    args = [a for a in argv if a != "--subset"]
    if len(args) != 1 or not Path(args[0]).is_file():
        print("usage: lockcheck.py [--subset] LOCKFILE", file=sys.stderr)
        return 2
    installed = {canonical(d.metadata["Name"]): d.version for d in metadata.distributions()
                 if d.metadata["Name"]}
    problems = drift(pins(Path(args[0])), installed, subset)
    if problems:
        more = f" (and {len(problems) - 2} more)" if len(problems) > 2 else ""
        fix = ("rm -rf .venv-rasa && make rasa-setup" if Path(sys.prefix).name == ".venv-rasa"
               else "make clean setup")
        print(f"{sys.prefix} differs from {args[0]}: {'; '.join(problems[:2])}{more}. "
              f"Reinstall it from the lock with `{fix}` (or run `make lock` if you meant to change the lock).")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
