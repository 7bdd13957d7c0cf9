"""Speed and memory of reading + analysing sessions, beside a naive baseline, in one run.

Usage::

    python benchmarks/speed.py            # prints a Markdown table
    python benchmarks/speed.py --repeat 20

Workloads:

* a synthetic 600-utterance session (the bundled example repeated with shifted
  time stamps, about a 50-minute session);
* all 133 AnnoMI transcripts (9,699 utterances) when ``../shared/data`` exists.

Both model tiers (accurate, fast) are timed. Baseline: split each line on the
first colon and score it with the stock VADER analyser (``vaderSentiment``),
which is what a quick script would do.
Import time and peak memory are measured in fresh interpreters.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "pleasing-and-fidgeting.txt"
DATA = Path(os.environ.get("ATTUNEMENT_DATA_DIR", ROOT.parent / "shared" / "data"))


def synthetic_session(n: int = 600) -> str:
    """The example session repeated until it has ``n`` utterances, time stamps shifted to stay in order."""
    lines = [line for line in EXAMPLE.read_text().splitlines() if re.match(r"\[\d", line)]
    stamp = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\]")
    out, offset, last = [], 0, 0
    while len(out) < n:
        for line in lines:
            h, m, s = map(int, stamp.match(line).groups())
            t = offset + h * 3600 + m * 60 + s
            last = t
            out.append(f"[{t // 3600:02d}:{t % 3600 // 60:02d}:{t % 60:02d}]" + line[10:])
            if len(out) == n:
                break
        offset = last + 5
    return "\n".join(out) + "\n"


def time_it(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def baseline(text: str) -> list[float]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    analyser = SentimentIntensityAnalyzer()
    scores = []
    for line in text.splitlines():
        if ":" in line:
            scores.append(analyser.polarity_scores(line.split(":", 1)[1])["compound"])
    return scores


def fresh_process(code: str) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of running ``code`` in a new interpreter."""
    wrapper = (
        "import re, time; t = time.perf_counter()\n" + code +  # VmHWM: ru_maxrss would carry this process's peak over exec
        "\nprint(time.perf_counter() - t, int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)) / 1024)"
    )
    out = subprocess.run([sys.executable, "-W", "ignore", "-c", wrapper], capture_output=True, text=True, check=True)
    seconds, peak = out.stdout.split()[-2:]
    return float(seconds), float(peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    import attunement
    from attunement.config import load_config
    from attunement.pipeline import Pipeline
    from attunement.readers import read_session, read_sessions

    pipelines = {}
    for tier in ("accurate", "fast"):
        config = load_config()
        options = {**config.options, "coder": {**config.options.get("coder", {}), "tier": tier}}
        pipelines[tier] = Pipeline.from_config(dataclasses.replace(config, options=options))
    text = synthetic_session(600)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "session600.txt"
        path.write_text(text)
        base = time_it(lambda: baseline(path.read_text()), args.repeat)
        for tier, pipeline in pipelines.items():
            pipeline(read_session(path))  # load models once, as a long-running process would
            t = time_it(lambda: pipeline(read_session(path)), args.repeat)
            rows.append((f"600-utterance session, {tier} models: read + analyse (warm)", f"{t * 1000:.0f} ms",
                         f"{base * 1000:.0f} ms"))
        stages = {"client side": {"cues", "client_state", "space", "incongruence", "relational", "moments"},
                  "therapist side": {"response", "synchrony", "profile"},
                  "teaching (alternatives, feedback)": {"alternatives", "feedback"}}
        later = set().union(*stages.values())
        core = Pipeline([c for c in pipelines["accurate"].components if c.name not in later])
        t_core = time_it(lambda: core(read_session(path)), args.repeat)
        times: dict[str, list[float]] = {name: [] for name in stages}
        for _ in range(args.repeat):
            analysis = core(read_session(path))
            for name, members in stages.items():
                start = time.perf_counter()
                for component in (c for c in pipelines["accurate"].components if c.name in members):
                    component(analysis)
                times[name].append(time.perf_counter() - start)
        for name in stages:
            t = statistics.median(times[name])
            rows.append((f"600-utterance session: {name} components alone, vs reading + coding (accurate)",
                         f"{t * 1000:.0f} ms vs {t_core * 1000:.0f} ms (+{100 * t / t_core:.1f}%)", "–"))
        rows.append(("600-utterance session: read only", f"{time_it(lambda: read_session(path), args.repeat) * 1000:.1f} ms", "–"))
        cold, peak = fresh_process(f"import attunement; attunement.analyze({str(path)!r})")
    imp, _ = fresh_process("import attunement")
    rows += [
        ("import attunement", f"{imp * 1000:.0f} ms", "–"),
        ("import + model load + first analysis (accurate) in a fresh process", f"{cold * 1000:.0f} ms", "–"),
        ("peak memory, fresh process analysing 600 utterances (accurate)", f"{peak:.0f} MB", "–"),
    ]
    annomi = DATA / "annomi" / "AnnoMI-simple.csv"
    if annomi.exists():
        sessions = read_sessions(annomi)
        n = sum(len(s) for s in sessions)
        for tier, pipeline in pipelines.items():
            t = time_it(lambda: [pipeline(s) for s in read_sessions(annomi)], 1)
            rows.append((f"AnnoMI, all 133 transcripts ({n} utterances), {tier}: read + analyse", f"{t:.1f} s", "–"))
    print(f"attunement {attunement.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"median of {args.repeat} runs\n")
    print("| workload | attunement | baseline (line split + stock VADER) |\n|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
