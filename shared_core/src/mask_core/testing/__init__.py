"""Test helpers shipped with mask-core: a fake clock, a PII corpus, and shared conformance suites.

Framework packages and vault backends subclass the suites here (like LangChain's standard tests), so
every backend and adapter is held to the same behaviour. Importing this package needs pytest.
"""

from mask_core.testing.clock import FakeClock
from mask_core.testing.corpus import PII_CORPUS, PIIItem, assert_no_pii, pii_values

__all__ = ["PII_CORPUS", "FakeClock", "PIIItem", "assert_no_pii", "pii_values"]
