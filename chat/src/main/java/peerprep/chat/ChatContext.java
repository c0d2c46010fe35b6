package peerprep.chat;

/** What every socket of a task shares: its settings, its storage and its room hub. */
record ChatContext(ChatConfig config, ChatRepository repository, SessionHub hub) {
}
