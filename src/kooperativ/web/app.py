# SPDX-License-Identifier: EUPL-1.2
"""The Starlette application: routes, cookies, CSRF, templates.

Every page that shows a member's data signs the member in from the session cookie
(``coop.access.actor``) and calls a service with that :class:`~kooperativ.security.Actor`;
a record the service refuses (another member's, or none) is answered *404 Not found*
without any of its data. Every form carries a CSRF token (an HMAC of the session's token,
or before signing in of a random cookie) and a form without the right one is refused
(403). Cookies are ``HttpOnly``, ``SameSite=Lax``, and ``Secure`` unless the app serves
plain HTTP on this machine.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import smtplib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from kooperativ.errors import (
    InputError,
    KooperativError,
    NotFoundError,
    PermissionDenied,
)
from kooperativ.i18n import format_amount, format_day, format_number, messages, translator
from kooperativ.security import Actor
from kooperativ.web.meetings import meeting_routes
from kooperativ.web.work import work_routes

if TYPE_CHECKING:
    import httpx

    from kooperativ.cooperative import Cooperative

__all__ = ["LANGUAGES", "SESSION_COOKIE", "Outbox", "SmtpMailer", "create_app"]

#: The cookie holding the session's token.
SESSION_COOKIE = "kooperativ_session"
#: The cookie holding the CSRF key before signing in.
CSRF_COOKIE = "kooperativ_csrf"
#: The cookie holding the chosen language.
LANGUAGE_COOKIE = "kooperativ_lang"
#: The languages the pages are written in.
LANGUAGES = ("sv", "en")

Handler = Callable[[Request], Awaitable[Response]]
MemberHandler = Callable[[Request, Actor], Awaitable[Response]]
R = TypeVar("R", bound=Response)


@dataclass(frozen=True)
class Outbox:
    """Delivers e-mail as ``.eml`` files in a folder (the demo's and the tests' mail)."""

    folder: Path

    def __call__(self, message: EmailMessage) -> None:
        """Write ``message`` to a new file in the folder."""
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
        path = self.folder / f"{stamp}-{secrets.token_hex(4)}.eml"
        path.write_bytes(message.as_bytes())


@dataclass(frozen=True)
class SmtpMailer:
    """Delivers e-mail through an SMTP server (STARTTLS when ``tls``)."""

    host: str
    port: int = 25
    tls: bool = False
    user: str | None = None
    password: str | None = None

    def __call__(self, message: EmailMessage) -> None:
        """Send ``message``."""
        with smtplib.SMTP(self.host, self.port, timeout=30) as smtp:
            if self.tls:
                smtp.starttls()
            if self.user is not None:
                smtp.login(self.user, self.password or "")
            smtp.send_message(message)


class _Pages:
    """The routes' handlers over one cooperative."""

    def __init__(
        self, coop: Cooperative, deliver: Callable[[EmailMessage], None], secure: bool
    ) -> None:
        self.coop = coop
        self.deliver = deliver
        self.secure = secure
        self.templates = Environment(
            loader=PackageLoader("kooperativ.web", "templates"),
            autoescape=select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
        )

    # -- request helpers --------------------------------------------------------------------

    @property
    def logo_file(self) -> Path | None:
        """The cooperative's logo (``templates/logo.png`` … in its folder), if it has one."""
        from kooperativ.documents.invoice import find_logo

        return find_logo(self.coop.folder)

    async def logo(self, request: Request) -> Response:
        """The logo shown in every page's header (404 when the folder has none)."""
        path = self.logo_file
        if path is None:
            return self.not_found(request, None)
        media = "image/png" if path.suffix == ".png" else "image/jpeg"
        response = Response(path.read_bytes(), media_type=media)
        response.headers["Cache-Control"] = "public, max-age=3600"
        return _secured(response)

    def language(self, request: Request) -> str:
        chosen = request.cookies.get(LANGUAGE_COOKIE)
        if chosen in LANGUAGES:
            return str(chosen)
        own = self.coop.config.language
        return own if own in LANGUAGES else "sv"

    def actor(self, request: Request) -> Actor | None:
        token = request.cookies.get(SESSION_COOKIE)
        return self.coop.access.actor(token) if token else None

    def csrf_key(self, request: Request) -> tuple[str, bool]:
        """The key the CSRF token is made from, and whether it is a new pre-session key."""
        session = request.cookies.get(SESSION_COOKIE)
        if session:
            return session, False
        pre = request.cookies.get(CSRF_COOKIE)
        if pre:
            return pre, False
        return secrets.token_urlsafe(32), True

    @staticmethod
    def csrf_token(key: str) -> str:
        return hmac.new(key.encode(), b"kooperativ-csrf", hashlib.sha256).hexdigest()

    async def form(self, request: Request) -> dict[str, str] | None:
        """The posted form, or ``None`` when its CSRF token is missing or wrong."""
        data = await request.form()
        fields = {k: v for k, v in data.items() if isinstance(v, str)}
        key, new = self.csrf_key(request)
        given = fields.get("csrf", "")
        if new or not hmac.compare_digest(given, self.csrf_token(key)):
            return None
        return fields

    def cookie(self, response: Response, name: str, value: str, max_age: int | None) -> None:
        response.set_cookie(
            name, value, max_age=max_age, httponly=True, samesite="lax", secure=self.secure
        )

    def render(
        self,
        request: Request,
        template: str,
        actor: Actor | None = None,
        status: int = 200,
        **context: Any,
    ) -> HTMLResponse:
        lang = self.language(request)
        key, new = self.csrf_key(request)
        _ = translator(lang, "web")
        page = self.templates.get_template(template).render(
            _=_,
            lang=lang,
            other=next(code for code in LANGUAGES if code != lang),
            coop_name=self.coop.config.governing_body.name,
            logo=self.logo_file is not None,
            csrf=self.csrf_token(key),
            actor=actor,
            path=request.url.path,
            amount=lambda value: format_amount(value, lang),
            number=lambda value: format_number(value, lang),
            day=lambda value: format_day(value, lang),
            **context,
        )
        response = HTMLResponse(page, status_code=status)
        if new:
            self.cookie(response, CSRF_COOKIE, key, None)
        return _secured(response)

    def refused(self, request: Request) -> HTMLResponse:
        _ = translator(self.language(request), "web")
        return self.render(
            request,
            "message.html",
            status=403,
            title=_("The form has expired"),
            text=_("Reload the page and try again."),
        )

    def not_found(self, request: Request, actor: Actor | None) -> HTMLResponse:
        _ = translator(self.language(request), "web")
        return self.render(
            request,
            "message.html",
            actor,
            status=404,
            title=_("Not found"),
            text=_("There is nothing here for you."),
        )

    async def reauthenticate(self, request: Request, fields: dict[str, str]) -> Actor:
        """The signed-in member's actor once their password (the form's ``password``) or
        a fresh sign-in by link confirms them, before a signature or an approval.

        The password is checked in a thread: argon2 takes a deliberate fraction of a
        second, and the worker's other requests go on meanwhile.

        Raises:
            PermissionDenied: No password and no fresh sign-in, or a wrong password.
        """
        return await run_in_threadpool(
            self.coop.access.reauthenticate,
            request.cookies.get(SESSION_COOKIE, ""),
            fields.get("password") or None,
        )

    def error(self, request: Request, error: KooperativError) -> str:
        return error.render(messages(self.language(request)))

    # -- signing in -------------------------------------------------------------------------

    async def sign_in(self, request: Request) -> Response:
        if request.method == "GET":
            return self.render(request, "sign_in.html", next=_next(request))
        fields = await self.form(request)
        if fields is None:
            return self.refused(request)
        try:
            # In a thread: the argon2 check (a deliberate fraction of a second) would
            # otherwise hold up every other request of this worker.
            signed = await run_in_threadpool(
                self.coop.access.sign_in_password,
                fields.get("email", ""),
                fields.get("password", ""),
            )
        except PermissionDenied as error:
            return self.render(
                request,
                "sign_in.html",
                status=401,
                problem=self.error(request, error),
                email=fields.get("email", ""),
                next=_next(request, fields.get("next")),
            )
        return self.signed_in(signed.token, _next(request, fields.get("next")))

    def signed_in(self, token: str, target: str) -> Response:
        response = _secured(RedirectResponse(target, status_code=303))
        from kooperativ.services.access import SESSION_HOURS

        self.cookie(response, SESSION_COOKIE, token, SESSION_HOURS * 3600)
        response.delete_cookie(CSRF_COOKIE)
        return response

    async def send_link(self, request: Request) -> Response:
        fields = await self.form(request)
        if fields is None:
            return self.refused(request)
        base = str(request.base_url).rstrip("/")
        # In a thread: sending waits for the SMTP server, and other requests go on.
        await run_in_threadpool(
            self.coop.access.send_link,
            fields.get("email", ""),
            lambda token: f"{base}/sign-in/link/{quote(token)}",
            self.deliver,
        )
        _ = translator(self.language(request), "web")
        return self.render(
            request,
            "message.html",
            title=_("Check your e-mail"),
            text=_(
                "If the address is registered, a link to sign in is on its way. "
                "It works once, for a short while."
            ),
        )

    async def use_link(self, request: Request) -> Response:
        token = str(request.path_params["token"])
        if request.method == "GET":
            # A button to press, so that a mail scanner opening the link does not use it.
            return self.render(request, "link.html", token=token)
        fields = await self.form(request)
        if fields is None:
            return self.refused(request)
        try:
            signed = self.coop.access.sign_in_link(token)
        except PermissionDenied as error:
            _ = translator(self.language(request), "web")
            return self.render(
                request,
                "message.html",
                status=401,
                title=_("Sign in"),
                text=self.error(request, error),
            )
        return self.signed_in(signed.token, "/")

    async def sign_out(self, request: Request) -> Response:
        fields = await self.form(request)
        if fields is None:
            return self.refused(request)
        token = request.cookies.get(SESSION_COOKIE)
        if token:
            self.coop.access.sign_out(token)
        response = _secured(RedirectResponse("/sign-in", status_code=303))
        response.delete_cookie(SESSION_COOKIE)
        return response

    async def language_choice(self, request: Request) -> Response:
        code = str(request.path_params["code"])
        response = _secured(RedirectResponse(_next(request), status_code=303))
        if code in LANGUAGES:
            self.cookie(response, LANGUAGE_COOKIE, code, 365 * 24 * 3600)
        return response

    # -- member pages -----------------------------------------------------------------------

    async def home(self, request: Request, actor: Actor) -> Response:
        member = _member_id(actor)
        contracts = self.coop.contracts.list(actor)
        to_sign = [c for c in contracts if c.signed_by_employee is None]
        account = self.coop.ledger.member_account(actor, member)
        meetings = self.coop.governance.list(actor, state="open")
        return self.render(
            request,
            "home.html",
            actor,
            to_sign=to_sign,
            balance=account.closing,
            meetings=meetings,
        )

    async def account(self, request: Request, actor: Actor) -> Response:
        member = _member_id(actor)
        account = self.coop.ledger.member_account(actor, member)
        statement = self.coop.statements.member(actor, member)
        return self.render(request, "account.html", actor, account=account, statement=statement)

    async def payslips(self, request: Request, actor: Actor) -> Response:
        slips = [
            slip
            for run in self.coop.payroll_runs.list(actor)
            for slip in self.coop.payroll_runs.payslips(actor, run.id, member=_member_id(actor))
        ]
        slips.sort(key=lambda s: (s.pay_date, s.number), reverse=True)
        return self.render(request, "payslips.html", actor, slips=slips)

    async def payslip_pdf(self, request: Request, actor: Actor) -> Response:
        run = int(request.path_params["run"])
        member = int(request.path_params["member"])
        data = self.coop.payroll_runs.payslip_pdf(actor, run, member, lang=self.language(request))
        return _pdf(data, f"payslip-{run}-{member}.pdf")

    async def contracts(self, request: Request, actor: Actor) -> Response:
        found = self.coop.contracts.list(actor)
        return self.render(request, "contracts.html", actor, contracts=found)

    async def contract_sign(self, request: Request, actor: Actor) -> Response:
        fields = await self.form(request)
        if fields is None:
            return self.refused(request)
        number = int(request.path_params["number"])
        self.coop.contracts.get(actor, number)  # another member's: 404 before anything
        try:
            confirmed = await self.reauthenticate(request, fields)
        except PermissionDenied as error:
            found = self.coop.contracts.list(actor)
            return self.render(
                request,
                "contracts.html",
                actor,
                status=401,
                contracts=found,
                problem=self.error(request, error),
                problem_contract=number,
            )
        self.coop.contracts.sign(confirmed, number, "employee")
        return _secured(RedirectResponse("/contracts", status_code=303))

    async def contract_pdf(self, request: Request, actor: Actor) -> Response:
        number = int(request.path_params["number"])
        data = self.coop.contracts.pdf(actor, number, lang=self.language(request))
        return _pdf(data, f"contract-{number}.pdf")

    def member_page(self, handler: MemberHandler) -> Handler:
        """``handler`` for signed-in members only; a refused or missing record is 404."""

        async def page(request: Request) -> Response:
            if request.method in ("GET", "HEAD"):
                # A page reads from one snapshot: one read transaction, not one for each
                # service it asks. (Not around a POST: reading its form waits, and other
                # requests run meanwhile in this thread.)
                with self.coop.store.reading():
                    return await signed_in(request)
            return await signed_in(request)

        async def signed_in(request: Request) -> Response:
            actor = self.actor(request)
            if actor is None:
                target = quote(request.url.path, safe="/")
                return _secured(RedirectResponse(f"/sign-in?next={target}", status_code=303))
            try:
                response = await handler(request, actor)
            except (PermissionDenied, NotFoundError):
                return self.not_found(request, actor)
            except InputError as error:
                _ = translator(self.language(request), "web")
                return self.render(
                    request,
                    "message.html",
                    actor,
                    status=400,
                    title=_("Something is wrong"),
                    text=self.error(request, error),
                )
            response.headers["Cache-Control"] = "no-store"
            return response

        return page


def _member_id(actor: Actor) -> Any:
    if actor.member_id is None:  # pragma: no cover - sessions belong to members
        raise PermissionDenied("{actor} is not a member", actor=actor.name)
    return actor.member_id


def _next(request: Request, given: str | None = None) -> str:
    """Where to go after signing in: a path on this site only."""
    target = given if given is not None else request.query_params.get("next", "/")
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _pdf(data: bytes, name: str) -> Response:
    response = Response(data, media_type="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return _secured(response)


def _secured(response: R) -> R:
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    # The sign-in link's token is in the address: never send it to another site.
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; style-src 'self' 'unsafe-inline'; form-action 'self'; "
        "frame-ancestors 'none'"
    )
    return response


def create_app(
    coop: Cooperative,
    *,
    outbox: Path | None = None,
    deliver: Callable[[EmailMessage], None] | None = None,
    secure: bool = True,
    oidc_transport: httpx.AsyncBaseTransport | None = None,
) -> Starlette:
    """The members' web app on ``coop``.

    Args:
        coop: The cooperative (its store keeps the sessions, so several processes may
            serve it).
        outbox: The folder e-mail goes to as files when no ``deliver`` is given
            (default: ``outbox/`` in the cooperative's folder).
        deliver: Sends e-mail (e.g. :class:`SmtpMailer`).
        secure: Whether cookies are ``Secure`` (sent over HTTPS only): true unless served
            over plain HTTP on this machine.
        oidc_transport: The HTTP transport to the OpenID Connect provider of
            ``[web.oidc]`` (default: the network; the tests' fake provider).
    """
    if deliver is None:
        folder = outbox or (Path(coop.folder or ".") / "outbox")
        deliver = Outbox(folder)
    from kooperativ.web.board import board_routes
    from kooperativ.web.board_meetings import board_meeting_routes
    from kooperativ.web.oidc import oidc_routes
    from kooperativ.web.pay import pay_routes

    pages = _Pages(coop, deliver, secure)
    member = pages.member_page
    routes = [
        Route("/", member(pages.home)),
        Route("/sign-in", pages.sign_in, methods=["GET", "POST"]),
        Route("/sign-in/link", pages.send_link, methods=["POST"]),
        Route("/sign-in/link/{token}", pages.use_link, methods=["GET", "POST"]),
        Route("/sign-out", pages.sign_out, methods=["POST"]),
        Route("/language/{code}", pages.language_choice),
        Route("/logo", pages.logo),
        Route("/account", member(pages.account)),
        Route("/payslips", member(pages.payslips)),
        Route("/payslips/{run:int}/{member:int}.pdf", member(pages.payslip_pdf)),
        Route("/contracts", member(pages.contracts)),
        Route("/contracts/{number:int}.pdf", member(pages.contract_pdf)),
        Route("/contracts/{number:int}/sign", member(pages.contract_sign), methods=["POST"]),
        *pay_routes(pages, member),
        *meeting_routes(pages, member),
        *work_routes(pages, member),
        *board_routes(pages, member),
        *oidc_routes(pages, member, oidc_transport),
        *board_meeting_routes(pages, member),
    ]
    return Starlette(routes=routes)
