/**
 * The words every service shares: difficulties, editor languages, session ids, WebSocket close codes and
 * error codes, and CodeMirror's change set JSON.
 */
package peerprep.common.vocab;
