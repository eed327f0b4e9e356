"""/metrics in Prometheus format, one JSON log line per request, /healthz."""

from __future__ import annotations

import json
import logging

import pytest
from prometheus_client.parser import text_string_to_metric_families

from api.logging import JsonFormatter
from tests.conftest import GraphQLClient

COMMITTEES = "{ committees(first: 5) { totalCount } }"


def _samples(api: GraphQLClient) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = api.get("/metrics")  # an ADMIN token: /metrics needs one by default
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def test_metrics_count_requests_outcomes_latency_round_trips_and_refusals(
    api: GraphQLClient,
) -> None:
    api(COMMITTEES)
    api(COMMITTEES)
    trips = api.last_round_trips
    api.anonymous().post(COMMITTEES)
    api.post("{ " + " ".join(f"a{i}: __typename" for i in range(40)) + " }")

    samples = _samples(api)
    ok = ("operation", "query:committees"), ("outcome", "ok")
    assert samples[("thirdlink_requests_total", ok)] == 2
    assert (
        samples[
            ("thirdlink_requests_total", (("operation", "none"), ("outcome", "UNAUTHENTICATED")))
        ]
        == 1
    )
    latency = (("operation", "query:committees"),)
    assert samples[("thirdlink_request_seconds_count", latency)] == 2
    assert samples[("thirdlink_cypher_round_trips_count", latency)] == 2
    assert samples[("thirdlink_cypher_round_trips_sum", latency)] == 2 * trips
    assert samples[("thirdlink_refusals_total", (("limit", "UNAUTHENTICATED"),))] == 1
    assert samples[("thirdlink_refusals_total", (("limit", "ALIAS_LIMIT"),))] == 1


def test_one_json_log_line_per_request(
    api: GraphQLClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="thirdlink.requests"):
        api(COMMITTEES)
        api.anonymous().post(COMMITTEES)
    records = [r for r in caplog.records if r.name == "thirdlink.requests"]
    assert len(records) == 2
    lines = [json.loads(JsonFormatter().format(record)) for record in records]
    assert lines[0]["operation"] == "query:committees"
    assert lines[0]["outcome"] == "ok"
    assert lines[0]["status"] == 200
    assert lines[0]["role"] == "ADMIN"
    assert lines[0]["roundTrips"] >= 1
    assert "ms" in lines[0]
    assert lines[1]["outcome"] == "UNAUTHENTICATED"
    assert lines[1]["status"] == 401
    assert "token" not in lines[1]


def test_error_id_reaches_the_request_log() -> None:
    record = logging.LogRecord("thirdlink.requests", logging.INFO, "", 0, "request", None, None)
    record.fields = {"errorId": "abc123", "outcome": "INTERNAL_ERROR"}
    line = json.loads(JsonFormatter().format(record))
    assert line["errorId"] == "abc123"
    assert line["msg"] == "request"


def test_healthz_needs_no_token(api: GraphQLClient) -> None:
    assert api.http.get("/healthz").json() == {"status": "ok"}
    assert api.http.get("/readyz").status_code == 200
