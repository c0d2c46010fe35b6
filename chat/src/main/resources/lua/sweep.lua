-- Removes presence entries that lapsed (their task stopped refreshing them: it crashed or lost Redis) and
-- announces "left" for each user who has no live connection to that session any more. Atomic, so when
-- several tasks sweep at once each lapsed entry is announced once.
-- KEYS: 1 presence index (member "<session>|<user>|<connection>|<username>", score = expiry ms)
-- ARGV: 1 now ms, 2 most entries to handle
local now = tonumber(ARGV[1])
local stale = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local announced = 0
for _, entry in ipairs(stale) do
  redis.call('ZREM', KEYS[1], entry)
  local sid, user, conn, name = string.match(entry, '^([^|]+)|([^|]+)|([^|]+)|(.*)$')
  if sid then
    local key = 'chat:p:' .. sid
    local member = user .. '|' .. conn
    local score = redis.call('ZSCORE', key, member)
    if score and tonumber(score) < now then
      redis.call('ZREM', key, member)
      local present = false
      for _, other in ipairs(redis.call('ZRANGEBYSCORE', key, ARGV[1], '+inf')) do
        if string.sub(other, 1, #user + 1) == user .. '|' then
          present = true
          break
        end
      end
      if not present then
        redis.call('PUBLISH', 'chat:ch:' .. sid,
          cjson.encode({type = 'presence', user = user, username = name, state = 'left'}))
        announced = announced + 1
      end
    end
  end
end
return announced
