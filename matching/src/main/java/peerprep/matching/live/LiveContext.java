package peerprep.matching.live;

import io.vertx.core.Vertx;
import peerprep.common.ws.HeartbeatSettings;
import peerprep.matching.making.Intake;
import peerprep.matching.making.Matchmaker;
import peerprep.matching.queue.MatchQueue;

/** What every matching socket of a task shares. */
public record LiveContext(Vertx vertx, HeartbeatSettings heartbeat, MatchQueue queue, Intake intake,
                          Matchmaker matchmaker, SocketHub hub) {
}
