# SPDX-License-Identifier: EUPL-1.2
"""The files made from a stored payroll run: payslip PDFs, the bank's pain.001 and the AGI.

The builders are pure (records in, bytes out): :func:`kooperativ.documents.payslip.payslips_pdf`,
:func:`kooperativ.exports.pain001.salary_payment_file` and
:func:`kooperativ.rules.reporting.employer_report_for`. This module reads what they need
from the store in one read each, checks who may have the file, and passes the
cooperative's identity, folder, country and parameters. It is called through
:class:`~kooperativ.services.payroll_runs.PayrollRunService`:

```python
coop.payroll_runs.payslip_pdf(member_actor, 3, 7)          # member 7's payslip of run 3
coop.payroll_runs.payslips_pdf(treasurer, 3)               # every payslip, one file
coop.payroll_runs.payment_file(treasurer, 3)               # pain.001.001.03
coop.payroll_runs.employer_report(treasurer, "2026-05")    # the AGI of May 2026
```

Every file is **stable**: the same stored run gives the same bytes. Times written into a
file are the run's approval time (pain.001 ``CreDtTm``; the AGI's creation time is the
newest approval among the period's runs), never the clock, and ids are derived from the
run's number.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING
from uuid import UUID

from kooperativ.errors import (
    ConfigError,
    ConflictError,
    InputError,
    KooperativError,
    PermissionDenied,
)
from kooperativ.exports.pain001 import CreditTransfer, Debtor, SalaryPaymentBatch
from kooperativ.money import ZERO_ORE
from kooperativ.payroll.runs import PayrollRun, Payslip, RunKind
from kooperativ.rules.payment_account import PaymentAccount
from kooperativ.security import Actor
from kooperativ.services._base import Ref, resolve

if TYPE_CHECKING:
    from kooperativ.services.payroll_runs import PayrollRunService

__all__ = [
    "DOMAIN",
    "employer_report",
    "message_id",
    "payment_batch",
    "payment_file",
    "payslip_files",
    "payslip_pdf",
    "payslips_pdf",
]

#: The gettext domain of this module's texts (file texts such as the statement text).
DOMAIN = "payroll_exports"

_CONFIG_FILE = "cooperative.toml"


def message_id(run: PayrollRun) -> str:
    """The pain.001 message id of ``run``: ``LON-<period>-<run number>``, the same every
    time the run's file is made (a bank refuses an id it has seen, so a file made again
    for the same run is recognised as the same order, not paid twice).

    >>> from datetime import date
    >>> message_id(PayrollRun(number=3, period="2026-05", pay_date=date(2026, 5, 25)))
    'LON-2026-05-3'
    """
    return f"LON-{run.period}-{run.number}"


def _language(service: PayrollRunService, lang: str | None, member_language: str | None) -> str:
    from kooperativ.i18n import available_languages

    chosen = lang or member_language or service._coop.config.language
    if chosen not in available_languages():
        raise InputError(
            "lang",
            "{lang!r} is not supported (choose {known})",
            lang=chosen,
            known=", ".join(available_languages()),
        )
    return chosen


def _render(service: PayrollRunService, slips: Sequence[Payslip], lang: str) -> bytes:
    from kooperativ.documents.invoice import find_logo
    from kooperativ.documents.payslip import find_note
    from kooperativ.documents.payslip import payslips_pdf as render

    coop = service._coop
    folder = getattr(coop, "folder", None)
    return render(
        slips,
        employer=coop.config.employer,
        lang=lang,
        logo=find_logo(folder),
        note=find_note(folder, lang),
        mask_person_id=coop.mask_person_id,
        mask_account=coop.mask_bank_account,
    )


def payslip_pdf(
    service: PayrollRunService, actor: Actor, run: Ref, member: Ref, *, lang: str | None = None
) -> bytes:
    """One member's payslip of ``run`` as a PDF (see
    :meth:`~kooperativ.services.payroll_runs.PayrollRunService.payslip_pdf`)."""
    service._require_reader(actor)
    with service._read() as uow:
        found = service._resolve(uow, run)
        person = resolve(uow.members, "member", member)
        actor.require_access(person.id, "payslips")
        slips = [s for s in uow.payslips.of_member(person.id) if s.run_id == found.id]
    if not slips:
        raise InputError(
            "member",
            "member {member} has no payslip in payroll run {number}",
            member=person.number,
            number=found.number,
        )
    slips.sort(key=lambda s: s.number)
    return _render(service, slips, _language(service, lang, person.language))


def payslips_pdf(
    service: PayrollRunService, actor: Actor, run: Ref, *, lang: str | None = None
) -> bytes:
    """Every payslip of ``run`` the actor may see, in one PDF (see
    :meth:`~kooperativ.services.payroll_runs.PayrollRunService.payslips_pdf`)."""
    service._require_reader(actor)
    member_language: str | None = None
    with service._read() as uow:
        found = service._resolve(uow, run)
        if actor.can_read_all:
            slips = uow.payslips.of_run(found.id)
        else:
            slips = (
                []
                if actor.member_id is None
                else [s for s in uow.payslips.of_member(actor.member_id) if s.run_id == found.id]
            )
            if slips:
                member_language = uow.members.get(slips[0].member_id).language
    if not slips:
        if not actor.can_read_all:
            raise PermissionDenied(
                "{actor} may only see payroll runs they are paid in", actor=actor.name
            )
        raise InputError(  # pragma: no cover - a stored run has payslips
            "run", "payroll run {number} has no payslips", number=found.number
        )
    slips = sorted(slips, key=lambda s: (s.member_number, s.number))
    return _render(service, slips, _language(service, lang, member_language))


def payslip_files(
    service: PayrollRunService,
    actor: Actor,
    run: Ref,
    *,
    member: Ref | None = None,
    lang: str | None = None,
) -> list[tuple[Payslip, bytes]]:
    """Each payslip of ``run`` the actor may see (of ``member``) with its own PDF (see
    :meth:`~kooperativ.services.payroll_runs.PayrollRunService.payslip_files`)."""
    service._require_reader(actor)
    with service._read() as uow:
        found = service._resolve(uow, run)
        member_id = service._listed_member(uow, actor, member, "payslips")
        if member_id is not None:
            slips = [s for s in uow.payslips.of_member(member_id) if s.run_id == found.id]
        else:
            slips = uow.payslips.of_run(found.id)
        languages: dict[UUID, str | None] = {}
        if lang is None:
            wanted = {s.member_id for s in slips}
            if len(wanted) > 50:
                languages = {m.id: m.language for m in uow.members.list() if m.id in wanted}
            else:
                languages = {m: uow.members.get(m).language for m in wanted}
    if not slips:
        if member is not None:
            raise InputError(
                "member",
                "member {member} has no payslip in payroll run {number}",
                member=member,
                number=found.number,
            )
        if not actor.can_read_all:
            raise PermissionDenied(
                "{actor} may only see payroll runs they are paid in", actor=actor.name
            )
    slips = sorted(slips, key=lambda s: (s.member_number, s.number))
    return [
        (slip, _render(service, [slip], _language(service, lang, languages.get(slip.member_id))))
        for slip in slips
    ]


def _debtor(service: PayrollRunService) -> Debtor:
    """The employer as the debtor: its bankgiro, else its IBAN (with its BIC)."""
    coop = service._coop
    employer = coop.config.employer
    account: PaymentAccount
    if employer.bankgiro:
        account = coop.country.payment_account(
            employer.bankgiro, "employer.bankgiro", kind="bankgiro"
        )
    elif employer.iban:
        account = coop.country.payment_account(
            employer.iban, "employer.iban", kind="iban", bic=employer.bic
        )
    else:
        raise ConfigError(
            _CONFIG_FILE,
            "employer.bankgiro",
            "the employer has no account to pay salaries from: give [employer] bankgiro or iban",
        )
    return Debtor(
        name=employer.name,
        account=account,
        organisation_id=employer.orgnr.replace("-", ""),
        bic=employer.bic if employer.iban and not employer.bankgiro else None,
    )


def _account(
    service: PayrollRunService, slip: Payslip, replacements: dict[UUID, Payslip]
) -> PaymentAccount:
    """Where ``slip`` is paid: its own bank account, or, if it has none the bank can pay
    to, the account on the newest approved correction of it (the register corrected and
    the run corrected, the original run's file pays the corrected account).

    Raises:
        InputError: On ``bank_account``, naming the member and the payslip (never the
            account itself, which is personal data).
    """
    country = service._coop.country
    newest = slip
    while newest.id in replacements:
        newest = replacements[newest.id]
    for candidate in [slip] if newest is slip else [slip, newest]:
        if not candidate.bank_account:
            continue
        try:
            return country.payment_account(candidate.bank_account, "bank_account")
        except KooperativError:
            continue
    if not slip.bank_account:
        raise InputError(
            "bank_account",
            "member {member} has no bank account on payslip {payslip} of payroll run "
            "{number}: register it, correct the run and approve the correction",
            member=slip.member_number,
            payslip=slip.number,
            number=slip.run_number,
        )
    # the account itself is personal data: name the member, not the number
    raise InputError(
        "bank_account",
        "member {member}: the bank account on payslip {payslip} cannot be paid to (correct "
        "it in the register, correct the run and approve the correction)",
        member=slip.member_number,
        payslip=slip.number,
    )


def payment_batch(
    service: PayrollRunService, actor: Actor, run: Ref
) -> tuple[PayrollRun, SalaryPaymentBatch]:
    """The run and its salary payment batch (what :func:`payment_file` writes)."""
    from kooperativ.i18n import translator

    service._require_officer(actor, "make payment files")
    with service._read() as uow:
        found = service._resolve(uow, run)
        slips = sorted(uow.payslips.of_run(found.id), key=lambda s: (s.member_number, s.number))
        replaced: dict[UUID, Payslip] = {}
        for slip in slips:
            if slip.replaces is not None:
                replaced[slip.replaces] = uow.payslips.get(slip.replaces)
        # the approved corrections of the same run, by the payslip each one replaces: a
        # payslip without a usable account is paid to the account its correction recorded
        root = found.corrects if found.corrects is not None else found.number
        replacements: dict[UUID, Payslip] = {}
        for later in uow.payroll_runs.corrections_of(root):
            if later.fixed and later.number > found.number:
                for other in uow.payslips.of_run(later.id):
                    if other.replaces is not None:
                        replacements[other.replaces] = other
    if not found.fixed or found.approved_at is None:
        raise ConflictError(
            "payroll run {number} is a draft: approve it before paying it",
            number=found.number,
        )
    _ = translator(service._coop.config.language, DOMAIN)
    remittance = _("Salary {period}").format(period=found.period)
    currency = service._coop.country.currency
    transfers: list[CreditTransfer] = []
    for slip in slips:
        amount: Decimal = slip.payout
        if slip.replaces is not None:
            # a correction pays only what it adds; a lower payout is a claim on the
            # member that no bank payment settles
            amount = slip.payout - replaced[slip.replaces].payout
        if amount <= ZERO_ORE:
            continue
        account = _account(service, slip, replacements)
        transfers.append(
            CreditTransfer(
                end_to_end_id=f"LON-{found.number}-{slip.number}",
                creditor_name=slip.name,
                amount=amount,
                account=account,
                remittance=remittance,
                currency=currency,
            )
        )
    if not transfers:
        raise InputError(
            "run",
            "payroll run {number} pays nothing through the bank (no payout above zero, or "
            "a correction that adds nothing to any payout)",
            number=found.number,
        )
    batch = SalaryPaymentBatch(
        message_id=message_id(found),
        created_at=found.approved_at,
        execution_date=found.pay_date,
        debtor=_debtor(service),
        transfers=transfers,
    )
    return found, batch


def payment_file(
    service: PayrollRunService, actor: Actor, run: Ref, *, version: str = "pain.001.001.03"
) -> bytes:
    """The run's salary payment file (see
    :meth:`~kooperativ.services.payroll_runs.PayrollRunService.payment_file`)."""
    from kooperativ.exports.pain001 import salary_payment_file

    _, batch = payment_batch(service, actor, run)
    return salary_payment_file(batch, version)


def employer_report(
    service: PayrollRunService, actor: Actor, period: str, *, corrections_only: bool = False
) -> bytes:
    """The employer declaration of ``period`` (see
    :meth:`~kooperativ.services.payroll_runs.PayrollRunService.employer_report`)."""
    from kooperativ.rules.reporting import employer_report_for
    from kooperativ.services.payroll_runs import period_days, report_boxes_for

    service._require_officer(actor, "make employer declarations")
    period_days(period)
    with service._read() as uow:
        runs = [r for r in uow.payroll_runs.of_period(period) if r.fixed]
        fixed = {r.id for r in runs}
        slips = sorted(
            (s for s in uow.payslips.of_period(period) if s.run_id in fixed),
            key=lambda s: (s.run_number, s.member_number, s.number),
        )
        # the check boxes of the travel allowances the payslips pay (Sweden: 050, 051)
        boxes = report_boxes_for(slips, uow)
    if not slips:
        raise InputError(
            "period", "no approved payroll run has payslips in {period}", period=period
        )
    if corrections_only and not any(r.kind is RunKind.CORRECTION for r in runs):
        raise InputError(
            "corrections_only",
            "no approved correction run in {period}: there is nothing to correct",
            period=period,
        )
    created: datetime = max(r.approved_at for r in runs if r.approved_at is not None)
    coop = service._coop
    return employer_report_for(
        coop.config,
        period,
        slips,
        created=created,
        folder=getattr(coop, "folder", None),
        parameters=coop.parameters,
        corrections_only=corrections_only,
        report_boxes=boxes,
    )
