-- Leases due finalizations to the calling task: their next attempt moves a lease period ahead, so no
-- other task takes them meanwhile. Returns pairs of session id and attempt number.
-- KEYS: 1 finalize zset
-- ARGV: 1 now ms, 2 lease ms, 3 batch size
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[3])
local claimed = {}
for _, sid in ipairs(due) do
  local h = 'collab:s:' .. sid
  if redis.call('HGET', h, 'status') == 'ending' then
    redis.call('ZADD', KEYS[1], tonumber(ARGV[1]) + tonumber(ARGV[2]), sid)
    table.insert(claimed, sid)
    table.insert(claimed, redis.call('HINCRBY', h, 'attempts', 1))
  else
    redis.call('ZREM', KEYS[1], sid)
  end
end
return claimed
