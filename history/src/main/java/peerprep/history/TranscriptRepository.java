package peerprep.history;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** Every SQL statement about chat transcripts. */
public final class TranscriptRepository {
  private static final String DELETED_AMONG = "SELECT user_id FROM deleted_users WHERE user_id = ANY ($1)";
  private static final String UPSERT = """
    INSERT INTO transcripts (session_id, messages) VALUES ($1, $2)
    ON CONFLICT (session_id) DO UPDATE SET messages = excluded.messages, updated_at = now()""";

  private final Pool pool;

  public TranscriptRepository(Pool pool) {
    this.pool = pool;
  }

  /** Stores or replaces the transcript, with the messages of already deleted accounts anonymized. */
  public Future<Void> put(Transcript transcript) {
    Set<UUID> authors = transcript.authors();
    Future<Set<UUID>> deleted = authors.isEmpty() ? Future.succeededFuture(Set.of())
      : pool.preparedQuery(DELETED_AMONG).execute(Tuple.of(authors.toArray(UUID[]::new))).map(rows -> {
        Set<UUID> out = new HashSet<>();
        rows.forEach(r -> out.add(r.getUUID("user_id")));
        return out;
      });
    return deleted.map(transcript::without)
      .compose(t -> pool.preparedQuery(UPSERT).execute(Tuple.of(t.sessionId(), t.messages())))
      .mapEmpty();
  }
}
