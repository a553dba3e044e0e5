# SPDX-License-Identifier: EUPL-1.2
"""Invoices and credit notes (*fakturor* and *kreditfakturor*).

:meth:`InvoiceService.create` invoices one or more assignments of one client: the lines
come from the assignments (hours × hourly rate, or the agreed amount) unless given, each
line's VAT category from the assignment unless one is chosen for the whole invoice, and the
country decides what each category means for this buyer (a category that cannot apply,
such as reverse charge for a private person, is refused). The number is the next in the
cooperative's one invoice numbering, allocated in the same transaction that stores the
invoice, so a failed write leaves no gap; the payment reference (Sweden: OCR) is made from
it. An issued invoice is never edited: :meth:`InvoiceService.credit` issues a credit note
that refers to it, for all of it or for some lines.

Board, treasurer and admin invoice and credit; a member sees only the invoices of their own
assignments. Each change is one unit of work with its audit event.
"""

from __future__ import annotations

import builtins
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from kooperativ.accounts.postings import PostingAccounts, credit_note_voucher, invoice_voucher
from kooperativ.assignments.models import Assignment, AssignmentStatus
from kooperativ.clients.models import Client
from kooperativ.errors import ConflictError, InputError, NotFoundError
from kooperativ.fees import Fee, FeePolicy
from kooperativ.invoicing.models import (
    Invoice,
    InvoiceKind,
    InvoiceStatus,
    LineInput,
    Party,
    build_credit_note,
    build_invoice,
    credit_lines,
    make_line,
)
from kooperativ.money import ZERO_ORE, to_decimal
from kooperativ.rules.country import VatBuyer, VatCategory
from kooperativ.security import Actor
from kooperativ.services._base import Ref, Service, build, resolve
from kooperativ.storage.base import UnitOfWork

__all__ = ["InvoiceService"]

_LABEL = re.compile(r"^\s*[A-Za-z]{1,5}-?(\d+)\s*$")


def _line(value: LineInput | Mapping[str, Any]) -> LineInput:
    if isinstance(value, LineInput):
        return value
    data = dict(value)
    for name in ("quantity", "unit_price"):
        if name in data:
            data[name] = to_decimal(data[name], name)
    return build(LineInput, data)


def _status(value: InvoiceStatus | str) -> InvoiceStatus:
    try:
        return InvoiceStatus(value)
    except ValueError:
        raise InputError(
            "status",
            "{value!r} is not an invoice status (known: {known})",
            value=value,
            known=", ".join(s.value for s in InvoiceStatus),
        ) from None


class InvoiceService(Service):
    """Invoices and credit notes."""

    # -- issuing ----------------------------------------------------------------------------

    def create(
        self,
        actor: Actor,
        *,
        assignments: Sequence[Ref],
        lines: Sequence[LineInput | Mapping[str, Any]] | None = None,
        issue_date: date | None = None,
        vat_category: str | None = None,
        buyer_reference: str | None = None,
    ) -> Invoice:
        """Invoice ``assignments`` (one or more, all of one client and one member).

        Args:
            actor: Board, treasurer or admin.
            assignments: The assignments invoiced (numbers or ids).
            lines: The lines; by default one per assignment (hours × hourly rate, or the
                agreed amount once).
            issue_date: The invoice date (today by default).
            vat_category: One VAT category for every line (by default each assignment's).
            buyer_reference: The client's reference for the invoice (by default the
                client's reference person).

        Raises:
            InputError: No assignment, one named twice, assignments of different clients or
                members, a cancelled assignment, a bad line, or a VAT category that cannot
                apply to the client.
            ConflictError: An assignment that is already invoiced (and not credited).
            NotFoundError: An unknown assignment.
            PermissionDenied: The actor is not board, treasurer or admin.
        """
        actor.require_manager("create invoices")
        if not assignments:
            raise InputError("assignments", "name at least one assignment")
        given = None if lines is None else [_line(line) for line in lines]
        if given is not None and not given:
            raise InputError("lines", "an invoice needs at least one line")
        day = issue_date or self._coop.now().date()

        def work(uow: UnitOfWork) -> Invoice:
            jobs = self._assignments(uow, assignments)
            client = uow.clients.get(jobs[0].client_id)
            buyer = self._buyer(client, buyer_reference)
            vat_buyer = VatBuyer(
                country=buyer.country, business=buyer.business, vat_number=buyer.vat_number
            )
            wanted = given if given is not None else [self._line_of(job) for job in jobs]
            if vat_category is not None:
                wanted = [line.evolve(vat_category=vat_category) for line in wanted]
            elif given is not None:
                default = jobs[0].vat_category
                fields = [line.model_fields_set for line in wanted]
                wanted = [
                    line if "vat_category" in chosen else line.evolve(vat_category=default)
                    for line, chosen in zip(wanted, fields, strict=True)
                ]
            categories: dict[str, VatCategory] = {}
            for line in wanted:
                if line.vat_category not in categories:
                    categories[line.vat_category] = self._coop.country.vat_category(
                        line.vat_category, day, buyer=vat_buyer
                    )
            priced = [make_line(line, categories[line.vat_category]) for line in wanted]
            number = self._next_number(uow)
            settings = self._coop.config.invoicing
            invoice = build_invoice(
                number=number,
                series=settings.series,
                issue_date=day,
                due_date=day + timedelta(days=settings.payment_terms_days),
                seller=self._seller(),
                buyer=buyer,
                client_id=client.id,
                member_id=jobs[0].member_id,
                assignment_ids=[job.id for job in jobs],
                period=(min(j.start for j in jobs), max(j.end for j in jobs)),
                lines=priced,
                categories=categories,
                currency=self._coop.country.currency,
                payment_reference=self._coop.country.payment_reference(number),
                payment_terms_days=settings.payment_terms_days,
                rounding=settings.rounding,
                late_interest=settings.late_interest,
            )
            uow.invoices.add(invoice)
            self._record(uow, actor, "invoice.create", None, invoice)
            self._book_invoice(uow, actor, invoice)
            return invoice

        return self._transaction(work)

    def credit(
        self,
        actor: Actor,
        invoice: Ref,
        *,
        reason: str,
        lines: Sequence[LineInput | Mapping[str, Any]] | None = None,
        issue_date: date | None = None,
    ) -> Invoice:
        """Issue a credit note for ``invoice``: all of it, or the ``lines`` given.

        A credit note is an invoice of its own, numbered in the same series, referring to
        the invoice it corrects. When the credit notes of an invoice come to its whole
        total, the invoice's status becomes ``credited`` (its content is not changed).

        Raises:
            InputError: No reason, a line in a VAT category the invoice does not have, or a
                bad figure.
            ConflictError: The invoice is a credit note, or the credits would exceed it.
            NotFoundError: No such invoice.
            PermissionDenied: The actor is not board, treasurer or admin.
        """
        actor.require_manager("credit invoices")
        if not reason or not reason.strip():
            raise InputError("reason", "say why the invoice is credited")
        given = None if lines is None else [_line(line) for line in lines]
        day = issue_date or self._coop.now().date()

        def work(uow: UnitOfWork) -> Invoice:
            original = self._resolve(uow, invoice)
            earlier = uow.invoices.credits_of(original.id)
            before = sum((c.total for c in earlier), ZERO_ORE)
            if original.status is InvoiceStatus.CREDITED:
                raise ConflictError(
                    "invoice {number} is already credited in full", number=original.label
                )
            priced = None if given is None else credit_lines(original, given)
            number = self._next_number(uow)
            note = build_credit_note(
                original,
                number=number,
                issue_date=day,
                reason=reason,
                payment_reference=self._coop.country.payment_reference(number),
                lines=priced,
                credited_before=before,
            )
            uow.invoices.add(note)
            self._record(uow, actor, "invoice.credit", None, note)
            self._book_credit_note(uow, actor, note, original, earlier)
            if before + note.total == original.total:
                credited = original.evolve(status=InvoiceStatus.CREDITED)
                uow.invoices.update(credited)
                self._record(uow, actor, "invoice.credited", original, credited)
            return note

        return self._transaction(work)

    # -- reading ----------------------------------------------------------------------------

    def get(self, actor: Actor, ref: Ref) -> Invoice:
        """An invoice or credit note by number (``17`` or ``A17``) or id (a member sees
        only those of their own assignments)."""
        with self._read() as uow:
            found = self._resolve(uow, ref)
        actor.require_access(found.member_id, "invoices")
        return self._for(actor, found)

    def list(
        self,
        actor: Actor,
        *,
        status: InvoiceStatus | str | None = None,
        client: Ref | None = None,
        member: Ref | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> builtins.list[Invoice]:
        """Invoices and credit notes ordered by number, optionally of one status, client
        or member, and dated ``start``–``end``. A member sees only their own."""
        wanted = None if status is None else _status(status)
        with self._read() as uow:
            buyer = resolve(uow.clients, "client", client) if client is not None else None
            owner = resolve(uow.members, "member", member) if member is not None else None
            own = None if actor.can_read_all else actor.member_id
            if not actor.can_read_all and own is None:
                return []
            member_id = own or (owner.id if owner else None)
            if owner is not None and own is not None and owner.id != own:
                actor.require_access(owner.id, "invoices")
            if buyer is not None:
                found = uow.invoices.of_client(buyer.id)
            elif member_id is not None:
                found = uow.invoices.of_member(member_id)
            elif start is not None or end is not None:
                found = uow.invoices.issued_between(start or date.min, end or date.max)
            elif wanted is not None:
                found = uow.invoices.with_status(wanted)
            else:
                found = uow.invoices.list()
        return [
            self._for(actor, i)
            for i in found
            if (member_id is None or i.member_id == member_id)
            and (buyer is None or i.client_id == buyer.id)
            and (wanted is None or i.status is wanted)
            and (start is None or i.issue_date >= start)
            and (end is None or i.issue_date <= end)
        ]

    def credits_of(self, actor: Actor, ref: Ref) -> builtins.list[Invoice]:
        """The credit notes of an invoice."""
        invoice = self.get(actor, ref)
        with self._read() as uow:
            return [self._for(actor, c) for c in uow.invoices.credits_of(invoice.id)]

    def pdf(self, actor: Actor, ref: Ref, lang: str | None = None) -> bytes:
        """The invoice or credit note as a PDF in ``lang`` (default: the cooperative's),
        with the logo of the cooperative's ``templates/`` folder if it has one.

        Raises:
            InputError: No catalog for ``lang`` (field ``language``).
            NotFoundError: No such invoice.
            PermissionDenied: A member asking for another member's invoice.
        """
        from kooperativ.documents.invoice import find_logo, invoice_pdf

        invoice = self.get(actor, ref)
        language = lang or self._coop.config.language

        def country_name(code: str) -> str:
            from babel import Locale

            names = Locale.parse({"sv": "sv_SE", "en": "en_GB"}.get(language, language))
            return str(names.territories.get(code, code))

        return invoice_pdf(
            invoice,
            lang=language,
            logo=find_logo(getattr(self._coop, "folder", None)),
            country_name=country_name,
        )

    def peppol(self, actor: Actor, ref: Ref, lang: str | None = None) -> bytes:
        """The invoice or credit note as a Peppol BIS Billing 3.0 UBL document (EN 16931).

        One read unit of work: the invoice and, for a credit note, the invoice it corrects.
        The electronic addresses are the client's Peppol id in the register and the
        cooperative's in ``[employer]`` (those on the invoice if there are none now), so an
        invoice issued before the client had a Peppol id can still be sent. The texts
        (exemption reasons, terms) are in ``lang`` (default: the cooperative's).

        Raises:
            InputError: The client has no Peppol id (field ``peppol_id``), or the
                cooperative has none (``employer.peppol_id``); no catalog for ``lang``.
            NotFoundError: No such invoice.
            PermissionDenied: A member asking for another member's invoice.
        """
        from kooperativ.exports.peppol import to_ubl
        from kooperativ.invoicing.peppol import to_einvoice

        with self._read() as uow:
            found = self._resolve(uow, ref)
            actor.require_access(found.member_id, "invoices")
            credited = None
            if found.credits is not None:
                credited = resolve(uow.invoices, "invoice", found.credits)
            client = uow.clients.find(found.client_id)
        # The Peppol ids are where the document is delivered, not what was invoiced: the
        # register's and the configuration's current ones, else those on the invoice.
        buyer_id = (client.peppol_id if client else None) or found.buyer.peppol_id
        seller_id = self._coop.config.employer.peppol_id or found.seller.peppol_id
        routed = found.model_copy(
            update={
                "buyer": found.buyer.model_copy(update={"peppol_id": buyer_id}),
                "seller": found.seller.model_copy(update={"peppol_id": seller_id}),
            }
        )
        language = lang or self._coop.config.language
        return to_ubl(to_einvoice(routed, credited=credited, lang=language))

    # -- booking ----------------------------------------------------------------------------

    def _fee_of(self, uow: UnitOfWork, invoice: Invoice) -> Fee:
        """The fee on ``invoice`` (an invoice, not a credit note) by ``[fees]``: the
        member's terms on the invoice date, on the amount excluding VAT."""
        member = uow.members.get(invoice.member_id)
        return FeePolicy.of(self._coop.config.fees).fee_on(
            member.number, invoice.issue_date, invoice.total_excl_vat
        )

    def _accounts(self) -> PostingAccounts:
        return PostingAccounts.of(self._coop.config.accounts)

    def _fee_on_invoicing(self) -> bool:
        return self._coop.config.fees.taken == "on_invoicing"

    def _book_invoice(self, uow: UnitOfWork, actor: Actor, invoice: Invoice) -> None:
        """Book ``invoice``'s voucher in the ledger's invoice series (same unit of work)."""
        fee = self._fee_of(uow, invoice).amount if self._fee_on_invoicing() else None
        draft = invoice_voucher(
            invoice,
            series=self._coop.config.ledger.invoices,
            accounts=self._accounts(),
            fee=fee,
            translate=self._texts(),
        )
        if draft is not None:
            self._coop.ledger._book(uow, actor, draft, "voucher.book")

    def _book_credit_note(
        self,
        uow: UnitOfWork,
        actor: Actor,
        note: Invoice,
        original: Invoice,
        earlier: Sequence[Invoice],
    ) -> None:
        """Book ``note``'s voucher: ``original``'s postings reversed in proportion."""
        fee = self._fee_of(uow, original).amount if self._fee_on_invoicing() else None
        draft = credit_note_voucher(
            note,
            original,
            series=self._coop.config.ledger.invoices,
            accounts=self._accounts(),
            fee=fee,
            credited_before=sum((c.total_excl_vat for c in earlier), ZERO_ORE),
            translate=self._texts(),
        )
        if draft is not None:
            self._coop.ledger._book(uow, actor, draft, "voucher.book")

    def _texts(self) -> Callable[[str], str]:
        from kooperativ.i18n import translator

        return translator(self._coop.config.language, "statements")

    # -- helpers ----------------------------------------------------------------------------

    def _resolve(self, uow: UnitOfWork, ref: Ref) -> Invoice:
        if isinstance(ref, str):
            label = _LABEL.match(ref)
            if label is not None:
                found = uow.invoices.by_number(int(label.group(1)))
                if found is None or not ref.strip().upper().startswith(found.series.upper()):
                    raise NotFoundError("invoice", ref)
                return found
        return resolve(uow.invoices, "invoice", ref)

    def _next_number(self, uow: UnitOfWork) -> int:
        """The next invoice number, in this (write) unit of work: gapless because it is
        one more than the highest stored, and stored in the same transaction."""
        return max(uow.invoices.next_number(), self._coop.config.invoicing.first_number)

    def _assignments(self, uow: UnitOfWork, refs: Sequence[Ref]) -> builtins.list[Assignment]:
        jobs: builtins.list[Assignment] = []
        for ref in refs:
            job = resolve(uow.assignments, "assignment", ref)
            if any(j.id == job.id for j in jobs):
                raise InputError(
                    "assignments", "assignment {number} is named twice", number=job.number
                )
            jobs.append(job)
        first = jobs[0]
        for job in jobs[1:]:
            if job.client_id != first.client_id:
                raise InputError(
                    "assignments",
                    "assignments {first} and {other} are for different clients: one invoice "
                    "is for one client",
                    first=first.number,
                    other=job.number,
                )
            if job.member_id != first.member_id:
                raise InputError(
                    "assignments",
                    "assignments {first} and {other} are of different members: invoice each "
                    "member's work on its own",
                    first=first.number,
                    other=job.number,
                )
        for job in jobs:
            if job.status is AssignmentStatus.CANCELLED:
                raise InputError(
                    "assignments", "assignment {number} is cancelled", number=job.number
                )
            for earlier in uow.invoices.of_assignment(job.id, kind=InvoiceKind.INVOICE):
                if earlier.status is not InvoiceStatus.CREDITED:
                    raise ConflictError(
                        "assignment {number} is already invoiced (invoice {invoice})",
                        number=job.number,
                        invoice=earlier.label,
                    )
        return jobs

    @staticmethod
    def _line_of(job: Assignment) -> LineInput:
        if job.hourly_rate is not None and job.hours is not None:
            return LineInput(
                description=job.description,
                quantity=job.hours,
                unit="HUR",
                unit_price=job.hourly_rate,
                vat_category=job.vat_category,
                assignment_id=job.id,
            )
        amount = job.agreed_amount if job.agreed_amount is not None else Decimal(0)
        return LineInput(
            description=job.description,
            quantity=Decimal(1),
            unit="C62",
            unit_price=amount,
            vat_category=job.vat_category,
            assignment_id=job.id,
        )

    def _seller(self) -> Party:
        employer = self._coop.config.employer
        return Party(
            name=employer.name,
            orgnr=employer.orgnr,
            vat_number=employer.vat_number,
            address=employer.address,
            country=employer.address.country,
            email=str(employer.email) if employer.email else None,
            f_tax=employer.f_tax,
            bankgiro=employer.bankgiro,
            plusgiro=employer.plusgiro,
            iban=employer.iban,
            bic=employer.bic,
            peppol_id=employer.peppol_id,
        )

    def _buyer(self, client: Client, reference: str | None) -> Party:
        country = client.address.country if client.address else self._coop.country.code
        return Party(
            name=client.name,
            orgnr=client.orgnr,
            person_id=client.person_id,
            vat_number=client.vat_number,
            address=client.address,
            country=country,
            peppol_id=client.peppol_id,
            email=str(client.email) if client.email else None,
            reference=reference or client.reference,
        )

    def _for(self, actor: Actor, invoice: Invoice) -> Invoice:
        """``invoice`` as ``actor`` may see it: a private buyer's number masked for members."""
        if actor.can_read_all or not invoice.buyer.person_id:
            return invoice
        masked = self._coop.mask_person_id(invoice.buyer.person_id)
        return invoice.model_copy(
            update={"buyer": invoice.buyer.model_copy(update={"person_id": masked})}
        )
