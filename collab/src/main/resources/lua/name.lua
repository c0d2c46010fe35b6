-- Sets (or, with an empty name, clears) how a participant of an existing session is shown to the other.
-- KEYS: 1 session hash
-- ARGV: 1 user id, 2 display name or ''
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 0
end
if ARGV[2] == '' then
  redis.call('HDEL', KEYS[1], 'name:' .. ARGV[1])
else
  redis.call('HSET', KEYS[1], 'name:' .. ARGV[1], ARGV[2])
end
return 1
