-- Removes a connection exactly once (a closed socket, or one whose task stopped sending heartbeats).
-- A user's last connection makes them 'reconnecting' until the grace period ends; the session's last
-- connection starts its abandonment clock. Returns the user's remaining connections, -1 when the
-- connection was already gone.
-- KEYS: 1 session hash, 2 connections zset, 3 away zset, 4 leaving zset
-- ARGV: 1 connection member, 2 now ms, 3 user id, 4 session id, 5 channel, 6 grace ms
if redis.call('ZREM', KEYS[2], ARGV[1]) == 0 then
  return -1
end
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
local count = redis.call('HINCRBY', KEYS[1], 'online:' .. ARGV[3], -1)
local total = redis.call('HINCRBY', KEYS[1], 'online', -1)
if count < 0 then
  redis.call('HSET', KEYS[1], 'online:' .. ARGV[3], 0)
  count = 0
end
if total < 0 then
  redis.call('HSET', KEYS[1], 'online', 0)
  total = 0
end
if redis.call('HGET', KEYS[1], 'status') ~= 'active' then
  return count
end
local deadline = tonumber(ARGV[2]) + tonumber(ARGV[6])
if count == 0 then
  redis.call('ZADD', KEYS[4], deadline, ARGV[4] .. '|' .. ARGV[3])
  redis.call('HSET', KEYS[1], 'presence:' .. ARGV[3], 'reconnecting')
  local user = redis.call('HGET', KEYS[1], 'user:' .. ARGV[3])
  redis.call('PUBLISH', ARGV[5], 'p|0|0|\n{"type":"presence","status":"reconnecting","user":' .. user .. '}')
end
if total == 0 then
  redis.call('ZADD', KEYS[3], deadline, ARGV[4])
end
return count
