"""Model cards: what each shipped head was trained on, how it was split, how well it does, and the data's terms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["write_cards"]


def _metrics(report: dict[str, Any]) -> list[str]:
    lines = []
    if "macro_f1" in report:
        ci = report.get("macro_f1_ci95")
        ci_text = f" (95% CI {ci[0]:.3f}–{ci[1]:.3f}, bootstrap over held-out groups)" if ci else ""
        lines.append(f"- macro-F1: **{report['macro_f1']:.3f}**{ci_text}")
    for key, label in (("accuracy", "accuracy"), ("micro_f1", "micro-F1"), ("top1_accuracy", "top-1 label accuracy"),
                       ("ece", "expected calibration error"), ("pearson_valence", "Pearson r, valence"),
                       ("pearson_arousal", "Pearson r, arousal"), ("temperature", "calibration temperature")):
        if key in report and isinstance(report[key], (int, float)):
            lines.append(f"- {label}: {report[key]:.3f}")
    if "per_class_f1" in report:
        lines.append("- per-class F1: " + ", ".join(f"{k} {v:.2f}" for k, v in report["per_class_f1"].items()))
    return lines


def write_cards(folder: Path, tier: str, reports: dict[str, dict[str, Any]], *, encoder: str) -> None:
    """One Markdown card per head in ``folder`` (``<tier>-<head>.md``)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, report in reports.items():
        lines = [
            f"# {name} ({tier} tier)", "",
            f"**Encoder.** {encoder}", "",
            f"**Training data.** {report.get('source', '')}", "",
            "**Split.** By group (transcript, conversation or seeker post; never by utterance), fixed seed "
            "(`attunement.training.splits.SEED`): 70% train, 10% validation (regularisation choice and temperature "
            "calibration), 20% test (reported only). GoEmotions uses its own splits; Warriner holds out its dev words.",
            "",
            f"**Sizes.** train {report.get('n_train', '?')}, validation {report.get('n_val', '–')}, test {report.get('n', '?')}"
            + (f" ({report['n_groups']} held-out groups)" if "n_groups" in report else ""), "",
            "**Held-out results.**", "", *_metrics(report), "",
            f"**Licence of the training data.** {report.get('licence', '')}. The head's weights are shipped; the data are "
            "not. The product's code licence (Apache-2.0) does not extend to these terms: check them before any "
            "commercial use.", "",
            "**Limits.** Trained on English text from the sources above, which are not recordings of real "
            "psychotherapy (AnnoMI: demonstration videos; EPITOME/GoEmotions: Reddit; ESConv: crowd-workers). "
            "Treat codes as estimates with the confidence shown.", "",
        ]
        (folder / f"{tier}-{name}.md").write_text("\n".join(lines))
