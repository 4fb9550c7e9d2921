"""Tokens: formats, the engine that derives and stores them, and the finder that locates them in text."""

from mask_core.tokens.engine import TokenEngine
from mask_core.tokens.registry import FormatRegistry, TokenFinder

__all__ = ["FormatRegistry", "TokenEngine", "TokenFinder"]
