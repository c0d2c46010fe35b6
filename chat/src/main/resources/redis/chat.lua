#!lua name=__LIBRARY__

-- The chat's Redis functions. Every key a function touches is passed in KEYS; channels are not keys.
-- A published event is "<header>\n<frame>": the frame is the exact JSON text every socket of the session
-- receives, so each task forwards the bytes without decoding them. Headers: "m|<connection>|<id>|<client
-- message id as JSON>" for a message (the sending connection gets an ack instead, in stream order), "e|<user>" for typing and presence (not shown to
-- that user), "x|" for the end of the session.

-- The UTC time of a stream id's milliseconds as yyyy-mm-ddThh:mm:ss.mmmZ (days to civil date, proleptic
-- Gregorian), the same text the service writes for a message read back from the stream. The text up to
-- the seconds is kept for the last second seen, and the date for the last day seen: nearly every message
-- falls in the same second, or at least the same day, as the one before.
local cachedDay, cachedDate, cachedSecond, cachedPrefix = nil, nil, nil, nil
local millis = nil
local function iso(ms)
  if not millis then
    -- built at the first call: the standard libraries are not reachable while the library loads
    millis = {}
    for i = 0, 999 do
      millis[i] = string.format('.%03dZ', i)
    end
  end
  local s = math.floor(ms / 1000)
  if s ~= cachedSecond then
    local days = math.floor(s / 86400)
    local rem = s - days * 86400
    if days ~= cachedDay then
      local z = days + 719468
      local era = math.floor(z / 146097)
      local doe = z - era * 146097
      local yoe = math.floor((doe - math.floor(doe / 1460) + math.floor(doe / 36524) - math.floor(doe / 146096)) / 365)
      local doy = doe - (365 * yoe + math.floor(yoe / 4) - math.floor(yoe / 100))
      local mp = math.floor((5 * doy + 2) / 153)
      local d = doy - math.floor((153 * mp + 2) / 5) + 1
      local m = mp < 10 and mp + 3 or mp - 9
      local y = yoe + era * 400 + (m <= 2 and 1 or 0)
      cachedDate = string.format('%04d-%02d-%02dT', y, m, d)
      cachedDay = days
    end
    cachedPrefix = cachedDate .. string.format('%02d:%02d:%02d', math.floor(rem / 3600), math.floor(rem % 3600 / 60), rem % 60)
    cachedSecond = s
  end
  return cachedPrefix .. millis[ms % 1000]
end

-- Stores and publishes one message, unless the session ended or the sender is over the rate. A session
-- whose keys are all gone (Redis lost its data) is refused rather than started again in a stream nobody
-- reads; every stream expires. k and a are where the message's keys and arguments start.
-- The stream's expiry is set only when the sender's socket asks for it (its first message, then at most
-- once per refresh interval), to the retention plus that interval, so a stream outlives its last message
-- by the retention without an EXPIRE per message.
-- Returns the id (stored) | {'rate-limited', retry ms} | {'ended'} | {'gone'}.
local function sendOne(keys, k, args, a, now, cap, capacity, window, retention)
  local state = redis.call('MGET', keys[k + 1], keys[k + 2], keys[k + 3])
  if state[1] then
    return {'ended'}
  end
  if not state[3] and redis.call('EXISTS', keys[k]) == 0 then
    return {'gone'}
  end
  local tokens, last = capacity, now
  local bucket = state[2]
  if bucket then
    local space = string.find(bucket, ' ', 1, true)
    tokens = tonumber(string.sub(bucket, 1, space - 1))
    last = tonumber(string.sub(bucket, space + 1))
  end
  tokens = math.min(capacity, tokens + math.max(0, now - last) * capacity / window)
  if tokens < 1 then
    return {'rate-limited', tostring(math.ceil((1 - tokens) * window / capacity))}
  end
  redis.call('SET', keys[k + 2], (tokens - 1) .. ' ' .. now, 'PX', window)
  local id = redis.call('XADD', keys[k], 'MAXLEN', '~', cap, '*', 'user', args[a], 'name', args[a + 1], 'text', args[a + 2])
  if args[a + 7] == '1' then
    redis.call('EXPIRE', keys[k], retention)
  end
  local ms = tonumber(string.sub(id, 1, string.find(id, '-', 1, true) - 1))
  redis.call('PUBLISH', args[a + 3], 'm|' .. args[a + 4] .. '|' .. id .. '|' .. args[a + 6] .. '\n' .. args[a + 5]
    .. ',"id":"' .. id .. '","at":"' .. iso(ms) .. '"}')
  return id
end

-- Stores and publishes the messages a task collected in one turn of its event loop, in the order given,
-- each in one atomic step with its publish, so the order of a stream and the order of live delivery are
-- the same for every subscriber. Each message is decided on its own: one refused, or one whose commands
-- fail, leaves the others stored, and its entry in the reply says so.
-- KEYS: per message 1 session stream, 2 ended marker, 3 sender's rate bucket ("<tokens> <ms>"), 4 session marker
-- ARGV: 1 stream cap, 2 bucket capacity, 3 bucket window ms, 4 stream expiry seconds; then per message
--       1 user id, 2 username, 3 text, 4 channel, 5 sending connection, 6 the frame's JSON up to (without)
--       its id and time, 7 the client's id of the message as JSON (a string or null), 8 '1' to set the
--       stream's expiry, '0' not to
-- Returns one reply per message, as sendOne's, or {'error', text} for a message whose commands failed.
redis.register_function('__LIBRARY___send', function(keys, args)
  local cap, capacity, window, retention = args[1], tonumber(args[2]), tonumber(args[3]), args[4]
  local time = redis.call('TIME')
  local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
  local replies = {}
  for i = 0, #keys / 4 - 1 do
    local ok, reply = pcall(sendOne, keys, 4 * i + 1, args, 5 + 8 * i, now, cap, capacity, window, retention)
    if ok then
      replies[i + 1] = reply
    else
      replies[i + 1] = {'error', type(reply) == 'table' and tostring(reply.err) or tostring(reply)}
    end
  end
  return replies
end)

-- Whether a user other than through `except` has a live entry in a presence set.
local function present(key, user, now)
  local prefix = user .. '|'
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', key, now, '+inf')) do
    if string.sub(member, 1, #prefix) == prefix then
      return true
    end
  end
  return false
end

-- Removes one connection from a session's presence set and from the task-wide index, and tells whether
-- its user is still connected elsewhere (another tab or another task), so "left" is announced only when
-- the last one goes. An entry of a task that died still counts here until it lapses; the sweep then
-- removes it and announces "left" itself.
-- KEYS: 1 presence sorted set (member "<user>|<connection>", score = expiry ms), 2 presence index
-- ARGV: 1 member, 2 user id, 3 now ms, 4 index entry
redis.register_function('__LIBRARY___leave', function(keys, args)
  redis.call('ZREM', keys[1], args[1])
  redis.call('ZREM', keys[2], args[4])
  return present(keys[1], args[2], args[3]) and 1 or 0
end)

-- Removes one lapsed presence entry (its task stopped refreshing it: it crashed or lost Redis) and
-- announces "left" when its user has no live connection to that session any more. Atomic, and the index
-- entry is removed once, so when several tasks sweep at once each lapsed entry is announced once.
-- KEYS: 1 presence index, 2 the session's presence sorted set
-- ARGV: 1 now ms, 2 index entry, 3 member, 4 user id, 5 channel, 6 the "left" event to publish
-- Returns 1 when "left" was announced.
redis.register_function('__LIBRARY___lapse', function(keys, args)
  if redis.call('ZREM', keys[1], args[2]) == 0 then
    return 0
  end
  local score = redis.call('ZSCORE', keys[2], args[3])
  if not score or tonumber(score) >= tonumber(args[1]) then
    return 0
  end
  redis.call('ZREM', keys[2], args[3])
  if present(keys[2], args[4], args[1]) then
    return 0
  end
  redis.call('PUBLISH', args[5], args[6])
  return 1
end)
