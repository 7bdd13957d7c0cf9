"""Plain words for every term a supervisor meets in the report and the web page, in one place.

Each entry is ``term: (label, definition)``: the label is what the page shows, the definition a
single line in plain language (shown on hover and in the glossary at the end of the report).
"""

from __future__ import annotations

__all__ = ["GLOSSARY", "label", "definition"]

GLOSSARY: dict[str, tuple[str, str]] = {
    "attunement_index": ("Attunement index", "0–100, from what the therapist did: depth, staying with the client, fit to the "
                         "client's situations, MI consistency and the four tasks, less intrusive and neglectful habits."),
    "response_score": ("Response score", "0–100 for one answer: how well it fits what the client was doing (65%) and how "
                       "much it adds to what was said (35%), lowered when the wording works against the client."),
    "fit": ("Fit to the situation", "Whether the kind of answer suits what the client was doing just before (flooding, "
            "withdrawing, offering a feeling, at risk…)."),
    "depth": ("Depth (Carkhuff level)", "1 takes away from what the client brought (advice, reassurance, confrontation); "
              "3 gives it back; 5 adds the feeling underneath and a here-and-now view."),
    "wording": ("Wording", "100 minus how strongly the words read as taking over, judging or dismissing (a model trained on "
                "responses ranked by supervisors); low wording lowers the response score by up to half."),
    "mirroring": ("Takes up the client's words", "How closely the answer follows the client's words and meaning; shown as "
                  "evidence, not scored: an information-giver can stay on topic too."),
    "attuned": ("Attuned", "Response score 65 or more: the answer meets the client where they are."),
    "neutral": ("Neutral", "Response score 45–64: neither meets nor misses the client."),
    "missed": ("Missed", "Response score 25–44: an opportunity the answer did not take up."),
    "misattuned": ("Misattuned", "Response score under 25: the answer works against what the client needed."),
    "exploratory_space": ("Exploratory space", "How much feeling this client can be with while staying engaged; "
                          "estimated from their own turns in this session (close to the window of tolerance)."),
    "overwhelm": ("Overwhelm", "Flooded in the room now: several present signs (tears, shaking, broken speech, panic) "
                  "above the client's own band."),
    "shutdown": ("Shutdown", "Going flat, numb or into explanation after distress, below the client's own band."),
    "stagnation": ("Stagnation", "A stretch of surface talk with little feeling (not looked for in MI or brief consultations)."),
    "incongruence": ("Words and body disagree", "The client says one thing (\"I'm fine\") while showing another (tears, "
                     "fidgeting)."),
    "emotional_bid": ("Emotional bid", "The client offers a feeling and invites a response."),
    "rupture": ("Rupture", "The client protests at the therapist or the work (\"you're not listening\", \"this isn't "
                "helping\"): a strain in the alliance, repaired by hearing it without defending."),
    "repair": ("Repair", "After a rupture the therapist acknowledges their part, without defending, or asks what would help."),
    "change_talk": ("Change talk", "The client's own words for change: wanting, being able, reasons, need, commitment (MI)."),
    "ambivalence": ("Ambivalence", "Both sides of a change in one turn: wanting it and holding back (\"I know I should, but…\"). "
                    "Reflecting both sides, and leaving the choice with the client, fits; arguing for change does not."),
    "alternatives": ("You could try", "Answers the tool built from the client's own words, from a move that fits the situation "
                     "and from a bank of exemplars, each judged in the original answer's place and rated attuned and higher."),
    "strengths": ("Done well", "Attuned answers resting on clear evidence, the most important situations first."),
    "try_next": ("Try next time", "Missed or misattuned answers with an alternative the same judge rates attuned."),
    "assess_the_space": ("Assess the space", "Taking up the client's cues: noticing how much they can be with."),
    "maintain_safety": ("Keep it safe", "Pacing: slowing and grounding on overwhelm, noticing shutdown, nudging from surface "
                        "talk, asking about risk."),
    "communicate_being_with": ("Be with the client", "Meeting feelings with reflection and validation."),
    "use_own_experience": ("Use your own experience", "Immediacy: naming what happens between the two, pleasing and "
                           "words that disagree with the body."),
    "detachment": ("Detachment", "Self-doubt or confusion about what one wants or feels."),
    "pleasing": ("Pleasing", "Checking for approval or agreeing quickly: a possible replay of pleasing others."),
    "experiencing": ("Experiencing stage", "1–7, after Klein's Experiencing Scale: from impersonal story-telling (1) to "
                     "feelings explored from inside, here and now (5–7). A coarse estimate."),
    "style_axis": ("Intrusive ↔ neglectful", "−1 neglectful (minimal answers, missed bids) … +1 intrusive (many questions, "
                   "long turns, steering, unasked advice); attunement lives in the middle."),
    "roadblock": ("MI-inconsistent move", "Confronting, warning, moralising, labelling, unasked advice, arguing, premature "
                  "reassurance or ordering (MITI 4.2.1; Gordon's roadblocks). Never attuned."),
    "risk": ("Risk", "Talk of suicide, self-harm, harm to others, abuse or neglect. Ask directly; moving on is the worst miss."),
    "time_frame": ("Now or then", "Whether a client turn is about now, the past, the future or in general; only signs "
                   "in the present count as flooding or shutdown."),
    "percent_complex_reflections": ("% complex reflections", "MITI: reflections that add meaning or feeling, as a share "
                                    "of all reflections (fair 40%, good 50%)."),
    "reflection_to_question": ("Reflections per question", "MITI: reflections for every question (fair 1, good 2)."),
    "lsm": ("Language style matching", "How alike the two speakers' function words are (0–100); high on a poor session too."),
    "four_tasks": ("The four tasks of creating safety", "Assess the exploratory space, keep it safe while processing, "
                   "communicate being with the client, use one's own experience (immediacy)."),
}


def label(term: str) -> str:
    """The plain-words label of a term (the term itself if it has none)."""
    return GLOSSARY.get(term, (term.replace("_", " "), ""))[0]


def definition(term: str) -> str:
    """The one-line definition of a term ("" if it has none)."""
    return GLOSSARY.get(term, ("", ""))[1]
