# SPDX-License-Identifier: EUPL-1.2
"""Employment of members: the contract record, signatures, end, hours reports, and the
employer's certificate built from them (*arbetsgivarintyg*).

What is common to every country lives here; what is national law (forms of employment,
written information, time limits, conversion, preferential rights) is the country's
employment law, reached through ``country.employment_law()``
(:class:`kooperativ.rules.employment.EmploymentLaw`).
"""

from kooperativ.employment.certificate import (
    CertificateMonth,
    CertificatePeriod,
    EmploymentCertificate,
    build_certificate,
    certificate_json,
)
from kooperativ.employment.models import (
    EmploymentContract,
    EndReason,
    HolidayPayTerms,
    HoursReport,
    Party,
    PayPart,
    Signature,
    WorkAbroad,
)

__all__ = [
    "CertificateMonth",
    "CertificatePeriod",
    "EmploymentCertificate",
    "EmploymentContract",
    "EndReason",
    "HolidayPayTerms",
    "HoursReport",
    "Party",
    "PayPart",
    "Signature",
    "WorkAbroad",
    "build_certificate",
    "certificate_json",
]
