"""Travel documents as machines write them (``scan/recognizers/travel.py``): a machine-readable zone
and a boarding pass's bar code data."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mask_core import MaskClient
from mask_core.scan.recognizers.travel import mrz_check_digit

# ICAO Doc 9303's specimens (part 4 and part 5): Anna Maria Eriksson of Utopia.
TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
TD1 = "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"


def test_the_check_digit_is_icao_s() -> None:
    assert mrz_check_digit("L898902C3") == 6
    assert mrz_check_digit("740812") == 2
    assert mrz_check_digit("D23145890") == 7


@pytest.mark.parametrize("zone", [TD3, TD1], ids=["passport", "identity card"])
def test_a_machine_readable_zone_is_protected_whole(
    client: MaskClient, protects: Callable[..., str], zone: str
) -> None:
    text = f"OCR result (MRZ, confidence 0.98):\n{zone}\nChecksum validation: PASS"
    safe = protects(client, text, "ERIKSSON", "ANNA", "740812", "L898902C3", "D23145890")
    assert safe.startswith("OCR result (MRZ, confidence 0.98):\nPASSPORT_")
    assert safe.endswith("\nChecksum validation: PASS")


def test_a_zone_whose_check_digits_fail_is_no_document(client: MaskClient) -> None:
    forged = TD3.replace("L898902C36", "L898902C46")
    assert client.tokenize_text(forged) == forged


def test_a_boarding_pass_s_passenger_is_protected(client: MaskClient, protects: Callable[..., str]) -> None:
    name = "QUORVE/ZYXWVUT".ljust(20)  # the passenger's field is 20 characters wide
    scan = f'gate=B32 data="M1{name}EM1UCKD LHRJFKBA 0175 299Y010D0160 100"'
    safe = protects(client, scan, "QUORVE", "ZYXWVUT")
    assert "EM1UCKD LHRJFKBA 0175" in safe  # the booking's codes and flight stay
