# SPDX-License-Identifier: EUPL-1.2
"""Signing in through an OpenID Connect provider (``[web.oidc]``), against a fake provider
in this process: discovery, keys (JWKS), an authorization endpoint that approves at once,
and a token endpoint that checks the client and PKCE and signs ID tokens with its own RSA
key. The app reaches it through an ASGI transport, so no network is used.

Every refusal (wrong state, nonce, key, audience, an expired token, an unknown or
unverified address, a member who has left) is answered with a message and writes nothing:
no session, no audit event."""

from __future__ import annotations

import base64
import re
import secrets
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.jwk import OctKey, RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from kooperativ import Actor, Cooperative
from kooperativ.config import load_config
from kooperativ.errors import ConfigError
from kooperativ.services.access import REAUTH_MINUTES
from kooperativ.web import create_app
from kooperativ.web.app import SESSION_COOKIE
from kooperativ.web.oidc import OIDC_COOKIE

from .conftest import Clock, csrf_of, populate

ISSUER = "https://idp.example"
CLIENT_ID = "interim-kultur"
SECRET = "hemlig-klientnyckel"
SECRET_ENV = "KOOPERATIV_TEST_OIDC_SECRET"
PNR_CLAIM = "https://id.oidc.se/claim/personalIdentityNumber"

_KEYS: dict[str, RSAKey] = {}


def rsa_key(name: str) -> RSAKey:
    """An RSA key made once per test run (making one takes a while)."""
    if name not in _KEYS:
        _KEYS[name] = RSAKey.generate_key(2048, parameters={"kid": name}, private=True)
    return _KEYS[name]


class FakeProvider:
    """An OpenID Connect provider that signs in whoever :attr:`person` says.

    ``tamper`` changes the next ID token's claims; ``signing_key`` signs it (another key
    than the published one makes a forged token).
    """

    def __init__(self, clock: Clock, auth_method: str = "client_secret_basic") -> None:
        self.clock = clock
        self.auth_method = auth_method
        self.key = rsa_key("provider")
        self.signing_key = self.key
        self.shared_key = False  # sign with the client secret (HS256) instead
        self.person: dict[str, Any] = {
            "sub": "ada-at-idp",
            "email": "ada@example.se",
            "email_verified": True,
        }
        self.tamper: dict[str, Any] = {}
        self.codes: dict[str, dict[str, str]] = {}
        self.token_requests = 0
        self.app = Starlette(
            routes=[
                Route("/.well-known/openid-configuration", self.discovery),
                Route("/jwks", self.jwks),
                Route("/authorize", self.authorize),
                Route("/token", self.token, methods=["POST"]),
            ]
        )

    async def discovery(self, request: Request) -> Response:
        return JSONResponse(
            {
                "issuer": ISSUER,
                "authorization_endpoint": f"{ISSUER}/authorize",
                "token_endpoint": f"{ISSUER}/token",
                "jwks_uri": f"{ISSUER}/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
            }
        )

    async def jwks(self, request: Request) -> Response:
        return JSONResponse({"keys": [self.key.as_dict(private=False)]})

    async def authorize(self, request: Request) -> Response:
        query = request.query_params
        assert query["response_type"] == "code" and query["client_id"] == CLIENT_ID
        assert query["code_challenge_method"] == "S256"
        assert "openid" in query["scope"].split()
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "nonce": query["nonce"],
            "challenge": query["code_challenge"],
            "redirect_uri": query["redirect_uri"],
        }
        back = urlencode({"code": code, "state": query["state"]})
        return RedirectResponse(f"{query['redirect_uri']}?{back}", status_code=302)

    def _client_ok(self, request: Request, form: dict[str, str]) -> bool:
        if self.auth_method == "client_secret_post":
            return form.get("client_id") == CLIENT_ID and form.get("client_secret") == SECRET
        header = request.headers.get("authorization", "")
        expected = base64.b64encode(f"{CLIENT_ID}:{SECRET}".encode()).decode()
        return header == f"Basic {expected}"

    async def token(self, request: Request) -> Response:
        self.token_requests += 1
        form = {k: str(v) for k, v in (await request.form()).items()}
        if not self._client_ok(request, form):
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        started = self.codes.pop(form.get("code", ""), None)  # a code works once
        if (
            started is None
            or form.get("grant_type") != "authorization_code"
            or form.get("redirect_uri") != started["redirect_uri"]
            or create_s256_code_challenge(form.get("code_verifier", "")) != started["challenge"]
        ):
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        now = int(self.clock().timestamp())
        claims = {
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": started["nonce"],
            **self.person,
            **self.tamper,
        }
        if self.shared_key:
            secret = OctKey.import_key(SECRET)
            id_token = jwt.encode({"alg": "HS256"}, claims, secret, algorithms=["HS256"])
        else:
            header = {"alg": "RS256", "kid": self.signing_key.kid}
            id_token = jwt.encode(header, claims, self.signing_key)
        return JSONResponse(
            {"access_token": "at-" + secrets.token_hex(8), "token_type": "Bearer",
             "expires_in": 300, "id_token": id_token}
        )  # fmt: skip


def oidc_section(**changes: str) -> str:
    values = {
        "issuer": ISSUER,
        "client_id": CLIENT_ID,
        "client_secret_env": SECRET_ENV,
        **changes,
    }
    lines = "".join(f'{key} = "{value}"\n' for key, value in values.items())
    return f"\n[web.oidc]\n{lines}"


def open_coop(tmp_path: Path, clock: Clock, section: str, url: str = "memory://") -> Cooperative:
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    config = folder / "cooperative.toml"
    config.write_text(config.read_text("utf-8") + section, "utf-8")
    return Cooperative.open(folder, url, clock=clock)


@pytest.fixture
def provider(clock: Clock) -> FakeProvider:
    return FakeProvider(clock)


@pytest.fixture
def coop(tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cooperative]:
    monkeypatch.setenv(SECRET_ENV, SECRET)
    with open_coop(tmp_path, clock, oidc_section()) as opened:
        populate(opened)
        yield opened


def app_client(coop: Cooperative, provider: FakeProvider, tmp_path: Path) -> TestClient:
    app = create_app(
        coop,
        outbox=tmp_path / "outbox",
        secure=False,
        oidc_transport=httpx.ASGITransport(app=provider.app),
    )
    return TestClient(app, follow_redirects=False)


@pytest.fixture
def client(coop: Cooperative, provider: FakeProvider, tmp_path: Path) -> Iterator[TestClient]:
    with app_client(coop, provider, tmp_path) as test_client:
        yield test_client


def at_provider(client: TestClient, provider: FakeProvider, start: str = "/sign-in/oidc") -> str:
    """Start signing in and let the provider approve: the callback's address."""
    begun = client.get(start)
    assert begun.status_code == 303, begun.text
    location = begun.headers["location"]
    assert location.startswith(f"{ISSUER}/authorize?")
    browser = TestClient(provider.app, base_url=ISSUER, follow_redirects=False)
    approved = browser.get(location)
    assert approved.status_code == 302
    return str(approved.headers["location"])


def oidc_sign_in(client: TestClient, provider: FakeProvider, start: str = "/sign-in/oidc") -> Any:
    return client.get(at_provider(client, provider, start))


def stored(coop: Cooperative) -> tuple[int, int]:
    """How many sessions and audit events the store holds."""
    with coop.store.unit_of_work(write=False) as uow:
        last = uow.audit.last()
        return uow.web_sessions.count(), last.seq if last else 0


def assert_refused(coop: Cooperative, response: Any, before: tuple[int, int], text: str) -> None:
    assert response.status_code == 401, response.text
    assert text in response.text
    assert SESSION_COOKIE not in response.cookies
    assert stored(coop) == before


# -- the flow ---------------------------------------------------------------------------


def test_a_member_signs_in_by_her_verified_email(
    client: TestClient, provider: FakeProvider, coop: Cooperative
) -> None:
    done = oidc_sign_in(client, provider)
    assert done.status_code == 303 and done.headers["location"] == "/"
    assert SESSION_COOKIE in done.cookies
    home = client.get("/")
    assert home.status_code == 200 and "Ada Lind" in home.text
    with coop.store.unit_of_work(write=False) as uow:
        (session,) = uow.web_sessions.list()
    assert session.method == "oidc"
    assert session.member_id == coop.members.get(Actor.admin(), 2).id
    assert coop.audit.verify(Actor.admin()).problems == []


def test_the_session_works_on_member_pages_and_returns_to_the_page_asked_for(
    client: TestClient, provider: FakeProvider
) -> None:
    asked = client.get("/contracts")
    assert asked.headers["location"] == "/sign-in?next=/contracts"
    page = client.get(asked.headers["location"]).text
    assert 'href="/sign-in/oidc?next=/contracts"' in page or (
        'href="/sign-in/oidc?next=%2Fcontracts"' in page
    )
    done = oidc_sign_in(client, provider, "/sign-in/oidc?next=/contracts")
    assert done.headers["location"] == "/contracts"
    contracts = client.get("/contracts")
    assert contracts.status_code == 200 and "Skriv under avtal 1" in contracts.text
    assert client.get("/payslips/1/2.pdf").content.startswith(b"%PDF")
    assert client.get("/payslips/1/3.pdf").status_code == 404  # still only her own


def test_a_member_signs_in_by_the_personal_number_claim(
    tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch, provider: FakeProvider
) -> None:
    monkeypatch.setenv(SECRET_ENV, SECRET)
    section = oidc_section(match="personal_number", claim=PNR_CLAIM, label="Logga in med BankID")
    with open_coop(tmp_path, clock, section) as coop:
        populate(coop)
        # The broker writes the number its own way; it is compared in normal form.
        provider.person = {"sub": "pnr-bo", PNR_CLAIM: "19900214-9806"}
        with app_client(coop, provider, tmp_path) as client:
            assert "Logga in med BankID" in client.get("/sign-in").text
            assert oidc_sign_in(client, provider).status_code == 303
            assert "Bo Ek" in client.get("/").text
            # No claim, or an unknown number: refused.
            client.cookies.clear()
            before = stored(coop)
            provider.person = {"sub": "pnr-x"}
            assert_refused(coop, oidc_sign_in(client, provider), before, "personnummer")
            provider.person = {"sub": "pnr-y", PNR_CLAIM: "198112189876"}
            assert_refused(
                coop, oidc_sign_in(client, provider), before,
                "ingen medlem är registrerad med det här personnumret",
            )  # fmt: skip


def test_client_secret_post(tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_ENV, SECRET)
    provider = FakeProvider(clock, auth_method="client_secret_post")
    with open_coop(tmp_path, clock, oidc_section(token_auth="client_secret_post")) as coop:
        populate(coop)
        with app_client(coop, provider, tmp_path) as client:
            assert oidc_sign_in(client, provider).status_code == 303
            assert "Ada Lind" in client.get("/").text


def test_on_sqlite_too(tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SECRET_ENV, SECRET)
    provider = FakeProvider(clock)
    url = f"sqlite:///{tmp_path / 'web.db'}"
    with open_coop(tmp_path, clock, oidc_section(), url) as coop:
        populate(coop)
        with app_client(coop, provider, tmp_path) as client:
            assert oidc_sign_in(client, provider).status_code == 303
            assert "Ada Lind" in client.get("/").text
        assert coop.audit.verify(Actor.admin()).problems == []


def test_a_fresh_provider_sign_in_is_enough_to_sign_a_contract(
    client: TestClient, provider: FakeProvider, coop: Cooperative, clock: Clock
) -> None:
    oidc_sign_in(client, provider)
    clock.advance(minutes=REAUTH_MINUTES + 1)
    page = client.get("/contracts").text
    late = client.post("/contracts/1/sign", data={"csrf": csrf_of(page)})
    assert late.status_code == 401
    clock.advance(minutes=-2)
    assert client.post("/contracts/1/sign", data={"csrf": csrf_of(page)}).status_code == 303
    assert coop.contracts.get(coop.actor_for_member(2), 1).signed_by_employee is not None


# -- refusals: nothing written ------------------------------------------------------------

VERIFY = "Identitetsleverantörens svar gick inte att kontrollera"


def test_a_wrong_state_is_refused(
    client: TestClient, provider: FakeProvider, coop: Cooperative
) -> None:
    before = stored(coop)
    callback = at_provider(client, provider)
    parts = urlsplit(callback)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    forged = f"/sign-in/oidc/callback?{urlencode({**query, 'state': 'annat'})}"
    assert_refused(coop, client.get(forged), before, "Inloggningen har gått ut")
    assert provider.token_requests == 0  # the code was not even exchanged


def test_a_callback_without_the_cookie_is_refused(
    client: TestClient, provider: FakeProvider, coop: Cooperative, tmp_path: Path
) -> None:
    before = stored(coop)
    callback = at_provider(client, provider)
    # Another browser (an attacker's link) has no cookie from starting here.
    with app_client(coop, provider, tmp_path) as other:
        assert_refused(coop, other.get(callback), before, "Inloggningen har gått ut")
    # A forged cookie does not help either.
    client.cookies.set(OIDC_COOKIE, client.cookies[OIDC_COOKIE][:-4] + "0000")
    assert_refused(coop, client.get(callback), before, "Inloggningen har gått ut")


def test_a_callback_works_once(
    client: TestClient, provider: FakeProvider, coop: Cooperative
) -> None:
    callback = at_provider(client, provider)
    cookie = client.cookies[OIDC_COOKIE]
    assert client.get(callback).status_code == 303
    client.cookies.clear()
    before = stored(coop)
    client.cookies.set(OIDC_COOKIE, cookie)
    # The provider refuses the used code.
    assert_refused(coop, client.get(callback), before, VERIFY)


def test_a_sign_in_started_too_long_ago_is_refused(
    client: TestClient, provider: FakeProvider, coop: Cooperative, clock: Clock
) -> None:
    before = stored(coop)
    callback = at_provider(client, provider)
    clock.advance(minutes=11)
    assert_refused(coop, client.get(callback), before, "Inloggningen har gått ut")


@pytest.mark.parametrize(
    "tamper",
    [
        {"nonce": "ett-annat-nonce"},
        {"aud": "another-client"},
        {"iss": "https://evil.example"},
        {"exp": 0},
    ],
    ids=["nonce", "audience", "issuer", "expired"],
)
def test_an_id_token_with_wrong_claims_is_refused(
    client: TestClient, provider: FakeProvider, coop: Cooperative, tamper: dict[str, Any]
) -> None:
    before = stored(coop)
    provider.tamper = tamper
    assert_refused(coop, oidc_sign_in(client, provider), before, VERIFY)


def test_an_expired_token_is_refused_by_the_cooperatives_clock(
    client: TestClient, provider: FakeProvider, coop: Cooperative, clock: Clock
) -> None:
    before = stored(coop)
    now = int(clock().timestamp())
    provider.tamper = {"iat": now - 900, "exp": now - 300}
    assert_refused(coop, oidc_sign_in(client, provider), before, VERIFY)


def test_an_id_token_signed_by_another_key_is_refused(
    client: TestClient, provider: FakeProvider, coop: Cooperative
) -> None:
    before = stored(coop)
    forged = rsa_key("attacker")
    # Even with the published key's id, the signature does not verify.
    provider.signing_key = RSAKey.import_key(
        forged.as_dict(private=True), parameters={"kid": provider.key.kid}
    )
    assert_refused(coop, oidc_sign_in(client, provider), before, VERIFY)
    provider.signing_key = forged  # an unknown key id: the keys are fetched again, in vain
    assert_refused(coop, oidc_sign_in(client, provider), before, VERIFY)
    provider.shared_key = True  # a shared-key algorithm is never accepted
    assert_refused(coop, oidc_sign_in(client, provider), before, VERIFY)


def test_an_unknown_address_is_refused(
    client: TestClient, provider: FakeProvider, coop: Cooperative
) -> None:
    before = stored(coop)
    provider.person = {"sub": "x", "email": "nobody@example.se", "email_verified": True}
    response = oidc_sign_in(client, provider)
    assert_refused(coop, response, before, "ingen medlem är registrerad med den här e-postadressen")


@pytest.mark.parametrize("verified", [False, "false", None])
def test_an_unverified_address_is_refused(
    client: TestClient, provider: FakeProvider, coop: Cooperative, verified: Any
) -> None:
    before = stored(coop)
    provider.person = {"sub": "ada-at-idp", "email": "ada@example.se"}
    if verified is not None:
        provider.person["email_verified"] = verified
    response = oidc_sign_in(client, provider)
    assert_refused(coop, response, before, "har inte bekräftat din e-postadress")


@pytest.mark.parametrize("leave", ["resign", "exclude"])
def test_a_member_who_has_left_is_refused(
    client: TestClient, provider: FakeProvider, coop: Cooperative, leave: str
) -> None:
    getattr(coop.members, leave)(Actor.admin(), 2, date(2026, 11, 1))
    before = stored(coop)
    response = oidc_sign_in(client, provider)
    assert_refused(coop, response, before, "ditt medlemskap har upphört")


def test_the_provider_saying_no_is_refused(
    client: TestClient, provider: FakeProvider, coop: Cooperative
) -> None:
    before = stored(coop)
    callback = at_provider(client, provider)
    state = parse_qs(urlsplit(callback).query)["state"][0]
    declined = client.get(f"/sign-in/oidc/callback?error=access_denied&state={state}")
    assert_refused(coop, declined, before, "Identitetsleverantören loggade inte in dig")


def test_refusal_pages_are_swedish_and_english(client: TestClient, provider: FakeProvider) -> None:
    provider.tamper = {"aud": "another-client"}
    page = oidc_sign_in(client, provider).text
    assert '<html lang="sv">' in page and "Logga in" in page and "Sign" not in page
    client.get("/language/en")
    english = oidc_sign_in(client, provider).text
    assert "answer could not be verified. Try again." in english


# -- set-up -------------------------------------------------------------------------------


def test_the_button_is_shown_only_when_configured(
    client: TestClient, tmp_path: Path, clock: Clock
) -> None:
    page = client.get("/sign-in").text
    assert 'id="oidc"' in page and "Logga in med e-legitimation" in page
    visible = re.sub(r"<[^>]+>", " ", re.sub(r"<style.*?</style>", " ", page, flags=re.DOTALL))
    assert not re.search(r"\b(Sign|identity|provider|e-ID)\b", visible.replace("English", ""))
    with open_coop(tmp_path / "plain", clock, "") as plain:
        bare = TestClient(create_app(plain, outbox=tmp_path / "out", secure=False))
        assert 'id="oidc"' not in bare.get("/sign-in").text
        assert "/sign-in/oidc" not in bare.get("/sign-in").text
        assert bare.get("/sign-in/oidc", follow_redirects=False).status_code == 404
        assert bare.get("/sign-in/oidc/callback?code=x&state=y").status_code == 404


def test_the_start_keeps_its_values_in_a_short_httponly_cookie(
    client: TestClient, provider: FakeProvider
) -> None:
    begun = client.get("/sign-in/oidc")
    header = next(h for h in begun.headers.get_list("set-cookie") if h.startswith(OIDC_COOKIE))
    assert "HttpOnly" in header and "SameSite=lax" in header and "Max-Age=600" in header
    assert "Path=/sign-in/oidc" in header
    query = parse_qs(urlsplit(begun.headers["location"]).query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["redirect_uri"] == ["http://testserver/sign-in/oidc/callback"]
    assert len(query["state"][0]) >= 32 and len(query["nonce"][0]) >= 32


def test_without_the_secret_in_the_environment_nothing_starts(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(SECRET_ENV)
    response = client.get("/sign-in/oidc")
    assert response.status_code == 503
    assert "inte inställd på den här servern" in response.text


def test_an_unreachable_provider_is_said_so(coop: Cooperative, tmp_path: Path) -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route to host", request=request)

    app = create_app(coop, outbox=tmp_path, secure=False, oidc_transport=httpx.MockTransport(down))
    with TestClient(app, follow_redirects=False) as client:
        response = client.get("/sign-in/oidc")
    assert response.status_code == 502
    assert "går inte att nå just nu" in response.text


@pytest.mark.parametrize(
    ("section", "key", "reason"),
    [
        (f'issuer = "{ISSUER}"\nclient_secret_env = "X"\n', "web.oidc.client_id",
         "required key is missing"),
        (f'issuer = "{ISSUER}"\nclient_id = "a"\nclient_secret_env = "X"\n'
         'match = "personal_number"\n', "web.oidc.claim", "personal_number"),
        ('issuer = "http://idp.example"\nclient_id = "a"\nclient_secret_env = "X"\n',
         "web.oidc.issuer", "https://"),
        (f'issuer = "{ISSUER}"\nclient_id = "a"\nclient_secret_env = "hemlig nyckel!"\n',
         "web.oidc.client_secret_env", "environment variable"),
        (f'issuer = "{ISSUER}"\nclient_id = "a"\nclient_secret_env = "X"\nscopes = "email"\n',
         "web.oidc.scopes", "openid"),
        (f'issuer = "{ISSUER}"\nclient_id = "a"\nclient_secret_env = "X"\nmatch = "name"\n',
         "web.oidc.match", "email"),
        (f'issuer = "{ISSUER}"\nclient_id = "a"\nclient_secret = "X"\n',
         "web.oidc.client_secret:", "never write the secret"),
    ],
    ids=["client_id", "claim", "issuer", "secret_env", "scopes", "match", "secret"],
)  # fmt: skip
def test_configuration_errors_name_the_key(
    tmp_path: Path, section: str, key: str, reason: str
) -> None:
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    config = folder / "cooperative.toml"
    config.write_text(config.read_text("utf-8") + "\n[web.oidc]\n" + section, "utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(folder)
    assert key in str(caught.value) and reason in str(caught.value)


def test_the_configuration_is_read(tmp_path: Path) -> None:
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    assert load_config(folder).web.oidc is None
    config = folder / "cooperative.toml"
    config.write_text(
        config.read_text("utf-8")
        + oidc_section(issuer=ISSUER + "/", match="personal_number", claim=PNR_CLAIM),
        "utf-8",
    )
    oidc = load_config(folder).web.oidc
    assert oidc is not None
    assert oidc.issuer == ISSUER  # without the trailing slash
    assert oidc.scopes == "openid email" and oidc.token_auth == "client_secret_basic"
    assert oidc.claim == PNR_CLAIM and oidc.label is None
