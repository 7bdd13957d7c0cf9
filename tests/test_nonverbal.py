import pytest

from attunement.readers.nonverbal import split_annotations


@pytest.mark.parametrize(
    ("raw", "text", "labels", "before"),
    [
        ("I feel safe [fidgeting] here.", "I feel safe here.", ["fidgeting"], ["I feel safe "]),
        ("here [sighs].", "here.", ["sighs"], ["here"]),
        ("[crying] I can't— [shaking] I just", "I can't— I just", ["crying", "shaking"], ["", "I can't— "]),
        ("It was fine (long pause) I guess", "It was fine I guess", ["long pause"], ["It was fine "]),
        ("*sighs* okay", "okay", ["sighs"], [""]),
        ("Yeah [laughs nervously] [looks away]", "Yeah", ["laughs nervously", "looks away"], ["Yeah", "Yeah"]),
        ("(shrugs)", "", ["shrugs"], [""]),
        ("Okay. (Laughs) Sorry.", "Okay. Sorry.", ["laughs"], ["Okay. "]),
    ],
)
def test_annotations_become_cues_with_positions(raw, text, labels, before):
    words, cues = split_annotations(raw)
    assert words == text
    assert [c.label for c in cues] == labels
    assert [words[: c.position] for c in cues] == before


@pytest.mark.parametrize(
    "raw",
    [
        "my mum (I mean, my stepmum) said no",  # a spoken aside, not a stage direction
        "at 10:30 we left",
        "I said (and I meant it) that I was done",
        "two times two is four",
    ],
)
def test_spoken_parentheses_and_plain_text_are_untouched(raw):
    assert split_annotations(raw) == (raw, ())


def test_raw_annotation_is_kept_exactly():
    _, cues = split_annotations("so [ Long Pause ] yes")
    assert cues[0].raw == "[ Long Pause ]" and cues[0].label == "long pause"
