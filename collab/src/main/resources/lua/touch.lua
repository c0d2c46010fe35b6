-- The heartbeat of one task: refreshes its connections and the expiry of its active sessions. Returns
-- the connections that are no longer registered (swept as stale), so that the task registers them again.
-- KEYS: 1 connections zset
-- ARGV: 1 now ms, 2 ttl ms, 3 number of connections n, 4..3+n connections, then session ids
local n = tonumber(ARGV[3])
local lost = {}
for i = 4, 3 + n do
  if redis.call('ZSCORE', KEYS[1], ARGV[i]) then
    redis.call('ZADD', KEYS[1], ARGV[1], ARGV[i])
  else
    table.insert(lost, ARGV[i])
  end
end
for i = 4 + n, #ARGV do
  local h = 'collab:s:' .. ARGV[i]
  local state = redis.call('HMGET', h, 'status', 'matchId')
  if state[1] == 'active' then
    redis.call('PEXPIRE', h, ARGV[2])
    redis.call('PEXPIRE', h .. ':log', ARGV[2])
    redis.call('PEXPIRE', 'collab:match:' .. state[2], ARGV[2])
  end
end
return lost
