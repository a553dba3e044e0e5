# SPDX-License-Identifier: EUPL-1.2
"""The examples of ``docs/payslips.md`` and ``docs/certificate.md`` run and say what the
code gives."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from kooperativ import Cooperative
from kooperativ.employment.certificate import build_certificate, certificate_json
from kooperativ.rules.country import get_country

from .certificate_samples import ADA, CONTRACTS, HOURS, PAYSLIPS
from .samples import ada_may, long_payslip

DOCS = Path(__file__).resolve().parents[2] / "docs"
pytestmark = pytest.mark.skipif(not DOCS.is_dir(), reason="docs/ not found")


def blocks(page: str, language: str) -> list[str]:
    text = (DOCS / page).read_text("utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


def test_the_payslip_example_runs(tmp_path: Path) -> None:
    folder = Cooperative.init(tmp_path / "coop", "interim_kultur")
    with Cooperative.open(folder) as coop:
        scope = {"coop": coop, "slip": ada_may(), "slips": [ada_may(), long_payslip(5)]}
        exec(blocks("payslips.md", "python")[-1], scope)
    assert scope["pdf"][:5] == b"%PDF-" and scope["run_pdf"][:5] == b"%PDF-"


def test_the_certificate_json_example_is_what_the_code_gives() -> None:
    shown = json.loads(blocks("certificate.md", "json")[0])
    cert = build_certificate(
        member_id=ADA, member_number=7, name="Ada Lund", person_id="198503121234",
        contracts=CONTRACTS, hours=HOURS, payslips=PAYSLIPS, first=date(2026, 3, 1),
        last=date(2026, 6, 30), issued_on=date(2026, 7, 2),
    )  # fmt: skip
    given = json.loads(certificate_json(cert.masked(get_country("SE").mask_person_id)))
    for key in ("member_number", "name", "person_id", "first", "last", "issued_on", "totals"):
        assert shown[key] == given[key], key
    assert shown["periods"][0] == given["periods"][1]  # abridged: contract 2
    assert shown["months"][0] == given["months"][3]  # abridged: June
