"""Telling the therapist from the client when the file only gives names.

    python benchmarks/roles.py              # prints, and rewrites its section of RESULTS.md
    python benchmarks/roles.py --no-write

Each transcript is written as plain text with neutral names ("Speaker 1", "Speaker 2"; which of the
two comes first is decided by a seeded coin) and read back; the share of transcripts whose therapist
is found is reported, beside the previous rule (whoever asks more questions per turn) in the same
run. AnnoMI: the transcripts outside the training split the role weights were fitted on; ESConv: a
seeded sample of peer-support chats (the supporter as the therapist), never fitted on.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from client_validity import DATA, esconv_sample  # noqa: E402
from results import publish  # noqa: E402

_QUESTION = re.compile(r"\?|^\s*(what|how|why|when|where|who|which|do|does|did|are|is|can|could|would)\b", re.I)


def _confidence(session) -> str:  # type: ignore[no-untyped-def]
    return session.metadata.get("roles_guessed", {}).get("confidence", "given")


def judged(turns: list[tuple[str, str]], seed: int) -> tuple[bool, bool, str]:
    """(new rule right, questions-only rule right, confidence) for one transcript of (role, text) turns."""
    from attunement.readers.text import parse_text

    first = random.Random(seed).choice(["therapist", "client"])
    name = {first: "Speaker 1", ("client" if first == "therapist" else "therapist"): "Speaker 2"}
    text = "\n".join(f"{name[role]}: {' '.join(words.split())}" for role, words in turns if words.strip())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        session = parse_text(text, path=f"roles-{seed}.txt")[0]
    found = {s.name: s.role for s in session.speakers}
    asked = {n: 0.0 for n in name.values()}
    count = {n: 0 for n in name.values()}
    for role, words in turns:
        count[name[role]] += 1
        asked[name[role]] += bool(_QUESTION.search(words))
    old = max(asked, key=lambda n: asked[n] / max(count[n], 1))
    return found.get(name["therapist"]) == "therapist", old == name["therapist"], _confidence(session)


def rows(label: str, transcripts: list[list[tuple[str, str]]]) -> list[str]:
    results = [judged(t, seed) for seed, t in enumerate(transcripts)]
    new = sum(r[0] for r in results) / len(results)
    old = sum(r[1] for r in results) / len(results)
    by = {c: [r[0] for r in results if r[2] == c] for c in ("high", "medium", "low")}
    shares = "; ".join(f"{c} {len(v)} ({sum(v) / len(v):.2f} right)" for c, v in by.items() if v)
    return [f"| {label} | {len(results)} | {new:.3f} | {old:.3f} | {shares} |"]


def export_files() -> list[str]:
    """The blind-written files in real tools' export shapes (tests/heldout/exports): read, and the roles right?"""
    import json

    from attunement.readers import read_sessions

    folder = ROOT / "tests" / "heldout" / "exports"
    answers = json.loads((folder / "answers.json").read_text()) if (folder / "answers.json").exists() else {}

    def norm(name: str) -> str:
        return re.sub(r"^(?:dr|prof)\.?\s+", "", name.strip().lower())

    right, failures = 0, []
    for name, want in sorted(answers.items()):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                roles = {norm(s.name): s.role for s in read_sessions(folder / name)[0].speakers}
            ok = roles.get(norm(want["therapist"])) == "therapist" and roles.get(norm(want["client"])) == "client"
        except Exception as exc:  # a file the readers refuse counts as wrong, with its reason
            ok, roles = False, {"error": str(exc)[:80]}
        right += ok
        if not ok:
            failures.append(f"{name} ({roles})")
    if not answers:
        return ["The export-shaped files are not here."]
    return [f"Files in real tools' export shapes (tests/heldout/exports, {len(answers)} files by a helper blind to the "
            f"readers: Otter, Zoom, Teams, Rev, Descript, Trint, Sonix, Google Meet, CSV, SRT, Word; four made hard): "
            f"{right} of {len(answers)} read with the right therapist and client."
            + (f" Wrong: {'; '.join(failures)}." if failures else ""), ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    from attunement.readers import read_sessions
    from attunement.training.data import annomi as annomi_rows
    from attunement.training.splits import group_split

    therapist, _ = annomi_rows()
    split = dict(zip(therapist.group, group_split(therapist.group)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sessions = read_sessions(DATA / "annomi" / "AnnoMI-simple.csv")
    annomi = [[(u.role, u.text) for u in s.utterances] for s in sessions if split.get(s.source.rsplit("#", 1)[1]) != "train"]
    esconv = [[("client" if t["speaker"] == "usr" else "therapist", t["text"]) for t in d["dialog"]] for d in esconv_sample(300)]
    lines = ["## Telling the therapist from the client (`python benchmarks/roles.py`)", "",
             "Transcripts written with neutral names (Speaker 1 / Speaker 2, order by a seeded coin) and read back; "
             "the share whose therapist is found. The weights were fitted on AnnoMI's training split; the rows here "
             "are the rest of AnnoMI and ESConv peer chats.", "",
             "| material | transcripts | found (questions, you/I, disclosure, turn length) | previous rule (more questions per turn) | by confidence |",
             "|---|---|---|---|---|", *rows("AnnoMI outside the training split", annomi),
             *rows("ESConv (seeded sample, supporter = therapist)", esconv), "", *export_files()]
    publish("roles", lines, write=not args.no_write)


if __name__ == "__main__":
    main()
