# SPDX-License-Identifier: EUPL-1.2
"""``kooperativ certificate MEMBER --from DAY --to DAY [--pdf FILE] [--json]``.

The employer's certificate (*arbetsgivarintyg*) of a member for unemployment insurance:
the employments with form and end reason, and per calendar month the days employed, the
confirmed hours and the pay, from the stored contracts, hours and payslips. A table on
screen, a PDF with ``--pdf FILE``, JSON with ``--json``. A member (``--as N``) gets only
their own; the personal identity number is masked unless ``--show-personal-data``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kooperativ.cli._common import required_date, table
from kooperativ.cli._context import CliContext, PersonalOption, shared_options

if TYPE_CHECKING:
    from kooperativ.employment.certificate import EmploymentCertificate

__all__ = ["register"]

#: The catalog of the command's texts.
DOMAIN = "payslips"

MemberArg = Annotated[str, typer.Argument(help="The member's number.", show_default=False)]
FromOption = Annotated[
    str,
    typer.Option("--from", help="The first day (YYYY-MM-DD).", show_default=False),
]
ToOption = Annotated[
    str,
    typer.Option("--to", help="The last day (YYYY-MM-DD).", show_default=False),
]
PdfOption = Annotated[
    Path | None,
    typer.Option("--pdf", help="Write the certificate as PDF to this file.", show_default=False),
]


def _table(cli: CliContext, found: EmploymentCertificate) -> object:
    _ = cli.texts(DOMAIN)
    rows: list[list[object]] = [
        [
            month.month,
            month.days_employed,
            cli.figure(month.hours),
            cli.amount(month.pay),
            cli.amount(month.holiday_pay),
            sum(month.absence_days.values()),
        ]
        for month in found.months
    ]
    rows.append(
        [
            _("Total"),
            sum(m.days_employed for m in found.months),
            cli.figure(found.hours),
            cli.amount(found.pay),
            cli.amount(found.holiday_pay),
            sum(sum(m.absence_days.values()) for m in found.months),
        ]
    )
    title = _("Employer's certificate: {name} ({number}), {person_id}").format(
        name=found.name, number=found.member_number, person_id=found.person_id
    )
    columns = [
        _("Month"), _("Days employed"), _("Hours worked"), _("Pay"), _("Holiday pay"),
        _("Days absent"),
    ]  # fmt: skip
    return table(title, columns, rows, right=(1, 2, 3, 4, 5))


def certificate_command(
    cli: CliContext,
    member: MemberArg,
    first: FromOption,
    last: ToOption,
    pdf: PdfOption = None,
    show_personal_data: PersonalOption = False,
) -> None:
    """The employer's certificate (arbetsgivarintyg) of a member: table, PDF or JSON."""
    with cli.guard():
        start = required_date(first, "from")
        end = required_date(last, "to")
        lang = cli.language if cli.chosen_language else None
        with cli.open() as coop:
            actor = cli.actor(coop)
            found = coop.certificates.certificate(
                actor, member, first=start, last=end, show_personal_data=show_personal_data
            )
            data = None
            if pdf is not None:
                data = coop.certificates.pdf(
                    actor, member, first=start, last=end, lang=lang,
                    show_personal_data=show_personal_data,
                )  # fmt: skip
        if pdf is not None and data is not None:
            try:
                pdf.write_bytes(data)
            except OSError as error:
                from kooperativ.errors import InputError, os_reason

                raise InputError(
                    "pdf", "cannot write {path}: {reason}", path=pdf, reason=os_reason(error)
                ) from None
    if cli.as_json:
        import json

        from kooperativ.employment.certificate import certificate_json

        cli.print_json(json.loads(certificate_json(found)))
        return
    cli.print(_table(cli, found))
    if pdf is not None and data is not None:
        cli.print(
            cli.texts(DOMAIN)("Wrote {path} ({size} bytes).").format(path=pdf, size=len(data))
        )


def register(app: typer.Typer) -> None:
    """Add ``certificate`` to ``app``."""
    app.command("certificate")(shared_options(actor=True, json=True)(certificate_command))
