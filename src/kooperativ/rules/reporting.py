# SPDX-License-Identifier: EUPL-1.2
"""The employer's report to the tax authority: the protocol a country implements.

Every month an employer tells the tax authority what it paid each person and what tax it
withheld (Sweden: the *arbetsgivardeklaration på individnivå*, AGI, an XML file to
Skatteverket). What the file looks like, which boxes exist and how the employer's totals
are computed is national law, so core asks the country for it:

```python
employer = ReportEmployer.from_identity(config.employer)
xml = country.employer_report(employer, "2026-05", payslips, created=now,
                              settings=config.national, folder=folder)
# or, the same from the configuration in one call:
xml = employer_report_for(config, "2026-05", payslips, created=now, folder=folder)
```

A country that has no such report raises :class:`~kooperativ.errors.ConfigError`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from kooperativ.config import CooperativeConfig
    from kooperativ.payroll.runs import Payslip
    from kooperativ.rules.parameters import ParameterSet

__all__ = ["EmployerReporting", "ReportEmployer", "employer_report_for"]


class ReportEmployer(BaseModel):
    """The employer as its report to the tax authority names it.

    Attributes:
        organisation_id: The employer's organisation number, in the country's form.
        name: The employer's name.
        phone: The employer's phone number, if any.
        email: The employer's e-mail address, if any.
    """

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)

    organisation_id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    phone: str | None = None
    email: str | None = None

    @classmethod
    def from_identity(cls, identity: object) -> ReportEmployer:
        """From ``[employer]`` of ``cooperative.toml`` (anything with ``orgnr``, ``name``,
        ``phone`` and ``email`` attributes)."""
        return cls(
            organisation_id=str(getattr(identity, "orgnr")),  # noqa: B009 - duck typed
            name=str(getattr(identity, "name")),  # noqa: B009
            phone=getattr(identity, "phone", None),
            email=getattr(identity, "email", None),
        )


@runtime_checkable
class EmployerReporting(Protocol):
    """A country's monthly employer report (Sweden: AGI)."""

    def employer_report(
        self,
        employer: ReportEmployer,
        period: str,
        payslips: Sequence[Payslip],
        *,
        created: datetime,
        deleted: Sequence[Payslip] = (),
        corrections_only: bool = False,
        report_boxes: Mapping[UUID, Collection[str]] | None = None,
        parameters: ParameterSet | None = None,
        settings: BaseModel | None = None,
        folder: Path | None = None,
    ) -> bytes:
        """The report of pay period ``period`` (``YYYY-MM``) as a file's bytes.

        Args:
            employer: Who reports.
            period: The pay period: the month the pay was given out.
            payslips: Every payslip of the period, of every run (regular and correction);
                a payslip another one ``replaces`` is left out, and a person's payslips
                are added up into one report.
            created: When the file is made (written into it; no clock is read).
            deleted: Payslips whose person's earlier report of the period is withdrawn.
            corrections_only: Report only the people whose payslips correct earlier ones
                (and the deleted), with the employer's totals over the whole period.
            report_boxes: The country's boxes each payslip ticks, by payslip id (Sweden:
                ``"050"`` car allowance, ``"051"`` per diem, from the travel rules'
                :class:`~kooperativ.travel.models.ReportBox`).
            parameters: The dated parameters (the country's own if ``None``).
            settings: The cooperative's country section (its defaults if ``None``).
            folder: The cooperative's folder (where files named in the settings are).

        Raises:
            InputError: Payslips that cannot be reported, naming the field and why.
            ConfigError: The country has no such report, or the configuration lacks what
                it needs (naming the key).
        """
        ...


def employer_report_for(
    config: CooperativeConfig,
    period: str,
    payslips: Sequence[Payslip],
    *,
    created: datetime,
    folder: Path | None = None,
    parameters: ParameterSet | None = None,
    deleted: Sequence[Payslip] = (),
    corrections_only: bool = False,
    report_boxes: Mapping[UUID, Collection[str]] | None = None,
) -> bytes:
    """The employer report of ``period`` by the country of ``config``: the employer from
    ``[employer]``, the country's section (Sweden: ``[se.agi]``) as its settings.

    Args:
        config: The cooperative's configuration.
        period: The pay period ``YYYY-MM``.
        payslips: Every payslip of the period (see :meth:`EmployerReporting.employer_report`).
        created: When the file is made.
        folder: The cooperative's folder (files the settings name are relative to it).
        parameters: The cooperative's parameters (with its overrides), else the country's.
        deleted: Payslips whose person's earlier report of the period is withdrawn.
        corrections_only: Only the corrected and the deleted people (and the totals).
        report_boxes: The country's check boxes by payslip id.

    Raises:
        InputError: Payslips that cannot be reported.
        ConfigError: The country has no such report, or the configuration lacks a key.
    """
    from kooperativ.rules.country import get_country

    return get_country(config.country).employer_report(
        ReportEmployer.from_identity(config.employer),
        period,
        payslips,
        created=created,
        deleted=deleted,
        corrections_only=corrections_only,
        report_boxes=report_boxes,
        parameters=parameters,
        settings=config.national,
        folder=folder,
    )
