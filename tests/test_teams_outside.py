"""Teams checks found by an outside sweep (black box: hand-made activities posted to /api/messages with a
fake connector of the tester's own). A serviceUrl with a query or a fragment made the reply fail with a 500
(aiohttp refuses such a base URL); any address that cannot be a connector is now a 400, sent nothing."""
from __future__ import annotations

import pytest

pytest.importorskip("microsoft_agents.hosting.aiohttp")

from bot.channels.teams.fake_connector import teams_message
from tests.test_teams import backend, run, teams  # noqa: F401 (backend is a fixture)

pytestmark = pytest.mark.filterwarnings("ignore::aiohttp.web_exceptions.NotAppKeyWarning")


@pytest.mark.parametrize("suffix", ["?y=1", "#z", "?y=1#z"])
def test_a_service_url_with_a_query_or_fragment_is_a_400_and_nothing_is_sent(backend, suffix):
    async def go():
        async with teams(backend) as (post, connector, bot):
            response = await post(teams_message(connector.url + suffix, "hello"))
            assert response.status == 400
            assert "connector address" in await response.text() and "Traceback" not in await response.text()
            assert connector.calls == []
            # and the ordinary address still works
            response = await post(teams_message(connector.url, "hello"))
            assert response.status in (200, 201, 202) and connector.calls
    run(go())


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x/", "http:///nohost/", "http://user:pw@127.0.0.1/x/", "//127.0.0.1/x/"])
def test_a_service_url_that_cannot_be_a_connector_is_a_400(backend, url):
    async def go():
        async with teams(backend) as (post, connector, bot):
            response = await post(teams_message(url, "hello"))
            assert response.status == 400 and connector.calls == []
    run(go())
