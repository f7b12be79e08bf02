"""`pathbot teams ...` on the command line. Importable without the Agents SDK, so `pathbot --help`
works everywhere; the SDK is imported only when the bot runs.

    pathbot teams [--host 127.0.0.1] [--port 3978] [--backend B] [--staff FILE] [--idle-minutes N] [--store WHERE]
    pathbot teams package --app-id <bot app id> [-o pathbot-teams.zip] [--name pathbot] [--developer ...]
    pathbot teams staff add <Entra object id> --admin "Name, role" [--staff teams-staff.yml]
"""
from __future__ import annotations

import argparse


def add_parser(sub, backend_options: dict, usage_error: type[Exception], make_backend) -> None:
    """Add `teams` and its actions to the `pathbot` parser."""

    def serve(args) -> int:
        from ..access import SetupError
        backend = make_backend(args.backend)
        try:
            try:
                from . import server
            except ImportError:
                raise usage_error("the Teams channel needs the Microsoft 365 Agents SDK: "
                                  "pip install -e '.[teams]'") from None
            return server.run(backend, args.host, args.port, staff_file=args.staff, idle_minutes=args.idle_minutes,
                              store=args.store)
        except SetupError as exc:
            raise usage_error(str(exc)) from None

    def package(args) -> int:
        from ..access import SetupError
        from .package import write_package
        try:
            path = write_package(args.output, app_id=args.app_id, name=args.name, developer=args.developer,
                                 website=args.website, privacy_url=args.privacy_url, terms_url=args.terms_url,
                                 version=args.version)
        except SetupError as exc:
            raise usage_error(str(exc)) from None
        print(f"wrote {path}: manifest.json (checked against Microsoft's schema where it is cached), "
              "color.png 192x192, outline.png 32x32. Upload it in Teams: Apps, Manage your apps, Upload an app.")
        return 0

    def staff_add(args) -> int:
        from ..access import SetupError, load_secret
        from .access import StaffList
        try:
            path = args.staff or "teams-staff.yml"
            added = StaffList(path, load_secret()).add(args.object_id, args.admin)
        except SetupError as exc:
            raise usage_error(str(exc)) from None
        print(("added to" if added else "already on") + f" the staff list in {path} (only a pseudonym is kept)")
        return 0

    teams = sub.add_parser("teams", help="the Microsoft Teams bot for staff, in personal chats (README: Teams)")
    teams.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1, behind your proxy)")
    teams.add_argument("--port", type=int, default=3978, help="port to listen on (3978)")
    teams.add_argument("--backend", **backend_options)
    teams.add_argument("--staff", metavar="FILE", default=None,
                       help="optional staff list (pseudonyms only, mode 0600; or PATHBOT_TEAMS_STAFF); "
                            "without one, everyone in the configured tenant(s) may use it")
    teams.add_argument("--idle-minutes", type=float, default=30, help="wipe a conversation after this long idle (30)")
    teams.add_argument("--store", metavar="WHERE", default=None,
                       help="where conversations are kept: a SQLite file or redis://host:6379/0 for replicas "
                            "(PATHBOT_STORE, else ./pathbot.db)")
    teams.set_defaults(func=serve)
    actions = teams.add_subparsers(dest="action")
    p = actions.add_parser("package", help="write the Teams app package (manifest and icons) to upload")
    p.add_argument("--app-id", required=True, help="the bot's Microsoft App ID (its Entra app registration)")
    p.add_argument("-o", "--output", default="pathbot-teams.zip", help="the zip to write (pathbot-teams.zip)")
    p.add_argument("--name", default="pathbot", help="the app's short name in Teams (pathbot)")
    p.add_argument("--developer", default="Your organisation", help="who publishes it (your organisation's name)")
    p.add_argument("--website", default="https://www.example.com/pathbot", help="https page about the app")
    p.add_argument("--privacy-url", default="https://www.example.com/pathbot/privacy", help="https privacy notice")
    p.add_argument("--terms-url", default="https://www.example.com/pathbot/terms", help="https terms of use")
    p.add_argument("--version", default="1.0.0", help="the package version (raise it for every upload)")
    p.set_defaults(func=package)
    staff = actions.add_parser("staff", help="the optional staff list").add_subparsers(dest="staff_action", required=True)
    p = staff.add_parser("add", help="let one member of staff use the bot (by Entra object id)")
    p.add_argument("object_id", metavar="OBJECT_ID", help="their Entra object id (Entra admin centre, Users)")
    p.add_argument("--admin", required=True, help='the administrator adding them, "Name, role" (recorded)')
    p.add_argument("--staff", metavar="FILE", default=argparse.SUPPRESS, help="the staff list (teams-staff.yml)")
    p.set_defaults(func=staff_add)
