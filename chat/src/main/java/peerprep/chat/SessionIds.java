package peerprep.chat;

import peerprep.common.http.ApiException;

/** A session id from a request, by the shared rules of {@link peerprep.common.vocab.SessionIds}, or a 400. */
final class SessionIds {
  private SessionIds() {
  }

  static String parse(String id) {
    return peerprep.common.vocab.SessionIds.normalize(id)
      .orElseThrow(() -> ApiException.badRequest("The session id '" + id + "' is not a valid id."));
  }
}
