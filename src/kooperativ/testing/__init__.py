# SPDX-License-Identifier: EUPL-1.2
"""Test support shipped with kooperativ, for cooperatives and for plug-in authors.

* :mod:`kooperativ.testing.scenarios` — scenario tests as TOML that travel with a
  cooperative's folder (the pytest hook :func:`pytest_collect_file`);
* :mod:`kooperativ.testing.country` — the conformance suite a country package runs
  (subclass ``CountryConformance`` with sample numbers; Sweden and Testland run it);
* :mod:`kooperativ.testing.peppol` — the official EN 16931 and Peppol BIS 3.0 rule sets
  run on a UBL document (needs ``saxonche`` and the compiled stylesheets).

A cooperative's ``tests/conftest.py`` imports the hook:

```python
from kooperativ.testing import pytest_collect_file  # noqa: F401
```
"""

from kooperativ.testing.scenarios import SalaryCase, ScenarioFile, pytest_collect_file

__all__ = ["SalaryCase", "ScenarioFile", "pytest_collect_file"]
