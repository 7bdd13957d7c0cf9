"""Speed and memory of reading + analysing sessions, beside a naive baseline, in one run.

Usage::

    python benchmarks/speed.py            # prints a Markdown table
    python benchmarks/speed.py --repeat 20

Workloads:

* a synthetic 600-utterance session (the bundled example repeated with shifted
  time stamps, about a 50-minute session);
* all 133 AnnoMI transcripts (9,699 utterances) when ``../shared/data`` exists.

Baseline: split each line on the first colon and score it with the stock VADER
analyser (``vaderSentiment``), which is what a quick script would do.
Import time and peak memory are measured in fresh interpreters.
"""

from __future__ import annotations

import argparse
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
        "import resource, time; t = time.perf_counter()\n" + code +
        "\nprint(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
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
    from attunement.readers import read_session, read_sessions

    text = synthetic_session(600)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "session600.txt"
        path.write_text(text)
        attunement.analyze(path)  # warm the lexicon and the pipeline once, as a long-running process would
        ours = time_it(lambda: attunement.analyze(read_session(path)), args.repeat)
        read_only = time_it(lambda: read_session(path), args.repeat)
        base = time_it(lambda: baseline(path.read_text()), args.repeat)
        cold, peak = fresh_process(f"import attunement; attunement.analyze({str(path)!r})")
    imp, imp_peak = fresh_process("import attunement")
    rows = [
        ("600-utterance session: read + analyse (warm)", f"{ours * 1000:.1f} ms", f"{base * 1000:.1f} ms"),
        ("600-utterance session: read only", f"{read_only * 1000:.1f} ms", "–"),
        ("import attunement", f"{imp * 1000:.0f} ms", "–"),
        ("import + first analysis in a fresh process", f"{cold * 1000:.0f} ms", "–"),
        ("peak memory, fresh process analysing 600 utterances", f"{peak:.0f} MB", "–"),
    ]
    annomi = DATA / "annomi" / "AnnoMI-simple.csv"
    if annomi.exists():
        def corpus() -> int:
            return sum(len(attunement.analyze(s).session) for s in read_sessions(annomi))

        n = corpus()
        t = time_it(corpus, max(1, args.repeat // 5))
        rows.append((f"AnnoMI, all 133 transcripts ({n} utterances): read + analyse", f"{t:.2f} s", "–"))
    print(f"attunement {attunement.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"median of {args.repeat} runs\n")
    print("| workload | attunement | baseline (line split + stock VADER) |\n|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
