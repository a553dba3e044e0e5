# SPDX-License-Identifier: EUPL-1.2
"""Signing in through an OpenID Connect provider the cooperative configures.

A cooperative with an e-ID broker (or another OpenID Connect provider) names it in
``[web.oidc]`` of ``cooperative.toml`` (:class:`~kooperativ.config.OidcConfig`); the
sign-in page then shows the provider's button. The flow is the authorization code flow
with PKCE, ``state`` and ``nonce``:

1. ``GET /sign-in/oidc`` reads the provider's discovery document
   (``<issuer>/.well-known/openid-configuration``), keeps a new state, nonce and PKCE
   code verifier in a short-lived cookie (``HttpOnly``, signed with a key derived from
   the client secret, so it cannot be made up) and sends the browser to the provider.
2. ``GET /sign-in/oidc/callback`` checks the state, exchanges the code at the token
   endpoint (with the client secret, ``client_secret_basic`` or ``client_secret_post``,
   and the code verifier), checks the ID token's signature against the provider's
   published keys (JWKS) and its ``iss``, ``aud``, ``exp`` and ``nonce`` (Authlib), and
   hands the person to :meth:`~kooperativ.services.access.AccessService.sign_in_identity`,
   which finds the one member it names and opens a session like any other sign-in.

Anything that does not verify is refused with a message and nothing is written. The
provider's JSON is fetched with ``httpx``; the tests give the app a transport to an
in-process fake provider instead of the network.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

import httpx
from authlib.common.security import generate_token
from authlib.common.urls import add_params_to_qs, add_params_to_uri
from authlib.oauth2.auth import ClientAuth
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from authlib.oidc.core import CodeIDToken
from joserfc import jwt
from joserfc.errors import InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet
from joserfc.jws import JWSRegistry
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from kooperativ.errors import PermissionDenied
from kooperativ.i18n import translator
from kooperativ.web.app import Handler, MemberHandler, _next, _Pages, _secured

if TYPE_CHECKING:
    from kooperativ.config import OidcConfig

__all__ = ["FLOW_MINUTES", "OIDC_COOKIE", "oidc_routes"]

#: The cookie holding the state, nonce and code verifier while the provider is visited.
OIDC_COOKIE = "kooperativ_oidc"
#: How long a started sign-in may take at the provider (minutes).
FLOW_MINUTES = 10
#: The clock difference allowed between the provider and this server (seconds).
LEEWAY_SECONDS = 60
#: The ID token signatures accepted (public-key ones only: never ``none`` or a shared key).
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")

_log = logging.getLogger(__name__)

#: The texts of this module, for the catalogs (``web_oidc``).
EXPIRED = "The sign-in has expired or was not started here. Try again."
DECLINED = "The identity provider did not sign you in."
UNVERIFIED = "The identity provider's answer could not be verified. Try again."
EMAIL_UNVERIFIED = (
    "The identity provider has not verified your e-mail address, so it cannot sign you in."
)
NO_NUMBER = "The identity provider did not give your personal identity number."
UNREACHABLE = "The identity provider cannot be reached just now. Try again later."
NOT_SET_UP = "Signing in through the identity provider is not set up on this server."


class ProviderError(Exception):
    """The provider could not be reached or answered something unusable."""


class Refused(Exception):
    """The provider's answer does not sign anyone in (``text`` says why, untranslated)."""

    def __init__(self, text: str, detail: str = "") -> None:
        super().__init__(detail or text)
        self.text = text


@dataclass(frozen=True)
class Flow:
    """What the browser carries to the provider and back: in a signed cookie."""

    state: str
    nonce: str
    verifier: str
    target: str
    started: float

    def seal(self, key: bytes) -> str:
        """The cookie's value: the flow as JSON, and its HMAC under ``key``."""
        data = json.dumps(self.__dict__, separators=(",", ":"), sort_keys=True).encode()
        body = base64.urlsafe_b64encode(data).decode().rstrip("=")
        mac = hmac.new(key, body.encode(), hashlib.sha256).hexdigest()
        return f"{body}.{mac}"

    @classmethod
    def open(cls, value: str, key: bytes, now: float) -> Flow | None:
        """The flow in a cookie's ``value``: ``None`` when forged, broken or too old."""
        body, _, mac = value.partition(".")
        wanted = hmac.new(key, body.encode(), hashlib.sha256).hexdigest()
        if not mac or not hmac.compare_digest(mac, wanted):
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
            flow = cls(**{name: data[name] for name in cls.__dataclass_fields__})
        except (ValueError, KeyError, TypeError):
            return None
        if not 0 <= now - flow.started < FLOW_MINUTES * 60:
            return None
        return flow


class Provider:
    """One OpenID Connect provider: its discovery document, keys and token endpoint.

    The discovery document and the keys are fetched once and kept; the keys again when a
    token names a key not among them (the provider has rotated its keys).
    """

    def __init__(self, config: OidcConfig, http: Callable[[], httpx.AsyncClient]) -> None:
        self.config = config
        self.http = http
        self._metadata: dict[str, Any] | None = None
        self._keys: dict[str, Any] | None = None

    def secret(self) -> str | None:
        """The client secret, from the environment variable the configuration names."""
        return os.environ.get(self.config.client_secret_env) or None

    async def _get(self, url: str) -> dict[str, Any]:
        try:
            async with self.http() as client:
                response = await client.get(url, headers={"Accept": "application/json"})
            response.raise_for_status()
            data = response.json()
        except (httpx.HTTPError, ValueError) as error:
            raise ProviderError(f"{url}: {error}") from error
        if not isinstance(data, dict):
            raise ProviderError(f"{url}: not a JSON object")
        return cast(dict[str, Any], data)

    async def metadata(self) -> dict[str, Any]:
        """The provider's discovery document (checked: its issuer, its endpoints)."""
        if self._metadata is None:
            found = await self._get(f"{self.config.issuer}/.well-known/openid-configuration")
            if str(found.get("issuer", "")).rstrip("/") != self.config.issuer:
                raise ProviderError(f"the discovery document's issuer is {found.get('issuer')}")
            for name in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
                if not str(found.get(name, "")).startswith(("https://", "http://")):
                    raise ProviderError(f"the discovery document has no {name}")
            self._metadata = found
        return self._metadata

    async def keys(self, fresh: bool = False) -> KeySet:
        """The provider's signing keys (JWKS)."""
        if self._keys is None or fresh:
            metadata = await self.metadata()
            self._keys = await self._get(str(metadata["jwks_uri"]))
        try:
            return KeySet.import_key_set(cast(Any, self._keys))
        except (JoseError, ValueError, TypeError, KeyError) as error:
            raise ProviderError(f"the provider's keys cannot be read: {error}") from error

    async def authorization_url(self, flow: Flow, redirect_uri: str) -> str:
        """Where to send the browser: the authorization endpoint with the flow's values."""
        metadata = await self.metadata()
        params = [
            ("response_type", "code"),
            ("client_id", self.config.client_id),
            ("redirect_uri", redirect_uri),
            ("scope", self.config.scopes),
            ("state", flow.state),
            ("nonce", flow.nonce),
            ("code_challenge", create_s256_code_challenge(flow.verifier)),
            ("code_challenge_method", "S256"),
        ]
        return str(add_params_to_uri(str(metadata["authorization_endpoint"]), params))

    async def claims(self, code: str, flow: Flow, redirect_uri: str, now: float) -> dict[str, Any]:
        """The verified claims of the ID token the provider gives for ``code``.

        Raises:
            Refused: The token endpoint refuses the code, or the ID token does not verify
                (signature, issuer, audience, expiry, nonce).
            ProviderError: The provider cannot be reached.
        """
        metadata = await self.metadata()
        secret = self.secret() or ""
        url = str(metadata["token_endpoint"])
        body = add_params_to_qs(
            "",
            [
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", redirect_uri),
                ("code_verifier", flow.verifier),
            ],
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
        }
        auth = ClientAuth(self.config.client_id, secret, self.config.token_auth)
        url, headers, body = auth.prepare("POST", url, headers, body)
        try:
            async with self.http() as client:
                response = await client.post(url, content=body, headers=headers)
            answer = response.json()
        except httpx.HTTPError as error:
            raise ProviderError(f"token endpoint: {error}") from error
        except ValueError:
            answer = None
        if response.status_code != 200 or not isinstance(answer, dict):
            raise Refused(UNVERIFIED, f"token endpoint answered {response.status_code}")
        id_token = answer.get("id_token")
        if not isinstance(id_token, str):
            raise Refused(UNVERIFIED, "no id_token in the token response")
        allowed = [
            alg
            for alg in metadata.get("id_token_signing_alg_values_supported") or ["RS256"]
            if alg in ALGORITHMS
        ]
        if not allowed:
            raise Refused(UNVERIFIED, "the provider signs with no algorithm accepted here")
        # Header parameters a provider adds besides the registered ones are let through
        # (as Authlib's own clients do); the algorithm must be one of ``allowed``.
        registry = JWSRegistry(algorithms=allowed, strict_check_header=False)
        try:
            try:
                token = jwt.decode(id_token, await self.keys(), registry=registry)
            except InvalidKeyIdError:
                token = jwt.decode(id_token, await self.keys(fresh=True), registry=registry)
            checked = CodeIDToken(
                token.claims,
                token.header,
                {
                    "iss": {"essential": True, "value": self.config.issuer},
                    "aud": {"essential": True, "value": self.config.client_id},
                    "sub": {"essential": True},
                },
                {
                    "nonce": flow.nonce,
                    "client_id": self.config.client_id,
                    "access_token": answer.get("access_token"),
                },
            )
            checked.validate(now=int(now), leeway=LEEWAY_SECONDS)
        except (JoseError, ValueError, TypeError) as error:
            raise Refused(UNVERIFIED, f"ID token: {error!r}") from error
        return dict(token.claims)


def _key(secret: str) -> bytes:
    """The key that signs the flow's cookie, derived from the client secret."""
    return hmac.new(secret.encode(), b"kooperativ-oidc-flow", hashlib.sha256).digest()


class _OidcPages:
    """The provider's two routes over the app's :class:`_Pages`."""

    def __init__(self, pages: _Pages, provider: Provider | None) -> None:
        self.pages = pages
        self.coop = pages.coop
        self.provider = provider

    def _message(self, request: Request, status: int, text: str) -> Response:
        _ = translator(self.pages.language(request), "web_oidc")
        response = self.pages.render(
            request, "message.html", status=status, title=_("Sign in"), text=text
        )
        response.delete_cookie(OIDC_COOKIE, path="/sign-in/oidc")
        return response

    def _say(self, request: Request, status: int, text: str) -> Response:
        _ = translator(self.pages.language(request), "web_oidc")
        return self._message(request, status, _(text))

    def _redirect_uri(self, request: Request) -> str:
        assert self.provider is not None
        given = self.provider.config.redirect_uri
        if given:
            return given
        uri = str(request.url_for("oidc_callback"))
        if self.pages.secure and uri.startswith("http://"):
            # Behind a TLS proxy that does not say so: the site is https all the same.
            uri = "https://" + uri.removeprefix("http://")
        return uri

    async def start(self, request: Request) -> Response:
        provider = self.provider
        if provider is None:
            return self.pages.not_found(request, None)
        secret = provider.secret()
        if secret is None:
            _log.error("OIDC: the environment variable %s is not set",
                       provider.config.client_secret_env)  # fmt: skip
            return self._say(request, 503, NOT_SET_UP)
        flow = Flow(
            state=generate_token(32),
            nonce=generate_token(32),
            verifier=generate_token(64),
            target=_next(request),
            started=self.coop.now().timestamp(),
        )
        try:
            url = await provider.authorization_url(flow, self._redirect_uri(request))
        except ProviderError as error:
            _log.warning("OIDC: %s", error)
            return self._say(request, 502, UNREACHABLE)
        response = _secured(RedirectResponse(url, status_code=303))
        response.set_cookie(
            OIDC_COOKIE,
            flow.seal(_key(secret)),
            max_age=FLOW_MINUTES * 60,
            path="/sign-in/oidc",
            httponly=True,
            samesite="lax",
            secure=self.pages.secure,
        )
        return response

    async def callback(self, request: Request) -> Response:
        provider = self.provider
        if provider is None:
            return self.pages.not_found(request, None)
        secret = provider.secret()
        if secret is None:
            return self._say(request, 503, NOT_SET_UP)
        now = self.coop.now().timestamp()
        flow = Flow.open(request.cookies.get(OIDC_COOKIE, ""), _key(secret), now)
        state = request.query_params.get("state", "")
        if flow is None or not hmac.compare_digest(state.encode(), flow.state.encode()):
            return self._say(request, 401, EXPIRED)
        if "error" in request.query_params or not request.query_params.get("code"):
            return self._say(request, 401, DECLINED)
        try:
            claims = await provider.claims(
                request.query_params["code"], flow, self._redirect_uri(request), now
            )
            identity = self._identity(provider.config, claims)
        except ProviderError as error:
            _log.warning("OIDC: %s", error)
            return self._say(request, 502, UNREACHABLE)
        except Refused as refusal:
            _log.warning("OIDC: refused: %s", refusal)
            return self._say(request, 401, refusal.text)
        try:
            signed = self.coop.access.sign_in_identity(str(claims["sub"]), **identity)
        except PermissionDenied as error:
            return self._message(request, 401, self.pages.error(request, error))
        response = self.pages.signed_in(signed.token, flow.target)
        response.delete_cookie(OIDC_COOKIE, path="/sign-in/oidc")
        return response

    @staticmethod
    def _identity(config: OidcConfig, claims: dict[str, Any]) -> dict[str, str]:
        """Who the claims name: ``{"email": …}`` or ``{"person_id": …}``."""
        if config.match == "email":
            email = claims.get("email")
            verified = claims.get("email_verified")
            if not isinstance(email, str) or not email or verified not in (True, "true"):
                raise Refused(EMAIL_UNVERIFIED, "no verified e-mail address")
            return {"email": email}
        number = claims.get(str(config.claim))
        if not isinstance(number, str | int) or isinstance(number, bool) or not str(number):
            raise Refused(NO_NUMBER, f"no claim {config.claim}")
        return {"person_id": str(number)}


def _button(label: str | None) -> Callable[[str], str]:
    def text(lang: str) -> str:
        return label or translator(lang, "web_oidc")("Sign in with e-ID")

    return text


def oidc_routes(
    pages: _Pages,
    member: Callable[[MemberHandler], Handler],
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[Route]:
    """The provider's routes, and its button on the sign-in page when one is configured.

    Args:
        pages: The app's pages.
        member: Wraps a handler for signed-in members (unused: these pages are for
            signing in).
        transport: The HTTP transport to the provider (the tests' fake provider);
            by default the network.
    """
    del member
    config = pages.coop.config.web.oidc
    provider: Provider | None = None
    if config is not None:

        def http() -> httpx.AsyncClient:
            return httpx.AsyncClient(transport=transport, timeout=10.0)

        provider = Provider(config, http)
        if provider.secret() is None:
            _log.warning(
                "OIDC: the environment variable %s (the client secret) is not set: "
                "signing in through the provider will not work",
                config.client_secret_env,
            )
        pages.templates.globals["oidc_button"] = _button(config.label)
    handlers = _OidcPages(pages, provider)
    return [
        Route("/sign-in/oidc", handlers.start),
        Route("/sign-in/oidc/callback", handlers.callback, name="oidc_callback"),
    ]
