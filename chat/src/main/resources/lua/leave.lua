-- Removes one connection from a session's presence set and from the task-wide index, and tells whether
-- its user is still connected elsewhere (another tab or another task), so "left" is announced only when
-- the last one goes. An entry of a task that died still counts here until it lapses; the sweep then
-- removes it and announces "left" itself.
-- KEYS: 1 presence sorted set (member "<user>|<connection>", score = expiry ms), 2 presence index
-- ARGV: 1 member, 2 user id, 3 now ms, 4 index entry
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[4])
local prefix = ARGV[2] .. '|'
for _, member in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[3], '+inf')) do
  if string.sub(member, 1, #prefix) == prefix then
    return 1
  end
end
return 0
