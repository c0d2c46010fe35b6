-- Registers a live connection of a participant. The first connection of a user announces them as joined;
-- any connection cancels a pending 'left' and the session's abandonment. Returns the user's connection
-- count, -1 when the session does not exist, -2 when it is no longer active.
-- KEYS: 1 session hash, 2 connections zset, 3 away zset, 4 leaving zset
-- ARGV: 1 connection member, 2 now ms, 3 user id, 4 session id, 5 channel
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return -1
end
if status ~= 'active' then
  return -2
end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1])
local count = redis.call('HINCRBY', KEYS[1], 'online:' .. ARGV[3], 1)
redis.call('HINCRBY', KEYS[1], 'online', 1)
redis.call('ZREM', KEYS[3], ARGV[4])
redis.call('ZREM', KEYS[4], ARGV[4] .. '|' .. ARGV[3])
redis.call('HSET', KEYS[1], 'presence:' .. ARGV[3], 'online')
if count == 1 then
  local user = redis.call('HGET', KEYS[1], 'user:' .. ARGV[3])
  redis.call('PUBLISH', ARGV[5], 'p|0|0|\n{"type":"presence","status":"joined","user":' .. user .. '}')
end
return count
