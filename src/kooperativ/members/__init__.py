# SPDX-License-Identifier: EUPL-1.2
"""The member register."""

from kooperativ.members.models import Address, Member, MemberStatus, Role, TaxSettings

__all__ = ["Address", "Member", "MemberStatus", "Role", "TaxSettings"]
