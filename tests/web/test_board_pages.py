# SPDX-License-Identifier: EUPL-1.2
"""The board's pages through the test client, on memory and SQLite: only for board,
treasurer and admin (404 for anyone else, for a page as for a form); forms with their CSRF
token; a bad value shown next to its field with nothing written; and what each form does
(an approved assignment gets its contract, hours confirmed, an invoice made and paid, a
payroll run computed, paid and sent to the bank as pain.001)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from kooperativ import Cooperative
from kooperativ.members.models import Role
from kooperativ.web.board import fix_page

from .conftest import ADMIN, NOW, PASSWORD, csrf_of, sign_in

TOVE = "tove@example.se"
BANK_FILE = Path(__file__).parent.parent / "bank" / "data" / "bankgirot_v08.xml"
PAGES = [
    "/board",
    "/board/members",
    "/board/assignments",
    "/board/contracts",
    "/board/hours",
    "/board/invoices",
    "/board/payments",
    "/board/runs",
    "/board/invoices/1.pdf",
    "/board/runs/1/pain001.xml",
]
#: Every form of the board pages: (path, fields besides the CSRF token).
FORMS: list[tuple[str, dict[str, str]]] = [
    ("/board/assignments/3/approve", {}),
    ("/board/assignments/3/reject", {}),
    ("/board/contracts/1/sign", {"password": PASSWORD}),
    ("/board/hours/1/confirm", {}),
    ("/board/invoices/new", {"assignment": "1", "issue_date": "2026-11-27"}),
    ("/board/payments/new", {"invoice": "1", "amount": "100", "date": "2026-11-27"}),
    ("/board/payments/1/resolve", {"invoice": "1"}),
    ("/board/payments/import", {}),
    ("/board/invoices/credit", {"invoice": "1", "reason": "Fel belopp"}),
    (
        "/board/members/fees",
        {"member": "2", "year": "2026", "amount": "100", "paid_on": "2026-11-27"},
    ),
    ("/board/runs/new", {"period": "2026-12", "pay_date": "2026-12-25"}),
    ("/board/runs/1/paid", {"paid_on": "2026-11-25"}),
]


@pytest.fixture(autouse=True)
def waiting(coop: Cooperative) -> None:
    """What waits for the board, besides the fixture's two contracts and November's run:

    assignment 3 (Ada's, planned, December), 4 (Tove's, active, with contract 3) and 5
    (Ada's, planned, over in October); hours report 1 (Ada's) and 2 (Tove's own); invoice
    1 of Bo's assignment 2; unmatched payments 1 and 2 from a bank file; an approved
    December salary request of Ada's.
    """
    coop.assignments.add(
        ADMIN, member=2, client=1, description="Ljusdesign", start=date(2026, 12, 1),
        end=date(2026, 12, 20), agreed_amount="12000", status="planned",
    )  # fmt: skip
    coop.assignments.add(
        ADMIN, member=1, client=1, description="Kassabok", start=date(2026, 11, 2),
        end=date(2026, 11, 20), agreed_amount="5000",
    )  # fmt: skip
    coop.contracts.create(ADMIN, assignment=4, made_on=date(2026, 10, 20))
    coop.assignments.add(
        ADMIN, member=2, client=1, description="Affisch", start=date(2026, 10, 1),
        end=date(2026, 10, 20), agreed_amount="3000", status="planned",
    )  # fmt: skip
    coop.employment.add_hours(ADMIN, assignment=1, month=date(2026, 11, 1), hours="37.5")
    coop.employment.add_hours(ADMIN, assignment=4, month=date(2026, 11, 1), hours="8")
    coop.invoices.create(ADMIN, assignments=[2], issue_date=date(2026, 11, 21))
    coop.payments.import_camt054(ADMIN, BANK_FILE.read_bytes(), "bankgirot.xml")
    for member in (1, 2):  # a client paid: Tove and Ada have 20 000 kr more to draw on
        coop.ledger.book(
            ADMIN,
            {
                "series": "M",
                "date": date(2026, 11, 26),
                "text": "Andel av faktura",
                "lines": [
                    {"account": 1930, "amount": "20000.00"},
                    {"account": 2890, "amount": "-20000.00", "member": member},
                ],
            },
        )
    request = coop.salary_requests.request(ADMIN, 2, date(2026, 12, 25), "1000")
    coop.salary_requests.approve(ADMIN, request.number)


def written(coop: Cooperative) -> tuple[Any, ...]:
    """What the board's forms change, as it stands."""
    return (
        [(a.number, a.status.value) for a in coop.assignments.list(ADMIN)],
        [(c.number, c.signed_by_employer) for c in coop.contracts.list(ADMIN)],
        [(h.number, h.confirmed_by) for h in coop.employment.list_hours(ADMIN)],
        [(i.number, i.status.value) for i in coop.invoices.list(ADMIN)],
        [(p.number, p.status.value) for p in coop.payments.list(ADMIN)],
        [(r.number, r.status.value) for r in coop.payroll_runs.list(ADMIN)],
        [(f.number, f.year) for f in coop.governance.fees(ADMIN)],
    )


def token_of(client: TestClient, email: str = TOVE, page: str = "/board") -> str:
    sign_in(client, email)
    response = client.get(page if email == TOVE else "/")
    return csrf_of(response.text)


def main_of(html: str) -> str:
    return html.split("<main>")[1]


# -- who may come in ---------------------------------------------------------------------


def test_signed_out_is_sent_to_sign_in(client: TestClient) -> None:
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 303
        assert response.headers["location"] == f"/sign-in?next={path}"


def test_a_plain_member_finds_nothing_under_board(client: TestClient, coop: Cooperative) -> None:
    before = written(coop)
    token = token_of(client, "ada@example.se")
    assert 'href="/board"' not in client.get("/").text
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 404, path
        shown = main_of(response.text)
        assert "Tove" not in shown and "Stadsteatern" not in shown and "Ek" not in shown
    for path, fields in FORMS:
        assert client.post(path, data={**fields, "csrf": token}).status_code == 404, path
    assert written(coop) == before


def test_a_form_without_its_csrf_token_is_refused(client: TestClient, coop: Cooperative) -> None:
    before = written(coop)
    sign_in(client, TOVE)
    for path, fields in FORMS:
        for data in (fields, {**fields, "csrf": "0" * 64}):
            assert client.post(path, data=data).status_code == 403, path
    assert written(coop) == before


def test_unknown_records_are_not_found(client: TestClient, coop: Cooperative) -> None:
    token = token_of(client)
    for path in ("/board/invoices/99.pdf", "/board/runs/99/pain001.xml"):
        assert client.get(path).status_code == 404
    before = written(coop)
    for path, fields in [
        ("/board/assignments/99/approve", {}),
        ("/board/contracts/99/sign", {"password": PASSWORD}),
        ("/board/hours/99/confirm", {}),
        ("/board/payments/99/resolve", {"invoice": "1"}),
        ("/board/payments/nonsense/resolve", {"invoice": "1"}),
        ("/board/runs/99/paid", {"paid_on": "2026-11-25"}),
    ]:
        assert client.post(path, data={**fields, "csrf": token}).status_code == 404, path
    assert written(coop) == before


# -- bad input ---------------------------------------------------------------------------

PAYMENT = {"invoice": "1", "ocr": "", "amount": "100", "date": "2026-11-27"}
RUN = {"period": "2026-12", "pay_date": "2026-12-25"}


#: Bad values of every form: (path, fields, the field whose message is expected, words
#: of the message in Swedish).
BAD: list[tuple[str, dict[str, str], str, str]] = [
    ("/board/invoices/new", {"assignment": ""}, "assignment", "ange numret"),
    ("/board/invoices/new", {"assignment": "ett"}, "assignment", "inget nummer"),
    ("/board/invoices/new", {"assignment": "99"}, "assignment", "inget uppdrag 99"),
    ("/board/invoices/new", {"assignment": "1", "issue_date": "2026-13-01"}, "issue_date",
     "inget datum"),
    ("/board/payments/new", {**PAYMENT, "invoice": ""}, "invoice", "OCR-nummer"),
    ("/board/payments/new", {**PAYMENT, "invoice": "99"}, "invoice", "ingen faktura 99"),
    ("/board/payments/new", {**PAYMENT, "invoice": "", "ocr": "12345"}, "ocr",
     "ingen öppen faktura"),
    ("/board/payments/new", {**PAYMENT, "invoice": "", "ocr": "A-12"}, "ocr",
     "inget OCR-nummer"),
    ("/board/payments/new", {**PAYMENT, "amount": ""}, "amount", "belopp"),
    ("/board/payments/new", {**PAYMENT, "amount": "-100"}, "amount", "mer än noll"),
    ("/board/payments/new", {**PAYMENT, "amount": "0"}, "amount", "mer än noll"),
    ("/board/payments/new", {**PAYMENT, "amount": "mycket"}, "amount", "belopp"),
    ("/board/payments/new", {**PAYMENT, "date": ""}, "date", "datum"),
    ("/board/payments/new", {**PAYMENT, "date": "igår"}, "date", "inget datum"),
    ("/board/runs/new", {**RUN, "period": ""}, "period", "löneperiod"),
    ("/board/runs/new", {**RUN, "period": "2026-13"}, "period", "ÅÅÅÅ-MM"),
    ("/board/runs/new", {**RUN, "period": "december"}, "period", "ÅÅÅÅ-MM"),
    ("/board/runs/new", {**RUN, "pay_date": ""}, "pay_date", "datum"),
    ("/board/runs/new", {**RUN, "pay_date": "25/12"}, "pay_date", "inget datum"),
    ("/board/runs/new", {"period": "2027-03", "pay_date": "2027-03-25"}, "period",
     "löneuttag"),
    ("/board/runs/1/paid", {"paid_on": ""}, "paid_on-1", "datum"),
    ("/board/runs/1/paid", {"paid_on": "2026-02-30"}, "paid_on-1", "inget datum"),
]  # fmt: skip


@pytest.mark.parametrize(
    "form", ["/board/invoices/new", "/board/payments/new", "/board/runs/new", "/board/runs/1/paid"]
)
def test_a_bad_value_is_shown_next_to_its_field_and_writes_nothing(
    client: TestClient, coop: Cooperative, form: str
) -> None:
    before = written(coop)
    token = token_of(client)
    cases = [case for case in BAD if case[0] == form]
    assert cases
    for path, fields, field, words in cases:
        response = client.post(path, data={**fields, "csrf": token})
        assert response.status_code == 400, (fields, response.text)
        problem = re.search(
            rf'<p class="problem" role="alert" id="problem-{field}">([^<]*)</p>', response.text
        )
        assert problem, (fields, response.text)
        assert words.lower() in problem.group(1).lower(), (fields, problem.group(1))
        input_tag = re.search(rf'<input id="{field}" name="[a-z_]+"[^>]*>', response.text)
        assert input_tag and f"problem-{field}" in input_tag.group(0), fields
        assert f'<label for="{field}">' in response.text
    assert written(coop) == before


@pytest.mark.parametrize(("invoice", "words"), [("", "ange fakturans nummer"), ("99", "99")])
def test_allocating_a_payment_to_no_invoice_is_shown_at_the_payment(
    client: TestClient, coop: Cooperative, invoice: str, words: str
) -> None:
    before = written(coop)
    token = token_of(client)
    response = client.post("/board/payments/1/resolve", data={"invoice": invoice, "csrf": token})
    assert response.status_code == 400
    problem = re.search(r'id="problem-payment-1">([^<]*)</p>', response.text)
    assert problem and words in problem.group(1)
    assert 'aria-describedby="problem-payment-1"' in response.text
    assert written(coop) == before


# -- what the forms do -------------------------------------------------------------------


def test_approving_an_assignment_makes_it_active_with_its_draft_contract(
    client: TestClient, coop: Cooperative
) -> None:
    token = token_of(client)
    page = client.get("/board/assignments").text
    assert page.index("Ljusdesign") < page.index("Scenografi")  # planned first
    response = client.post("/board/assignments/3/approve", data={"csrf": token})
    assert response.status_code == 303, response.text
    job = coop.assignments.get(ADMIN, 3)
    assert job.status.value == "active"
    (contract,) = [c for c in coop.contracts.list(ADMIN) if job.id in c.assignment_ids]
    assert (contract.made_on, contract.signed_by_employer) == (NOW.date(), None)
    rejected = client.post("/board/assignments/5/reject", data={"csrf": token})
    assert rejected.status_code == 303
    assert coop.assignments.get(ADMIN, 5).status.value == "cancelled"


def test_an_assignment_whose_contract_cannot_be_made_stays_planned(
    client: TestClient, coop: Cooperative
) -> None:
    before = written(coop)
    token = token_of(client)
    response = client.post("/board/assignments/5/approve", data={"csrf": token})
    assert response.status_code == 400
    problem = re.search(r'id="problem-assignment-5">([^<]*)</p>', response.text)
    assert problem and "2026-10-20" in problem.group(1)
    assert written(coop) == before


def test_the_treasurer_signs_for_the_employer_after_her_password(
    client: TestClient, coop: Cooperative
) -> None:
    token = token_of(client)
    for password in ("", "fel-lösenord"):
        answer = client.post("/board/contracts/1/sign", data={"password": password, "csrf": token})
        assert answer.status_code == 401
        assert 'id="problem-contract-1"' in answer.text
    assert coop.contracts.get(ADMIN, 1).signed_by_employer is None
    signed = client.post("/board/contracts/1/sign", data={"password": PASSWORD, "csrf": token})
    assert signed.status_code == 303
    contract = coop.contracts.get(ADMIN, 1)
    (signature,) = [s for s in contract.signatures if s.party.value == "employer"]
    assert (signature.name, contract.signed_by_employer) == ("Tove Kassör", NOW)
    assert "Tove Kassör" in client.get("/board/contracts").text


def test_nobody_signs_their_own_contract_for_the_employer(
    client: TestClient, coop: Cooperative
) -> None:
    token = token_of(client)
    answer = client.post("/board/contracts/3/sign", data={"password": PASSWORD, "csrf": token})
    assert answer.status_code == 403
    problem = re.search(r'id="problem-contract-3">([^<]*)</p>', answer.text)
    assert problem and "Tove Kassör" in problem.group(1)
    assert coop.contracts.get(ADMIN, 3).signed_by_employer is None


def test_the_treasurer_confirms_hours_but_not_her_own(
    client: TestClient, coop: Cooperative
) -> None:
    token = token_of(client)
    page = client.get("/board/hours")
    assert page.status_code == 200
    assert '<td class="num">37,5</td>' in page.text  # hours as written in Swedish
    assert client.post("/board/hours/1/confirm", data={"csrf": token}).status_code == 303
    (report, _own) = coop.employment.list_hours(ADMIN)
    assert report.confirmed_by == "Tove Kassör"
    refused = client.post("/board/hours/2/confirm", data={"csrf": token})
    assert refused.status_code == 403
    problem = re.search(r'id="problem-hours-2">([^<]*)</p>', refused.text)
    assert problem and "egna" in problem.group(1)
    assert coop.employment.list_hours(ADMIN)[1].confirmed_by is None
    again = client.post("/board/hours/1/confirm", data={"csrf": token})
    assert again.status_code == 409 and 'id="problem-hours-1"' in again.text


def test_an_invoice_bills_the_assignment_with_vat_and_is_paid(
    client: TestClient, coop: Cooperative
) -> None:
    token = token_of(client)
    made = client.post("/board/invoices/new", data={"assignment": "1", "csrf": token})
    assert made.status_code == 303, made.text
    invoice = coop.invoices.list(ADMIN)[-1]
    job = coop.assignments.get(ADMIN, 1)
    (vat_line,) = invoice.vat
    vat = (vat_line.base * vat_line.rate).quantize(Decimal("0.01"))
    assert invoice.total_excl_vat == vat_line.base == job.amount_excl_vat == Decimal("30000.00")
    assert vat == vat_line.vat == invoice.total_vat == Decimal("7500.00")  # 25 %
    assert invoice.total == job.amount_excl_vat + vat + invoice.rounding
    assert invoice.issue_date == NOW.date()
    again = client.post("/board/invoices/new", data={"assignment": "1", "csrf": token})
    assert again.status_code == 409 and 'id="problem-assignment"' in again.text
    pdf = client.get(f"/board/invoices/{invoice.number}.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert client.get(f"/board/invoices/{invoice.number}.xml").status_code == 404  # no Peppol
    paid = client.post(
        "/board/payments/new",
        data={"invoice": "", "ocr": invoice.payment_reference, "amount": "37 500,00",
              "date": "2026-11-30", "csrf": token},
    )  # fmt: skip
    assert paid.status_code == 303, paid.text
    assert coop.invoices.get(ADMIN, invoice.number).status.value == "paid"
    assert coop.payments.list(ADMIN)[-1].status.value == "matched"


def test_an_invoice_credited_in_full_frees_its_assignment_for_a_new_invoice(
    client: TestClient, coop: Cooperative
) -> None:
    token = token_of(client)
    original = coop.invoices.get(ADMIN, 1)
    before = main_of(client.get("/board/invoices").text)
    assert "uppdrag 2 (" not in before.split('<form method="post" action="/board/invoices/new">')[0]
    answer = client.post(
        "/board/invoices/credit",
        data={"invoice": original.label, "reason": "Fel belopp", "credit_date": "2026-11-28",
              "csrf": token},
    )  # fmt: skip
    assert answer.status_code == 303, answer.text
    assert coop.invoices.get(ADMIN, 1).status.value == "credited"
    note = coop.invoices.list(ADMIN)[-1]
    assert (note.kind.value, note.credits_number, note.issue_date) == (
        "credit_note",
        original.number,
        date(2026, 11, 28),
    )
    assert note.total == original.total  # the whole invoice, as a positive figure
    page = client.get("/board/invoices").text
    assert f'id="invoice-{note.number}"' in page
    ready = main_of(page).split('<form method="post" action="/board/invoices/new">')[0]
    assert "uppdrag 2 (" in ready  # the assignment may be invoiced anew
    again = client.post(
        "/board/invoices/credit", data={"invoice": "1", "reason": "Igen", "csrf": token}
    )
    assert again.status_code == 409
    problem = re.search(r'id="problem-invoice">([^<]*)</p>', again.text)
    assert problem and "redan krediterad" in problem.group(1)


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"invoice": "", "reason": "Fel"}, "invoice", "ange fakturans nummer"),
        ({"invoice": "99", "reason": "Fel"}, "invoice", "99"),
        ({"invoice": "1", "reason": " "}, "reason", "varför"),
        ({"invoice": "1", "reason": "Fel", "credit_date": "28/11"}, "credit_date", "28/11"),
    ],
)
def test_a_bad_credit_is_shown_next_to_its_field_and_writes_nothing(
    client: TestClient, coop: Cooperative, fields: dict[str, str], field: str, words: str
) -> None:
    token = token_of(client)
    before = written(coop)
    answer = client.post("/board/invoices/credit", data={**fields, "csrf": token})
    assert answer.status_code == 400
    problem = re.search(rf'id="problem-{field}">([^<]*)</p>', answer.text)
    assert problem and words in problem.group(1), answer.text
    assert written(coop) == before


def test_a_client_that_takes_peppol_gets_the_xml(client: TestClient, coop: Cooperative) -> None:
    coop.clients.update(ADMIN, 1, peppol_id="0007:5560360793")
    token = token_of(client)
    assert (
        client.post("/board/invoices/new", data={"assignment": "1", "csrf": token}).status_code
        == 303
    )
    number = coop.invoices.list(ADMIN)[-1].number
    assert f'href="/board/invoices/{number}.xml"' in client.get("/board/invoices").text
    xml = client.get(f"/board/invoices/{number}.xml")
    assert xml.status_code == 200 and b"<cbc:ID>" in xml.content


def test_a_payment_by_invoice_number_and_an_unmatched_one_allocated(
    client: TestClient, coop: Cooperative
) -> None:
    token = token_of(client)
    invoice = coop.invoices.get(ADMIN, 1)
    part = client.post("/board/payments/new", data={**PAYMENT, "csrf": token})
    assert part.status_code == 303, part.text
    assert coop.invoices.get(ADMIN, 1).status.value == "partly_paid"
    page = client.get("/board/payments").text
    assert invoice.payment_reference in page  # among the open items
    (loose, *_) = coop.payments.unmatched(ADMIN)
    resolved = client.post(
        f"/board/payments/{loose.number}/resolve", data={"invoice": invoice.label, "csrf": token}
    )
    assert resolved.status_code == 303, resolved.text
    found = coop.payments.get(ADMIN, loose.number)
    assert found.status.value == "resolved"
    assert [a.invoice for a in found.allocations] == [invoice.label]


def test_a_run_is_computed_approved_sent_to_the_bank_and_marked_paid(
    client: TestClient, coop: Cooperative
) -> None:
    token = token_of(client)
    made = client.post("/board/runs/new", data={**RUN, "csrf": token})
    assert made.status_code == 303, made.text
    run = coop.payroll_runs.list(ADMIN)[-1]
    assert (run.period, run.status.value) == ("2026-12", "draft")
    page = client.get("/board/runs").text
    assert f'href="/approvals#run-{run.number}"' in page
    assert client.get(f"/board/runs/{run.number}/pain001.xml").status_code == 409
    coop.payroll_runs.approve(coop.actor_for_member(1), run.number)
    pain = client.get(f"/board/runs/{run.number}/pain001.xml")
    assert pain.status_code == 200
    space = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
    total = ET.fromstring(pain.content).find(".//p:GrpHdr/p:CtrlSum", space)
    assert total is not None and Decimal(total.text or "") == run.payout
    paid = client.post(
        f"/board/runs/{run.number}/paid", data={"paid_on": "2026-12-24", "csrf": token}
    )
    assert paid.status_code == 303, paid.text
    assert coop.payroll_runs.show(ADMIN, run.number).status.value == "paid"
    twice = client.post(
        f"/board/runs/{run.number}/paid", data={"paid_on": "2026-12-24", "csrf": token}
    )
    assert twice.status_code == 409 and f'id="problem-paid_on-{run.number}"' in twice.text


def test_a_run_one_is_paid_in_says_someone_else_must_approve_it(
    client: TestClient, coop: Cooperative
) -> None:
    request = coop.salary_requests.request(ADMIN, 1, date(2026, 12, 25), "500")
    coop.salary_requests.approve(ADMIN, request.number)
    run = coop.payroll_runs.run(ADMIN, "2026-12", date(2026, 12, 25))
    sign_in(client, TOVE)
    page = client.get("/board/runs").text
    note = re.search(rf'id="paid-in-{run.number}">([^<]*)</p>', page)
    assert note and "någon annan" in note.group(1)
    assert f'href="/approvals#run-{run.number}"' not in page


# -- the overview and the register -------------------------------------------------------


def test_the_overview_shows_what_waits_and_the_check_with_links(
    client: TestClient, coop: Cooperative
) -> None:
    coop.assignments.add(
        ADMIN, member=3, client=1, description="Utan avtal", start=date(2026, 11, 2),
        end=date(2026, 11, 20), agreed_amount="1000",
    )  # fmt: skip
    sign_in(client, TOVE)
    assert 'href="/board"' in client.get("/").text
    page = client.get("/board")
    assert page.status_code == 200
    text = page.text
    for count in ("2 planerade uppdrag", "3 avtal", "2 timrapporter", "1 öppen faktura",
                  "2 ej avstämda inbetalningar", "1 godkänd lönekörning"):  # fmt: skip
        assert count in text, count
    for page in ("members", "assignments", "contracts", "hours", "invoices", "payments", "runs",
                 "meetings"):  # fmt: skip
        href = f"/board/{page}"
        assert f'href="{href}"' in text
    row = re.search(r"<li><strong>fel</strong>, uppdrag 6: ([^<]*)\n<a href=\"([^\"]*)\"", text)
    assert row, text
    assert row.group(1) == "inget anställningsavtal" and row.group(2) == "/board/assignments"


def test_a_finding_links_to_where_it_is_put_right() -> None:
    assert fix_page("assignment.no_contract") == "/board/assignments"
    assert fix_page("hours.unconfirmed") == "/board/hours"
    assert fix_page("notice.late") == "/board/meetings"
    assert fix_page("something.new") == "/board"
    assert fix_page("") == "/board"


def test_the_register_masks_personal_data(client: TestClient, coop: Cooperative) -> None:
    sign_in(client, TOVE)
    page = client.get("/board/members").text
    for name in ("Tove Kassör", "Ada Lind", "Bo Ek", "ada@example.se", "kassör"):
        assert name in page
    assert "198503129804" not in page and "19850312-9804" not in page
    assert coop.mask_person_id("198503129804") in page
    assert "5001-1234563" not in page
    assert coop.mask_bank_account("5001-1234563") in page


# -- languages ---------------------------------------------------------------------------

ENGLISH = re.compile(
    r"\b(Board|Members|Assignments?|Contracts?|Hours|Invoices?|Payments?|Payroll|Runs?|"
    r"Approve|Reject|Sign|Confirm|Register|Compute|Number|Name|Roles|Client|"
    r"Amount|Paid|Open|Total|Due|Where|Severity|What|No|Nobody|planned|active|"
    r"completed|cancelled|issued|matched|unmatched|draft|approved|treasurer|member|"
    r"error|warning|not yet|Go to)\b"
)


def test_swedish_pages_have_no_english(client: TestClient) -> None:
    sign_in(client, TOVE)
    for path in PAGES[:8]:
        response = client.get(path)
        assert response.status_code == 200
        visible = re.sub(r"<[^>]+>", " ", response.text.split("<body>")[1])
        assert not ENGLISH.findall(visible), (path, ENGLISH.findall(visible))


def test_english_pages_are_english(client: TestClient) -> None:
    client.cookies.set("kooperativ_lang", "en")
    sign_in(client, TOVE)
    page = client.get("/board").text
    assert "What waits" in page and ">Board<" in page and "Styrelsen" not in page
    runs = client.get("/board/runs").text
    assert "Compute a payroll run" in runs and "Lönekörningar" not in runs


def test_a_board_member_who_is_not_treasurer_is_told_what_is_the_treasurers(
    client: TestClient, coop: Cooperative
) -> None:
    coop.members.set_roles(ADMIN, 3, frozenset({Role.BOARD}))  # Bo joins the board
    before = written(coop)
    sign_in(client, "bo@example.se")
    token = csrf_of(client.get("/board").text)
    hours = client.post("/board/hours/1/confirm", data={"csrf": token})
    assert hours.status_code == 403 and 'id="problem-hours-1"' in hours.text
    payment = client.post("/board/payments/new", data={**PAYMENT, "csrf": token})
    assert payment.status_code == 403
    problem = re.search(r'id="problem-invoice">([^<]*)</p>', payment.text)
    assert problem and "kassör" in problem.group(1)
    upload = {"file": ("bank.xml", BANK_FILE.read_bytes(), "application/xml")}
    imported = client.post("/board/payments/import", data={"csrf": token}, files=upload)
    assert imported.status_code == 403
    problem = re.search(r'id="problem-file">([^<]*)</p>', imported.text)
    assert problem and "kassör" in problem.group(1)
    assert written(coop) == before


# -- the bank's file ---------------------------------------------------------------------


def bank_file(coop: Cooperative, invoice: int, amount: str | None = None) -> bytes:
    """A camt.054 notification paying invoice ``invoice`` (its open amount by default) by
    its OCR reference."""
    from datetime import datetime

    from kooperativ.demo import camt054_notification

    item = coop.invoices.get(ADMIN, invoice)
    paid = Decimal(amount) if amount is not None else item.total
    return camt054_notification(
        message_id="WEB-1",
        created=datetime(2026, 11, 27, 7),
        account="5555-5555",
        payments=[(item.payment_reference, paid, "Stadsteatern AB", date(2026, 11, 27))],
    )


def test_the_treasurer_imports_the_banks_file_and_again_changes_nothing(
    client: TestClient, coop: Cooperative
) -> None:
    token = token_of(client)
    data = bank_file(coop, 1)
    upload = {"file": ("C:\\Hämtade filer\\camt054-nov.xml", data, "application/xml")}
    answer = client.post("/board/payments/import", data={"csrf": token}, files=upload)
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == (
        "/board/payments?file=camt054-nov.xml&matched=1&unmatched=0&before=0#import"
    )
    assert coop.invoices.get(ADMIN, 1).status.value == "paid"
    (payment,) = [p for p in coop.payments.list(ADMIN) if p.source == "camt054-nov.xml"]
    assert payment.status.value == "matched" and payment.amount == coop.invoices.get(ADMIN, 1).total
    page = client.get(answer.headers["location"]).text
    status = re.search(r'<p role="status">([^<]*)</p>', page)
    assert status and status.group(1) == (
        "camt054-nov.xml: 1 avstämda, 0 ej avstämda, 0 importerade tidigare."
    )
    before = written(coop)
    again = client.post("/board/payments/import", data={"csrf": token}, files=upload)
    assert again.headers["location"] == (
        "/board/payments?file=camt054-nov.xml&matched=0&unmatched=0&before=1#import"
    )
    assert written(coop) == before


@pytest.mark.parametrize(
    ("upload", "words"),
    [
        (None, "välj bankens camt.054-fil"),
        (("bank.xml", b"<not-xml", "application/xml"), "bank.xml"),
        (("bank.xml", b"<a/>" + b" " * (5 * 1024 * 1024), "application/xml"), "större än 5 MB"),
    ],
)
def test_a_bad_bank_file_is_shown_next_to_the_field_and_writes_nothing(
    client: TestClient, coop: Cooperative, upload: Any, words: str
) -> None:
    token = token_of(client)
    before = written(coop)
    files = {"file": upload} if upload is not None else None
    answer = client.post("/board/payments/import", data={"csrf": token}, files=files)
    assert answer.status_code == 400
    problem = re.search(r'id="problem-file">([^<]*)</p>', answer.text)
    assert problem and words in problem.group(1), answer.text
    assert 'aria-invalid="true"' in re.search(r'<input id="file"[^>]*>', answer.text).group(0)
    assert '<p role="status">' not in answer.text
    assert written(coop) == before


def test_the_payments_page_ignores_a_made_up_import_summary(client: TestClient) -> None:
    token_of(client)
    page = client.get("/board/payments?file=x.xml&matched=lots&unmatched=0&before=0").text
    assert '<p role="status">' not in page


# -- membership fees ---------------------------------------------------------------------

FEE = {"member": "2", "year": "2026", "amount": "200", "paid_on": "2026-11-20"}


def test_the_treasurer_records_a_membership_fee_and_the_register_shows_it(
    client: TestClient, coop: Cooperative
) -> None:
    token = token_of(client)
    page = client.get("/board/members").text
    assert '<th scope="col">Avgift 2026</th>' in page
    assert page.count("<td>ej betald</td>") == 3
    assert 'id="year" name="year" type="text" value="2026"' in page  # this year, filled in
    answer = client.post("/board/members/fees", data={**FEE, "csrf": token})
    assert answer.status_code == 303, answer.text
    (fee,) = coop.governance.fees(ADMIN)
    ada = coop.members.get(ADMIN, 2)
    assert (fee.member_id, fee.year, fee.amount, fee.paid_on) == (
        ada.id,
        2026,
        Decimal("200"),
        date(2026, 11, 20),
    )
    page = client.get("/board/members").text
    row = re.search(r"<tr><td>2</td>.*?</tr>", page)
    assert row and row.group(0).endswith("<td>20 nov. 2026</td></tr>"), row
    assert page.count("<td>ej betald</td>") == 2
    again = client.post("/board/members/fees", data={**FEE, "csrf": token})
    assert again.status_code == 409
    problem = re.search(r'id="problem-member">([^<]*)</p>', again.text)
    assert problem and "redan registrerad" in problem.group(1)


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"member": ""}, "member", "ange"),
        ({"member": "99"}, "member", "ingen medlem 99"),
        ({"year": "20x6"}, "year", "inget årtal"),
        ({"year": ""}, "year", "ange året"),
        ({"amount": ""}, "amount", "ange"),
        ({"amount": "-5"}, "amount", "negativ"),
        ({"paid_on": "20/11"}, "paid_on", "20/11"),
    ],
)
def test_a_bad_fee_is_shown_next_to_its_field_and_writes_nothing(
    client: TestClient, coop: Cooperative, changes: dict[str, str], field: str, words: str
) -> None:
    token = token_of(client)
    before = written(coop)
    answer = client.post("/board/members/fees", data={**FEE, **changes, "csrf": token})
    assert answer.status_code == 400
    problem = re.search(rf'id="problem-{field}">([^<]*)</p>', answer.text)
    assert problem and words in problem.group(1), answer.text
    assert written(coop) == before
