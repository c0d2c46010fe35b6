-- Creates a session unless its match already has one (idempotent by matchId).
-- KEYS: 1 match key, 2 session hash, 3 away zset
-- ARGV: 1 session id, 2 ttl ms, 3 abandon deadline ms, 4.. field/value pairs of the new hash
local existing = redis.call('GET', KEYS[1])
if existing then
  local found = redis.call('HMGET', 'collab:s:' .. existing, 'status', 'createdAt')
  if found[1] then
    return {existing, 0, found[1], found[2]}
  end
end
redis.call('HSET', KEYS[2], unpack(ARGV, 4))
redis.call('PEXPIRE', KEYS[2], ARGV[2])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
return {ARGV[1], 1, 'active', redis.call('HGET', KEYS[2], 'createdAt')}
