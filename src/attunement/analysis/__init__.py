"""Analysis components; :data:`COMPONENTS` maps configuration names to them."""

from __future__ import annotations

from .alternatives import Alternatives
from .client_state import ClientState
from .coder import Coder
from .cues import ClientCues
from .feedback import Feedback
from .incongruence import Incongruence
from .miti import Miti
from .moments import Moments
from .profile import Profile
from .questions import QuestionDetector
from .relational import RelationalMarkers
from .risk import RiskFlags
from .setting import SessionSetting
from .timeframe import TimeFrames
from .response import Responsiveness
from .space import ExploratorySpace
from .synchrony import Synchrony
from .talk import TalkStats
from .timing import Timing
from .valence import Valence

__all__ = ["COMPONENTS", "Alternatives", "Feedback", "ClientCues", "ClientState", "Coder", "ExploratorySpace", "Incongruence", "Miti", "Moments",
           "Profile", "QuestionDetector", "RelationalMarkers", "Responsiveness", "RiskFlags", "SessionSetting", "TimeFrames", "Synchrony", "TalkStats", "Timing", "Valence"]

#: Every component the configuration can name, by name.
COMPONENTS: dict[str, type] = {
    c.name: c
    for c in (Timing, TalkStats, QuestionDetector, Valence, Coder, Miti, SessionSetting, TimeFrames, RiskFlags, ClientCues,
              ClientState, ExploratorySpace,
              Incongruence, RelationalMarkers, Responsiveness, Alternatives, Moments, Synchrony, Profile, Feedback)
}
