# SPDX-License-Identifier: EUPL-1.2
"""Swedish employment law: LAS (lag 1982:80 om anställningsskydd) and holiday pay.

Core reaches it through ``Sweden().employment_law()``, a :class:`SwedishEmploymentLaw`
implementing :class:`kooperativ.rules.employment.EmploymentLaw`. The modules:

* :mod:`.forms` — the forms of employment (LAS 4–6 §§), AVA included;
* :mod:`.information` — the written information of 6 c § and its deadlines;
* :mod:`.validation` — lawful forms, periods and holiday pay (LAS 5–6 §§, Semesterlag 5 §);
* :mod:`.counting` — days of employment time, the three-contracts rule (3 §);
* :mod:`.limits` — the figures and paragraphs of each limit;
* :mod:`.preference` — the preferential rights to re-employment (25 §);
* :mod:`.time` — a member's employment time measured against all of them;
* :mod:`.defaults` — the default terms the law gives a new contract.
"""

from kooperativ.countries.se.employment.forms import FORMS, EmploymentType
from kooperativ.countries.se.employment.law import SwedishEmploymentLaw

__all__ = ["FORMS", "EmploymentType", "SwedishEmploymentLaw"]
