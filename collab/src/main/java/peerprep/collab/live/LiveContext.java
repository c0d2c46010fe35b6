package peerprep.collab.live;

import io.vertx.core.Vertx;
import peerprep.collab.CollabConfig.Limits;
import peerprep.collab.session.PresenceRepository;
import peerprep.collab.session.SessionRepository;
import peerprep.common.ws.HeartbeatSettings;
import peerprep.common.ws.TurnFlush;

/** What every socket of a task's event loop shares, with the flush of the frames written in one turn. */
record LiveContext(Vertx vertx, SessionRepository sessions, PresenceRepository presence, SessionHub hub, Limits limits,
                   HeartbeatSettings heartbeat, TurnFlush frames) {
  LiveContext(Vertx vertx, SessionRepository sessions, PresenceRepository presence, SessionHub hub, Limits limits,
              HeartbeatSettings heartbeat) {
    this(vertx, sessions, presence, hub, limits, heartbeat, new TurnFlush(vertx.getOrCreateContext()));
  }
}
