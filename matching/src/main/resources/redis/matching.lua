#!lua name=__LIBRARY__

-- The matching queue: every state change of a match request is one call of one of these functions, so
-- any number of tasks can share one Redis without two of them pairing the same request.
--
-- Every function gets the queue's due set as KEYS[1], then the keys its arguments name; ARGV[1] is the
-- caller's clock (ms), ARGV[2] the rules as JSON, ARGV[3] the operation's own fields as JSON. Requests
-- found while a function runs (a partner in a queue, a user's current request) are not known to the
-- caller; every key carries the hash tag of KEYS[1], so all of them live in one slot.
--
-- No user-facing words are written here: frames carry a `words` object (a reason and its facts) that
-- the service turns into sentences.

-- how many times a match job may be taken over after its lease ran out before its users are requeued
local MAX_CLAIMS = 3
-- how many entries of one queue a pairing looks at before it gives up until the next sweep
local SCAN_LIMIT = 64
local DIFFS = {'Easy', 'Medium', 'Hard'}

-- The state of one call: the key prefix, the clock and the rules.
local function context(keys, args)
  local due = keys[1]
  return {
    P = string.sub(due, 1, #due - 3),
    due = due,
    now = tonumber(args[1]),
    cfg = cjson.decode(args[2] or '{}')
  }
end

local function body(args)
  return cjson.decode(args[3] or '{}')
end

local function rk(c, id) return c.P .. 'req:' .. id end
local function sk(c, id) return c.P .. 'sock:' .. id end
local function uk(c, user) return c.P .. 'user:' .. user end
local function qk(c, topic, diff) return c.P .. 'q:' .. topic .. ':' .. diff end
local function rqk(c, topic) return c.P .. 'rq:' .. topic end
local function mk(c, mid) return c.P .. 'm:' .. mid end
local function queues(c) return c.P .. 'queues' end

local function load(c, id)
  local flat = redis.call('HGETALL', rk(c, id))
  if #flat == 0 then return nil end
  local r = {}
  for i = 1, #flat, 2 do r[flat[i]] = flat[i + 1] end
  return r
end

local function active(r)
  if not r then return false end
  return r.state == 'waiting' or r.state == 'matching'
end

-- Tells every task holding a socket of the request; the message is
-- "<request>\n<user>\n<socket to skip>\n<frame>".
local function notify(c, r, frame, except)
  local flat = redis.call('HGETALL', sk(c, r.id))
  local told = {}
  for i = 2, #flat, 2 do
    local task = flat[i]
    if not told[task] then
      told[task] = true
      redis.call('PUBLISH', c.P .. 'chan:' .. task, r.id .. '\n' .. r.user .. '\n' .. (except or '') .. '\n' .. frame)
    end
  end
end

local function frame(kind, id, extra)
  local f = {type = kind, requestId = id}
  for k, v in pairs(extra or {}) do f[k] = v end
  return cjson.encode(f)
end

-- A socket counts while the task holding it is alive (its key is refreshed on every sweep).
local function present(c, id)
  local flat = redis.call('HGETALL', sk(c, id))
  for i = 2, #flat, 2 do
    if redis.call('EXISTS', c.P .. 'task:' .. flat[i]) == 1 then return true end
  end
  return false
end

-- True when the request's user has been away longer than the grace; records when they left.
local function ghost(c, r)
  if present(c, r.id) then
    if r.goneAt then
      redis.call('HDEL', rk(c, r.id), 'goneAt')
      r.goneAt = nil
    end
    return false
  end
  if not r.goneAt then
    redis.call('HSET', rk(c, r.id), 'goneAt', c.now)
    r.goneAt = tostring(c.now)
    return false
  end
  return c.now - tonumber(r.goneAt) >= c.cfg.grace
end

local function unqueue(c, r)
  redis.call('ZREM', qk(c, r.topic, r.diff), r.id)
  redis.call('ZREM', rqk(c, r.topic), r.id)
end

local function enqueue(c, r)
  redis.call('ZADD', qk(c, r.topic, r.diff), r.enq, r.id)
  if r.relaxed == '1' then redis.call('ZADD', rqk(c, r.topic), r.enq, r.id) end
  redis.call('SADD', queues(c), r.topic .. '|' .. r.diff)
end

-- The next moment the sweeper must look at a waiting request.
local function schedule(c, r)
  local at = tonumber(r.timeoutAt)
  if r.relaxed ~= '1' then at = math.min(at, tonumber(r.relaxAt)) end
  if r.retryAt then at = math.min(at, tonumber(r.retryAt)) end
  if r.goneAt then
    at = math.min(at, tonumber(r.goneAt) + c.cfg.grace)
  else
    at = math.min(at, c.now + c.cfg.grace)
  end
  redis.call('ZADD', c.due, at, 'r:' .. r.id)
end

-- Ends a request for good; it stays readable, with its final frame, for the retention period.
local function finish(c, r, state, f, except)
  unqueue(c, r)
  redis.call('HSET', rk(c, r.id), 'state', state, 'endedAt', c.now)
  if f then
    redis.call('HSET', rk(c, r.id), 'result', f)
    notify(c, r, f, except)
  end
  redis.call('DEL', sk(c, r.id))
  redis.call('ZREM', c.due, 'r:' .. r.id)
  redis.call('PEXPIRE', rk(c, r.id), c.cfg.retention)
  if redis.call('GET', uk(c, r.user)) == r.id then redis.call('PEXPIRE', uk(c, r.user), c.cfg.retention) end
end

-- The oldest request of a queue that can be paired with `self`, looking at SCAN_LIMIT entries at most;
-- stale entries and ghosts met on the way are taken out of the queue.
local function head(c, key, self, user)
  local kept = 0
  local seen = 0
  while seen < SCAN_LIMIT do
    local page = redis.call('ZRANGE', key, kept, kept + 15, 'WITHSCORES')
    if #page == 0 then return nil end
    for i = 1, #page, 2 do
      seen = seen + 1
      local id = page[i]
      if id == self then
        kept = kept + 1
      else
        local other = load(c, id)
        if not other or other.state ~= 'waiting' then
          redis.call('ZREM', key, id)
        elseif ghost(c, other) then
          finish(c, other, 'disconnected', nil, nil)
        elseif other.user == user then
          kept = kept + 1
        else
          return other, tonumber(page[i + 1])
        end
      end
    end
  end
  return nil
end

-- Pairs a waiting request with the oldest compatible one, marking both as matching in one step.
local function pair(c, r, mid)
  local keys
  if r.relaxed == '1' then
    keys = {qk(c, r.topic, DIFFS[1]), qk(c, r.topic, DIFFS[2]), qk(c, r.topic, DIFFS[3])}
  else
    keys = {qk(c, r.topic, r.diff), rqk(c, r.topic)}
  end
  local best, bestScore
  for _, key in ipairs(keys) do
    local other, score = head(c, key, r.id, r.user)
    if other and (best == nil or score < bestScore) then best, bestScore = other, score end
  end
  if not best then return nil end
  local a, b = best, r
  if tonumber(r.enq) < tonumber(best.enq) then a, b = r, best end
  local relaxed = a.diff ~= b.diff
  local diff = a.diff
  if relaxed and a.relaxed == '1' and b.relaxed ~= '1' then diff = b.diff end
  for _, x in ipairs({a, b}) do
    unqueue(c, x)
    redis.call('HSET', rk(c, x.id), 'state', 'matching', 'match', mid)
    redis.call('HDEL', rk(c, x.id), 'retryAt')
    redis.call('ZREM', c.due, 'r:' .. x.id)
  end
  redis.call('HSET', mk(c, mid), 'id', mid, 'a', a.id, 'b', b.id, 'topic', r.topic, 'diff', diff,
    'relaxed', relaxed and '1' or '0', 'at', c.now, 'phase', 'new')
  redis.call('ZADD', c.due, c.now + c.cfg.jobLease, 'j:' .. mid)
  return mid
end

local function flat(c, r)
  local out = {}
  for k, v in pairs(r) do
    out[#out + 1] = k
    out[#out + 1] = v
  end
  if r.state == 'waiting' then
    out[#out + 1] = 'waiting'
    out[#out + 1] = tostring(redis.call('ZCARD', qk(c, r.topic, r.diff)))
    local rank = redis.call('ZRANK', qk(c, r.topic, r.diff), r.id)
    if rank then
      out[#out + 1] = 'position'
      out[#out + 1] = tostring(rank + 1)
    end
  end
  return out
end

local function attachSocket(c, id, socket, task)
  if socket ~= '' then redis.call('HSET', sk(c, id), socket, task) end
end

-- KEYS: due, the queue list, the user's pointer, the new request, its sockets, its queue, its topic's
-- relaxed queue. Fields: id, user, name, topic, diff, lang, socket, task, mid; for a rematch, place (the
-- moment that orders it in its queue, at most now) and rematchOf.
-- → {'queued', view} | {'matching', mid} | {'busy', current}
redis.register_function('__LIBRARY___enqueue', function(keys, args)
  local c = context(keys, args)
  local q = body(args)
  local cur = redis.call('GET', uk(c, q.user))
  if cur then
    local old = load(c, cur)
    if old and old.state == 'matching' then return {'busy', cur} end
    if old and old.state == 'waiting' then
      finish(c, old, 'superseded', frame('superseded', cur, {words = {reason = 'superseded'}}), q.socket)
    end
  end
  local place = math.min(tonumber(q.place) or c.now, c.now)
  redis.call('HSET', rk(c, q.id), 'id', q.id, 'user', q.user, 'name', q.name, 'topic', q.topic, 'diff', q.diff,
    'lang', q.lang, 'state', 'waiting', 'enq', place, 'at', c.now, 'relaxAt', c.now + c.cfg.relaxAfter,
    'timeoutAt', c.now + c.cfg.timeout, 'relaxed', '0', 'requeues', '0')
  if q.rematchOf then redis.call('HSET', rk(c, q.id), 'rematchOf', q.rematchOf) end
  redis.call('SET', uk(c, q.user), q.id)
  if q.socket == '' then redis.call('HSET', rk(c, q.id), 'goneAt', c.now) else attachSocket(c, q.id, q.socket, q.task) end
  local r = load(c, q.id)
  if pair(c, r, q.mid) then return {'matching', q.mid} end
  enqueue(c, r)
  schedule(c, r)
  return {'queued', flat(c, load(c, q.id))}
end)

-- KEYS: due, the user's pointer. Fields: socket, task.
-- → the view of the user's current request, re-attaching the socket when it is active
redis.register_function('__LIBRARY___attach', function(keys, args)
  local c = context(keys, args)
  local q = body(args)
  local cur = redis.call('GET', keys[2])
  local r = cur and load(c, cur)
  if not r then return nil end
  if active(r) then
    attachSocket(c, r.id, q.socket, q.task)
    if r.goneAt then
      redis.call('HDEL', rk(c, r.id), 'goneAt')
      r.goneAt = nil
    end
    if r.state == 'waiting' then schedule(c, r) end
  end
  return flat(c, r)
end)

-- KEYS: due, the request, its sockets. Fields: socket.
-- The socket closed; the grace starts when the last socket of the request is gone.
redis.register_function('__LIBRARY___detach', function(keys, args)
  local c = context(keys, args)
  local q = body(args)
  redis.call('HDEL', keys[3], q.socket)
  local r = load(c, q.id)
  if not active(r) or present(c, q.id) then return 0 end
  if not r.goneAt then
    redis.call('HSET', keys[2], 'goneAt', c.now)
    r.goneAt = tostring(c.now)
  end
  if r.state == 'waiting' then schedule(c, r) end
  return 1
end)

-- KEYS: due, the request, its sockets. Fields: id, socket.
-- The socket's peer missed the heartbeat deadline; it is gone, so a waiting request with no other socket
-- leaves the queue now instead of after the disconnect grace, and nobody is paired with it.
redis.register_function('__LIBRARY___vanish', function(keys, args)
  local c = context(keys, args)
  local q = body(args)
  redis.call('HDEL', keys[3], q.socket)
  local r = load(c, q.id)
  if not active(r) or present(c, q.id) then return 0 end
  if r.state == 'waiting' then
    finish(c, r, 'disconnected', nil, nil)
  elseif not r.goneAt then
    redis.call('HSET', keys[2], 'goneAt', c.now)
  end
  return 1
end)

-- KEYS: due, then the requests to look for. → the ids of those that no longer exist (Redis lost its data)
redis.register_function('__LIBRARY___missing', function(keys, args)
  local q = body(args)
  local out = {}
  for i, id in ipairs(q.ids) do
    if redis.call('EXISTS', keys[i + 1]) == 0 then table.insert(out, id) end
  end
  return out
end)

-- KEYS: due, the user's pointer. A REST read of the request, which also counts as the user being present.
redis.register_function('__LIBRARY___touch', function(keys, args)
  local c = context(keys, args)
  local cur = redis.call('GET', keys[2])
  local r = cur and load(c, cur)
  if not r then return nil end
  if r.state == 'waiting' and not present(c, r.id) then
    redis.call('HSET', rk(c, r.id), 'goneAt', c.now)
    r.goneAt = tostring(c.now)
    schedule(c, r)
  end
  return flat(c, r)
end)

-- KEYS: due, the user's pointer. Fields: socket. → {'cancelled', id} | {'busy', id} | {'none'}
redis.register_function('__LIBRARY___cancel', function(keys, args)
  local c = context(keys, args)
  local q = body(args)
  local cur = redis.call('GET', keys[2])
  local r = cur and load(c, cur)
  if not active(r) then return {'none'} end
  if r.state == 'matching' then return {'busy', r.id} end
  finish(c, r, 'cancelled', frame('cancelled', r.id), q.socket)
  return {'cancelled', r.id}
end)

-- KEYS: due, the queue list. → topic|difficulty, waiting count, ... for every non-empty queue
redis.register_function('__LIBRARY___stats', function(keys, args)
  local c = context(keys, args)
  local out = {}
  for _, name in ipairs(redis.call('SMEMBERS', keys[2])) do
    local sep = string.find(name, '|', 1, true)
    local n = redis.call('ZCARD', qk(c, string.sub(name, 1, sep - 1), string.sub(name, sep + 1)))
    if n == 0 then
      redis.call('SREM', keys[2], name)
    else
      out[#out + 1] = name
      out[#out + 1] = n
    end
  end
  return out
end)

local function tick(c, id, mid)
  local r = load(c, id)
  if not r or r.state ~= 'waiting' then
    redis.call('ZREM', c.due, 'r:' .. id)
    return nil
  end
  if c.now >= tonumber(r.timeoutAt) then
    finish(c, r, 'timeout', frame('timeout', id, {words = {reason = 'no-partner', topic = r.topic,
      difficulty = r.diff, timeoutMs = c.cfg.timeout}}), nil)
    return nil
  end
  if ghost(c, r) then
    finish(c, r, 'disconnected', nil, nil)
    return nil
  end
  local again = false
  if r.relaxed ~= '1' and c.now >= tonumber(r.relaxAt) then
    redis.call('HSET', rk(c, id), 'relaxed', '1')
    r.relaxed = '1'
    redis.call('ZADD', rqk(c, r.topic), r.enq, id)
    notify(c, r, frame('relaxed', id, {difficulty = 'any'}), nil)
    again = true
  end
  if r.retryAt and c.now >= tonumber(r.retryAt) then
    redis.call('HDEL', rk(c, id), 'retryAt')
    r.retryAt = nil
    again = true
  end
  if again then
    if not mid then
      -- out of match ids in this sweep: try again on the next one
      redis.call('HSET', rk(c, id), 'retryAt', c.now)
      redis.call('ZADD', c.due, c.now, 'r:' .. id)
      return nil
    end
    if pair(c, r, mid) then return mid end
  end
  schedule(c, r)
  return nil
end

-- Sends both users of a match that could not be made back to the front of their queues, with their
-- original enqueue times, and tells them why (`cause`, when the service gave one).
local function requeue(c, mid, cause)
  local m = redis.call('HMGET', mk(c, mid), 'a', 'b', 'phase')
  if not m[1] or m[3] ~= 'new' then return 0 end
  for _, id in ipairs({m[1], m[2]}) do
    local r = load(c, id)
    if r and r.state == 'matching' and r.match == mid then
      redis.call('HDEL', rk(c, id), 'match')
      redis.call('HINCRBY', rk(c, id), 'requeues', 1)
      r.state = 'waiting'
      if c.now >= tonumber(r.timeoutAt) then
        finish(c, r, 'timeout', frame('timeout', id, {words = {reason = 'not-prepared'}}), nil)
      else
        r.retryAt = tostring(c.now + c.cfg.backoff)
        redis.call('HSET', rk(c, id), 'state', 'waiting', 'retryAt', r.retryAt)
        enqueue(c, r)
        notify(c, r, frame('requeued', id, {words = {reason = 'requeued', cause = cause}}), nil)
        schedule(c, r)
      end
    end
  end
  redis.call('DEL', mk(c, mid))
  redis.call('ZREM', c.due, 'j:' .. mid)
  return 1
end

-- KEYS: due, the queue list. Fields: limit, mids (fresh match ids the sweep may use).
-- → the match jobs this task must run: new pairings and jobs whose lease ran out
redis.register_function('__LIBRARY___sweep', function(keys, args)
  local c = context(keys, args)
  local q = body(args)
  local used = 0
  local jobs = {}
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', c.due, '-inf', c.now, 'LIMIT', 0, q.limit)) do
    local id = string.sub(member, 3)
    if string.sub(member, 1, 1) == 'j' then
      local phase = redis.call('HGET', mk(c, id), 'phase')
      if not phase then
        redis.call('ZREM', c.due, member)
      elseif phase == 'new' and redis.call('HINCRBY', mk(c, id), 'claims', 1) > MAX_CLAIMS then
        -- a match that keeps failing its tasks must not hold its users for ever
        requeue(c, id, nil)
      else
        redis.call('ZADD', c.due, c.now + c.cfg.jobLease, member)
        jobs[#jobs + 1] = id
      end
    else
      local made = tick(c, id, q.mids[used + 1])
      if made then
        used = used + 1
        jobs[#jobs + 1] = made
      end
    end
  end
  return jobs
end)

-- KEYS: due, the match. → {match fields, request a fields, request b fields} or nil
redis.register_function('__LIBRARY___pairing', function(keys, args)
  local c = context(keys, args)
  local m = redis.call('HGETALL', keys[2])
  if #m == 0 then return nil end
  local fields = {}
  for i = 1, #m, 2 do fields[m[i]] = m[i + 1] end
  return {m, redis.call('HGETALL', rk(c, fields.a)), redis.call('HGETALL', rk(c, fields.b))}
end)

-- KEYS: due, the match. Fields: question.
-- → the question of the match: the first one saved wins, so a retried job reuses it
redis.register_function('__LIBRARY___save_pick', function(keys, args)
  local q = body(args)
  if redis.call('EXISTS', keys[2]) == 0 then return nil end
  redis.call('HSETNX', keys[2], 'question', q.question)
  return redis.call('HGET', keys[2], 'question')
end)

-- KEYS: due, the match. Fields: session, frameA, frameB, record, logged.
-- → 1 when this call told the users, 0 when it was done already; unless logged, the record stays with
-- the match until it is in the match log
redis.register_function('__LIBRARY___finish', function(keys, args)
  local c = context(keys, args)
  local q = body(args)
  local m = redis.call('HMGET', keys[2], 'a', 'b', 'phase')
  if not m[1] or m[3] ~= 'new' then return 0 end
  local frames = {q.frameA, q.frameB}
  for i, id in ipairs({m[1], m[2]}) do
    local r = load(c, id)
    if r and r.state == 'matching' and r.match == q.mid then
      finish(c, r, 'matched', frames[i], nil)
    end
  end
  if q.logged then
    redis.call('DEL', keys[2])
    redis.call('ZREM', c.due, 'j:' .. q.mid)
  else
    redis.call('HSET', keys[2], 'phase', 'told', 'session', q.session, 'record', q.record)
  end
  return 1
end)

-- KEYS: due, the match. Fields: mid, cause. Both users go back to the front of their queues.
redis.register_function('__LIBRARY___requeue', function(keys, args)
  local c = context(keys, args)
  local q = body(args)
  return requeue(c, q.mid, q.cause)
end)

-- KEYS: due, the match. Fields: mid, code, detail. Both requests end with an error retrying cannot fix.
redis.register_function('__LIBRARY___fail', function(keys, args)
  local c = context(keys, args)
  local q = body(args)
  local m = redis.call('HMGET', keys[2], 'a', 'b', 'phase')
  if not m[1] or m[3] ~= 'new' then return 0 end
  for _, id in ipairs({m[1], m[2]}) do
    local r = load(c, id)
    if r and r.state == 'matching' and r.match == q.mid then
      finish(c, r, 'failed', frame('error', id, {code = q.code, detail = q.detail}), nil)
    end
  end
  redis.call('DEL', keys[2])
  redis.call('ZREM', c.due, 'j:' .. q.mid)
  return 1
end)

-- KEYS: due, the match. Fields: mid. The match is recorded; its job is over.
redis.register_function('__LIBRARY___done', function(keys, args)
  local c = context(keys, args)
  local q = body(args)
  redis.call('DEL', keys[2])
  redis.call('ZREM', c.due, 'j:' .. q.mid)
  return 1
end)
