package peerprep.question;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.Optional;
import java.util.UUID;

/** Every SQL statement over uploaded images. */
public final class ImageRepository {
  private final Pool pool;

  public ImageRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Image> save(Image image, String uploadedBy) {
    return pool.preparedQuery("INSERT INTO images (id, content_type, size, data, uploaded_by) VALUES ($1, $2, $3, $4, $5)")
      .execute(Tuple.of(image.id(), image.contentType(), image.size(), image.data(), uploadedBy))
      .map(image);
  }

  public Future<Optional<Image>> find(UUID id) {
    return pool.preparedQuery("SELECT id, content_type, size, data FROM images WHERE id = $1").execute(Tuple.of(id))
      .map(rows -> QuestionRepository.first(rows).map(Image::fromRow));
  }
}
