-- Claims participants whose grace period ran out and announces them as left, once across all tasks.
-- KEYS: 1 leaving zset
-- ARGV: 1 now ms, 2 batch size
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
for _, member in ipairs(due) do
  redis.call('ZREM', KEYS[1], member)
  local bar = string.find(member, '|', 1, true)
  local sid = string.sub(member, 1, bar - 1)
  local uid = string.sub(member, bar + 1)
  local state = redis.call('HMGET', 'collab:s:' .. sid, 'status', 'online:' .. uid, 'user:' .. uid)
  if state[1] == 'active' and tonumber(state[2] or '0') == 0 and state[3] then
    redis.call('HSET', 'collab:s:' .. sid, 'presence:' .. uid, 'left')
    redis.call('PUBLISH', 'collab:ch:' .. sid, 'p|0|0|\n{"type":"presence","status":"left","user":' .. state[3] .. '}')
  end
end
return #due
