# SPDX-License-Identifier: EUPL-1.2
"""The library hashes passwords with argon2id at RFC 9106's second recommended option.

(The other tests hash with a light argon2id to save time: see ``tests/conftest.py``.)
"""

from __future__ import annotations

from argon2 import PasswordHasher, Type, extract_parameters

from kooperativ.services import access


def test_the_library_hashes_with_argon2id_at_rfc_9106s_second_option(
    library_hasher: PasswordHasher,
) -> None:
    found = extract_parameters(library_hasher.hash("korrekt-hästbatteri"))
    # RFC 9106, section 4, second recommended option: t=3, p=4, m=64 MiB (OWASP's floor
    # for argon2id is 19 MiB with t=2).
    assert (found.type, found.time_cost, found.memory_cost, found.parallelism) == (
        Type.ID,
        3,
        65536,
        4,
    )


def test_the_tests_hash_lightly_and_the_library_verifies_either(
    library_hasher: PasswordHasher,
) -> None:
    light = access._HASHER.hash("korrekt-hästbatteri")
    assert extract_parameters(light).memory_cost == 8192
    assert library_hasher.verify(light, "korrekt-hästbatteri")
    assert access._HASHER.verify(library_hasher.hash("ett annat lösen"), "ett annat lösen")
