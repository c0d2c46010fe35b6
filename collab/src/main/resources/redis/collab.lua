#!lua name=__LIBRARY__

-- The collaboration service's Redis functions. Every key a function touches arrives in KEYS; channel
-- names and frames arrive in ARGV. Per-session keys: the hash collab:s:<id>, its log collab:s:<id>:log.
-- A session's text is kept as a checkpoint ('base' at 'baseVersion') plus the log entries after it.

local function status_of(key)
  return redis.call('HGET', key, 'status')
end

-- Creates a session unless its match already has one (idempotent by matchId), with its first log entry
-- (the starter code) when there is one, and indexes it under each participant.
-- KEYS: 1 match key, 2 session hash, 3 away zset, 4 log list, 5.. each participant's session index
-- ARGV: 1 session id, 2 ttl ms, 3 abandon deadline ms, 4 created at (epoch µs), 5 first log entry or '',
--       6.. field/value pairs of the new hash
-- Returns {session id, 1} when created, {existing session id, 0} when the match had one.
redis.register_function('__LIBRARY___create', function(keys, args)
  local existing = redis.call('GET', keys[1])
  if existing then
    return {existing, 0}
  end
  redis.call('HSET', keys[2], unpack(args, 6))
  redis.call('PEXPIRE', keys[2], args[2])
  if args[5] ~= '' then
    redis.call('RPUSH', keys[4], args[5])
    redis.call('PEXPIRE', keys[4], args[2])
  end
  redis.call('SET', keys[1], args[1], 'PX', args[2])
  redis.call('ZADD', keys[3], args[3], args[1])
  for i = 5, #keys do
    redis.call('ZADD', keys[i], args[4], args[1])
    -- a participant's index keeps their latest sessions only; older ones have long ended
    redis.call('ZREMRANGEBYRANK', keys[i], 0, -21)
    redis.call('PEXPIRE', keys[i], args[2])
  end
  return {args[1], 1}
end)

-- The session's hash and the log entries after its text checkpoint, in one read: {hash, entries}.
-- KEYS: 1 session hash, 2 log list
redis.register_function('__LIBRARY___read', function(keys, args)
  local hash = redis.call('HGETALL', keys[1])
  local base = tonumber(redis.call('HGET', keys[1], 'baseVersion') or '-1')
  if base < 0 then
    return {hash, {}}
  end
  return {hash, redis.call('LRANGE', keys[2], base, -1)}
end)

-- Appends updates made on the expected version and publishes them, or refuses without touching anything.
-- On a conflict it returns the entries the caller is missing (at most ARGV[9]).
-- KEYS: 1 session hash, 2 log list
-- ARGV: 1 expected version, 2 max log entries, 3 max log bytes, 4 ttl ms, 5 channel, 6 envelope,
--       7 '1' when ARGV[8] is the text after these updates (a checkpoint), else '0', 8 that text or '',
--       9 most entries to return on a conflict, 10.. log entries
-- Returns {'ok', version} | {'conflict', version, entries...} | {'ended', 0} | {'missing', 0} | {'full', version}
redis.register_function('__LIBRARY___push', function(keys, args)
  local state = redis.call('HMGET', keys[1], 'status', 'version', 'logBytes', 'language')
  if not state[1] then
    return {'missing', 0}
  end
  if state[1] ~= 'active' then
    return {'ended', 0}
  end
  local version = tonumber(state[2])
  local expected = tonumber(args[1])
  if version ~= expected then
    local reply = {'conflict', version}
    if expected < version then
      local last = math.min(version, expected + tonumber(args[9])) - 1
      for _, e in ipairs(redis.call('LRANGE', keys[2], expected, last)) do
        table.insert(reply, e)
      end
    end
    return reply
  end
  local count = #args - 9
  local bytes = tonumber(state[3] or '0')
  for i = 10, #args do
    bytes = bytes + #args[i]
  end
  if version + count > tonumber(args[2]) or bytes > tonumber(args[3]) then
    return {'full', version}
  end
  if redis.call('HEXISTS', keys[1], 'baseVersion') == 0 then
    -- a session stored before checkpoints kept its current text in 'doc': that text becomes the checkpoint
    redis.call('HSET', keys[1], 'base', redis.call('HGET', keys[1], 'doc') or '', 'baseVersion', version)
    redis.call('HDEL', keys[1], 'doc')
  end
  redis.call('RPUSH', keys[2], unpack(args, 10))
  -- the code is in the language the session had when it was last edited (a later switch alone does not
  -- change what the code is written in)
  redis.call('HSET', keys[1], 'version', version + count, 'logBytes', bytes, 'codeLanguage', state[4])
  if args[7] == '1' then
    redis.call('HSET', keys[1], 'base', args[8], 'baseVersion', version + count)
  end
  redis.call('PEXPIRE', keys[1], args[4])
  redis.call('PEXPIRE', keys[2], args[4])
  redis.call('PUBLISH', args[5], args[6])
  return {'ok', version + count}
end)

-- Switches the language of an active session and tells every socket of it.
-- KEYS: 1 session hash. ARGV: 1 language, 2 channel, 3 envelope
-- Returns 1 when switched, 0 when the session is no longer active, -1 when it does not exist.
-- Switches an active session's language and keeps the switch for the replay, with the language and
-- version it switched from. KEYS: the session, its switches; ARGV: language, channel, envelope, user id,
-- now (ms), the switches' time to live (ms).
redis.register_function('__LIBRARY___language', function(keys, args)
  local status = status_of(keys[1])
  if not status then
    return -1
  end
  if status ~= 'active' then
    return 0
  end
  local before = redis.call('HMGET', keys[1], 'language', 'version')
  redis.call('HSET', keys[1], 'language', args[1])
  redis.call('RPUSH', keys[2], cjson.encode({t = tonumber(args[5]), v = tonumber(before[2]) or 0,
    user = args[4], from = before[1], language = args[1]}))
  redis.call('PEXPIRE', keys[2], args[6])
  redis.call('PUBLISH', args[2], args[3])
  return 1
end)

-- Flips an active session to 'ending' (kept until the history service has it) and queues it for
-- finalization. The caller publishes afterwards.
local function finish_session(session, log, finalize, sid, now, ended_at, reason)
  redis.call('HSET', session, 'status', 'ending', 'endReason', reason, 'endedAt', ended_at)
  redis.call('PERSIST', session)
  redis.call('PERSIST', log)
  redis.call('ZADD', finalize, now, sid)
end

-- Ends an active session exactly once and tells every socket. Returns 1 for the caller that ended it,
-- 0 when it had already ended, -1 when it does not exist.
-- KEYS: 1 session hash, 2 log list, 3 finalize zset, 4 away zset
-- ARGV: 1 session id, 2 now ms, 3 ended-at ISO, 4 reason, 5 channel, 6 envelope
redis.register_function('__LIBRARY___end', function(keys, args)
  local status = status_of(keys[1])
  if not status then
    return -1
  end
  if status ~= 'active' then
    return 0
  end
  finish_session(keys[1], keys[2], keys[3], args[1], args[2], args[3], args[4])
  redis.call('ZREM', keys[4], args[1])
  redis.call('PUBLISH', args[5], args[6])
  return 1
end)

-- Sets (or, with an empty name, clears) how a participant of an existing session is shown to the other.
-- KEYS: 1 session hash. ARGV: 1 user id, 2 display name or ''
redis.register_function('__LIBRARY___name', function(keys, args)
  if redis.call('EXISTS', keys[1]) == 0 then
    return 0
  end
  if args[2] == '' then
    redis.call('HDEL', keys[1], 'name:' .. args[1])
  else
    redis.call('HSET', keys[1], 'name:' .. args[1], args[2])
  end
  return 1
end)

local function presence_frame(status, user)
  return 'p|0|0|\n{"type":"presence","status":"' .. status .. '","user":' .. user .. '}'
end

-- Registers a live connection of a participant, once: a connection already registered only has its
-- heartbeat refreshed. (A task's heartbeat registers a socket it finds missing, which can happen while
-- the socket's own join is still on its way; counting it twice would keep its user and the session
-- online after it closes, so neither 'left' nor the abandonment would ever come.) The first connection
-- of a user announces them as joined; any new connection cancels a pending 'left' and the session's
-- abandonment. Returns the user's connection count, -1 when the session does not exist, -2 when it is
-- no longer active.
-- KEYS: 1 session hash, 2 connections zset, 3 away zset, 4 leaving zset
-- ARGV: 1 connection member, 2 now ms, 3 user id, 4 session id, 5 channel
redis.register_function('__LIBRARY___join', function(keys, args)
  local status = status_of(keys[1])
  if not status then
    return -1
  end
  if status ~= 'active' then
    return -2
  end
  if redis.call('ZADD', keys[2], args[2], args[1]) == 0 then
    return tonumber(redis.call('HGET', keys[1], 'online:' .. args[3]) or '0')
  end
  local count = redis.call('HINCRBY', keys[1], 'online:' .. args[3], 1)
  redis.call('HINCRBY', keys[1], 'online', 1)
  redis.call('ZREM', keys[3], args[4])
  redis.call('ZREM', keys[4], args[4] .. '|' .. args[3])
  redis.call('HSET', keys[1], 'presence:' .. args[3], 'online')
  if count == 1 then
    redis.call('PUBLISH', args[5], presence_frame('joined', redis.call('HGET', keys[1], 'user:' .. args[3])))
  end
  return count
end)

-- Removes a connection exactly once (a closed socket, or one whose task stopped sending heartbeats).
-- A user's last connection makes them 'reconnecting' until the grace period ends; the session's last
-- connection starts its abandonment clock. Returns the user's remaining connections, -1 when the
-- connection was already gone.
-- KEYS: 1 session hash, 2 connections zset, 3 away zset, 4 leaving zset
-- ARGV: 1 connection member, 2 now ms, 3 user id, 4 session id, 5 channel, 6 grace ms
redis.register_function('__LIBRARY___leave', function(keys, args)
  if redis.call('ZREM', keys[2], args[1]) == 0 then
    return -1
  end
  if redis.call('EXISTS', keys[1]) == 0 then
    return 0
  end
  local count = redis.call('HINCRBY', keys[1], 'online:' .. args[3], -1)
  local total = redis.call('HINCRBY', keys[1], 'online', -1)
  if count < 0 then
    redis.call('HSET', keys[1], 'online:' .. args[3], 0)
    count = 0
  end
  if total < 0 then
    redis.call('HSET', keys[1], 'online', 0)
    total = 0
  end
  if status_of(keys[1]) ~= 'active' then
    return count
  end
  local deadline = tonumber(args[2]) + tonumber(args[6])
  if count == 0 then
    redis.call('ZADD', keys[4], deadline, args[4] .. '|' .. args[3])
    redis.call('HSET', keys[1], 'presence:' .. args[3], 'reconnecting')
    redis.call('PUBLISH', args[5], presence_frame('reconnecting', redis.call('HGET', keys[1], 'user:' .. args[3])))
  end
  if total == 0 then
    redis.call('ZADD', keys[3], deadline, args[4])
  end
  return count
end)

-- The heartbeat of one task, or one part of it: refreshes its connections and the expiry of its active
-- sessions. Returns the connections that are no longer registered (swept as stale), so that the task
-- registers them again. The connections are read with one ZMSCORE and refreshed with one ZADD XX.
-- KEYS: 1 connections zset, then per session: its hash, its log, its match key
-- ARGV: 1 now ms, 2 ttl ms, 3.. connections
redis.register_function('__LIBRARY___touch', function(keys, args)
  local lost = {}
  if #args > 2 then
    local scores = redis.call('ZMSCORE', keys[1], unpack(args, 3))
    local refresh = {}
    for i = 3, #args do
      if scores[i - 2] then
        refresh[#refresh + 1] = args[1]
        refresh[#refresh + 1] = args[i]
      else
        lost[#lost + 1] = args[i]
      end
    end
    if #refresh > 0 then
      redis.call('ZADD', keys[1], 'XX', unpack(refresh))
    end
  end
  for i = 2, #keys, 3 do
    if status_of(keys[i]) == 'active' then
      redis.call('PEXPIRE', keys[i], args[2])
      redis.call('PEXPIRE', keys[i + 1], args[2])
      redis.call('PEXPIRE', keys[i + 2], args[2])
    end
  end
  return lost
end)

-- Announces participants whose grace period ran out as left, once across all tasks. Each is checked
-- again here: another task may have taken it since the caller read the due entries.
-- KEYS: 1 leaving zset, then each due participant's session hash
-- ARGV: 1 now ms, then per due participant: its member, its user id, its session's channel
redis.register_function('__LIBRARY___sweep_leaving', function(keys, args)
  local announced = 0
  for i = 2, #keys do
    local a = 2 + (i - 2) * 3
    local member, uid, channel = args[a], args[a + 1], args[a + 2]
    local score = redis.call('ZSCORE', keys[1], member)
    if score and tonumber(score) <= tonumber(args[1]) then
      redis.call('ZREM', keys[1], member)
      local state = redis.call('HMGET', keys[i], 'status', 'online:' .. uid, 'user:' .. uid)
      if state[1] == 'active' and tonumber(state[2] or '0') == 0 and state[3] then
        redis.call('HSET', keys[i], 'presence:' .. uid, 'left')
        redis.call('PUBLISH', channel, presence_frame('left', state[3]))
        announced = announced + 1
      end
    end
  end
  return announced
end)

-- Ends sessions nobody has been connected to for the grace period as abandoned, once across all tasks
-- (the due score and the status flip are checked again here). Returns the ids of the sessions it ended.
-- KEYS: 1 away zset, 2 finalize zset, then per due session: its hash, its log
-- ARGV: 1 now ms, 2 ended-at ISO, then per due session: its id, its channel
redis.register_function('__LIBRARY___sweep_away', function(keys, args)
  local ended = {}
  for i = 3, #keys, 2 do
    local a = 3 + (i - 3)
    local sid, channel = args[a], args[a + 1]
    local score = redis.call('ZSCORE', keys[1], sid)
    if score and tonumber(score) <= tonumber(args[1]) then
      redis.call('ZREM', keys[1], sid)
      local state = redis.call('HMGET', keys[i], 'status', 'online')
      if state[1] == 'active' and tonumber(state[2] or '0') == 0 then
        finish_session(keys[i], keys[i + 1], keys[2], sid, args[1], args[2], 'abandoned')
        redis.call('PUBLISH', channel,
          'e|0|0|\n{"type":"ended","reason":"abandoned","endedAt":"' .. args[2] .. '","by":null}')
        table.insert(ended, sid)
      end
    end
  end
  return ended
end)

-- Leases due finalizations to the calling task: their next attempt moves a lease period ahead, so no
-- other task takes them meanwhile. Returns pairs of session id and attempt number.
-- KEYS: 1 finalize zset, then each due session's hash
-- ARGV: 1 now ms, 2 lease ms, then each due session's id
redis.register_function('__LIBRARY___claim', function(keys, args)
  local claimed = {}
  for i = 2, #keys do
    local sid = args[i + 1]
    local score = redis.call('ZSCORE', keys[1], sid)
    if score and tonumber(score) <= tonumber(args[1]) then
      if status_of(keys[i]) == 'ending' then
        redis.call('ZADD', keys[1], tonumber(args[1]) + tonumber(args[2]), sid)
        table.insert(claimed, sid)
        table.insert(claimed, redis.call('HINCRBY', keys[i], 'attempts', 1))
      else
        redis.call('ZREM', keys[1], sid)
      end
    end
  end
  return claimed
end)

-- Records that the history service has the attempt: the session becomes 'ended' (kept for a while so
-- late readers learn it ended), its log goes, and the ended-sessions stream gets exactly one entry.
-- KEYS: 1 session hash, 2 log list, 3 finalize zset, 4 ended stream, 5 match key
-- ARGV: 1 session id, 2 ttl ms
redis.register_function('__LIBRARY___complete', function(keys, args)
  redis.call('ZREM', keys[3], args[1])
  local state = redis.call('HMGET', keys[1], 'status', 'endedAt')
  if state[1] ~= 'ending' then
    return 0
  end
  redis.call('HSET', keys[1], 'status', 'ended')
  redis.call('PEXPIRE', keys[1], args[2])
  redis.call('PEXPIRE', keys[5], args[2])
  redis.call('DEL', keys[2])
  redis.call('XADD', keys[4], 'MAXLEN', '~', '100000', '*', 'sessionId', args[1], 'endedAt', state[2])
  return 1
end)

-- Starts a session's run unless one is going or the session's quota is spent, and tells every socket.
-- KEYS: 1 the session's running-run key, 2 its run counter
-- ARGV: 1 running-run JSON, 2 lock ttl ms, 3 quota, 4 counter ttl ms, 5 channel, 6 envelope
redis.register_function('__LIBRARY___run_start', function(keys, args)
  local current = redis.call('GET', keys[1])
  if current then
    return {'busy', current}
  end
  local used = tonumber(redis.call('GET', keys[2]) or '0')
  if used >= tonumber(args[3]) then
    return {'quota', tostring(used)}
  end
  redis.call('SET', keys[1], args[1], 'PX', args[2])
  redis.call('INCR', keys[2])
  redis.call('PEXPIRE', keys[2], args[4])
  redis.call('PUBLISH', args[5], args[6])
  return {'ok', tostring(used + 1)}
end)

-- Ends a session's run: keeps its record (when there is one), frees the session for the next run, gives
-- the quota back when the run never ran, and tells every socket. Only the run that holds the lock ends it.
-- KEYS: 1 the session's running-run key, 2 its list of runs, 3 its run counter
-- ARGV: 1 running-run JSON, 2 record JSON or '', 3 list ttl ms, 4 refund ('1' or '0'), 5 channel, 6 envelope
redis.register_function('__LIBRARY___run_finish', function(keys, args)
  if redis.call('GET', keys[1]) ~= args[1] then
    return 0
  end
  redis.call('DEL', keys[1])
  if args[2] ~= '' then
    redis.call('RPUSH', keys[2], args[2])
    redis.call('PEXPIRE', keys[2], args[3])
  end
  if args[4] == '1' and tonumber(redis.call('GET', keys[3]) or '0') > 0 then
    redis.call('DECR', keys[3])
  end
  redis.call('PUBLISH', args[5], args[6])
  return 1
end)
