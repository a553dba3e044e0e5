# SPDX-License-Identifier: EUPL-1.2
"""The certificate from a cooperative's stored records: contracts and hours through the
services, the payslips through the store's ``payslips`` (the payroll runs write them).

Ada (member 2) has assignment 1, 1 February – 31 March 2026, under contract 1, ended on
31 March (assignment completed). Hours: February 40 (confirmed), March 25.5 (confirmed)
and 4 (not confirmed). Payslips: February 12 000.00 + 1 440.00 holiday pay, March
8 500.50 + 1 020.06. Hand-worked: days 28 + 31 = 59; hours 65.5 certified, 4 not; pay
20 500.50; holiday pay 2 460.06.

Most tests give the service these hand-made payslips by replacing the one function that
reads them (``_payslips``); :func:`test_from_the_stored_payroll_runs` makes real payroll
runs and reads the payslips from the store.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from typer.testing import CliRunner

from kooperativ import Actor, Cooperative
from kooperativ.cli import app
from kooperativ.errors import InputError, PermissionDenied
from kooperativ.members.models import Role
from kooperativ.payroll.runs import Payslip
from kooperativ.services import certificates as service_module

NOW = datetime(2026, 4, 15, 9, 0, tzinfo=UTC)
ADA_PNR = "198503129804"
FEB, MARCH_END = date(2026, 2, 1), date(2026, 3, 31)
TextOf = Callable[[bytes], str]


def _slip(member_id: UUID, period: str, pay: str, holiday: str) -> Payslip:
    taxable = Decimal(pay) + Decimal(holiday)
    return Payslip(
        run_id=UUID(int=1), run_number=1, member_id=member_id, member_number=2,
        name="Ada Lind", person_id=ADA_PNR, period=period, pay_date=date(2026, 4, 25),
        gross_salary=Decimal(pay), holiday_pay=Decimal(holiday), taxable_pay=taxable,
        tax_mode="table:33:1", net_pay=taxable, payout=taxable,
    )  # fmt: skip


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    with Cooperative.open(folder, clock=lambda: NOW) as coop:
        admin = Actor.admin()
        coop.members.add(
            admin, first_name="Alva", last_name="Berglund", person_id="19580211-9809",
            status="member", joined_on=date(2024, 3, 1), roles=frozenset({Role.TREASURER}),
        )  # fmt: skip
        for first, last, pnr in (("Ada", "Lind", ADA_PNR), ("Bo", "Ek", "199107049802")):
            coop.members.add(
                admin, first_name=first, last_name=last, person_id=pnr, status="member",
                joined_on=date(2024, 3, 1),
            )  # fmt: skip
        coop.clients.add(admin, name="Stadsteatern", orgnr="5560360793")
        coop.assignments.add(
            admin, member=2, client=1, description="Scenografi", start=FEB, end=MARCH_END,
            agreed_amount="30000",
        )  # fmt: skip
        at = datetime(2026, 1, 21, 9, 0, tzinfo=UTC)
        coop.contracts.create(admin, assignment=1, made_on=date(2026, 1, 20))
        coop.contracts.sign(coop.actor_for_member(2), 1, "employee", at)
        coop.contracts.sign(admin, 1, "employer", at)
        treasurer = coop.actor_for_member(1)
        for month, hours in ((FEB, "40"), (date(2026, 3, 1), "25.5")):
            report = coop.employment.add_hours(admin, assignment=1, month=month, hours=hours)
            coop.employment.confirm_hours(treasurer, report.number)
        coop.employment.add_hours(admin, assignment=1, month=date(2026, 3, 1), hours="4")
        coop.contracts.end(admin, 1, on=MARCH_END, reason="assignment_completed")
    return folder


@pytest.fixture
def coop(folder: Path) -> Iterator[Cooperative]:
    with Cooperative.open(folder, clock=lambda: NOW) as opened:
        yield opened


@pytest.fixture
def payslips(coop: Cooperative, monkeypatch: pytest.MonkeyPatch) -> list[Payslip]:
    """Ada's payslips, handed to the service in place of the store's."""
    ada = coop.members.get(Actor.admin(), 2)
    slips = [_slip(ada.id, "2026-02", "12000.00", "1440.00"),
             _slip(ada.id, "2026-03", "8500.50", "1020.06")]  # fmt: skip

    def read(uow: Any, member_id: UUID) -> list[Payslip]:
        return [s for s in slips if s.member_id == member_id]

    monkeypatch.setattr(service_module, "_payslips", read)
    return slips


def test_ada_gets_her_own(coop: Cooperative, payslips: list[Payslip]) -> None:
    ada = coop.actor_for_member(2)
    cert = coop.certificates.certificate(ada, 2, first=FEB, last=MARCH_END)
    assert cert.person_id == "19850312-****" and cert.issued_on == date(2026, 4, 15)
    assert [(m.month, m.days_employed, m.hours, m.hours_unconfirmed) for m in cert.months] == [
        ("2026-02", 28, Decimal("40"), Decimal("0")),
        ("2026-03", 31, Decimal("25.5"), Decimal("4")),
    ]
    assert (cert.pay, cert.holiday_pay) == (Decimal("20500.50"), Decimal("2460.06"))
    period = cert.periods[0]
    assert (period.start, period.end, period.end_reason) == (FEB, MARCH_END, "assignment_completed")
    full = coop.certificates.certificate(ada, 2, first=FEB, last=MARCH_END, show_personal_data=True)
    assert full.person_id == ADA_PNR
    data = json.loads(coop.certificates.json(ada, 2, first=FEB, last=MARCH_END))
    assert data["totals"]["pay"] == "20500.50" and data["person_id"] == "19850312-****"


def test_the_pdf(coop: Cooperative, payslips: list[Payslip], text_of: TextOf) -> None:
    text = text_of(coop.certificates.pdf(Actor.admin(), 2, first=FEB, last=MARCH_END))
    assert "Arbetsgivarintyg" in text and "Personnummer 19850312-****" in text
    assert "1 Särskild visstidsanställning 1 feb. 2026 31 mars 2026 Uppdraget slutfört" in text
    assert "Summa 59 65,5 20 500,50 2 460,06 22 960,56" in text
    english = text_of(coop.certificates.pdf(Actor.admin(), 2, first=FEB, last=MARCH_END, lang="en"))
    assert "Total 59 65.5 20,500.50 2,460.06 22,960.56" in english


def _absence(
    coop: Cooperative, member: int, kind: str, first: date, last: date, *, confirm: bool = True
) -> None:
    admin = Actor.admin()
    absence = coop.absence.report(admin, member=member, kind=kind, first_day=first, last_day=last)
    if confirm:
        coop.absence.confirm(admin, absence.number)


def test_absences_per_month(coop: Cooperative, payslips: list[Payslip], text_of: TextOf) -> None:
    # Hand-worked, calendar days of confirmed absence inside 1 February – 31 March:
    #   sick 26 Feb – 3 Mar        February 26, 27, 28 = 3; March 1, 2, 3 = 3
    #   parental leave 9–13 Mar    March 5
    #   vård av barn 16 Mar        March 1 (17 Mar is reported, not confirmed: not counted)
    #   unpaid leave 30 Mar – 2 Apr  March 30, 31 = 2 (April is outside the range)
    #   Bo's sick day is not Ada's.
    _absence(coop, 2, "sick", date(2026, 2, 26), date(2026, 3, 3))
    _absence(coop, 2, "parental_leave", date(2026, 3, 9), date(2026, 3, 13))
    _absence(coop, 2, "temporary_parental_leave", date(2026, 3, 16), date(2026, 3, 16))
    _absence(coop, 2, "temporary_parental_leave", date(2026, 3, 17), date(2026, 3, 17),
             confirm=False)  # fmt: skip
    _absence(coop, 2, "unpaid_leave", date(2026, 3, 30), date(2026, 4, 2))
    _absence(coop, 3, "unpaid_leave", date(2026, 3, 2), date(2026, 3, 2))
    ada = coop.actor_for_member(2)
    cert = coop.certificates.certificate(ada, 2, first=FEB, last=MARCH_END)
    assert [(m.month, m.absence_days) for m in cert.months] == [
        ("2026-02", {"sick": 3}),
        ("2026-03", {"sick": 3, "parental_leave": 5, "temporary_parental_leave": 1,
                     "unpaid_leave": 2}),
    ]  # fmt: skip
    data = json.loads(coop.certificates.json(ada, 2, first=FEB, last=MARCH_END))
    assert data["months"][1]["parental_leave_days"] == 5
    assert data["months"][0]["sick_leave_days"] == 3
    assert data["totals"]["absence_days"] == {
        "sick": 6, "parental_leave": 5, "temporary_parental_leave": 1, "unpaid_leave": 2,
    }  # fmt: skip
    swedish = text_of(coop.certificates.pdf(ada, 2, first=FEB, last=MARCH_END))
    for expected in [
        "Frånvaro per kalendermånad, i dagar", "februari 2026 3 0 0 0", "mars 2026 3 5 1 2",
        "Summa 6 5 1 2",
    ]:  # fmt: skip
        assert expected in swedish, (expected, swedish)
    english = text_of(coop.certificates.pdf(ada, 2, first=FEB, last=MARCH_END, lang="en"))
    for expected in [
        "Absence per calendar month, in days", "Sick leave", "Parental leave",
        "February 2026 3 0 0 0", "March 2026 3 5 1 2", "Total 6 5 1 2",
    ]:  # fmt: skip
        assert expected in english, (expected, english)
    # only March asked: February's sick days are left out
    march = coop.certificates.certificate(ada, 2, first=date(2026, 3, 1), last=MARCH_END)
    assert [m.sick_leave_days for m in march.months] == [3]


def test_refusals(coop: Cooperative, payslips: list[Payslip]) -> None:
    bo = coop.actor_for_member(3)
    with pytest.raises(PermissionDenied):
        coop.certificates.certificate(bo, 2, first=FEB, last=MARCH_END)
    with pytest.raises(InputError) as caught:
        coop.certificates.certificate(Actor.admin(), 2, first=MARCH_END, last=FEB)
    assert caught.value.field == "to"


def _credit(coop: Cooperative, member: int, amount: str) -> None:
    coop.ledger.book(
        Actor.admin(),
        {
            "series": "M", "date": date(2026, 1, 30), "text": "Andel av faktura",
            "lines": [{"account": 1930, "amount": amount},
                      {"account": 2890, "amount": f"-{amount}", "member": member}],
        },
    )  # fmt: skip


def _request(coop: Cooperative, member: int, day: date, amount: str) -> None:
    _credit(coop, member, amount)
    request = coop.salary_requests.request(Actor.admin(), member, day, amount)
    coop.salary_requests.approve(Actor.admin(), request.number)


def test_from_the_stored_payroll_runs(coop: Cooperative) -> None:
    """Real payroll runs: the certificate's pay and holiday pay per month are the payslips'
    taxable pay of the approved runs, a draft run counts nothing and a correction counts
    once (as its replacement)."""
    admin, treasurer = Actor.admin(), coop.actor_for_member(1)
    cert = coop.certificates.certificate(admin, 2, first=FEB, last=MARCH_END)
    assert cert.hours == Decimal("65.5") and cert.pay == Decimal("0.00")  # no run yet
    _request(coop, 2, date(2026, 2, 25), "20000.00")
    _request(coop, 3, date(2026, 2, 25), "15000.00")  # Bo: not on Ada's certificate
    february = coop.payroll_runs.run(admin, "2026-02", date(2026, 2, 25))
    # a draft is not pay yet
    assert coop.certificates.certificate(admin, 2, first=FEB, last=MARCH_END).pay == 0
    coop.payroll_runs.approve(treasurer, february.number)
    _request(coop, 2, date(2026, 3, 25), "17500.50")
    march = coop.payroll_runs.run(admin, "2026-03", date(2026, 3, 25))
    coop.payroll_runs.approve(treasurer, march.number)
    coop.members.update(admin, 2, tax_mode="side-income")  # corrected: March taxed again
    correction = coop.payroll_runs.correct(admin, march.number, [2])
    coop.payroll_runs.approve(treasurer, correction.number)
    (feb_slip,) = coop.payroll_runs.payslips(admin, february.number, member=2)
    (old_march,) = coop.payroll_runs.payslips(admin, march.number, member=2)
    (new_march,) = coop.payroll_runs.payslips(admin, correction.number, member=2)
    assert new_march.replaces == old_march.id
    # an unapproved run of April with pay for Ada counts nothing either
    _request(coop, 2, date(2026, 4, 24), "5000.00")
    coop.payroll_runs.run(admin, "2026-04", date(2026, 4, 24))

    cert = coop.certificates.certificate(admin, 2, first=FEB, last=date(2026, 4, 30))
    by_month = {m.month: m for m in cert.months}
    for month, slip in (("2026-02", feb_slip), ("2026-03", new_march)):
        found = by_month[month]
        assert found.holiday_pay == slip.holiday_pay, month
        assert found.pay == slip.taxable_pay - slip.holiday_pay, month
        assert found.pay + found.holiday_pay == slip.taxable_pay, month
        assert found.payslips == 1, month  # the replaced March payslip is not counted
    assert "2026-04" not in by_month or by_month["2026-04"].pay == 0
    assert cert.pay + cert.holiday_pay == feb_slip.taxable_pay + new_march.taxable_pay
    # Ada gets her own, Bo does not get hers
    mine = coop.certificates.certificate(coop.actor_for_member(2), 2, first=FEB, last=MARCH_END)
    assert mine.pay == cert.pay
    with pytest.raises(PermissionDenied):
        coop.certificates.certificate(coop.actor_for_member(3), 2, first=FEB, last=MARCH_END)


# -- the command line -------------------------------------------------------------------------

runner = CliRunner()


def run(folder: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, [*args, "--coop", str(folder)], env={"COLUMNS": "200"})
    return result.exit_code, (result.stdout + result.stderr).replace("\u00a0", " ")


def test_the_command(folder: Path, payslips: list[Payslip], tmp_path: Path) -> None:
    code, out = run(folder, "certificate", "2", "--from", "2026-02-01", "--to", "2026-03-31",
                    "--lang", "sv")  # fmt: skip
    assert code == 0, out
    assert "19850312-****" in out and "Summa" in out and "20 500,50" in out
    target = tmp_path / "intyg.pdf"
    code, out = run(folder, "certificate", "2", "--from", "2026-02-01", "--to", "2026-03-31",
                    "--pdf", str(target), "--json", "--show-personal-data")  # fmt: skip
    assert code == 0, out
    data = json.loads(out)
    assert data["person_id"] == ADA_PNR and data["totals"]["hours"] == "65.5"
    assert target.read_bytes()[:5] == b"%PDF-"


def test_the_command_refuses(folder: Path, payslips: list[Payslip]) -> None:
    code, out = run(folder, "certificate", "2", "--from", "2026-02-01", "--to", "2026-03-31",
                    "--as", "3")  # fmt: skip
    assert code != 0 and "Traceback" not in out
    code, out = run(folder, "certificate", "2", "--from", "2026-04-01", "--to", "2026-03-31")
    assert code != 0 and "till: 2026-03-31 ligger före 2026-04-01" in out, out
    code, out = run(folder, "certificate", "2", "--from", "2026-13-01", "--to", "2026-03-31")
    assert code != 0 and "från: '2026-13-01' är inget datum" in out, out
