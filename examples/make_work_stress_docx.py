"""Build examples/work-stress.docx, a synthetic counselling session (no real people).

The counsellor in this session is deliberately on the intrusive side: rapid and
stacked questions, advice nobody asked for, long turns, cutting the client off.
It is test material for the intrusive-neglectful axis and the less-is-more measures.

Run from the repository root:

    .venv/bin/python examples/make_work_stress_docx.py

The output is byte-for-byte reproducible: core properties carry fixed dates and the
zip members are rewritten with a fixed timestamp.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document

OUT = Path(__file__).resolve().parent / "work-stress.docx"
FIXED = dt.datetime(2024, 1, 15, 9, 0, 0)

TURNS: list[tuple[str, str]] = [
    ("Counsellor", "Hi, come in, sit down. So last time we talked about work. How's work? Better? Worse? Did you try the thing with the calendar blocks?"),
    ("Client", "Um, not really. It's been... a lot."),
    ("Counsellor", "A lot in what way? Hours? Your manager? The workload itself? Because those are really different problems, and we'd tackle them differently."),
    ("Client", "All of it, I guess. I was there till nine most nights. And on Sunday I was answering emails in bed."),
    ("Counsellor", "Okay, so that's the first thing we need to fix. You have to stop checking email after seven. Honestly, just take it off your phone. Lots of people do that and it makes a huge difference."),
    ("Client", "I can't really, though, we've got clients in different time zones and—"),
    ("Counsellor", "Sure, but there's always a way. Could someone cover the evenings? Have you asked? What did your manager say when you raised it?"),
    ("Client", "I haven't raised it."),
    ("Counsellor", "Why not?"),
    ("Client", "[long pause] I don't know. I don't want to look like I can't cope."),
    ("Counsellor", "Right, but you're not coping, are you? I mean that kindly. You told me last time you were getting those headaches. Are you still getting those? Are you sleeping?"),
    ("Client", "Not great. I wake up at like four and my brain just starts going through the list."),
    ("Counsellor", "The four a.m. thing is really common with burnout, it's the cortisol. What I'd suggest is you keep a notebook by the bed, write the list down, and then do a body scan. There's a good app for that, I can send you the name. And no screens for an hour before bed."),
    ("Client", "Okay. (laughs) I've kind of heard that one before."),
    ("Counsellor", "I know, everyone has, but do you actually do it? That's the question. What's stopping you?"),
    ("Client", "I think I'm just so tired that when I get home I just want to switch off. And then I feel guilty that I'm not doing anything useful, even then."),
    ("Counsellor", "Guilty, okay. So let's look at that. Where do you think the guilt comes from? Was it like that growing up? Were your parents very focused on achievement? Because a lot of high achievers—"),
    ("Client", "I mean, maybe, I don't—"),
    ("Counsellor", "—a lot of high achievers learn that rest has to be earned. So I'd really encourage you to schedule rest, like an actual meeting in your calendar. Treat it like it's non-negotiable. Could you do that this week? Say, Wednesday evening?"),
    ("Client", "I could try."),
    ("Counsellor", "Great. And have you thought about whether this job is even right for you? Sometimes burnout is telling us it's time to move on. Have you updated your CV?"),
    ("Client", "[long pause] I hadn't really... I don't know. I kind of like the actual work. It's just that there's too much of it."),
    ("Counsellor", "Sure, sure. So then it's a boundaries conversation with your manager. Here's what I'd say: go in with a list of your projects, ask her to rank them, and tell her what you'll drop. Be really concrete. Managers respond to concrete. Would you be willing to do that by Friday?"),
    ("Client", "Friday's quite soon."),
    ("Counsellor", "It is, but the longer you leave it the worse it gets. You know that. What's the worst that could happen?"),
    ("Client", "She could think I'm not up to it. (laughs) Which is kind of how I feel already, to be honest."),
    ("Counsellor", "Okay, well, we can work on that confidence piece too. There are some good exercises for that. So, notebook, rest on Wednesday, manager on Friday. Does that sound like a plan?"),
    ("Client", "Yeah. Okay. Sure."),
    ("Counsellor", "Great. I think you'll really notice a difference. And let me know how the app goes, I'll email you the link tonight."),
    ("Client", "Thanks."),
]


def build() -> bytes:
    doc = Document()
    doc.add_paragraph("Session transcript — synthetic example")
    doc.add_paragraph("")
    for speaker, text in TURNS:
        para = doc.add_paragraph()
        para.add_run(f"{speaker}:").bold = True
        para.add_run(f" {text}")

    props = doc.core_properties
    props.author = "attunement examples"
    props.last_modified_by = "attunement examples"
    props.title = "Session transcript — synthetic example"
    props.comments = "Synthetic counselling session about burnout at work; no real people."
    props.created = FIXED
    props.modified = FIXED
    props.last_printed = FIXED
    props.revision = 1

    raw = io.BytesIO()
    doc.save(raw)
    return _normalise_zip(raw.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed member timestamps so the bytes are stable."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


def main() -> None:
    OUT.write_bytes(build())
    print(f"wrote {OUT} ({len(TURNS)} utterances)")


if __name__ == "__main__":
    main()
