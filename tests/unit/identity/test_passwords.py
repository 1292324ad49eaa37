"""Password policy checks and temporary password generation."""

from __future__ import annotations

import pytest

from cognigate.identity.errors import InvalidPasswordException
from cognigate.identity.passwords import (
    SYMBOLS,
    PasswordPolicy,
    check_password_policy,
    generate_temporary_password,
)

_PREFIX = "Password did not conform with policy: "


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ab1!", "Password not long enough"),
        ("abcdefg1!", "Password must have uppercase characters"),
        ("ABCDEFG1!", "Password must have lowercase characters"),
        ("Abcdefgh!", "Password must have numeric characters"),
        ("Abcdefgh1", "Password must have symbol characters"),
    ],
)
def test_default_policy_rejects_with_aws_message(password: str, message: str) -> None:
    with pytest.raises(InvalidPasswordException) as caught:
        check_password_policy(PasswordPolicy(), password)

    assert caught.value.message == _PREFIX + message


def test_only_first_failing_rule_is_reported() -> None:
    with pytest.raises(InvalidPasswordException) as caught:
        check_password_policy(PasswordPolicy(), "abc")

    assert caught.value.message == _PREFIX + "Password not long enough"


@pytest.mark.parametrize("password", ["Passw0rd!", "Passw0rd ", "Passw0rd`", "Ünïcode1Aa-"])
def test_default_policy_accepts_conforming_password(password: str) -> None:
    check_password_policy(PasswordPolicy(), password)


@pytest.mark.parametrize("symbol", sorted(SYMBOLS))
def test_every_documented_symbol_counts_as_symbol(symbol: str) -> None:
    check_password_policy(PasswordPolicy(), f"Abcdefg1{symbol}")


@pytest.mark.parametrize("letter", ["É", "ß"])
def test_non_basic_latin_letters_do_not_count_as_letters(letter: str) -> None:
    with pytest.raises(InvalidPasswordException) as caught:
        check_password_policy(PasswordPolicy(), f"{letter}bcdefg1!")

    assert caught.value.message == _PREFIX + "Password must have uppercase characters"


def test_relaxed_policy_accepts_only_long_enough_password() -> None:
    policy = PasswordPolicy(
        minimum_length=6,
        require_uppercase=False,
        require_lowercase=False,
        require_numbers=False,
        require_symbols=False,
    )

    check_password_policy(policy, "aaaaaa")


def test_password_longer_than_256_is_rejected() -> None:
    with pytest.raises(InvalidPasswordException):
        check_password_policy(PasswordPolicy(), "Aa1!" * 65)


@pytest.mark.parametrize(
    "policy",
    [PasswordPolicy(), PasswordPolicy(minimum_length=6), PasswordPolicy(minimum_length=99)],
)
def test_generated_temporary_password_satisfies_policy(policy: PasswordPolicy) -> None:
    for _ in range(50):
        password = generate_temporary_password(policy)

        check_password_policy(policy, password)


def test_generated_temporary_passwords_differ() -> None:
    passwords = {generate_temporary_password(PasswordPolicy()) for _ in range(20)}

    assert len(passwords) == 20
