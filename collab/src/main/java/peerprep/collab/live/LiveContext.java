package peerprep.collab.live;

import peerprep.collab.CollabConfig.Limits;
import peerprep.collab.session.PresenceRepository;
import peerprep.collab.session.SessionRepository;

/** What every socket of a task shares. */
record LiveContext(SessionRepository sessions, PresenceRepository presence, SessionHub hub, Limits limits) {
}
