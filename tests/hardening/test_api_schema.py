"""Schemathesis against the API's own OpenAPI document (``/api/v1/openapi.json``).

Every operation the document lists is fuzzed (a new endpoint is picked up as soon as its
view has an OpenAPI docstring), as a visitor and with the personal API token of an
observer, a focal point and an admin, with data that fits the schema and data that does
not. Every answer must be no server error, have a status code, content type and body the
document declares, refuse data that breaks the schema with 4xx, and give a refusal a JSON
``Error`` whose message is in the caller's language (``Accept-Language: ru`` → Russian).

The run is bounded: ``EXAMPLES_BUDGET`` requests in all, shared between the operations, so
the time stays the same as the API grows.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from pvenet import clock
from pvenet.auth.models import Role
from pvenet.auth.services import create_api_token
from pvenet.library.models import Visibility
from pvenet.library.services.content import PracticeContent, TextContent
from pvenet.library.services.workflow import approve, create_practice, submit
from pvenet.library.vocab import PracticeType

WHO = ["visitor", "token_observer", "token_fp", "token_admin"]
MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
#: requests per kind of caller, shared by every operation × mode (about 10 s per caller)
EXAMPLES_BUDGET = 240
MIN_EXAMPLES = 8
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]
CYRILLIC = re.compile("[а-яА-ЯёЁ]")


@pytest.fixture
def api_world(db, make_user, states):
    users = {
        "token_observer": make_user(Role.observer, None),
        "token_fp": make_user(Role.focal_point, "KZ"),
        "token_admin": make_user(Role.admin, None),
    }
    tokens = {who: create_api_token(user, who)[1] for who, user in users.items()}
    now = clock.utcnow_naive()
    author = users["token_fp"]
    for title, visibility, publish in (
        ("Youth dialogue clubs", Visibility.public, True),
        ("Prison rehabilitation guide", Visibility.network, True),
        ("Draft on returnees", Visibility.public, False),
    ):
        practice = create_practice(
            author,
            state=states["KZ"],
            content=PracticeContent(
                type=PracticeType.guidance,
                year=2024,
                original_language="en",
                texts={"en": TextContent(title, "Summary.", "Body.")},
                topics=["youth"],
            ),
            visibility=visibility,
            now=now,
        )
        if publish:
            submit(practice, author, now=now)
            approve(practice, users["token_admin"], now=now)
    db.session.commit()
    return SimpleNamespace(tokens=tokens)


def _examples_per_operation(n_operations: int) -> int:
    return max(MIN_EXAMPLES, EXAMPLES_BUDGET // max(1, n_operations * len(MODES)))


def _check_error_body(case, response, lang: str) -> None:
    """A refusal is a JSON Error with a message a person can read, in their language."""
    if response.status_code < 400:
        return
    body = response.json()
    assert isinstance(body, dict) and body.get("status") == response.status_code, body
    message = body.get("message")
    assert isinstance(message, str) and message.strip(), body
    if lang == "ru":
        assert CYRILLIC.search(message), (case.operation.label, response.status_code, message)


@pytest.mark.parametrize("who", WHO)
def test_api_conforms_to_its_openapi_document(app, api_world, who):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations, "the OpenAPI document lists no operation"
    examples = _examples_per_operation(len(operations))
    headers = {}
    if who != "visitor":
        headers["Authorization"] = f"Bearer {api_world.tokens[who]}"
    failures: list[str] = []
    for operation in operations:
        for mode in MODES:

            @settings(
                max_examples=examples,
                deadline=None,
                database=None,
                derandomize=True,
                phases=[Phase.explicit, Phase.generate],  # no shrinking: bounded time
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(mode), lang=st.sampled_from(["en", "ru"]))
            def run(case, lang):
                # identity: the WSGI transport does not undo Flask-Compress's encoding
                sent = {**headers, "Accept-Language": lang, "Accept-Encoding": "identity"}
                # a fresh app context per request, as in production (no shared ``g``)
                with app.app_context():
                    response = case.call(headers=sent)
                case.validate_response(response, checks=CHECKS, headers=sent)
                _check_error_body(case, response, lang)

            try:
                run()
            except Exception as exc:  # collect every operation's failure, then report all
                failures.append(f"{operation.label} ({mode.value}) as {who}:\n{exc}")
    assert not failures, "\n\n".join(failures)
