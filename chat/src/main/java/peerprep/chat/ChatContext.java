package peerprep.chat;

import io.vertx.core.Vertx;

/** What every socket of a task shares: its settings, its storage, its room hub and the session directory. */
record ChatContext(Vertx vertx, ChatConfig config, ChatRepository repository, SessionHub hub, SessionDirectory directory) {
}
