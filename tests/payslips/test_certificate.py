# SPDX-License-Identifier: EUPL-1.2
"""The employer's certificate: hand-worked monthly totals from hand-built contracts, hours
and payslips (``certificate_samples``), the JSON form, the PDF in both languages, and the
property that every month's figures are the exact sums of the records behind them."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from uuid import UUID

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kooperativ.documents.certificate import certificate_pdf
from kooperativ.employment.certificate import build_certificate, certificate_json
from kooperativ.employment.models import EmploymentContract, EndReason, HoursReport
from kooperativ.errors import InputError
from kooperativ.payroll.runs import Payslip
from kooperativ.rules.country import get_country

from .certificate_samples import ADA, CONTRACTS, HOURS, PAYSLIPS
from .samples import EMPLOYER

TextOf = Callable[[bytes], str]
SWEDEN = get_country("SE")
MARCH, JUNE_END = date(2026, 3, 1), date(2026, 6, 30)


def ada(first: date = MARCH, last: date = JUNE_END, **records: object):  # type: ignore[no-untyped-def]
    values: dict[str, object] = dict(contracts=CONTRACTS, hours=HOURS, payslips=PAYSLIPS)
    values.update(records)
    return build_certificate(
        member_id=ADA, member_number=7, name="Ada Lund", person_id="198503121234",
        first=first, last=last, issued_on=date(2026, 7, 2), **values,  # type: ignore[arg-type]
    )  # fmt: skip


def test_the_hand_worked_months() -> None:
    cert = ada()
    got = [
        (m.month, m.days_employed, m.hours, m.hours_unconfirmed, m.pay, m.holiday_pay,
         m.sick_days, m.payslips)
        for m in cert.months
    ]  # fmt: skip
    assert got == [
        ("2026-03", 22, Decimal("52.5"), 0, Decimal("8000.00"), Decimal("960.00"), 0, 1),
        ("2026-04", 20, Decimal("30"), Decimal("5"), Decimal("6000.00"), Decimal("720.00"), 0, 1),
        ("2026-05", 31, Decimal("100"), 0, Decimal("15500.00"), Decimal("0.00"), 0, 1),
        ("2026-06", 26, Decimal("80"), 0, Decimal("12000.00"), Decimal("1440.00"), 2, 2),
    ]
    assert cert.hours == Decimal("262.5") and cert.hours_unconfirmed == Decimal("5")
    assert cert.pay == Decimal("41500.00") and cert.holiday_pay == Decimal("3120.00")
    assert [m.taxable_pay for m in cert.months] == [
        Decimal("8960.00"), Decimal("6720.00"), Decimal("15500.00"), Decimal("13440.00")
    ]  # fmt: skip


def test_the_hand_worked_periods() -> None:
    got = [
        (p.contract_number, p.form, p.start, p.end, p.status, p.end_reason) for p in ada().periods
    ]
    assert got == [
        (1, "sarskild_visstidsanstallning", date(2026, 3, 10), date(2026, 4, 20), "ended",
         EndReason.ASSIGNMENT_COMPLETED),
        (2, "vikariat", date(2026, 5, 1), date(2026, 6, 15), "ended", EndReason.RESIGNATION),
        (3, "tillsvidareanstallning", date(2026, 6, 20), None, "running", None),
    ]  # fmt: skip


def test_a_range_of_one_month_counts_that_month_only() -> None:
    cert = ada(date(2026, 4, 1), date(2026, 4, 30))
    assert [m.month for m in cert.months] == ["2026-04"]
    assert [p.contract_number for p in cert.periods] == [1]
    assert (cert.hours, cert.pay) == (Decimal("30"), Decimal("6000.00"))
    # Days employed are counted inside the range; hours and pay per whole month.
    mid = ada(date(2026, 3, 20), date(2026, 3, 31))
    assert mid.months[0].days_employed == 12 and mid.months[0].hours == Decimal("52.5")


def test_a_fixed_term_past_its_end_without_a_recorded_end() -> None:
    lapsed = CONTRACTS[0].evolve(ended_on=None, end_reason=None)
    cert = ada(contracts=[lapsed])
    assert cert.periods[0].status == "ended" and not cert.periods[0].end_recorded
    assert cert.periods[0].end_reason is None


def test_bad_input() -> None:
    with pytest.raises(InputError) as caught:
        ada(JUNE_END, MARCH)
    assert caught.value.field == "last"
    other = PAYSLIPS[0].model_copy(update={"member_id": UUID(int=99)})
    with pytest.raises(InputError) as caught:
        ada(payslips=[other])
    assert caught.value.field == "payslips"


def test_the_json_form() -> None:
    data = json.loads(certificate_json(ada().masked(SWEDEN.mask_person_id)))
    assert data["person_id"] == "19850312-****"
    assert data["totals"] == {
        "hours": "262.5", "hours_unconfirmed": "5", "pay": "41500.00", "holiday_pay": "3120.00",
        "absence_days": {"sick": 0, "parental_leave": 0, "temporary_parental_leave": 0,
                         "unpaid_leave": 0},
    }  # fmt: skip
    assert data["months"][3] == {
        "month": "2026-06", "days_employed": 26, "hours": "80", "hours_unconfirmed": "0",
        "pay": "12000.00", "holiday_pay": "1440.00", "taxable_pay": "13440.00",
        "sick_days": 2, "payslips": 2, "sick_leave_days": 0, "parental_leave_days": 0,
        "temporary_parental_leave_days": 0, "unpaid_leave_days": 0,
    }  # fmt: skip
    assert data["periods"][1]["end_reason"] == "resignation"


def test_the_pdf_in_swedish(text_of: TextOf) -> None:
    cert = ada().masked(SWEDEN.mask_person_id)
    text = text_of(
        certificate_pdf(cert, employer=EMPLOYER, law=SWEDEN.employment_law(), signatory="Karin Ek")
    )
    for expected in [
        "Arbetsgivarintyg",
        "För arbetslöshetsförsäkringen · månaderna mars 2026 – juni 2026 · utfärdat 2 juli 2026",
        "Org.nr 559876-5435", "Personnummer 19850312-****", "Medlemsnr 7",
        "1 Särskild visstidsanställning 10 mars 2026 20 apr. 2026 Uppdraget slutfört",
        "2 Vikariat 1 maj 2026 15 juni 2026 Arbetstagarens egen",
        "3 Tillsvidareanställning 20 juni 2026 – Anställningen pågår",
        "mars 2026 22 52,5 8 000,00 960,00 8 960,00",
        "april 2026 20 30 6 000,00 720,00 6 720,00",
        "maj 2026 31 100 15 500,00 0,00 15 500,00",
        "juni 2026 26 80 12 000,00 1 440,00 13 440,00",
        "Summa 99 262,5 41 500,00 3 120,00 44 620,00",
        "Rapporterade men ännu inte bekräftade timmar, som inte intygas: april 2026: 5.",
        "Sjukdagar med sjuklön under dessa månader: 2.",
        "För arbetsgivaren", "Karin Ek", "Sida 1 av 1",
    ]:  # fmt: skip
        assert expected in text, (expected, text)
    assert "198503121234" not in text


def test_the_pdf_in_english(text_of: TextOf) -> None:
    text = text_of(
        certificate_pdf(ada(), employer=EMPLOYER, law=SWEDEN.employment_law(), lang="en")
    )
    for expected in [
        "Employer's certificate", "Personal identity no. 198503121234",
        "Substitute employment (vikariat) 1 May 2026 15 Jun 2026 Resignation by the",
        "June 2026 26 80 12,000.00 1,440.00 13,440.00",
        "Total 99 262.5 41,500.00 3,120.00 44,620.00", "Page 1 of 1",
    ]:  # fmt: skip
        assert expected in text, (expected, text)


def test_no_employment(text_of: TextOf) -> None:
    cert = ada(date(2025, 1, 1), date(2025, 2, 28))
    assert cert.months == () and cert.periods == ()
    text = text_of(certificate_pdf(cert, employer=EMPLOYER))
    assert "Ingen anställning under dessa månader." in text and "Summa 0 0 0,00 0,00 0,00" in text


# -- the property: every figure is the sum of its records ------------------------------------

JOB = UUID(int=50)
AT = datetime(2027, 1, 1, tzinfo=UTC)
YEAR_START = date(2026, 1, 1)


@st.composite
def records(draw: st.DrawFn) -> tuple[list[EmploymentContract], list[HoursReport], list[Payslip]]:
    """Up to four contracts in 2026 (overlapping or not, some open-ended), hours in months
    they cover, and payslips for any month, some replaced by corrections."""
    contracts = []
    for number in range(1, draw(st.integers(0, 4)) + 1):
        start = YEAR_START + timedelta(days=draw(st.integers(0, 364)))
        length = draw(st.none() | st.integers(0, 200))
        end = None if length is None else start + timedelta(days=length)
        contracts.append(
            EmploymentContract.model_validate(
                dict(
                    number=number,
                    member_id=ADA,
                    type="vikariat",
                    start=start,
                    end=end,
                    place_of_work="Scen",
                    tasks="Scenograf",
                    pay_terms="Budget",
                    made_on=start,
                )
            )
        )
    hours = []
    for number in range(1, draw(st.integers(0, 12)) + 1):
        if not contracts:
            break
        contract = draw(st.sampled_from(contracts))
        month = date(contract.start.year, contract.start.month, 1)
        confirmed = draw(st.booleans())
        hours.append(
            HoursReport(
                number=number,
                member_id=ADA,
                assignment_id=JOB,
                contract_id=contract.id,
                month=month,
                hours=draw(st.decimals("0.25", "200", places=2)),
                reported_by="Ada",
                reported_at=AT,
                confirmed_by="Kassör" if confirmed else None,
                confirmed_at=AT if confirmed else None,
            )
        )
    payslips: list[Payslip] = []
    for run in range(1, draw(st.integers(0, 10)) + 1):
        pay = draw(st.decimals("0", "60000", places=2))
        holiday = draw(st.decimals("0", "8000", places=2))
        period = f"2026-{draw(st.integers(1, 12)):02d}"
        replaces = draw(st.sampled_from([None, *(p.id for p in payslips)]))
        payslips.append(
            Payslip(
                run_id=UUID(int=run),
                run_number=run,
                member_id=ADA,
                member_number=7,
                name="Ada",
                person_id="198503121234",
                period=period,
                pay_date=date(2026, int(period[5:]), 25),
                gross_salary=pay,
                holiday_pay=holiday,
                taxable_pay=pay + holiday,
                tax_mode="sink",
                net_pay=pay + holiday,
                payout=pay + holiday,
                replaces=replaces,
                sick_days=draw(st.integers(0, 3)),
            )
        )
    return contracts, hours, payslips


@settings(max_examples=150, deadline=None)
@given(records(), st.integers(1, 12), st.integers(0, 11))
def test_every_figure_is_the_sum_of_its_records(
    given_records: tuple[list[EmploymentContract], list[HoursReport], list[Payslip]],
    first_month: int,
    months: int,
) -> None:
    contracts, hours, payslips = given_records
    first = date(2026, first_month, 1)
    last_month = min(12, first_month + months)
    last = (date(2026, last_month, 1) + timedelta(days=31)).replace(day=1) - timedelta(days=1)
    cert = ada(first, last, contracts=contracts, hours=hours, payslips=payslips)
    in_range = {f"2026-{m:02d}" for m in range(first_month, last_month + 1)}
    replaced = {p.replaces for p in payslips}
    counted = [p for p in payslips if p.period in in_range and p.id not in replaced]
    assert cert.pay + cert.holiday_pay == sum((p.taxable_pay for p in counted), Decimal(0))
    assert cert.holiday_pay == sum((p.holiday_pay for p in counted), Decimal(0))
    assert cert.hours == sum(
        (h.hours for h in hours if h.confirmed and h.month.isoformat()[:7] in in_range), Decimal(0)
    )
    by_month = {m.month: m for m in cert.months}
    for key in in_range:
        row = by_month.get(key)
        mine = [p for p in counted if p.period == key]
        assert (row.pay + row.holiday_pay if row else 0) == sum(p.taxable_pay for p in mine)
        assert (row.sick_days if row else 0) == sum(p.sick_days for p in mine)
        # Days employed, counted independently: each day of the month inside a contract.
        year, month = int(key[:4]), int(key[5:])
        days = [
            d for d in (date(year, month, 1) + timedelta(days=i) for i in range(31))
            if d.month == month and first <= d <= last
            and any(c.start <= d <= (c.last_day or last) for c in contracts)
        ]  # fmt: skip
        assert (row.days_employed if row else 0) == len(days)
    assert all(m.month in in_range for m in cert.months)
