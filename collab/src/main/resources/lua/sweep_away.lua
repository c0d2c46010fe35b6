-- Claims sessions nobody has been connected to for the grace period and ends them as abandoned, once
-- across all tasks (the status flip is the gate). Returns the ids of the sessions it ended.
-- KEYS: 1 away zset, 2 finalize zset
-- ARGV: 1 now ms, 2 batch size, 3 ended-at ISO
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
local ended = {}
for _, sid in ipairs(due) do
  redis.call('ZREM', KEYS[1], sid)
  local h = 'collab:s:' .. sid
  local state = redis.call('HMGET', h, 'status', 'online')
  if state[1] == 'active' and tonumber(state[2] or '0') == 0 then
    redis.call('HSET', h, 'status', 'ending', 'endReason', 'abandoned', 'endedAt', ARGV[3])
    redis.call('PERSIST', h)
    redis.call('PERSIST', h .. ':log')
    redis.call('ZADD', KEYS[2], ARGV[1], sid)
    redis.call('PUBLISH', 'collab:ch:' .. sid,
      'e|0|0|\n{"type":"ended","reason":"abandoned","endedAt":"' .. ARGV[3] .. '","by":null}')
    table.insert(ended, sid)
  end
end
return ended
