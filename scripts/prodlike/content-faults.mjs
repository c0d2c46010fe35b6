// Content checks of the fault suite on the production-shaped stack (run by scripts/prodlike/faults.sh).
// Two users of one session, each stuck to a different task by the load balancer's cookie, chat and type
// through HAProxy while a task is stopped under them:
//   1. chat: the task of the first user gets SIGTERM; the user reconnects with ?after=<last id> to the
//      other task; every acknowledged message is in the transcript exactly once and reached both users once.
//   2. collaboration: the task of the first user gets kill -9; the editor reconnects with hello and its
//      confirmed version to the other task; every acknowledged edit is in the final document exactly once.
//   3. the session ends; the history service holds exactly one attempt for it, for each user, whose code
//      is the final document, whose edit count is its version and whose transcript has every message.
// Usage (flags, all required): --alb http://127.0.0.1:8080 --collab-task http://10.77.0.51:8000
//   --secrets-file <stack>/secrets.env --chat-fault 'shell command' --collab-fault 'shell command'
// Exits 1 when any check fails; prints one "ok"/"FAIL" line per check.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WebSocket = createRequire(join(root, 'web', 'package.json'))('ws');

const { values: args } = parseArgs({
  options: {
    alb: { type: 'string' },
    'collab-task': { type: 'string' },
    'secrets-file': { type: 'string' },
    'chat-fault': { type: 'string' },
    'collab-fault': { type: 'string' },
  },
});
for (const name of ['alb', 'collab-task', 'secrets-file', 'chat-fault', 'collab-fault']) {
  if (!args[name]) {
    console.error(`content-faults.mjs: --${name} is required`);
    process.exit(2);
  }
}
const alb = args.alb;
const wsBase = alb.replace(/^http/, 'ws');
// the service credential, to create the session as the matching service does
const internalToken = readFileSync(args['secrets-file'], 'utf8').match(/^SECRET_INTERNAL_TOKEN=(.*)$/m)?.[1] ?? '';
// messages and edits each user sends; the fault strikes after the first user has this many acknowledged
const CHAT_MESSAGES = 12;
const CHAT_FAULT_AFTER = 5;
const EDITS = 40;
const EDIT_FAULT_AFTER = 15;
// how long a client may stay disconnected, and how long any awaited event may take
const RECONNECT_WITHIN_MS = 30_000;
const EVENT_WITHIN_MS = 30_000;
const HISTORY_WITHIN_MS = 90_000;

let failures = 0;
function check(name, ok, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : ` (${detail})`}`);
  if (!ok) failures++;
}
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function runFault(command) {
  execFileSync('bash', ['-c', command], { stdio: 'inherit' });
}

async function api(method, path, { token, body, headers = {} } = {}) {
  const res = await fetch(`${alb}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

// Polls an HTTP read until it satisfies the predicate: the history service offers no event to wait on.
async function until(what, read, predicate, within) {
  const deadline = Date.now() + within;
  let last;
  while (Date.now() < deadline) {
    last = await read();
    if (predicate(last)) return last;
    await pause(500);
  }
  throw new Error(`${what} not seen within ${within} ms (last: ${JSON.stringify(last).slice(0, 300)})`);
}

// Sign-ups are limited per client address; HAProxy passes X-Forwarded-For on to the user service,
// which trusts it from inside the VPC, so this run counts as its own address.
const forwardedFor = `198.51.100.${1 + Math.floor(Math.random() * 250)}`;
async function signUp(prefix) {
  const username = `${prefix}${randomUUID().slice(0, 8)}`;
  const res = await api('POST', '/user-service-api/auth/register', {
    headers: { 'X-Forwarded-For': forwardedFor },
    body: { username, email: `${username}@prodlike.local`, password: 'faults of a production shape', displayName: prefix, preferredLanguage: 'python' },
  });
  if (res.status !== 201) throw new Error(`sign-up of ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.user.id, username, token: res.body.accessToken };
}

// A client of one WebSocket through the load balancer, stuck to a task by its cookie, reconnecting
// whenever the socket closes until stopped. Subclasses handle the frames.
class Client extends EventEmitter {
  constructor(name, user, cookie) {
    super();
    this.setMaxListeners(100);
    this.name = name;
    this.user = user;
    this.cookie = cookie;
    this.socket = null;
    this.ready = false;
    this.stopped = false;
    this.connections = [];
  }

  waitFor(what, predicate, within = EVENT_WITHIN_MS) {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('change', listener);
        reject(new Error(`${this.name}: ${what} not within ${within} ms`));
      }, within);
      const listener = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        this.off('change', listener);
        resolve();
      };
      this.on('change', listener);
    });
  }

  async connect() {
    const deadline = Date.now() + RECONNECT_WITHIN_MS;
    for (;;) {
      try {
        await this.open();
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`${this.name} could not reconnect: ${error.message}`);
        await pause(250);
      }
    }
  }

  open() {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url(), { headers: { Cookie: this.cookie } });
      const connection = { task: this.cookie.split('=')[1] };
      socket.on('upgrade', (res) => {
        const set = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('AWSALB='));
        if (set) connection.task = set.split(';')[0].split('=')[1];
      });
      socket.on('error', (error) => reject(error));
      socket.on('open', () => {
        this.socket = socket;
        this.connections.push(connection);
        this.hello();
        this.waitFor('the welcome', () => this.ready || this.socket !== socket).then(resolve, reject);
      });
      socket.on('message', (data) => {
        this.frame(JSON.parse(String(data)));
        this.emit('change');
      });
      socket.on('close', (code) => {
        if (this.socket !== socket) {
          reject(new Error(`closed with ${code} before opening`));
          return;
        }
        this.socket = null;
        this.ready = false;
        this.closeCode = code;
        this.emit('change');
        if (!this.stopped && !this.final(code)) this.connect().catch((error) => this.emit('broken', error));
      });
    });
  }

  send(frame) {
    this.socket?.send(JSON.stringify(frame));
  }

  stop() {
    this.stopped = true;
    this.socket?.close(1000);
  }
}

class ChatClient extends Client {
  constructor(sessionId, ...rest) {
    super(...rest);
    this.sessionId = sessionId;
    this.lastId = null;
    this.seen = new Map(); // message id -> times delivered
    this.texts = new Map(); // text -> id
    this.acked = new Map(); // clientMsgId -> { id, text }
    this.answers = new Map(); // clientMsgId -> last ack or error frame
    this.unanswered = []; // texts stored whose ack was lost with the socket
    this.sending = new Map(); // clientMsgId -> text
  }

  url() {
    const after = this.lastId ? `&after=${encodeURIComponent(this.lastId)}` : '';
    return `${wsBase}/chat-service-api/sessions/${this.sessionId}/ws?access_token=${this.user.token}${after}`;
  }

  hello() {}

  final(code) {
    return code === 4409;
  }

  frame(f) {
    if (f.type === 'synced') this.ready = true;
    if (f.type === 'message') this.delivered(f.id, f.text);
    if (f.type === 'ack') {
      // the service acknowledges the sender's own message instead of echoing it: the ack delivers it
      this.answers.set(f.clientMsgId, f);
      if (this.sending.has(f.clientMsgId)) this.delivered(f.id, this.sending.get(f.clientMsgId));
    }
    if (f.type === 'error' && f.clientMsgId) this.answers.set(f.clientMsgId, f);
  }

  delivered(id, text) {
    this.seen.set(id, (this.seen.get(id) ?? 0) + 1);
    this.texts.set(text, id);
    this.lastId = id;
  }

  // Sends one message until it is acknowledged; after a reconnect, a message already delivered back
  // (stored, its ack lost with the socket) is not sent again.
  async say(i) {
    const clientMsgId = `${this.name}-${i}`;
    const text = `${this.name} says ${i}`;
    for (;;) {
      await this.waitFor('a synced socket', () => this.ready);
      if (this.texts.has(text)) {
        this.unanswered.push(text);
        return;
      }
      const socket = this.socket;
      this.answers.delete(clientMsgId);
      this.sending.set(clientMsgId, text);
      this.send({ type: 'message', text, clientMsgId });
      await this.waitFor(`an answer to ${clientMsgId}`, () => this.answers.has(clientMsgId) || this.socket !== socket);
      const answer = this.answers.get(clientMsgId);
      if (answer?.type === 'ack') {
        this.acked.set(clientMsgId, { id: answer.id, text });
        return;
      }
      if (answer?.type === 'error') {
        if (!['rate-limited', 'not-saved'].includes(answer.code)) throw new Error(`${clientMsgId} refused: ${answer.code}`);
        await pause(answer.retryAfterMs ?? 500);
      }
    }
  }
}

// ChangeSet JSON (docs/collab.md) applied to a string.
function applyChanges(doc, changes) {
  let out = '';
  let at = 0;
  for (const item of changes) {
    if (typeof item === 'number') {
      out += doc.slice(at, at + item);
      at += item;
    } else {
      out += item.slice(1).join('\n');
      at += item[0];
    }
  }
  if (at !== doc.length) throw new Error(`changes cover ${at} of ${doc.length} characters`);
  return out;
}

class CollabClient extends Client {
  constructor(sessionId, ...rest) {
    super(...rest);
    this.sessionId = sessionId;
    this.clientID = `${this.name}-${randomUUID().slice(0, 8)}`;
    this.doc = '';
    this.version = null;
    this.target = 0;
    this.answer = null;
    this.acked = new Map(); // edit token -> version it produced
    this.unanswered = []; // tokens the log holds whose answer was lost with the socket
    this.gaps = [];
    this.ended = false;
  }

  url() {
    return `${wsBase}/collaboration-service-api/sessions/${this.sessionId}/ws?access_token=${this.user.token}`;
  }

  hello() {
    this.send(this.version === null ? { type: 'hello' } : { type: 'hello', version: this.version });
  }

  final(code) {
    return code === 4409 || code === 4404;
  }

  frame(f) {
    if (f.type === 'welcome') this.target = f.version;
    if (f.type === 'snapshot') {
      this.doc = f.doc;
      this.version = f.version;
    }
    if (f.type === 'updates') {
      for (const u of f.updates) {
        if (u.v <= this.version) continue;
        if (u.v !== this.version + 1) this.gaps.push(`${this.version} -> ${u.v}`);
        this.doc = applyChanges(this.doc, u.changes);
        this.version = u.v;
      }
    }
    if (f.type === 'accepted' || f.type === 'conflict' || (f.type === 'error' && this.answer === null)) this.answer = f;
    if (f.type === 'ended') this.ended = true;
    if (this.version !== null && this.version >= this.target) this.ready = true;
  }

  // Appends one token at the end of the document until the server accepts it; on a conflict or a
  // reconnect it waits for the updates it missed and makes the change again on the new version (the
  // rebase @codemirror/collab does), and a token the log already holds is not pushed again.
  async type(token) {
    for (;;) {
      await this.waitFor('a synced editor', () => this.ready && this.version >= this.target);
      if (this.doc.includes(token)) {
        this.unanswered.push(token);
        return;
      }
      const socket = this.socket;
      const changes = this.doc.length > 0 ? [this.doc.length, [0, token]] : [[0, token]];
      this.answer = null;
      this.send({ type: 'push', version: this.version, updates: [{ clientID: this.clientID, changes }] });
      await this.waitFor(`an answer to the push of ${token}`, () => this.answer !== null || this.socket !== socket);
      const answer = this.answer;
      if (answer?.type === 'accepted') {
        this.acked.set(token, answer.version);
        this.target = answer.version;
        return;
      }
      if (answer?.type === 'conflict') this.target = answer.version;
      if (answer?.type === 'error') {
        if (answer.code !== 'rate-limited' && answer.code !== 'unavailable') throw new Error(`${token} refused: ${answer.code}`);
        await pause(500);
      }
    }
  }
}

function guard(clients) {
  return new Promise((_, reject) => clients.forEach((c) => c.on('broken', reject)));
}

async function chatPhase(sessionId, ada, linus) {
  const a = new ChatClient(sessionId, 'ada', ada, 'AWSALB=t0');
  const l = new ChatClient(sessionId, 'linus', linus, 'AWSALB=t1');
  await a.connect();
  await l.connect();
  const sender = async (client, fault) => {
    for (let i = 1; i <= CHAT_MESSAGES; i++) {
      await client.say(i);
      if (fault && i === CHAT_FAULT_AFTER) runFault(args['chat-fault']);
      await pause(120);
    }
  };
  await Promise.race([Promise.all([sender(a, true), sender(l, false)]), guard([a, l])]);
  const acked = [...a.acked.values(), ...l.acked.values()];
  for (const client of [a, l]) {
    await client.waitFor('every acknowledged message', () => acked.every((m) => client.seen.has(m.id)));
  }
  a.stop();
  l.stop();
  const unanswered = [...a.unanswered, ...l.unanswered];
  check(`chat: every message was acknowledged (${acked.length}) or, its ack lost with the socket, delivered back (${unanswered.length})`,
    acked.length + unanswered.length === 2 * CHAT_MESSAGES);
  check('chat: the first user was disconnected by the SIGTERM and reconnected to the other task',
    a.connections.length >= 2 && a.connections.at(-1).task === 't1', JSON.stringify(a.connections));
  for (const client of [a, l]) {
    const twice = [...client.seen].filter(([, n]) => n > 1);
    check(`chat: ${client.name}'s sockets delivered every message once, none twice`, twice.length === 0, JSON.stringify(twice));
  }
  const res = await api('GET', `/chat-service-api/sessions/${sessionId}/messages?limit=500`, { token: linus.token });
  const ids = (res.body?.messages ?? []).map((m) => m.id);
  const missing = acked.filter((m) => ids.filter((id) => id === m.id).length !== 1);
  check('chat: the transcript holds every acknowledged message exactly once', res.status === 200 && missing.length === 0,
    `${res.status}, not once: ${JSON.stringify(missing)}`);
  check('chat: the transcript holds nothing else', ids.length === 2 * CHAT_MESSAGES, `${ids.length} stored, ${2 * CHAT_MESSAGES} sent`);
  return acked;
}

async function collabPhase(sessionId, ada, linus) {
  const a = new CollabClient(sessionId, 'a', ada, 'AWSALB=t0');
  const l = new CollabClient(sessionId, 'l', linus, 'AWSALB=t1');
  await a.connect();
  await l.connect();
  const typist = async (client, fault) => {
    for (let i = 1; i <= EDITS; i++) {
      await client.type(`<${client.name}${i}>`);
      if (fault && i === EDIT_FAULT_AFTER) runFault(args['collab-fault']);
      await pause(40);
    }
  };
  await Promise.race([Promise.all([typist(a, true), typist(l, false)]), guard([a, l])]);
  const version = Math.max(...[...a.acked.values(), ...l.acked.values()]);
  for (const client of [a, l]) await client.waitFor('the last accepted version', () => client.version >= version);
  const unanswered = [...a.unanswered, ...l.unanswered];
  check(`collaboration: every edit was accepted (${a.acked.size + l.acked.size}) or, its answer lost with the task, found in the log (${unanswered.length})`,
    a.acked.size + l.acked.size + unanswered.length === 2 * EDITS);
  check('collaboration: the first editor lost its task to kill -9 and reconnected to the other task',
    a.connections.length >= 2 && a.connections.at(-1).task === 't1', JSON.stringify(a.connections));
  check('collaboration: both editors hold the same document', a.doc === l.doc && a.version === l.version,
    `${a.version} vs ${l.version}`);
  check('collaboration: no editor saw a gap in the versions', a.gaps.length + l.gaps.length === 0, JSON.stringify([a.gaps, l.gaps]));
  a.send({ type: 'end' });
  for (const client of [a, l]) await client.waitFor('the ended frame', () => client.ended);
  a.stop();
  l.stop();
  const session = await api('GET', `/collaboration-service-api/sessions/${sessionId}`, { token: ada.token });
  const text = session.body?.text ?? '';
  const acked = [...a.acked.keys(), ...l.acked.keys()];
  const notOnce = [...acked, ...unanswered].filter((token) => text.split(token).length !== 2);
  check('collaboration: the final document holds every accepted edit (and every one found in the log) exactly once', notOnce.length === 0,
    JSON.stringify(notOnce));
  check('collaboration: the final document is what the editors hold', text === a.doc, `${text.length} vs ${a.doc.length} characters`);
  return { text, version: session.body?.version, acked };
}

async function historyPhase(sessionId, users, collab, chat) {
  for (const user of users) {
    const list = await until(`${user.username}'s attempt`, () => api('GET', '/history-service-api/attempts?size=100', { token: user.token }),
      (r) => r.status === 200 && r.body.items.some((i) => i.sessionId === sessionId), HISTORY_WITHIN_MS);
    const count = list.body.items.filter((i) => i.sessionId === sessionId).length;
    check(`history: ${user.username} has exactly one attempt for the session`, count === 1 && list.body.total === 1,
      `${count} of ${list.body.total}`);
  }
  const attempt = await until('the attempt with its transcript', () => api('GET', `/history-service-api/attempts/${sessionId}`, { token: users[0].token }),
    (r) => r.status === 200 && Array.isArray(r.body.transcript), HISTORY_WITHIN_MS);
  check('history: the attempt\'s code is the final document', attempt.body.code === collab.text);
  check('history: the attempt counts one edit per version', attempt.body.editCount === collab.version,
    `${attempt.body.editCount} edits, version ${collab.version}`);
  const ids = attempt.body.transcript.map((m) => m.id);
  const notOnce = chat.filter((m) => ids.filter((id) => id === m.id).length !== 1);
  check('history: the attempt\'s transcript holds every acknowledged message exactly once', notOnce.length === 0 && ids.length === 2 * CHAT_MESSAGES,
    JSON.stringify(notOnce));
}

try {
  const ada = await signUp('ada');
  const linus = await signUp('linus');
  const created = await fetch(`${args['collab-task']}/internal/sessions`, {
    method: 'POST',
    headers: { 'X-Internal-Token': internalToken, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      matchId: randomUUID(),
      participants: [{ id: ada.id, username: ada.username }, { id: linus.id, username: linus.username }],
      question: { id: `faults-${randomUUID()}`, title: 'Fault tolerance', difficulty: 'Easy', topics: ['strings'] },
      language: 'python',
    }),
  });
  if (created.status !== 201) throw new Error(`creating the session: ${created.status} ${await created.text()}`);
  const { sessionId } = await created.json();
  const chat = await chatPhase(sessionId, ada, linus);
  const collab = await collabPhase(sessionId, ada, linus);
  await historyPhase(sessionId, [ada, linus], collab, chat);
} catch (error) {
  check('the content checks ran to the end', false, error.message);
}
process.exit(failures > 0 ? 1 : 0);
