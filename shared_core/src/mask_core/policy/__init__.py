"""Firewall policies: per-stage rules for what to do with each kind of sensitive value.

A policy (YAML, the product brief's structure: see :mod:`mask_core.policy.model`) names stages such as
``input-pii-scanner`` and ``output-pii-scanner``; each detects some entity types and tokenizes, masks,
redacts, passes or blocks them, with allowlists, user exemptions and expiring passthrough rules::

    from mask_core.policy import Firewall, PolicyFile

    firewall = Firewall(PolicyFile("policy.yaml").start(), client=client)
    result = firewall.apply(text, stage="input-pii-scanner", user="ana@corp.example", roles=["support"])
    result.text, result.findings

Modules: ``names`` (brief names -> canonical types), ``model`` (the schema), ``loader`` (YAML with line
numbers), ``compiled`` (Policy and the decision rules), ``source`` (reload without dropping requests),
``engine`` (Firewall). PyYAML is the ``mask-core[policy]`` extra, imported when a YAML file is read.
"""

from mask_core.errors import FirewallBlockedError, PolicyError
from mask_core.policy.compiled import CompiledStage, Decision, Policy, mask_value
from mask_core.policy.engine import DEFAULT_STAGE, Finding, Firewall, FirewallResult
from mask_core.policy.loader import PolicyIssue
from mask_core.policy.model import Action, PolicyDocument
from mask_core.policy.names import ALL, BRIEF_NAMES, brief_name, canonical_types, redaction_label
from mask_core.policy.source import PolicyFile, PolicySource, StaticPolicy

__all__ = [
    "ALL",
    "BRIEF_NAMES",
    "DEFAULT_STAGE",
    "Action",
    "CompiledStage",
    "Decision",
    "Finding",
    "Firewall",
    "FirewallBlockedError",
    "FirewallResult",
    "Policy",
    "PolicyDocument",
    "PolicyError",
    "PolicyFile",
    "PolicyIssue",
    "PolicySource",
    "StaticPolicy",
    "brief_name",
    "canonical_types",
    "mask_value",
    "redaction_label",
]
