# SPDX-License-Identifier: EUPL-1.2
"""The demo's month, end to end: the invoices, the clients' payments, the salary requests,
the payroll run and the files it writes (payslip PDFs, AGI, pain.001, SIE 4), each checked
against figures worked out by hand or read back by an independent reader (pdftotext, the
ISO 20022 schemas, the SIE reader), and ``kooperativ demo`` printing it at 80 columns."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from kooperativ import demo
from kooperativ.bank.camt054 import read_camt054
from kooperativ.cli import app
from kooperativ.cooperative import Cooperative
from kooperativ.countries.se.agi import COMPONENT_NAMESPACE, INSTANCE_NAMESPACE
from kooperativ.countries.se.sie import read_sie
from kooperativ.invoicing.models import InvoiceStatus
from kooperativ.payments.models import PaymentStatus
from kooperativ.payroll.runs import RunStatus
from kooperativ.security import Actor

ADMIN = Actor.admin()
NS = {"i": INSTANCE_NAMESPACE, "agd": COMPONENT_NAMESPACE}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "80"})
    return result.exit_code, result.stdout, result.stderr


@dataclass(frozen=True)
class Built:
    folder: Path
    month: demo.DemoMonth


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("demo-month") / "demo"
    clock = demo.DemoClock()
    with demo.create(folder, clock=clock) as coop:
        month = demo.run_month(coop, folder, clock=clock)
    return Built(folder, month)


def read(built: Built, kind: str) -> list[bytes]:
    return [(built.folder / f.path).read_bytes() for f in built.month.files if f.kind == kind]


def shared_folder() -> Path:
    configured = os.environ.get("KOOPERATIV_SHARED")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2].parent / "shared"


# -- invoices and payments ----------------------------------------------------------------------


def test_invoices_of_the_completed_assignments_equal_them(built: Built) -> None:
    # The assignments that ended in November 2026 (1, 2, 3 and 5; 4 runs to 15 December),
    # each invoiced on 30 November: its amount excl. VAT, 25 % VAT on top (hand-worked).
    expected = {
        1: (Decimal("60000.00"), Decimal("75000.00")),
        2: (Decimal("26000.00"), Decimal("32500.00")),  # 40 h × 650 kr
        3: (Decimal("8000.00"), Decimal("10000.00")),
        5: (Decimal("12000.00"), Decimal("15000.00")),
    }
    with Cooperative.open(built.folder) as coop:
        numbers = {a.id: a for a in coop.assignments.list(ADMIN)}
        invoices = coop.invoices.list(ADMIN)
        assert len(invoices) == 4
        for invoice in invoices:
            (job,) = (numbers[i] for i in invoice.assignment_ids)
            assert invoice.total_excl_vat == job.amount_excl_vat == expected[job.number][0]
            assert invoice.total == expected[job.number][1]
            assert invoice.status is InvoiceStatus.PAID
            assert coop.payments.balance(ADMIN, invoice.number).open == 0
    kinds = sorted(f.path.as_posix() for f in built.month.files if f.kind != "payslip_pdf")
    assert "fakturor/faktura-A2-peppol.xml" in kinds  # the municipality's e-invoice
    assert sum(f.kind == "invoice_pdf" for f in built.month.files) == 4
    for pdf in read(built, "invoice_pdf"):
        assert pdf.startswith(b"%PDF")
    (peppol,) = read(built, "peppol")
    root = etree.fromstring(peppol)
    assert etree.QName(root).localname == "Invoice"


def test_one_payment_arrives_in_a_camt054_file_and_is_imported(built: Built) -> None:
    # demo.toml: the municipality pays invoice A2 (32 500 kr) through its bank on 14
    # December; the demo writes the bank's camt.054 notification and imports it.
    (made,) = (f for f in built.month.files if f.kind == "camt054")
    assert made.path.as_posix() == "bank/camt054-2026-12-14.xml"
    data = (built.folder / made.path).read_bytes()
    (incoming,) = read_camt054(data).transactions
    assert incoming.amount == Decimal("32500.00") and incoming.currency == "SEK"
    with Cooperative.open(built.folder) as coop:
        (a2,) = (i for i in coop.invoices.list(ADMIN) if i.label == "A2")
        assert incoming.structured_references == (a2.payment_reference,)
        payments = coop.payments.list(ADMIN)
        (imported,) = (p for p in payments if p.source == made.path.as_posix())
        assert imported.status is PaymentStatus.MATCHED and imported.invoice_ids == (a2.id,)
        assert imported.paid_on == date(2026, 12, 14) and imported.amount == a2.total
        assert sum(p.source == "manual" for p in payments) == 3  # the others: by OCR
        # The same file again stores nothing (the bank's file may come twice).
        again = coop.payments.import_camt054(ADMIN, data, made.path.as_posix())
        assert again.nothing_new and len(coop.payments.list(ADMIN)) == 4


# -- the payroll run and its files --------------------------------------------------------------


def test_the_run_is_paid_and_pays_what_the_members_had(built: Built) -> None:
    run_ = built.month.run
    assert run_.status is RunStatus.PAID and run_.period == "2026-12"
    assert [s.member_number for s in built.month.payslips] == [1, 3, 5]
    # The treasurer (2) is not paid in it: he approved it.
    assert run_.approved_by == "Bruno Dahl"
    assert run_.payout == sum((s.payout for s in built.month.payslips), Decimal(0))
    # Alva: 60 000 kr invoiced, 6 % fee → a budget of 56 400 kr, as the salary preview of
    # assignment 1 computes it (tests/api/test_cooperative.py): payout 33 523.04.
    assert built.month.payslips[0].payout == Decimal("33523.04")
    # The rate each payslip names is the one charged: Elin (member 5, 23 in 2026) the
    # youth rate 20.81 % on her 9 336.32 (1 942.89), the others the full 31.42 %.
    rates = {s.member_number: s.contribution_rate for s in built.month.payslips}
    assert rates == {1: Decimal("0.3142"), 3: Decimal("0.3142"), 5: Decimal("0.2081")}
    elin = built.month.payslips[2]
    assert (elin.taxable_pay, elin.employer_contributions) == (
        Decimal("9336.32"),
        Decimal("1942.89"),
    )
    with Cooperative.open(built.folder) as coop:
        requests = coop.salary_requests.list(ADMIN)
        assert {r.status.value for r in requests} == {"paid"}


def test_payslip_pdfs_show_the_net_pay(built: Built, tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdfs = read(built, "payslip_pdf")
    assert len(pdfs) == len(built.month.payslips) == 3
    for slip, data in zip(built.month.payslips, pdfs, strict=True):
        path = tmp_path / f"{slip.member_number}.pdf"
        path.write_bytes(data)
        text = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True
        ).stdout.decode("utf-8")
        words = " ".join(text.replace("\u00a0", " ").split())
        net = f"{slip.net_pay:,.2f}".replace(",", " ").replace(".", ",")  # Swedish
        assert net in words, (slip.member_number, net)
        assert slip.name in words


def _box(element: etree._Element, code: str) -> Decimal:
    found = [child for child in element.iter() if child.get("faltkod") == code]
    return Decimal(found[0].text) if found else Decimal(0)


def test_agi_head_sums_equal_the_individual_reports(built: Built) -> None:
    (data,) = read(built, "agi")
    root = etree.fromstring(data)
    content = "agd:Blankett/agd:Blankettinnehall"
    ius = root.findall(f"{content}/agd:IU", NS)
    (hu,) = root.findall(f"{content}/agd:HU", NS)
    assert len(ius) == 3
    # 497 (tax withheld) is the sum of the IUs' 001: 9 392 + 484 + 2 800 = 12 676.
    assert _box(hu, "497") == sum(_box(iu, "001") for iu in ius) == Decimal("12676")
    # 487 (contributions): per rate on the sum of that rate's pay (011), öre dropped:
    # 31.42 % × (42 915 + 5 722) = 15 281.7454 → 15 281 (Alva, Cecilia);
    # 20.81 % × 9 336 = 1 942.8216 → 1 942 (Elin, 23 in 2026: the youth rate).
    # The rates by hand: Elin (born 2003-08-15) is 23 in 2026, under the temporary youth
    # rate of 20.81 % on pay up to 25 000 kr a month (2026-04-01 – 2027-09-30); the others
    # pay the full 31.42 %.
    rate_of = {"200308159805": Decimal("0.2081")}
    bases: dict[Decimal, Decimal] = defaultdict(Decimal)
    for iu in ius:
        person = next(c.text for c in iu.iter() if c.get("faltkod") == "215")
        assert person is not None
        bases[rate_of.get(person, Decimal("0.3142"))] += _box(iu, "011")
    computed = sum(
        ((rate * base).quantize(Decimal(1), rounding=ROUND_DOWN) for rate, base in bases.items()),
        Decimal(0),
    )
    assert _box(hu, "487") == computed == Decimal("17223")


def test_pain001_is_valid_and_pays_the_run(built: Built) -> None:
    (data,) = read(built, "pain001")
    root = etree.fromstring(data)
    version = etree.QName(root).namespace.rsplit(":", 1)[1]
    xsd = shared_folder() / "reference" / "pain001" / f"{version}.xsd"
    if not xsd.is_file():
        pytest.skip(f"{xsd} not found (set KOOPERATIV_SHARED to the shared folder)")
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    assert schema.validate(root), str(schema.error_log)
    ns = {"p": etree.QName(root).namespace}
    control = root.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum", namespaces=ns)
    assert control is not None and Decimal(control) == built.month.run.payout
    amounts = [Decimal(a.text or "") for a in root.iterfind(".//p:InstdAmt", ns)]
    assert sorted(amounts) == sorted(s.payout for s in built.month.payslips)


def test_sie_reads_back_balanced_and_the_ledger_balances(built: Built) -> None:
    (data,) = read(built, "sie")
    sie = read_sie(data, "bokforing-2026.se")  # refuses an unbalanced voucher
    assert not sie.unbalanced
    assert sie.vouchers
    for voucher in sie.vouchers:
        assert sum((t.amount for t in voucher.transactions if t.kind != "removed"), Decimal(0)) == 0
    labels = {v.series for v in sie.vouchers}
    assert "L" in labels or any(v.series.startswith("L") for v in sie.vouchers)  # payroll
    assert built.month.ledger_total == 0
    with Cooperative.open(built.folder) as coop:
        balance = coop.ledger.trial_balance(ADMIN)
        assert balance.total == 0
        assert sum(row.debit for row in balance.rows) > 0


def test_the_month_is_the_same_every_time(built: Built, tmp_path: Path) -> None:
    """Fixed dates, never today's: a second demo writes the same AGI, pain.001 and SIE."""
    folder = tmp_path / "again"
    clock = demo.DemoClock()
    with demo.create(folder, clock=clock) as coop:
        again = demo.run_month(coop, folder, clock=clock)
    assert [f.path for f in again.files] == [f.path for f in built.month.files]
    for made in again.files:
        if made.kind in ("sie", "agi"):
            assert (folder / made.path).read_bytes() == (built.folder / made.path).read_bytes()


# -- the command --------------------------------------------------------------------------------


def test_the_command_lists_every_file_at_80_columns(tmp_path: Path) -> None:
    env = {**os.environ, "COLUMNS": "80"}
    env.pop("KOOPERATIV_LANGUAGE", None)
    done = subprocess.run(
        [sys.executable, "-m", "kooperativ.cli", "demo", "--dir", "d", "--lang", "en"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    for path in (
        "fakturor/faktura-A1.pdf",
        "fakturor/faktura-A2-peppol.xml",
        "lonespecifikationer/2026-12-medlem-1.pdf",
        "filer/agi-2026-12.xml",
        "filer/pain001-2026-12-1.xml",
        "filer/sie/bokforing-2026.se",
        "stamma/protokoll-arsmote-2027.pdf",
        "bank/camt054-2026-12-14.xml",
    ):
        assert path in done.stdout, path
        assert (tmp_path / "d" / path).is_file(), path
    assert "Payroll run 1 for 2026-12, paid on 2026-12-25" in done.stdout
    assert "The ledger balances" in done.stdout
    code, out, err = run("demo", "--dir", str(tmp_path / "d"))  # again: its own folder
    assert code == 0, err
    assert "Bokföringen balanserar" in out and "Lönekörning 1" in out
