# SPDX-License-Identifier: EUPL-1.2
"""The employer's certificate (*arbetsgivarintyg*) of a member, from the stored records.

:meth:`CertificateService.certificate` reads the member's employment contracts, reports
of hours, payslips and absences (in one unit of work) and builds the certificate for
the calendar months asked
(:func:`kooperativ.employment.certificate.build_certificate`); :meth:`~CertificateService.pdf`
and :meth:`~CertificateService.json` give it as a PDF and as JSON. A member gets their
own certificate only; the officers who read the whole register get anyone's. The personal
identity number is masked unless asked for in full by someone who may see it (the member
themself, an officer), as the unemployment fund needs it to identify the person.

Payslips are read from the store's ``payslips`` (kind ``payslip``, indexed by member),
which the payroll runs write; only those of approved or paid runs count.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from kooperativ.employment.certificate import (
    EmploymentCertificate,
    build_certificate,
    certificate_json,
)
from kooperativ.employment.dates import sane_day
from kooperativ.errors import InputError
from kooperativ.payroll.runs import Payslip
from kooperativ.security import Actor
from kooperativ.services._base import Ref, Service, resolve
from kooperativ.storage.base import UnitOfWork

__all__ = ["CertificateService"]


def _payslips(uow: UnitOfWork, member_id: UUID) -> list[Payslip]:
    """The member's payslips that certify pay: those of every approved or paid run
    (:attr:`~kooperativ.payroll.runs.PayrollRun.fixed`), corrections included (the builder
    drops a payslip a correction replaces). A draft run's payslips are not pay yet."""
    slips = uow.payslips.of_member(member_id)
    runs = {run_id: uow.payroll_runs.find(run_id) for run_id in {s.run_id for s in slips}}
    return [s for s in slips if (run := runs[s.run_id]) is not None and run.fixed]


class CertificateService(Service):
    """Employer's certificates (*arbetsgivarintyg*) of members."""

    def certificate(
        self,
        actor: Actor,
        member: Ref,
        *,
        first: date,
        last: date,
        show_personal_data: bool = False,
    ) -> EmploymentCertificate:
        """The member's certificate for the calendar months from ``first`` to ``last``.

        Args:
            actor: The member themself, or an officer who reads the whole register.
            member: The member's number or id.
            first: The first day asked about.
            last: The last day asked about.
            show_personal_data: Give the personal identity number in full (as the fund
                needs it); masked the country's way otherwise.

        Raises:
            InputError: ``last`` before ``first`` (field ``to``), or a day outside the
                years counted in (``from``, ``to``).
            NotFoundError: No such member.
            PermissionDenied: A member asking for someone else's.
        """
        # The fields are named as the command line's options (--from, --to).
        sane_day(first, "from")
        sane_day(last, "to")
        if last < first:
            raise InputError("to", "{last} is before {first}", last=last, first=first)
        with self._read() as uow:
            found = resolve(uow.members, "member", member)
            actor.require_access(found.id, "employer's certificate")
            contracts = uow.contracts.of_member(found.id)
            hours = uow.hours.of_member(found.id)
            payslips = _payslips(uow, found.id)
            absences = uow.absences.overlapping(first, last, member_id=found.id)
        certificate = build_certificate(
            member_id=found.id,
            member_number=found.number,
            name=found.name,
            person_id=found.person_id,
            contracts=contracts,
            hours=hours,
            payslips=payslips,
            absences=absences,
            first=first,
            last=last,
            issued_on=self._coop.now().date(),
        )
        # Whoever gets the certificate at all may see it in full: the member, an officer.
        if show_personal_data:
            return certificate
        return certificate.masked(self._coop.mask_person_id)

    def pdf(
        self,
        actor: Actor,
        member: Ref,
        *,
        first: date,
        last: date,
        lang: str | None = None,
        show_personal_data: bool = False,
    ) -> bytes:
        """The certificate as a PDF in ``lang`` (default: the cooperative's language).

        Args:
            actor: The member themself, or an officer who reads the whole register.
            member: The member's number or id.
            first: The first day asked about.
            last: The last day asked about.
            lang: ``sv`` or ``en``.
            show_personal_data: Print the personal identity number in full (as the fund
                needs it); masked otherwise.

        Raises:
            InputError: As :meth:`certificate` does; also for a language without catalog.
            NotFoundError: As :meth:`certificate` does.
        """
        from kooperativ.documents.certificate import certificate_pdf
        from kooperativ.documents.invoice import find_logo

        found = self.certificate(
            actor, member, first=first, last=last, show_personal_data=show_personal_data
        )
        return certificate_pdf(
            found,
            employer=self._coop.config.employer,
            law=self._coop.country.employment_law(),
            lang=lang or self._coop.config.language,
            logo=find_logo(getattr(self._coop, "folder", None)),
        )

    def json(
        self,
        actor: Actor,
        member: Ref,
        *,
        first: date,
        last: date,
        show_personal_data: bool = False,
    ) -> str:
        """The certificate as JSON (:func:`~kooperativ.employment.certificate.certificate_json`).

        Raises:
            InputError: As :meth:`certificate` does.
            NotFoundError: As :meth:`certificate` does.
        """
        return certificate_json(
            self.certificate(
                actor, member, first=first, last=last, show_personal_data=show_personal_data
            )
        )
