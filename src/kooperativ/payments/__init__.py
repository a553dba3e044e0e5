# SPDX-License-Identifier: EUPL-1.2
"""Incoming payments on invoices: the stored record (see :mod:`kooperativ.payments.models`)
and the service :class:`kooperativ.services.payments.PaymentService` (``coop.payments``)."""

from kooperativ.payments.models import Payment, PaymentAllocation, PaymentStatus

__all__ = ["Payment", "PaymentAllocation", "PaymentStatus"]
