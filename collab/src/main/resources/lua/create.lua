-- Creates a session unless its match already has one (idempotent by matchId), with its first log entry
-- (the starter code) when there is one, and indexes it under each participant for "my active sessions".
-- KEYS: 1 match key, 2 session hash, 3 away zset, 4 log list, 5.. each participant's session index (zset)
-- ARGV: 1 session id, 2 ttl ms, 3 abandon deadline ms, 4 created at (epoch µs), 5 first log entry or '',
--       6.. field/value pairs of the new hash
local existing = redis.call('GET', KEYS[1])
if existing then
  local found = redis.call('HMGET', 'collab:s:' .. existing, 'status', 'createdAt')
  if found[1] then
    return {existing, 0, found[1], found[2]}
  end
end
redis.call('HSET', KEYS[2], unpack(ARGV, 6))
redis.call('PEXPIRE', KEYS[2], ARGV[2])
if ARGV[5] ~= '' then
  redis.call('RPUSH', KEYS[4], ARGV[5])
  redis.call('PEXPIRE', KEYS[4], ARGV[2])
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
for i = 5, #KEYS do
  redis.call('ZADD', KEYS[i], ARGV[4], ARGV[1])
  -- a participant's index keeps their latest sessions only; older ones have long ended
  redis.call('ZREMRANGEBYRANK', KEYS[i], 0, -21)
  redis.call('PEXPIRE', KEYS[i], ARGV[2])
end
return {ARGV[1], 1, 'active', redis.call('HGET', KEYS[2], 'createdAt')}
