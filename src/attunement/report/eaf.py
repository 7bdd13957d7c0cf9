"""A report as an ELAN annotation file (``.eaf``), to see the judgements beside the recording.

Tiers, all time-aligned:

* one per speaker (``TIER_ID`` and ``PARTICIPANT`` = the speaker's name), each turn's words;
* ``<speaker> non-verbal``: that speaker's non-verbal annotations, over the turn they belong to;
* ``attunement``: each judged therapist response, e.g. ``attuned 0.82 (overwhelm): slows down…``;
* ``attunement client state``: each client turn's zone (``within``, ``hyper``, ``hypo``).

``attune``'s ELAN reader reads the first two kinds back and leaves the last two out. A session
without times (a plain transcript) gets times estimated from its words (2.5 words a second, 0.5 s
between turns) so ELAN can show it; the header's ``attunement_times`` property says
``estimated`` then, else ``transcript``. When the session came from a recording, the header links
it (a relative path, nothing embedded).
"""

from __future__ import annotations

import mimetypes
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..atomic import atomic_write

__all__ = ["eaf_text", "write_eaf"]

WORDS_PER_SECOND = 2.5
_XSI = "http://www.w3.org/2001/XMLSchema-instance"  # the schema's name, as ELAN writes it; never fetched
GAP_S = 0.5


def _times(utterances: list[dict[str, Any]]) -> tuple[list[tuple[float, float]], bool]:
    if utterances and all(u.get("start") is not None and u.get("end") is not None for u in utterances):
        return [(float(u["start"]), max(float(u["end"]), float(u["start"]) + 0.001)) for u in utterances], False
    out, t = [], 0.0
    for u in utterances:
        length = max(1.0, len(u["text"].split()) / WORDS_PER_SECOND)
        out.append((t, t + length))
        t += length + GAP_S
    return out, True


def _response_label(response: dict[str, Any]) -> str:
    situation = response.get("situation")
    where = f" ({situation})" if situation and situation != "none" else ""
    return f"{response.get('marker', '')} {response.get('attunement', 0):.2f}{where}: {response.get('why', '')}".strip()


def eaf_text(document: dict[str, Any], *, media: str | None = None) -> str:
    """The ELAN XML for one report document; ``media`` a relative path to the recording, if any."""
    utterances = document["utterances"]
    times, estimated = _times(utterances)
    ET.register_namespace("xsi", _XSI)
    root = ET.Element("ANNOTATION_DOCUMENT", {
        "AUTHOR": "attunement", "DATE": datetime.now(timezone.utc).isoformat(timespec="seconds"), "FORMAT": "3.0",
        "VERSION": "3.0", f"{{{_XSI}}}noNamespaceSchemaLocation": "http://www.mpi.nl/tools/elan/EAFv3.0.xsd"})
    header = ET.SubElement(root, "HEADER", {"MEDIA_FILE": "", "TIME_UNITS": "milliseconds"})
    if media:
        kind = mimetypes.guess_type(media)[0] or "application/octet-stream"  # as ELAN writes it: audio/x-wav, video/mp4
        ET.SubElement(header, "MEDIA_DESCRIPTOR", {"MEDIA_URL": media, "RELATIVE_MEDIA_URL": media, "MIME_TYPE": kind})
    ET.SubElement(header, "PROPERTY", {"NAME": "attunement_times"}).text = "estimated" if estimated else "transcript"
    ET.SubElement(header, "PROPERTY", {"NAME": "attunement_session"}).text = document["session"]["id"]
    order = ET.SubElement(root, "TIME_ORDER")
    tiers: dict[str, ET.Element] = {}
    counter = iter(range(1, 10 ** 9))

    def tier(name: str, participant: str) -> ET.Element:
        if name not in tiers:
            tiers[name] = ET.Element("TIER", {"TIER_ID": name, "PARTICIPANT": participant,
                                              "LINGUISTIC_TYPE_REF": "default-lt"})
        return tiers[name]

    def annotate(target: ET.Element, start: float, end: float, value: str) -> None:
        n = next(counter)
        for k, t in ((1, start), (2, end)):
            ET.SubElement(order, "TIME_SLOT", {"TIME_SLOT_ID": f"ts{n}-{k}", "TIME_VALUE": str(round(t * 1000))})
        annotation = ET.SubElement(ET.SubElement(target, "ANNOTATION"), "ALIGNABLE_ANNOTATION",
                                   {"ANNOTATION_ID": f"a{n}", "TIME_SLOT_REF1": f"ts{n}-1", "TIME_SLOT_REF2": f"ts{n}-2"})
        ET.SubElement(annotation, "ANNOTATION_VALUE").text = value

    for u in utterances:  # speaker tiers first, in order of first turn
        tier(u["speaker"], u["speaker"])
    for u, (start, end) in zip(utterances, times):
        annotate(tier(u["speaker"], u["speaker"]), start, end, u["text"])
        for sign in u.get("nonverbal", []):
            annotate(tier(f"{u['speaker']} non-verbal", u["speaker"]), start, end, sign)
        if u.get("response"):
            annotate(tier("attunement", ""), start, end, _response_label(u["response"]))
        zone = (u.get("client_state") or {}).get("zone")
        if zone:
            annotate(tier("attunement client state", ""), start, end, zone)
    root.extend(tiers.values())
    ET.SubElement(root, "LINGUISTIC_TYPE", {"LINGUISTIC_TYPE_ID": "default-lt", "TIME_ALIGNABLE": "true",
                                            "GRAPHIC_REFERENCES": "false"})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_eaf(document: dict[str, Any], path: str | Path, *, media: str | None = None) -> Path:
    """Write one report as an ELAN file, atomically."""
    return atomic_write(path, eaf_text(document, media=media))
