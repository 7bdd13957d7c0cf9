"""One service from file to store, behind the CLI, the web app and the Python API.

:class:`Service` runs the whole workflow — **ingest** (read, resolve roles, link the
therapist's notes, de-identify; the reader's warnings travel on each session in
``metadata["warnings"]``), **analyse**, **render** and **store** — with one
:class:`~attunement.settings.Settings`. The front ends only translate their inputs
(flags, form fields, arguments) into calls here, so the same file gives the same
warnings and the same report whichever front end read it.
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import Config, load_config
from .errors import TranscriptError
from .model import Analysis, Session, Speaker, Utterance, UtteranceAnalysis
from .pipeline import Pipeline, ProgressCallback
from .readers import ReadOptions, read_sessions
from .readers.notes import parse_notes, read_notes, with_notes
from .settings import Settings
from .vocabulary import Setting

if TYPE_CHECKING:  # the report and the store load on first use: importing attunement stays light
    from .report import Rendered
    from .store import Store

__all__ = ["Service", "default_config", "default_pipeline"]


@lru_cache(maxsize=1)
def default_config() -> Config:
    """The packaged default configuration, read and validated once per process."""
    return load_config()


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The pipeline of the packaged default configuration, built once per process."""
    return Pipeline.from_config(default_config())


class Service:
    """read → de-identify → analyse → render → store.

    Parameters
    ----------
    settings
        Flags, environment and configuration file; :meth:`Settings.load` if None.
    store
        An open store to use instead of the one ``settings.db`` names.
    """

    def __init__(self, settings: Settings | None = None, *, store: Store | None = None) -> None:
        self.settings = settings or Settings.load()
        self._store = store
        self._pipeline: Pipeline | None = None

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            default = self.settings.config == default_config()
            self._pipeline = default_pipeline() if default else Pipeline.from_config(self.settings.config)
        return self._pipeline

    @property
    def store(self) -> Store:
        """The session store the settings name (opened on first use)."""
        if self._store is None:
            from .store import Store

            self._store = Store(self.settings.db)
        return self._store

    def prepare(self) -> None:
        """Load the models now, so a missing file fails before any session is read."""
        self.pipeline.prepare()

    def ingest(self, path: str | Path, *, options: ReadOptions | None = None, notes: str | Path | None = None,
               notes_text: str | None = None, deidentify: bool = False, name: str | None = None,
               setting: str | None = None) -> list[Session]:
        """The sessions in a file, ready to analyse.

        Parameters
        ----------
        options
            Roles, encoding, format; the configured size limit if None.
        notes, notes_text
            The therapist's process notes, as a file or as text (one session only).
        deidentify
            Replace names and other identifiers with placeholders (needs the [deid] extra).
        name
            What to call the source instead of ``path`` (an upload's file name, never a server path).
        setting
            ``psychotherapy``, ``counselling``, ``mi`` or ``brief_consult`` when the user says so
            (``metadata["setting"]``); otherwise the analysis infers it.
        """
        sessions = self.read(path, options=options)
        return self.ready(sessions, path=path, notes=notes, notes_text=notes_text, deidentify=deidentify, name=name,
                          setting=setting)

    def read(self, path: str | Path, *, options: ReadOptions | None = None) -> list[Session]:
        """The sessions in a file as read, before notes, setting and de-identification (:meth:`ready`)."""
        return read_sessions(path, options=options or self.settings.read_options())

    def ready(self, sessions: list[Session], *, path: str | Path, notes: str | Path | None = None,
              notes_text: str | None = None, deidentify: bool = False, name: str | None = None,
              setting: str | None = None) -> list[Session]:
        """Sessions read from ``path`` made ready to analyse: renamed, with notes and setting, de-identified
        (the parameters as for :meth:`ingest`)."""
        if name is not None:
            sessions = [_renamed(s, str(path), name) for s in sessions]
        if notes is not None or notes_text:
            if len(sessions) != 1:
                raise TranscriptError(f"holds {len(sessions)} sessions; process notes belong to one session",
                                      path=name or path, hint="analyse that session alone")
            n = len(sessions[0])
            found = read_notes(notes, n_utterances=n) if notes is not None else \
                parse_notes(notes_text or "", n_utterances=n, path="process notes")
            sessions = [with_notes(sessions[0], found)]
        if setting:
            sessions = [dataclasses.replace(s, metadata={**s.metadata, "setting": str(Setting(setting))}) for s in sessions]
        if deidentify:
            from .deidentify import deidentify_session

            sessions = [deidentify_session(s)[0] for s in sessions]
        return sessions

    def analyse(self, session: Session, *, progress: ProgressCallback | None = None) -> Analysis:
        """The analysis of one session; its warnings include the reader's."""
        return self.pipeline(session, progress=progress)

    def exchange(self, client: str, response: str, *, context: tuple[tuple[str, str], ...] = (),
                 setting: str | None = None) -> Analysis:
        """One response read after one client statement (and any earlier ``(role, text)`` turns), analysed as a
        short session; non-verbal signs in brackets (``[crying]``) are read as a transcript's are."""
        from .readers.nonverbal import split_annotations

        therapist, person = Speaker("Therapist", "therapist"), Speaker("Client", "client")
        turns = [(person if role == "client" else therapist, text) for role, text in context]
        turns += [(person, client), (therapist, response)]
        read = [(speaker, *split_annotations(text)) for speaker, text in turns]
        utterances = tuple(Utterance(i, speaker, words, annotations=notes) for i, (speaker, words, notes) in enumerate(read))
        session = Session(id="judge", source="judge", format="text", speakers=(therapist, person), utterances=utterances,
                          metadata={"setting": setting} if setting else {})
        return self.analyse(session)

    def judge(self, client: str, response: str, *, context: tuple[tuple[str, str], ...] = (),
              setting: str | None = None) -> UtteranceAnalysis:
        """The response's codes and ``response`` verdict, exactly as the same words would be judged inside a session
        (:meth:`exchange`)."""
        return self.exchange(client, response, context=context, setting=setting).utterances[-1]

    def suggest(self, turn: Utterance, client: UtteranceAnalysis, situation: str, original_codes: dict[str, Any], *,
                must_beat: float) -> list[dict[str, Any]]:
        """Alternatives for an answer to this client turn that the judge rates attuned and above ``must_beat``
        (the pipeline's ``alternatives`` component; none if the configuration leaves it out)."""
        component = next((c for c in self.pipeline.components if c.name == "alternatives"), None)
        if component is None:
            return []
        return component.suggest(turn, client, situation, original_codes, must_beat=must_beat)  # type: ignore[attr-defined]

    def practise(self, client: str, response: str, *, context: tuple[tuple[str, str], ...] = (),
                 setting: str | None = None) -> dict[str, Any]:
        """A practice answer judged as a session response, with plain-words feedback and alternatives
        (:func:`attunement.practice.result`); an answer that was not missed gets other attuned ways to answer."""
        from .practice import check_answer, result

        check_answer(client, response)
        analysis = self.exchange(client, response, context=context, setting=setting)
        verdict = analysis.utterances[-1].response
        alternatives = verdict.get("alternatives") or self.suggest(
            analysis.session.utterances[-2], analysis.utterances[-2], verdict["situation"], analysis.utterances[-1].codes,
            must_beat=0.0)
        return result(analysis, alternatives)

    def render(self, analysis: Analysis) -> Rendered:
        """The report document, its JSON text and the HTML page."""
        from .report import render

        return render(analysis)

    def save(self, session: Session, analysis: Analysis | None = None) -> str:
        """Keep a session (and its rendered report, if analysed) in the store; returns its id."""
        rendered = self.render(analysis) if analysis is not None else None
        return self.store.sessions.save(session, report_json=rendered.json if rendered else None,
                               report_html=rendered.html if rendered else None)

    def analyse_stored(self, session_id: str) -> Analysis:
        """Analyse a session already in the store and keep its report."""
        session = self.store.sessions.get(session_id)
        analysis = self.analyse(session)
        self.save(session, analysis)
        return analysis

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def _renamed(session: Session, path: str, name: str) -> Session:
    """The session and its warnings with the file's path replaced by ``name``."""
    source = name + session.source[len(path):] if session.source.startswith(path) else name
    metadata = dict(session.metadata)
    if "warnings" in metadata:
        metadata["warnings"] = [w.replace(path, name) for w in metadata["warnings"]]
    return dataclasses.replace(session, source=source, metadata=metadata)
