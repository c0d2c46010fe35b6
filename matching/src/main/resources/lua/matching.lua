-- The matching queue: every state change of a match request happens inside this script, so any number
-- of tasks can share one Redis without two of them pairing the same request.
--
-- ARGV[1] is the operation; ARGV[2..7] the rules (relax after, timeout, disconnect grace, job lease,
-- result retention, retry back-off, all in ms); the operation's own arguments follow from ARGV[8].
-- Keys are not passed as KEYS: the requests a pairing touches are only known inside the script, so
-- the queue needs a standalone (non-cluster) Redis.

local P = 'peerprep:match:'
local DUE = P .. 'due'
local QUEUES = P .. 'queues'
local DIFFS = {'Easy', 'Medium', 'Hard'}
-- how many times a match job may be taken over after its lease ran out before its users are requeued
local MAX_CLAIMS = 3

local cfg = {
  relaxAfter = tonumber(ARGV[2]),
  timeout = tonumber(ARGV[3]),
  grace = tonumber(ARGV[4]),
  jobLease = tonumber(ARGV[5]),
  retention = tonumber(ARGV[6]),
  backoff = tonumber(ARGV[7])
}

local function clock()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end

local now = clock()

local function rk(id) return P .. 'req:' .. id end
local function sk(id) return P .. 'sock:' .. id end
local function uk(user) return P .. 'user:' .. user end
local function qk(topic, diff) return P .. 'q:' .. topic .. ':' .. diff end
local function rqk(topic) return P .. 'rq:' .. topic end
local function mk(mid) return P .. 'm:' .. mid end

local function load(id)
  local flat = redis.call('HGETALL', rk(id))
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
local function notify(r, frame, except)
  local flat = redis.call('HGETALL', sk(r.id))
  local told = {}
  for i = 2, #flat, 2 do
    local task = flat[i]
    if not told[task] then
      told[task] = true
      redis.call('PUBLISH', P .. 'chan:' .. task, r.id .. '\n' .. r.user .. '\n' .. (except or '') .. '\n' .. frame)
    end
  end
end

local function frame(kind, id, extra)
  local f = {type = kind, requestId = id}
  for k, v in pairs(extra or {}) do f[k] = v end
  return cjson.encode(f)
end

-- A socket counts while the task holding it is alive (its key is refreshed on every sweep).
local function present(id)
  local flat = redis.call('HGETALL', sk(id))
  for i = 2, #flat, 2 do
    if redis.call('EXISTS', P .. 'task:' .. flat[i]) == 1 then return true end
  end
  return false
end

-- True when the request's user has been away longer than the grace; records when they left.
local function ghost(r)
  if present(r.id) then
    if r.goneAt then
      redis.call('HDEL', rk(r.id), 'goneAt')
      r.goneAt = nil
    end
    return false
  end
  if not r.goneAt then
    redis.call('HSET', rk(r.id), 'goneAt', now)
    r.goneAt = tostring(now)
    return false
  end
  return now - tonumber(r.goneAt) >= cfg.grace
end

local function unqueue(r)
  redis.call('ZREM', qk(r.topic, r.diff), r.id)
  redis.call('ZREM', rqk(r.topic), r.id)
end

local function enqueue(r)
  redis.call('ZADD', qk(r.topic, r.diff), r.enq, r.id)
  if r.relaxed == '1' then redis.call('ZADD', rqk(r.topic), r.enq, r.id) end
  redis.call('SADD', QUEUES, r.topic .. '|' .. r.diff)
end

-- The next moment the sweeper must look at a waiting request.
local function schedule(r)
  local at = tonumber(r.timeoutAt)
  if r.relaxed ~= '1' then at = math.min(at, tonumber(r.relaxAt)) end
  if r.retryAt then at = math.min(at, tonumber(r.retryAt)) end
  if r.goneAt then
    at = math.min(at, tonumber(r.goneAt) + cfg.grace)
  else
    at = math.min(at, now + cfg.grace)
  end
  redis.call('ZADD', DUE, at, 'r:' .. r.id)
end

-- Ends a request for good; it stays readable, with its final frame, for the retention period.
local function finish(r, state, f, except)
  unqueue(r)
  redis.call('HSET', rk(r.id), 'state', state, 'endedAt', now)
  if f then
    redis.call('HSET', rk(r.id), 'result', f)
    notify(r, f, except)
  end
  redis.call('DEL', sk(r.id))
  redis.call('ZREM', DUE, 'r:' .. r.id)
  redis.call('PEXPIRE', rk(r.id), cfg.retention)
  if redis.call('GET', uk(r.user)) == r.id then redis.call('PEXPIRE', uk(r.user), cfg.retention) end
end

-- The oldest request of a queue that can be paired with `self`; stale entries and ghosts met on the
-- way are taken out of the queue.
local function head(key, self, user)
  local kept = 0
  while true do
    local page = redis.call('ZRANGE', key, kept, kept + 15, 'WITHSCORES')
    if #page == 0 then return nil end
    for i = 1, #page, 2 do
      local id = page[i]
      if id == self then
        kept = kept + 1
      else
        local c = load(id)
        if not c or c.state ~= 'waiting' then
          redis.call('ZREM', key, id)
        elseif ghost(c) then
          finish(c, 'disconnected', nil, nil)
        elseif c.user == user then
          kept = kept + 1
        else
          return c, tonumber(page[i + 1])
        end
      end
    end
  end
end

-- Pairs a waiting request with the oldest compatible one, marking both as matching in one step.
local function pair(r, mid)
  local keys
  if r.relaxed == '1' then
    keys = {qk(r.topic, DIFFS[1]), qk(r.topic, DIFFS[2]), qk(r.topic, DIFFS[3])}
  else
    keys = {qk(r.topic, r.diff), rqk(r.topic)}
  end
  local best, bestScore
  for _, key in ipairs(keys) do
    local c, score = head(key, r.id, r.user)
    if c and (best == nil or score < bestScore) then best, bestScore = c, score end
  end
  if not best then return nil end
  local a, b = best, r
  if tonumber(r.enq) < tonumber(best.enq) then a, b = r, best end
  local relaxed = a.diff ~= b.diff
  local diff = a.diff
  if relaxed and a.relaxed == '1' and b.relaxed ~= '1' then diff = b.diff end
  for _, x in ipairs({a, b}) do
    unqueue(x)
    redis.call('HSET', rk(x.id), 'state', 'matching', 'match', mid)
    redis.call('HDEL', rk(x.id), 'retryAt')
    redis.call('ZREM', DUE, 'r:' .. x.id)
  end
  redis.call('HSET', mk(mid), 'id', mid, 'a', a.id, 'b', b.id, 'topic', r.topic, 'diff', diff,
    'relaxed', relaxed and '1' or '0', 'at', now, 'phase', 'new')
  redis.call('ZADD', DUE, now + cfg.jobLease, 'j:' .. mid)
  return mid
end

local function flat(r)
  local out = {}
  for k, v in pairs(r) do
    out[#out + 1] = k
    out[#out + 1] = v
  end
  if r.state == 'waiting' then
    out[#out + 1] = 'waiting'
    out[#out + 1] = tostring(redis.call('ZCARD', qk(r.topic, r.diff)))
    local rank = redis.call('ZRANK', qk(r.topic, r.diff), r.id)
    if rank then
      out[#out + 1] = 'position'
      out[#out + 1] = tostring(rank + 1)
    end
  end
  return out
end

local function attachSocket(id, socket, task)
  if socket ~= '' then redis.call('HSET', sk(id), socket, task) end
end

local ops = {}

-- id, user, name, topic, diff, lang, socket, task, mid → {'queued', view} | {'matching', mid} | {'busy', current}
function ops.enqueue(id, user, name, topic, diff, lang, socket, task, mid)
  local cur = redis.call('GET', uk(user))
  if cur then
    local c = load(cur)
    if c and c.state == 'matching' then return {'busy', cur} end
    if c and c.state == 'waiting' then
      finish(c, 'superseded', frame('superseded', cur,
        {detail = 'You asked for a new match somewhere else; this request was replaced.'}), socket)
    end
  end
  redis.call('HSET', rk(id), 'id', id, 'user', user, 'name', name, 'topic', topic, 'diff', diff,
    'lang', lang, 'state', 'waiting', 'enq', now, 'relaxAt', now + cfg.relaxAfter,
    'timeoutAt', now + cfg.timeout, 'relaxed', '0', 'requeues', '0')
  redis.call('SET', uk(user), id)
  if socket == '' then redis.call('HSET', rk(id), 'goneAt', now) else attachSocket(id, socket, task) end
  local r = load(id)
  if pair(r, mid) then return {'matching', mid} end
  enqueue(r)
  schedule(r)
  return {'queued', flat(load(id))}
end

-- user, socket, task → the view of the user's current request, re-attaching the socket when it is active
function ops.attach(user, socket, task)
  local cur = redis.call('GET', uk(user))
  local r = cur and load(cur)
  if not r then return nil end
  if active(r) then
    attachSocket(r.id, socket, task)
    if r.goneAt then
      redis.call('HDEL', rk(r.id), 'goneAt')
      r.goneAt = nil
    end
    if r.state == 'waiting' then schedule(r) end
  end
  return flat(r)
end

-- id, socket: the socket closed; the grace starts when the last socket of the request is gone
function ops.detach(id, socket)
  redis.call('HDEL', sk(id), socket)
  local r = load(id)
  if not active(r) or present(id) then return 0 end
  if not r.goneAt then
    redis.call('HSET', rk(id), 'goneAt', now)
    r.goneAt = tostring(now)
  end
  if r.state == 'waiting' then schedule(r) end
  return 1
end

-- id, socket: the socket's peer missed the heartbeat deadline; it is gone, so a waiting request with no
-- other socket leaves the queue now instead of after the disconnect grace, and nobody is paired with it
function ops.vanish(id, socket)
  redis.call('HDEL', sk(id), socket)
  local r = load(id)
  if not active(r) or present(id) then return 0 end
  if r.state == 'waiting' then
    finish(r, 'disconnected', nil, nil)
  elseif not r.goneAt then
    redis.call('HSET', rk(id), 'goneAt', now)
  end
  return 1
end

-- ids: those of these requests that no longer exist (Redis lost its data)
function ops.missing(...)
  local out = {}
  for _, id in ipairs({...}) do
    if redis.call('EXISTS', rk(id)) == 0 then table.insert(out, id) end
  end
  return out
end

-- user: a REST read of the request, which also counts as the user being present
function ops.touch(user)
  local cur = redis.call('GET', uk(user))
  local r = cur and load(cur)
  if not r then return nil end
  if r.state == 'waiting' and not present(r.id) then
    redis.call('HSET', rk(r.id), 'goneAt', now)
    r.goneAt = tostring(now)
    schedule(r)
  end
  return flat(r)
end

-- user, socket → {'cancelled', id} | {'busy', id} | {'none'}
function ops.cancel(user, socket)
  local cur = redis.call('GET', uk(user))
  local r = cur and load(cur)
  if not active(r) then return {'none'} end
  if r.state == 'matching' then return {'busy', r.id} end
  finish(r, 'cancelled', frame('cancelled', r.id), socket)
  return {'cancelled', r.id}
end

function ops.stats()
  local out = {}
  for _, q in ipairs(redis.call('SMEMBERS', QUEUES)) do
    local sep = string.find(q, '|', 1, true)
    local n = redis.call('ZCARD', qk(string.sub(q, 1, sep - 1), string.sub(q, sep + 1)))
    if n == 0 then
      redis.call('SREM', QUEUES, q)
    else
      out[#out + 1] = q
      out[#out + 1] = n
    end
  end
  return out
end

local function tick(id, mid)
  local r = load(id)
  if not r or r.state ~= 'waiting' then
    redis.call('ZREM', DUE, 'r:' .. id)
    return nil
  end
  if now >= tonumber(r.timeoutAt) then
    finish(r, 'timeout', frame('timeout', id, {detail = 'No partner was found for ' .. r.topic .. ' (' .. r.diff ..
      ') within ' .. math.floor(cfg.timeout / 1000) .. ' seconds. Try again, or pick another topic.'}), nil)
    return nil
  end
  if ghost(r) then
    finish(r, 'disconnected', nil, nil)
    return nil
  end
  local again = false
  if r.relaxed ~= '1' and now >= tonumber(r.relaxAt) then
    redis.call('HSET', rk(id), 'relaxed', '1')
    r.relaxed = '1'
    redis.call('ZADD', rqk(r.topic), r.enq, id)
    notify(r, frame('relaxed', id, {difficulty = 'any'}), nil)
    again = true
  end
  if r.retryAt and now >= tonumber(r.retryAt) then
    redis.call('HDEL', rk(id), 'retryAt')
    r.retryAt = nil
    again = true
  end
  if again then
    if not mid then
      -- out of match ids in this sweep: try again on the next one
      redis.call('HSET', rk(id), 'retryAt', now)
      redis.call('ZADD', DUE, now, 'r:' .. id)
      return nil
    end
    if pair(r, mid) then return mid end
  end
  schedule(r)
  return nil
end

-- Sends both users of a match that could not be made back to the front of their queues, with their
-- original enqueue times, and tells them why.
local function requeue(mid, detail)
  local m = redis.call('HMGET', mk(mid), 'a', 'b', 'phase')
  if not m[1] or m[3] ~= 'new' then return 0 end
  for _, id in ipairs({m[1], m[2]}) do
    local r = load(id)
    if r and r.state == 'matching' and r.match == mid then
      redis.call('HDEL', rk(id), 'match')
      redis.call('HINCRBY', rk(id), 'requeues', 1)
      r.state = 'waiting'
      if now >= tonumber(r.timeoutAt) then
        finish(r, 'timeout', frame('timeout', id, {detail = 'A partner was found, but the session could not be '
          .. 'prepared before the time limit. Try again in a moment.'}), nil)
      else
        r.retryAt = tostring(now + cfg.backoff)
        redis.call('HSET', rk(id), 'state', 'waiting', 'retryAt', r.retryAt)
        enqueue(r)
        notify(r, frame('requeued', id, {detail = detail}), nil)
        schedule(r)
      end
    end
  end
  redis.call('DEL', mk(mid))
  redis.call('ZREM', DUE, 'j:' .. mid)
  return 1
end

-- limit, mid... → the match jobs this task must run: new pairings and jobs whose lease ran out
function ops.sweep(limit, ...)
  local mids = {...}
  local used = 0
  local jobs = {}
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', DUE, '-inf', now, 'LIMIT', 0, tonumber(limit))) do
    local id = string.sub(member, 3)
    if string.sub(member, 1, 1) == 'j' then
      local phase = redis.call('HGET', mk(id), 'phase')
      if not phase then
        redis.call('ZREM', DUE, member)
      elseif phase == 'new' and redis.call('HINCRBY', mk(id), 'claims', 1) > MAX_CLAIMS then
        -- a match that keeps failing its tasks must not hold its users for ever
        requeue(id, 'A partner was found, but the session could not be prepared. '
          .. 'You are back at the front of the queue.')
      else
        redis.call('ZADD', DUE, now + cfg.jobLease, member)
        jobs[#jobs + 1] = id
      end
    else
      local m = tick(id, mids[used + 1])
      if m then
        used = used + 1
        jobs[#jobs + 1] = m
      end
    end
  end
  return jobs
end

-- mid → {match fields, request a fields, request b fields} or nil
function ops.pairing(mid)
  local m = redis.call('HGETALL', mk(mid))
  if #m == 0 then return nil end
  local fields = {}
  for i = 1, #m, 2 do fields[m[i]] = m[i + 1] end
  return {m, redis.call('HGETALL', rk(fields.a)), redis.call('HGETALL', rk(fields.b))}
end

-- mid, question → the question of the match: the first one saved wins, so a retried job reuses it
function ops.savePick(mid, question)
  if redis.call('EXISTS', mk(mid)) == 0 then return nil end
  redis.call('HSETNX', mk(mid), 'question', question)
  return redis.call('HGET', mk(mid), 'question')
end

-- mid, session, frame for a, frame for b, match record, logged → 1 when this call told the users, 0 when
-- it was done already; unless logged is '1', the record stays with the match until it is in the match log
function ops.finish(mid, session, frameA, frameB, record, logged)
  local m = redis.call('HMGET', mk(mid), 'a', 'b', 'phase')
  if not m[1] or m[3] ~= 'new' then return 0 end
  local frames = {frameA, frameB}
  for i, id in ipairs({m[1], m[2]}) do
    local r = load(id)
    if r and r.state == 'matching' and r.match == mid then
      finish(r, 'matched', frames[i], nil)
    end
  end
  if logged == '1' then
    redis.call('DEL', mk(mid))
    redis.call('ZREM', DUE, 'j:' .. mid)
  else
    redis.call('HSET', mk(mid), 'phase', 'told', 'session', session, 'record', record)
  end
  return 1
end

-- mid, detail → both users go back to the front of their queues with their original times
function ops.requeue(mid, detail)
  return requeue(mid, detail)
end

-- mid, code, detail → both requests end with an error that retrying cannot fix
function ops.fail(mid, code, detail)
  local m = redis.call('HMGET', mk(mid), 'a', 'b', 'phase')
  if not m[1] or m[3] ~= 'new' then return 0 end
  for _, id in ipairs({m[1], m[2]}) do
    local r = load(id)
    if r and r.state == 'matching' and r.match == mid then
      finish(r, 'failed', frame('error', id, {code = code, detail = detail}), nil)
    end
  end
  redis.call('DEL', mk(mid))
  redis.call('ZREM', DUE, 'j:' .. mid)
  return 1
end

-- mid: the match is recorded; its job is over
function ops.done(mid)
  redis.call('DEL', mk(mid))
  redis.call('ZREM', DUE, 'j:' .. mid)
  return 1
end

local op = ops[ARGV[1]]
if not op then return redis.error_reply('unknown operation ' .. tostring(ARGV[1])) end
return op(unpack(ARGV, 8))
