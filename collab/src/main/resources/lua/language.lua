-- Switches the language of an active session and tells every socket of it.
-- KEYS: 1 session hash
-- ARGV: 1 language, 2 channel, 3 envelope
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return -1
end
if status ~= 'active' then
  return 0
end
redis.call('HSET', KEYS[1], 'language', ARGV[1])
redis.call('PUBLISH', ARGV[2], ARGV[3])
return 1
