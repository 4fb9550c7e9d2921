"""Token formats, one module per family. See docs/tokens.md for the rule of each type."""

from mask_core.tokens.formats.base import Parsed, TokenFormat
from mask_core.tokens.formats.national import IbanFormat, NieFormat, NifFormat
from mask_core.tokens.formats.number import NUMBER_NAMESPACE, NumberFormat, number_text
from mask_core.tokens.formats.numeric import AbaFormat, CardFormat, SsnFormat
from mask_core.tokens.formats.phone import PhoneFormat
from mask_core.tokens.formats.text import EmailFormat, IpFormat, PlaceholderFormat

__all__ = [
    "NUMBER_NAMESPACE",
    "AbaFormat",
    "CardFormat",
    "EmailFormat",
    "IbanFormat",
    "IpFormat",
    "NieFormat",
    "NifFormat",
    "NumberFormat",
    "Parsed",
    "PhoneFormat",
    "PlaceholderFormat",
    "SsnFormat",
    "TokenFormat",
    "number_text",
]
