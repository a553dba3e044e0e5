# SPDX-License-Identifier: EUPL-1.2
"""``serve --workers N`` answers without waiting for the client's delayed acknowledgement.

uvicorn binds the workers' listening socket with protocol number 0, so asyncio leaves
Nagle's algorithm on for the connections accepted from it; the body of every response then
waited about 40 ms for the acknowledgement of its head. :class:`NoDelayH11Protocol`
switches it off on each connection. The test accepts a connection on a socket bound the
way uvicorn binds it and asks the connection's socket.
"""

from __future__ import annotations

import asyncio
import socket

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.server import ServerState

from kooperativ.web.worker import NoDelayH11Protocol


async def _hello(_request: object) -> PlainTextResponse:
    return PlainTextResponse("hej")


async def _nodelay_of_served_connection(protocol: type[H11Protocol]) -> int:
    config = uvicorn.Config(Starlette(routes=[Route("/", _hello)]), log_level="warning")
    config.load()
    made: list[H11Protocol] = []

    def factory() -> H11Protocol:
        made.append(protocol(config=config, server_state=ServerState(), app_state={}))
        return made[-1]

    listening = socket.socket(family=socket.AF_INET)  # as uvicorn binds it for workers
    listening.bind(("127.0.0.1", 0))
    listening.listen()
    assert listening.proto == 0
    server = await asyncio.get_running_loop().create_server(factory, sock=listening)
    try:
        reader, writer = await asyncio.open_connection(*listening.getsockname())
        writer.write(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        head = await reader.readuntil(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200")
        served = made[0].transport.get_extra_info("socket")
        value: int = served.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        writer.close()
        await writer.wait_closed()
        return value
    finally:
        server.close()
        await server.wait_closed()


def test_the_workers_protocol_switches_nagle_off() -> None:
    assert asyncio.run(_nodelay_of_served_connection(NoDelayH11Protocol)) != 0


def test_uvicorns_own_protocol_leaves_it_on_for_such_a_socket() -> None:
    # Why the class exists: if uvicorn one day binds with IPPROTO_TCP, this fails and the
    # class may go.
    found = asyncio.run(_nodelay_of_served_connection(H11Protocol))
    if found != 0:
        pytest.fail("uvicorn's protocol now switches Nagle off itself: NoDelayH11Protocol may go")
