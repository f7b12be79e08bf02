"""Microsoft Teams: health staff use the assistant in a personal chat (Microsoft 365 Agents SDK).

    export PATHBOT_SESSION_SECRET=...            # per deployment, 32+ characters; keys every id by HMAC
    export PATHBOT_TEAMS_TENANTS=<tenant id>     # your organisation's Entra tenant(s)
    export CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID=... (and __TENANTID, __CLIENTSECRET)
    export PATHBOT_STORE=redis://127.0.0.1:6379/0   # optional: replicas share conversations (default ./pathbot.db)
    pathbot teams [--host 127.0.0.1] [--port 3978]              # POST /api/messages, behind your HTTPS proxy
    pathbot teams package --app-id <bot app id> -o pathbot-teams.zip   # the app package to upload
    pathbot teams staff add <Entra object id> --admin "A. Lead, safeguarding lead"   # optional staff list

Modules: `access` (tenants, personal chats, the staff list), `bot` (one turn), `cards` (Adaptive
Cards), `delivery` (retries, host check, quiet logs), `server` (aiohttp and the SDK), `package`
(manifest and icons), `command` (the `pathbot teams` command line, importable without the SDK).
README, "Teams", has the whole set-up.
"""
