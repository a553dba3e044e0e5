# SPDX-License-Identifier: EUPL-1.2
"""Sealing secret ballots: each ballot encrypted, in the box, with a key outside the database.

A secret ballot's two halves are kept apart: the meeting record says *who has voted*
(audited, exported, visible to every member), and the ballot box holds the ballots, with a
random id each, no time, no order and no audit event. That alone defeats anyone who reads
the audit trail and the exported records. It does not defeat someone who can read the
database itself *while* votes are cast: a new ballot appearing right after a member's vote
is theirs. So each ballot is **sealed** before it is stored: padded to the same length for
every ballot of the box (the length of the longest possible ballot), then encrypted with
AES-256-GCM under a key kept outside the database, with the box's name as associated
data (a ballot cannot be moved into another box). Only at the count, with the key, is the
box opened: its content becomes part of the meeting record as a sorted multiset and the box
is emptied, in one transaction.

The key is 32 random bytes written as URL-safe base64 (:meth:`BallotSeal.generate_key`),
given to kooperativ in the environment variable ``KOOPERATIV_BALLOT_KEY``, or in a file
named by ``KOOPERATIV_BALLOT_KEY_FILE`` (kept outside the database and its backups). Without
a key, secret ballots still work but are kept unsealed, the record says so
(:attr:`~kooperativ.governance.meeting.BallotBox.sealed`), and the docs' security page says
what that does not protect against.

Examples:
    >>> from kooperativ.governance.voting import Ballot
    >>> seal = BallotSeal.from_text(BallotSeal.generate_key())
    >>> text = seal.seal("meeting-1/election 1", Ballot(item="election 1", choice=("Alva",)), 64)
    >>> text.startswith("sealed:")
    True
    >>> seal.open("meeting-1/election 1", text).choice
    ('Alva',)
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from kooperativ.errors import ConfigError, ConflictError
from kooperativ.governance.findings import item_phrase
from kooperativ.governance.voting import Ballot

__all__ = [
    "KEY_FILE_VARIABLE",
    "KEY_VARIABLE",
    "BallotSeal",
    "open_ballot",
    "plain_ballot",
]

#: The environment variable that holds the ballot key (URL-safe base64 of 32 bytes).
KEY_VARIABLE = "KOOPERATIV_BALLOT_KEY"
#: The environment variable that names a file holding the ballot key.
KEY_FILE_VARIABLE = "KOOPERATIV_BALLOT_KEY_FILE"

_SEALED = "sealed:v1:"
_PLAIN = "plain:"
_KEY_BYTES = 32
_NONCE_BYTES = 12


def _choice_bytes(ballot: Ballot) -> bytes:
    return json.dumps(list(ballot.choice), ensure_ascii=False).encode("utf-8")


def _choice(data: bytes, item: str) -> Ballot:
    try:
        choice = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ConflictError(
            "a ballot in the box of {item} is damaged", item=item_phrase(item)
        ) from None
    if not isinstance(choice, list) or not all(isinstance(name, str) for name in choice):
        raise ConflictError("a ballot in the box of {item} is damaged", item=item_phrase(item))
    return Ballot(item=item, choice=tuple(choice))


def _item(box: str) -> str:
    return box.rpartition("/")[2]


class BallotSeal:
    """Seals and opens ballots with one key (AES-256-GCM).

    Args:
        key: 32 random bytes.

    Raises:
        ConfigError: The key is not 32 bytes.
    """

    def __init__(self, key: bytes) -> None:
        if len(key) != _KEY_BYTES:
            raise ConfigError(
                KEY_VARIABLE,
                "",
                "a ballot key is {size} bytes, not {given}",
                size=_KEY_BYTES,
                given=len(key),
            )
        self._aead = AESGCM(key)
        digest = hmac.new(key, b"kooperativ ballot key id", hashlib.sha256).hexdigest()
        #: A fingerprint of the key (not the key): recorded with a sealed box, so that a
        #: count with another key says so instead of failing to decrypt.
        self.key_id = digest[:16]

    @staticmethod
    def generate_key() -> str:
        """A new random key, as the text to put in ``KOOPERATIV_BALLOT_KEY`` or its file."""
        return base64.urlsafe_b64encode(secrets.token_bytes(_KEY_BYTES)).decode("ascii")

    @classmethod
    def from_text(cls, text: str, source: str = KEY_VARIABLE) -> BallotSeal:
        """The seal of a key written as URL-safe base64.

        Raises:
            ConfigError: The text is not the base64 of 32 bytes (``source`` named).
        """
        try:
            key = base64.urlsafe_b64decode(text.strip().encode("ascii"))
        except (binascii.Error, UnicodeEncodeError, ValueError):
            raise ConfigError(
                source, "", "not a ballot key (URL-safe base64 of 32 bytes)"
            ) from None
        if len(key) != _KEY_BYTES:
            raise ConfigError(
                source,
                "",
                "a ballot key is {size} bytes, not {given}",
                size=_KEY_BYTES,
                given=len(key),
            )
        return cls(key)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> BallotSeal | None:
        """The seal of the key in ``KOOPERATIV_BALLOT_KEY`` or the file ``…_KEY_FILE`` names.

        Returns:
            The seal, or ``None`` when neither variable is set (ballots then stay unsealed).

        Raises:
            ConfigError: The key file cannot be read, or the key is malformed.
        """
        env = os.environ if environ is None else environ
        text = env.get(KEY_VARIABLE, "").strip()
        if text:
            return cls.from_text(text)
        path = env.get(KEY_FILE_VARIABLE, "").strip()
        if not path:
            return None
        try:
            content = Path(path).read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(
                path, "", "the ballot key file cannot be read ({reason})", reason=str(exc)
            ) from None
        return cls.from_text(content, path)

    def seal(self, box: str, ballot: Ballot, size: int) -> str:
        """``ballot`` sealed for ``box``: padded to ``size`` bytes, encrypted, as text.

        Args:
            box: The box's name (the meeting's id and the item): bound to the ciphertext.
            ballot: The ballot.
            size: The length every ballot of this box is padded to.
        """
        data = _choice_bytes(ballot)
        padded = data + b" " * max(size - len(data), 0)  # JSON allows trailing blanks
        nonce = secrets.token_bytes(_NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, padded, box.encode("utf-8"))
        return _SEALED + base64.urlsafe_b64encode(nonce + sealed).decode("ascii")

    def open(self, box: str, text: str) -> Ballot:
        """The ballot sealed in ``text`` for ``box``.

        Raises:
            ConflictError: The text was not sealed with this key for this box, or is damaged.
        """
        item = _item(box)
        if not text.startswith(_SEALED):
            raise ConflictError(
                "a ballot in the box of {item} is not sealed", item=item_phrase(item)
            )
        try:
            raw = base64.urlsafe_b64decode(text[len(_SEALED) :].encode("ascii"))
            data = self._aead.decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], box.encode("utf-8"))
        except (binascii.Error, ValueError, InvalidTag):
            raise ConflictError(
                "a ballot in the box of {item} does not open with this key",
                item=item_phrase(item),
            ) from None
        return _choice(data.rstrip(b" "), item)


def plain_ballot(ballot: Ballot) -> str:
    """``ballot`` as the text of an unsealed box (when no ballot key is configured)."""
    return _PLAIN + _choice_bytes(ballot).decode("utf-8")


def open_ballot(box: str, text: str, seal: BallotSeal | None) -> Ballot:
    """The ballot in ``text`` (sealed or plain) of ``box``.

    Raises:
        ConfigError: The ballot is sealed and no key is given.
        ConflictError: It does not open with the key, or is damaged.
    """
    if text.startswith(_PLAIN):
        return _choice(text[len(_PLAIN) :].encode("utf-8"), _item(box))
    if seal is None:
        raise ConfigError(
            KEY_VARIABLE,
            "",
            "the ballots of {item} are sealed: set the ballot key to count them",
            item=item_phrase(_item(box)),
        )
    return seal.open(box, text)
