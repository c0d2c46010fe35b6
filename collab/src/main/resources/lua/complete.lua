-- Records that the history service has the attempt: the session becomes 'ended' (kept for a while so
-- late readers learn it ended), its log goes, and the ended-sessions stream gets exactly one entry.
-- KEYS: 1 session hash, 2 log list, 3 finalize zset, 4 ended stream
-- ARGV: 1 session id, 2 ttl ms
redis.call('ZREM', KEYS[3], ARGV[1])
local state = redis.call('HMGET', KEYS[1], 'status', 'endedAt', 'matchId')
if state[1] ~= 'ending' then
  return 0
end
redis.call('HSET', KEYS[1], 'status', 'ended')
redis.call('PEXPIRE', KEYS[1], ARGV[2])
redis.call('PEXPIRE', 'collab:match:' .. state[3], ARGV[2])
redis.call('DEL', KEYS[2])
redis.call('XADD', KEYS[4], 'MAXLEN', '~', '100000', '*', 'sessionId', ARGV[1], 'endedAt', state[2])
return 1
