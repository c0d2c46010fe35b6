package peerprep.chat;

import io.vertx.core.Vertx;
import peerprep.common.ws.TurnFlush;

/**
 * What every socket of a task's event loop shares: its settings, its storage, its room hub, the session
 * directory and the flush of the frames written in one turn.
 */
record ChatContext(Vertx vertx, ChatConfig config, ChatRepository repository, SessionHub hub, SessionDirectory directory,
                   TurnFlush frames) {
}
