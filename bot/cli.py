"""`pathbot`: the command line. Contracts in ../shared/DESIGN.md ("CLI contracts").

    pathbot chat [--area A] [--backend embedded|rasa]
    pathbot nlu parse [--backend B] [--json] [TEXT ...]
    pathbot privacy check [--json] [TEXT ...]
    pathbot scenario run [--backend B] [--json] PATH ...
    pathbot pathways validate [--strict] [PATH ...]
    pathbot pathways gaps [AREA ...] [--format text|md|json] [--today YYYY-MM-DD]
    pathbot pathways render AREA --format md|html|svg|dot [-o FILE] [--today YYYY-MM-DD]
    pathbot pathways new AREA [--dir data/pathways]
    pathbot telegram [--backend B] [--store WHERE] [--idle-minutes N] [--api-url URL] [--webhook URL]
    pathbot telegram invite --admin "Name, role" [--store WHERE] [--hours H]
    pathbot telegram staff [--store WHERE]
    pathbot telegram revoke ID [--store WHERE]
    pathbot web [--host 127.0.0.1] [--port 8080] [--backend B]
    pathbot teams [--host H] [--port P] [--backend B] [--staff FILE] [--idle-minutes N]
    pathbot teams package --app-id ID [-o pathbot-teams.zip];  pathbot teams staff add OBJECT_ID --admin ...

With no TEXT, `nlu parse` and `privacy check` read one message per line from
stdin. They never echo the text.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


class UsageError(Exception):
    """Bad input from the person at the keyboard: exit 2 with a plain message."""


def _lines(texts: list[str]):
    if texts:
        yield from texts
    else:
        for line in sys.stdin:
            yield line.rstrip("\n")


def _backend(name: str, area_needed: bool = True):
    if name == "embedded":
        from .turn import EmbeddedBackend
        return EmbeddedBackend()
    if name == "rasa":      # Rasa on 127.0.0.1 (make rasa-up); the embedded backend answers while it is down
        import os
        from .rasa_backend import DEFAULT_URL, RasaBackend
        return RasaBackend(os.environ.get("PATHBOT_RASA_URL", DEFAULT_URL))
    raise UsageError(f"unknown backend {name!r}: use --backend embedded or rasa")


def cmd_chat(args) -> int:
    from .channels.terminal import chat
    backend = _backend(args.backend)
    if args.area and args.area not in backend.library.areas():
        from .nlu import match_area
        guess = match_area(args.area, backend.library.areas())
        if guess is None:
            raise UsageError(f"unknown area {args.area!r}; known areas: {', '.join(backend.library.areas())}")
        args.area = guess
    return chat(backend, args.area)


def cmd_nlu_parse(args) -> int:
    if args.backend == "rasa":
        from .rasa_backend import NOTICE, RasaUnavailable
        backend = _backend("rasa")
        warned = []

        def parse(text):
            try:
                return backend.parse(text)
            except RasaUnavailable:
                if not warned:
                    print(NOTICE, file=sys.stderr)
                    warned.append(True)
                return backend.fallback.nlu.parse(text)
    else:
        from .nlu import EmbeddedNLU
        parse = EmbeddedNLU().parse
    for text in _lines(args.text):
        p = parse(text)
        if args.json:
            print(json.dumps(p.as_json()))
        else:
            print(f"{p.intent}\t{p.confidence:.2f}\t{'DANGER' if p.danger else ''}".rstrip())
    return 0


def cmd_privacy_check(args) -> int:
    from .privacy import check
    for text in _lines(args.text):
        v = check(text)
        if args.json:
            print(json.dumps(v.as_json()))
        else:
            print("refused: " + ", ".join(v.kinds) if v.blocked else "ok")
    return 0


def cmd_scenario_run(args) -> int:
    from .scenarios import run
    backend = _backend(args.backend)
    paths = []
    for p in args.paths:
        p = Path(p)
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.suffix.lower() in (".yml", ".yaml") and f.is_file())
            if not found:
                raise UsageError(f"no scenario files (*.yml, *.yaml) in {p}")
            paths += found
        elif p.exists():
            paths.append(p)
        else:
            raise UsageError(f"no such scenario file or folder: {p}")
    failed = 0
    for i, path in enumerate(paths, 1):
        result = run(path, backend)
        failed += not result.passed
        if args.json:
            print(json.dumps(result.as_json()))
        else:
            print(f"[{i}/{len(paths)}] {'PASS' if result.passed else 'FAIL'}  {result.name}  ({path.name})")
            for f in result.failures:
                print(f"        - {f}")
    if not args.json:
        print(f"{len(paths) - failed} of {len(paths)} scenarios passed")
    return 1 if failed else 0


def cmd_pathways_validate(args) -> int:
    """Each folder is checked whole; files named one by one are checked against the national.yml
    in their own folder."""
    from .pathways import default_pathway_dir, load_pathways
    groups: dict[Path, list[Path] | None] = {}      # folder -> the files named in it, or None: all of it
    for p in map(Path, args.paths or [default_pathway_dir()]):
        if p.is_dir():
            groups[p] = None
        elif p.exists():
            if groups.get(p.parent, []) is not None:
                groups.setdefault(p.parent, []).append(p)
        else:
            raise UsageError(f"no such file or folder: {p}")
    areas = errors = warnings = 0
    for folder, files in groups.items():
        library = load_pathways(folder, files=files)
        for problem in library.problems:
            print(problem)
            errors += problem.severity == "error"
            warnings += problem.severity != "error"
        areas += len(library.areas())
    print(f"{areas} area(s) loaded; {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if errors or (warnings and args.strict) else 0


def cmd_telegram(args) -> int:
    from .channels import access
    backend = _backend(args.backend)
    try:
        try:
            from .channels import telegram
        except ImportError:
            raise UsageError("the Telegram channel needs python-telegram-bot: pip install -e '.[telegram]'") from None
        return telegram.run(backend, args.access, idle_minutes=args.idle_minutes, api_url=args.api_url,
                            webhook=args.webhook, listen=args.listen, port=args.port, store=args.store)
    except access.SetupError as exc:
        raise UsageError(str(exc)) from None


def cmd_web(args) -> int:
    from .channels.web import serve
    return serve(args.host, args.port, _backend(args.backend))


def _staff_list(args):
    """The Telegram allow-list in the store (an old YAML access file moved in first, once)."""
    from .channels.access import AccessList, SetupError, load_secret, migrate_yaml
    from .store import StoreUnavailable, open_store
    try:
        secret = load_secret()
        store = open_store(args.store)
        migrate_yaml(args.access, store.staff, lambda line: print(line, file=sys.stderr))
        return AccessList(store.staff, secret), store
    except (SetupError, StoreUnavailable) as exc:
        raise UsageError(str(exc)) from None


def cmd_telegram_invite(args) -> int:
    from .channels.access import SetupError
    from .store import StoreUnavailable
    access, store = _staff_list(args)
    try:
        code, expires = access.issue(args.admin, args.hours)
    except (SetupError, StoreUnavailable) as exc:
        raise UsageError(str(exc)) from None
    finally:
        store.close()
    print(f"One-time invite code (shown once, only its hash is kept): {code}")
    print(f"The new member of staff opens the bot in Telegram and sends:  /start {code}")
    if args.bot_username:
        print(f"or taps:  https://t.me/{args.bot_username.lstrip('@')}?start={code}")
    print(f"Valid until {expires:%Y-%m-%d %H:%M} UTC, for one person. Issued by {' '.join(args.admin.split())}; "
          f"recorded in {store.where}.")
    return 0


def cmd_telegram_staff(args) -> int:
    access, store = _staff_list(args)
    try:
        entries = access.entries()
    finally:
        store.close()
    for e in entries:
        print(f"{e['id']}  added {e['added']}  invited by {e['invited_by']}")
    print(f"{len(entries)} member(s) of staff in {store.where}; revoke with: pathbot telegram revoke ID",
          file=sys.stderr)
    return 0


def cmd_telegram_revoke(args) -> int:
    from .channels.access import SetupError
    access, store = _staff_list(args)
    try:
        removed = access.revoke(args.id)
    except SetupError as exc:
        raise UsageError(str(exc)) from None
    finally:
        store.close()
    if not removed:
        raise UsageError(f"no staff entry's id starts with {args.id} (see: pathbot telegram staff)")
    print(f"revoked: {args.id} can no longer use the assistant")
    return 0


def _date(text: str):
    import datetime as dt
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written as YYYY-MM-DD") from None


def _library(args):
    """The pathways in --dir (default data/pathways), checked as of --today."""
    from .pathways import default_pathway_dir, load_pathways
    folder = Path(args.dir) if args.dir else default_pathway_dir()
    if not (folder / "national.yml").is_file():
        raise UsageError(f"no national.yml in {folder}: give the pathways folder with --dir")
    return folder, load_pathways(folder, today=args.today)


def _areas(folder: Path, library, names: list[str], allow_national: bool = False) -> list[str] | None:
    """The areas asked for, each checked: unknown ids are a usage error; None (after saying why)
    if an area's file has errors."""
    from .pathways import suggest
    known = library.areas() + (["national"] if allow_national else [])
    for name in names:
        if name in known:
            continue
        if (folder / f"{name}.yml").is_file():
            print(f"pathbot: the pathway file for {name!r} has errors, so it is not loaded: "
                  f"run pathbot pathways validate {folder / (name + '.yml')}", file=sys.stderr)
            return None
        raise UsageError(f"unknown area {name!r}.{suggest(name, known)} Known areas: {', '.join(library.areas())}")
    return names


def cmd_pathways_gaps(args) -> int:
    import datetime as dt
    from .gaps import FORMATS, gaps
    args.today = args.today or dt.date.today()
    folder, library = _library(args)
    names = _areas(folder, library, args.areas, allow_national=True) if args.areas else library.areas()
    if names is None:
        return 1
    if not args.areas:
        broken = sorted({p.file for p in library.errors})
        if broken:
            print(f"pathbot: not reported, because they have errors (run pathbot pathways validate): "
                  f"{', '.join(broken)}", file=sys.stderr)
    sys.stdout.write(FORMATS[args.format]([gaps(library.get(a), args.today) for a in names]))
    return 0


def cmd_pathways_render(args) -> int:
    import datetime as dt
    from .render import FORMATS
    args.today = args.today or dt.date.today()
    folder, library = _library(args)
    if _areas(folder, library, [args.area], allow_national=True) is None:
        return 1
    if args.format in ("svg", "dot"):      # the pathway as a picture (bot/diagram.py, Graphviz)
        from . import diagram
        try:
            text = diagram.svg(library.get(args.area)) if args.format == "svg" else diagram.source(library.get(args.area))
        except diagram.DotMissing as exc:
            print(f"pathbot: {exc}", file=sys.stderr)
            return 1
    else:
        text = FORMATS[args.format](library.get(args.area), args.today)
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:       # no such folder, a folder, a full disk: one line, never a traceback
            print(f"pathbot: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return 1
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_pathways_new(args) -> int:
    import datetime as dt
    from .newarea import AreaExists, check_area_id, create
    from .pathways import default_pathway_dir, load_pathways
    problem = check_area_id(args.area)
    if problem:
        raise UsageError(problem)
    folder = Path(args.dir) if args.dir else default_pathway_dir()
    has_national = (folder / "national.yml").is_file()
    national = load_pathways(folder, files=[]).pathways.get("national") if has_national else None
    try:
        path = create(args.area, folder, dt.date.today(), national.settings if national else None)
    except AreaExists as exc:
        print(f"pathbot: {exc}", file=sys.stderr)
        return 1
    print(f"created {path}")
    if has_national:
        problems = load_pathways(folder, files=[path]).problems
        for p in problems:
            print(p)
        if any(p.severity == "error" for p in problems):
            return 1
    print(f"Next: fill in the services, run pathbot pathways validate {path}, and "
          f"pathbot pathways gaps {args.area} to see what is still missing.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pathbot", description="Domestic abuse pathway assistant for health staff.")
    sub = parser.add_subparsers(dest="command", required=True)
    backend = {"choices": ["embedded", "rasa"], "default": "embedded", "help": "which understanding to use"}

    p = sub.add_parser("chat", help="the conversation in a terminal")
    p.add_argument("--area", help="your area (e.g. exampleshire); asked if not given")
    p.add_argument("--backend", **backend)
    p.set_defaults(func=cmd_chat)

    def per_message(group: str, group_help: str, action: str, action_help: str, func) -> argparse.ArgumentParser:
        """A command taking messages as TEXT arguments or one per line on stdin, with --json."""
        actions = sub.add_parser(group, help=group_help).add_subparsers(dest="action", required=True)
        p = actions.add_parser(action, help=action_help)
        p.add_argument("--json", action="store_true")
        p.add_argument("text", nargs="*")
        p.set_defaults(func=func)
        return p

    per_message("nlu", "language understanding", "parse", "intent, confidence and danger for each message",
                cmd_nlu_parse).add_argument("--backend", **backend)
    per_message("privacy", "the identifier guard", "check", "whether each message would be refused, and why",
                cmd_privacy_check)

    scen = sub.add_parser("scenario", help="case scenarios").add_subparsers(dest="action", required=True)
    p = scen.add_parser("run", help="run scenario files or folders")
    p.add_argument("--backend", **backend)
    p.add_argument("--json", action="store_true")
    p.add_argument("paths", nargs="+")
    p.set_defaults(func=cmd_scenario_run)

    path = sub.add_parser("pathways", help="pathway files").add_subparsers(dest="action", required=True)
    p = path.add_parser("validate", help="check pathway files (all of data/pathways by default)")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument("paths", nargs="*")
    p.set_defaults(func=cmd_pathways_validate)
    folder = {"help": "the pathways folder (default data/pathways)"}
    today = {"type": _date, "help": "check dates as of this day (YYYY-MM-DD), for reproducible output"}
    p = path.add_parser("gaps", help="which kinds of service each area lacks, and out-of-date entries")
    p.add_argument("areas", nargs="*", metavar="AREA", help="areas to report (all by default; 'national' too)")
    p.add_argument("--format", choices=["text", "md", "json"], default="text")
    p.add_argument("--dir", **folder)
    p.add_argument("--today", **today)
    p.set_defaults(func=cmd_pathways_gaps)
    p = path.add_parser("render", help="an area's pathway as a printable document (Markdown or HTML)")
    p.add_argument("area", metavar="AREA")
    p.add_argument("--format", choices=["md", "html", "svg", "dot"], required=True,
                   help="md or html: a printable document; svg: a diagram drawn by Graphviz; dot: its source")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of printing")
    p.add_argument("--dir", **folder)
    p.add_argument("--today", **today)
    p.set_defaults(func=cmd_pathways_render)
    p = path.add_parser("new", help="start a new area file from the commented template")
    p.add_argument("area", metavar="AREA")
    p.add_argument("--dir", **folder)
    p.set_defaults(func=cmd_pathways_new)

    tg = sub.add_parser("telegram", help="the Telegram bot for staff, in private chats (README: Telegram)")
    tg.add_argument("--backend", **backend)
    store = dict(metavar="WHERE", default=None,
                 help="where sessions and the staff list are kept: a SQLite file (default ./pathbot.db, "
                      "mode 0600) or redis://host:port/db for replicas; or PATHBOT_STORE")
    old_access = dict(metavar="FILE", default="telegram-access.yml",
                      help="an access file from before the store (YAML), moved into the store once if present")
    tg.add_argument("--store", **store)
    tg.add_argument("--access", **old_access)
    tg.add_argument("--idle-minutes", type=float, default=30, help="wipe a conversation after this long idle (30)")
    tg.add_argument("--api-url", help="a self-hosted Bot API server, e.g. http://127.0.0.1:8081 (or TELEGRAM_API_URL)")
    tg.add_argument("--webhook", metavar="URL", help="take updates at this https URL instead of long polling "
                                                     "(needs TELEGRAM_WEBHOOK_SECRET)")
    tg.add_argument("--listen", default="127.0.0.1", help="webhook: address to listen on (127.0.0.1, behind a proxy)")
    tg.add_argument("--port", type=int, default=8443, help="webhook: port to listen on (8443)")
    tg.set_defaults(func=cmd_telegram)
    actions = tg.add_subparsers(dest="action")
    p = actions.add_parser("invite", help="issue a one-time invite code for one member of staff")
    p.add_argument("--admin", required=True, help='the administrator issuing it, "Name, role" (recorded in the store)')
    p.add_argument("--store", **{**store, "default": argparse.SUPPRESS})
    p.add_argument("--access", **{**old_access, "default": argparse.SUPPRESS})
    p.add_argument("--hours", type=float, default=72, help="how long the code stays valid (72)")
    p.add_argument("--bot-username", help="also print a t.me link that sends the code")
    p.set_defaults(func=cmd_telegram_invite)
    p = actions.add_parser("staff", help="list the staff allow-list (short ids, when added, by whose invite)")
    p.add_argument("--store", **{**store, "default": argparse.SUPPRESS})
    p.add_argument("--access", **{**old_access, "default": argparse.SUPPRESS})
    p.set_defaults(func=cmd_telegram_staff)
    p = actions.add_parser("revoke", help="take one member of staff off the allow-list")
    p.add_argument("id", metavar="ID", help="the entry's id from `pathbot telegram staff` (6+ characters)")
    p.add_argument("--store", **{**store, "default": argparse.SUPPRESS})
    p.add_argument("--access", **{**old_access, "default": argparse.SUPPRESS})
    p.set_defaults(func=cmd_telegram_revoke)

    from .channels.teams import command as teams_command     # the Teams channel keeps its own options
    teams_command.add_parser(sub, backend, UsageError, _backend)

    w = sub.add_parser("web", help="the trainers' web chat and presenter view (README: Web chat for trainers)")
    w.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1; any other needs "
                                                       "PATHBOT_WEB_PASSCODE)")
    w.add_argument("--port", type=int, default=8080, help="port to listen on (8080)")
    w.add_argument("--backend", **backend)
    w.set_defaults(func=cmd_web)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"pathbot: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
