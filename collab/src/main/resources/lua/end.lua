-- Ends an active session exactly once: flips it to 'ending', keeps its data until the history service
-- has it (no expiry), queues it for finalization and tells every socket. Returns 1 for the caller that
-- ended it, 0 when it had already ended, -1 when it does not exist.
-- KEYS: 1 session hash, 2 log list, 3 finalize zset, 4 away zset
-- ARGV: 1 session id, 2 now ms, 3 ended-at ISO, 4 reason, 5 channel, 6 envelope
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return -1
end
if status ~= 'active' then
  return 0
end
redis.call('HSET', KEYS[1], 'status', 'ending', 'endReason', ARGV[4], 'endedAt', ARGV[3])
redis.call('PERSIST', KEYS[1])
redis.call('PERSIST', KEYS[2])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('PUBLISH', ARGV[5], ARGV[6])
return 1
