# SPDX-License-Identifier: EUPL-1.2
"""Scenario tests as data: TOML cases that travel with a cooperative's folder.

A cooperative keeps hand-worked cases in ``tests/*.toml`` beside its ``cooperative.toml``;
``pytest`` collects each case and checks it against the library, with the fee and payroll
policy taken from the cooperative's own configuration and its ``parameters/`` overrides
(the same path as ``kooperativ salary --coop`` and ``coop.payroll.preview``). A case
names its inputs and the amounts expected, each worked by hand (write the arithmetic in a comment):

```toml
[[salary]]
name = "30 000 kr invoiced, born 1985, table 33 column 1"
invoiced = "30000"
birth_date = 1985-03-12
paid_on = 2026-11-25
tax = "table:33:1"
# member = 3               # the member number: a fee override of [[fees.members]] applies
# invoiced_on = 2026-11-10 # the invoice date decides the fee terms (default: paid_on)

[salary.expect]
fee = "1800.00"
gross_salary = "19158"
```

To collect them, the folder's ``tests/conftest.py`` imports the hook:

```python
from kooperativ.testing import pytest_collect_file  # noqa: F401
```
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kooperativ.config import CONFIG_FILE
from kooperativ.errors import ConfigError, syntax_reason
from kooperativ.payroll import SalaryResult

__all__ = ["CASE_KEYS", "SalaryCase", "ScenarioFile", "pytest_collect_file", "salary_of_case"]


def _cooperative_folder(path: Path) -> Path | None:
    for folder in path.parents:
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Collect ``tests/*.toml`` scenario files that lie inside a cooperative folder."""
    if (
        file_path.suffix == ".toml"
        and file_path.parent.name == "tests"
        and _cooperative_folder(file_path) is not None
    ):
        return ScenarioFile.from_parent(parent, path=file_path)
    return None


class ScenarioFile(pytest.File):
    """A TOML file of scenario cases."""

    def collect(self) -> Iterator[pytest.Item]:
        try:
            data = tomllib.loads(self.path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            template, values = syntax_reason(exc, "TOML")
            raise ConfigError(str(self.path), "", template, **values) from None
        for index, case in enumerate(data.get("salary", [])):
            name = str(case.get("name", f"salary[{index}]"))
            yield SalaryCase.from_parent(self, name=name, case=case)


#: The keys a ``[[salary]]`` case may have besides its name and expected amounts.
CASE_KEYS = (
    "invoiced",
    "budget",
    "gross",
    "net",
    "expenses",
    "fee_rate",
    "member",
    "invoiced_on",
    "birth_date",
    "paid_on",
    "tax",
    "holiday_pay",
    "pension_rate",
    "paid_this_month",
    "paid_this_year",
)


def salary_of_case(folder: Path, case: dict[str, Any], file: str = "tests") -> SalaryResult:
    """The salary of one scenario case, by the cooperative in ``folder``.

    The input is built exactly as ``coop.payroll.preview`` and ``kooperativ salary --coop``
    build theirs (:class:`~kooperativ.services.payroll.PayrollPolicy`): the case's values
    first, then the cooperative's fee and payroll policy, with its parameter overrides.

    Raises:
        ConfigError: A key the case may not have (naming the file and key).
        InputError: A wrong value.
    """
    from kooperativ.services.payroll import PayrollPolicy

    fields = {k: v for k, v in case.items() if k not in ("name", "expect")}
    for key in fields:
        if key not in CASE_KEYS:
            raise ConfigError(
                file, f"salary.{key}", "unknown key (known: {known})", known=", ".join(CASE_KEYS)
            )
    if "paid_on" not in fields:
        raise ConfigError(file, "salary.paid_on", "required key is missing")
    if "member" in fields:  # the member number: the fee policy's overrides apply
        fields["member_number"] = fields.pop("member")
    policy = PayrollPolicy.load(folder)
    return policy.calculate(policy.salary_input(**fields))


class SalaryCase(pytest.Item):
    """One salary calculation compared with hand-worked amounts."""

    def __init__(self, *, case: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        folder = _cooperative_folder(self.path)
        if folder is None:  # pragma: no cover - collection checked it
            raise ConfigError(str(self.path), "", "not inside a cooperative folder")
        result = salary_of_case(folder, self.case, str(self.path))
        problems = []
        for field, expected in self.case.get("expect", {}).items():
            actual = getattr(result, field)
            if Decimal(str(actual)) != Decimal(str(expected)):
                problems.append(f"{field}: expected {expected}, got {actual}")
        if problems:
            raise AssertionError("; ".join(problems))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, AssertionError):
            return f"{self.name}: {excinfo.value}"
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"salary scenario: {self.name}"
