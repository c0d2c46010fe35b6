-- Starts a session's run unless one is going or the session's quota is spent, and tells every socket.
-- KEYS: 1 the session's running-run key, 2 its run counter
-- ARGV: 1 running-run JSON, 2 lock ttl ms, 3 quota, 4 counter ttl ms, 5 channel, 6 envelope
local current = redis.call('GET', KEYS[1])
if current then
  return {'busy', current}
end
local used = tonumber(redis.call('GET', KEYS[2]) or '0')
if used >= tonumber(ARGV[3]) then
  return {'quota', tostring(used)}
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('PUBLISH', ARGV[5], ARGV[6])
return {'ok', tostring(used + 1)}
