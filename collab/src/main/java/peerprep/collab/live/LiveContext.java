package peerprep.collab.live;

import io.vertx.core.Vertx;
import peerprep.collab.CollabConfig.Limits;
import peerprep.collab.session.PresenceRepository;
import peerprep.collab.session.SessionRepository;
import peerprep.common.ws.HeartbeatSettings;

/** What every socket of a task shares. */
record LiveContext(Vertx vertx, SessionRepository sessions, PresenceRepository presence, SessionHub hub, Limits limits,
                   HeartbeatSettings heartbeat) {
}
