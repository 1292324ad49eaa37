"""Concurrent writes to one API lose nothing (one document per API, locked while written)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tests.e2e.apigateway.conftest import ApiFactory
from tests.support import Server


def test_parallel_create_resource_calls_all_land(server: Server, make_api: ApiFactory) -> None:
    api = make_api()
    clients = [server.client("apigateway") for _ in range(8)]

    def create(index: int) -> Any:
        client = clients[index % len(clients)]
        return client.create_resource(
            restApiId=api["id"], parentId=api["rootResourceId"], pathPart=f"r{index}"
        )

    with ThreadPoolExecutor(max_workers=8) as pool:
        created = list(pool.map(create, range(24)))

    paths = {r["path"] for r in clients[0].get_resources(restApiId=api["id"], limit=500)["items"]}
    assert len(created) == 24
    assert paths == {"/", *(f"/r{i}" for i in range(24))}
