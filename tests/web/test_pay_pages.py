# SPDX-License-Identifier: EUPL-1.2
"""The pay pages through the test client, on memory and SQLite: what an assignment
gives, salary requests, expenses, and the officers' approvals (never their own, a payroll
run only after confirming who they are and only when not paid in it)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from kooperativ import Cooperative
from kooperativ.i18n import format_amount

from .conftest import ADMIN, PASSWORD, PAY_DAY, Clock, csrf_of, link_in_outbox, sign_in

TOVE = "tove@example.se"
PAGES = ["/pay", "/pay/assignments/1", "/expenses", "/approvals"]
#: The forms of the pay pages: (path, fields besides the CSRF token), as Tove.
FORMS: list[tuple[str, dict[str, str]]] = [
    ("/pay/requests", {"pay_date": "2026-12-25", "amount": "100"}),
    ("/expenses/new", {"date": "2026-11-10", "description": "Färg", "amount": "100",
                       "vat": "20", "receipt": "K-1"}),
    ("/approvals/requests/1/approve", {}),
    ("/approvals/expenses/1/reject", {"reason": "Nej"}),
    ("/approvals/runs/2/approve", {"password": PASSWORD}),
]  # fmt: skip


@pytest.fixture(autouse=True)
def earned(coop: Cooperative) -> None:
    """Ada, Bo and Tove have 20 000 kr more on their accounts (a client paid)."""
    for member in (1, 2, 3):
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


def counts(coop: Cooperative) -> tuple[int, int, list[str]]:
    """How many salary requests and expenses there are, and the runs' states."""
    runs = [r.status.value for r in coop.payroll_runs.list(ADMIN)]
    return len(coop.salary_requests.list(ADMIN)), len(coop.expenses.list(ADMIN)), runs


def expense_of(coop: Cooperative, member: int, amount: str = "250.00") -> int:
    return coop.expenses.add(
        ADMIN, member=member, date=date(2026, 11, 10), description="Färg",
        receipt="K-17", amount=amount, vat="50",
    ).number  # fmt: skip


def draft_run(coop: Cooperative, member: int = 3) -> int:
    """A December run paying ``member`` (Bo by default)."""
    request = coop.salary_requests.request(ADMIN, member, date(2026, 12, 25), "1000")
    coop.salary_requests.approve(ADMIN, request.number)
    return coop.payroll_runs.run(ADMIN, "2026-12", date(2026, 12, 25)).number


@pytest.mark.parametrize("path", PAGES)
def test_signed_out_is_sent_to_sign_in(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 303
    assert response.headers["location"] == f"/sign-in?next={path}"


@pytest.mark.parametrize(("path", "fields"), FORMS)
def test_a_form_without_its_csrf_token_is_refused(
    client: TestClient, coop: Cooperative, path: str, fields: dict[str, str]
) -> None:
    expense_of(coop, 2)
    coop.salary_requests.request(ADMIN, 2, date(2026, 12, 25), "100")
    draft_run(coop)
    before = counts(coop)
    sign_in(client, TOVE)
    for data in (fields, {**fields, "csrf": "0" * 64}):
        assert client.post(path, data=data).status_code == 403
    assert counts(coop) == before
    assert [e.status.value for e in coop.expenses.list(ADMIN)] == ["submitted"]


def test_the_preview_shows_invoice_fee_salary_tax_and_payout(
    client: TestClient, coop: Cooperative
) -> None:
    sign_in(client)
    page = client.get("/pay/assignments/1")
    assert page.status_code == 200
    result = coop.payroll.preview(ADMIN, 1)
    text = page.text
    for label in ("Fakturerat", "Kooperativets avgift", "Bruttolön", "Skatt", "Utbetalning"):
        assert label in text
    order = [text.index(label) for label in ("Fakturerat", "avgift", "Bruttolön", "Skatt")]
    assert order == sorted(order)
    job = coop.assignments.get(ADMIN, 1)
    figures = (job.amount_excl_vat, result.fee, result.gross_salary, result.preliminary_tax)
    for figure in (*figures, result.payout):
        assert format_amount(figure, "sv") in text
    assert result.payout < result.gross_salary < job.amount_excl_vat


def test_another_members_assignment_is_not_found(client: TestClient) -> None:
    sign_in(client)
    response = client.get("/pay/assignments/2")  # Bo's
    assert response.status_code == 404
    assert "Bo" not in response.text.split("<main>")[1]


def test_a_member_requests_a_salary_and_sees_it(client: TestClient, coop: Cooperative) -> None:
    sign_in(client)
    page = client.get("/pay")
    assert page.status_code == 200
    available = coop.salary_requests.availability(ADMIN, 2)
    assert "Tillgängligt" in page.text
    response = client.post(
        "/pay/requests",
        data={"pay_date": "2026-12-25", "amount": "1 000,00", "csrf": csrf_of(page.text)},
    )
    assert response.status_code == 303, response.text
    mine = coop.salary_requests.list(ADMIN, member=2)
    assert [(r.pay_date, r.budget, r.status.value) for r in mine][-1] == (
        date(2026, 12, 25),
        available.available.__class__("1000.00"),
        "requested",
    )
    assert "begärt" in client.get("/pay").text


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"pay_date": "2026-12-25", "amount": "-5"}, "amount", "större än noll"),
        ({"pay_date": "25 december", "amount": "100"}, "pay_date", "inget datum"),
        ({"pay_date": "2026-12-25", "amount": "abc"}, "amount", "belopp"),
    ],
)
def test_a_bad_salary_request_is_shown_next_to_its_field_and_writes_nothing(
    client: TestClient, coop: Cooperative, fields: dict[str, str], field: str, words: str
) -> None:
    before = counts(coop)
    sign_in(client)
    token = csrf_of(client.get("/pay").text)
    response = client.post("/pay/requests", data={**fields, "csrf": token})
    assert response.status_code == 400
    problem = re.search(rf'<p class="problem" role="alert" id="problem-{field}">([^<]*)</p>',
                        response.text)  # fmt: skip
    assert problem, response.text
    assert words in problem.group(1)
    assert counts(coop) == before


def test_a_member_hands_in_an_expense_with_a_receipt_file(
    client: TestClient, coop: Cooperative
) -> None:
    sign_in(client)
    token = csrf_of(client.get("/expenses").text)
    response = client.post(
        "/expenses/new",
        data={"date": "2026-11-10", "description": "Färg till scenen", "amount": "1 250,00",
              "vat": "250", "receipt": "", "csrf": token},
        files={"file": ("kvitto.pdf", b"%PDF-1.4 receipt", "application/pdf")},
    )  # fmt: skip
    assert response.status_code == 303, response.text
    (expense,) = coop.expenses.list(ADMIN, member=2)
    assert (expense.amount, expense.vat, expense.status.value) == (
        expense.amount.__class__("1250.00"),
        expense.vat.__class__("250.00"),
        "submitted",
    )
    (stored,) = (Path(coop.folder or ".") / "receipts").iterdir()
    assert expense.receipt == stored.name and stored.suffix == ".pdf"
    assert stored.read_bytes() == b"%PDF-1.4 receipt"
    page = client.get("/expenses").text
    assert "Färg till scenen" in page and "inlämnat" in page


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"date": "2026-11-10", "amount": "-100", "vat": "0"}, "amount", "större än noll"),
        ({"date": "igår", "amount": "100", "vat": "0"}, "date", "inget datum"),
        ({"date": "2026-11-10", "amount": "100", "vat": "150"}, "vat", "moms"),
    ],
)
def test_a_bad_expense_is_shown_next_to_its_field_and_writes_nothing(
    client: TestClient, coop: Cooperative, fields: dict[str, str], field: str, words: str
) -> None:
    sign_in(client)
    token = csrf_of(client.get("/expenses").text)
    data = {"description": "Färg", "receipt": "K-1", **fields, "csrf": token}
    receipt = {"file": ("kvitto.png", b"\x89PNG receipt", "image/png")}
    response = client.post("/expenses/new", data=data, files=receipt)
    assert response.status_code == 400
    problem = re.search(rf'id="problem-{field}">([^<]*)</p>', response.text)
    assert problem, response.text
    assert words in problem.group(1).lower()
    assert coop.expenses.list(ADMIN) == []
    assert not list((Path(coop.folder or ".") / "receipts").glob("*"))


def test_a_member_sees_only_her_own_requests_and_expenses(
    client: TestClient, coop: Cooperative
) -> None:
    expense_of(coop, 3, "777.00")
    sign_in(client)
    assert "777,00" not in client.get("/expenses").text
    assert "Ek" not in client.get("/pay").text.split("<main>")[1]


def test_a_member_cannot_see_or_act_on_the_approvals(client: TestClient, coop: Cooperative) -> None:
    number = expense_of(coop, 3)
    request = coop.salary_requests.request(ADMIN, 3, date(2026, 12, 25), "100")
    run = draft_run(coop)
    before = counts(coop)
    sign_in(client)
    assert client.get("/approvals").status_code == 404
    assert 'href="/approvals"' not in client.get("/pay").text
    token = csrf_of(client.get("/pay").text)
    for path, fields in [
        (f"/approvals/expenses/{number}/approve", {}),
        (f"/approvals/requests/{request.number}/reject", {"reason": "Nej"}),
        (f"/approvals/runs/{run}/approve", {"password": PASSWORD}),
    ]:
        assert client.post(path, data={**fields, "csrf": token}).status_code == 404
    assert counts(coop) == before
    assert coop.expenses.get(ADMIN, number).status.value == "submitted"


def test_the_treasurer_approves_and_rejects_but_never_her_own(
    client: TestClient, coop: Cooperative
) -> None:
    ada = expense_of(coop, 2)
    own = expense_of(coop, 1)
    bo = coop.salary_requests.request(ADMIN, 3, date(2026, 12, 25), "100").number
    sign_in(client, TOVE)
    page = client.get("/approvals")
    assert page.status_code == 200
    token = csrf_of(page.text)
    assert (
        client.post(f"/approvals/expenses/{ada}/approve", data={"csrf": token}).status_code == 303
    )
    assert coop.expenses.get(ADMIN, ada).status.value == "approved"
    answer = client.post(f"/approvals/requests/{bo}/reject", data={"csrf": token, "reason": ""})
    assert answer.status_code == 400
    assert 'id="problem-requests-' in answer.text
    assert coop.salary_requests.get(ADMIN, bo).status.value == "requested"
    rejected = client.post(
        f"/approvals/requests/{bo}/reject", data={"csrf": token, "reason": "För tidigt"}
    )
    assert rejected.status_code == 303
    assert coop.salary_requests.get(ADMIN, bo).reason == "För tidigt"
    refused = client.post(f"/approvals/expenses/{own}/approve", data={"csrf": token})
    assert refused.status_code == 409
    assert f'id="problem-expenses-{own}"' in refused.text
    assert coop.expenses.get(ADMIN, own).status.value == "submitted"
    assert client.post("/approvals/expenses/99/approve", data={"csrf": token}).status_code == 404


def test_approving_a_run_needs_the_password_again(client: TestClient, coop: Cooperative) -> None:
    run = draft_run(coop)
    sign_in(client, TOVE)
    token = csrf_of(client.get("/approvals").text)
    for password in ("", "fel-lösenord"):
        answer = client.post(
            f"/approvals/runs/{run}/approve", data={"csrf": token, "password": password}
        )
        assert answer.status_code == 401
        assert f'id="problem-runs-{run}"' in answer.text
        assert coop.payroll_runs.show(ADMIN, run).status.value == "draft"
    approved = client.post(
        f"/approvals/runs/{run}/approve", data={"csrf": token, "password": PASSWORD}
    )
    assert approved.status_code == 303
    found = coop.payroll_runs.show(ADMIN, run)
    assert (found.status.value, found.approved_by) == ("approved", "Tove Kassör")


def test_a_fresh_sign_in_by_link_is_enough_to_approve_a_run(
    client: TestClient, coop: Cooperative, outbox: Path, clock: Clock
) -> None:
    run = draft_run(coop)
    token = csrf_of(client.get("/sign-in").text)
    client.post("/sign-in/link", data={"email": TOVE, "csrf": token})
    link = link_in_outbox(outbox)
    client.post(link, data={"csrf": csrf_of(client.get(link).text)})
    clock.advance(minutes=11)
    token = csrf_of(client.get("/approvals").text)
    late = client.post(f"/approvals/runs/{run}/approve", data={"csrf": token})
    assert late.status_code == 401
    assert coop.payroll_runs.show(ADMIN, run).status.value == "draft"


def test_an_officer_paid_in_a_run_cannot_approve_it(client: TestClient, coop: Cooperative) -> None:
    run = draft_run(coop, member=1)  # Tove is paid in it
    sign_in(client, TOVE)
    token = csrf_of(client.get("/approvals").text)
    answer = client.post(
        f"/approvals/runs/{run}/approve", data={"csrf": token, "password": PASSWORD}
    )
    assert answer.status_code == 401
    assert "Tove" in answer.text.split(f'id="problem-runs-{run}"')[1].split("</p>")[0]
    assert coop.payroll_runs.show(ADMIN, run).status.value == "draft"


ENGLISH = re.compile(
    r"\b(Pay|Salary|Expense|Expenses|Approve|Reject|Available|Budget\b (?:empty)|Payout|"
    r"Receipt|Status\b:|What|Request|Tax|Gross|Net|Amount|Date|Description|No|Nobody|"
    r"Payroll|requested|submitted|approved|draft)\b"
)


@pytest.mark.parametrize("path", PAGES)
def test_swedish_pages_have_no_english(client: TestClient, coop: Cooperative, path: str) -> None:
    expense_of(coop, 2)
    coop.salary_requests.request(ADMIN, 2, date(2026, 12, 25), "100")
    draft_run(coop)
    sign_in(client, TOVE if path == "/approvals" else "ada@example.se")
    if path == "/approvals":
        pass
    response = client.get(path)
    assert response.status_code == 200
    visible = re.sub(r"<[^>]+>", " ", response.text.split("<body>")[1])
    assert not ENGLISH.findall(visible), ENGLISH.findall(visible)


def test_english_pages_are_english(client: TestClient) -> None:
    client.cookies.set("kooperativ_lang", "en")
    sign_in(client)
    page = client.get("/pay").text
    assert "Request a salary" in page and "Begär" not in page
    assert PAY_DAY  # the fixture's pay day is November's


def test_a_receipt_file_that_is_not_a_pdf_or_image_is_refused(
    client: TestClient, coop: Cooperative
) -> None:
    sign_in(client)
    token = csrf_of(client.get("/expenses").text)
    data = {"date": "2026-11-10", "description": "Färg", "amount": "100", "vat": "20",
            "receipt": "", "csrf": token}  # fmt: skip
    response = client.post(
        "/expenses/new",
        data=data,
        files={"file": ("kvitto.exe", b"MZ", "application/x-msdownload")},
    )
    assert response.status_code == 400
    problem = re.search(r'id="problem-file">([^<]*)</p>', response.text)
    assert problem and "PDF-, JPEG- eller PNG-fil" in problem.group(1)
    assert coop.expenses.list(ADMIN) == []
