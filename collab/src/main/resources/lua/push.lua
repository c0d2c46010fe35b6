-- Appends updates made on the expected version, stores the new text and publishes the updates, or
-- refuses without touching anything.
-- KEYS: 1 session hash, 2 log list
-- ARGV: 1 expected version, 2 new text, 3 new text length (UTF-16 units), 4 max text length,
--       5 max log entries, 6 max log bytes, 7 ttl ms, 8 channel, 9 envelope, 10.. log entries
local state = redis.call('HMGET', KEYS[1], 'status', 'version', 'logBytes', 'language')
if not state[1] then
  return {'missing', 0}
end
if state[1] ~= 'active' then
  return {'ended', 0}
end
local version = tonumber(state[2])
if version ~= tonumber(ARGV[1]) then
  return {'conflict', version}
end
if tonumber(ARGV[3]) > tonumber(ARGV[4]) then
  return {'too-large', version}
end
local count = #ARGV - 9
local bytes = tonumber(state[3] or '0')
for i = 10, #ARGV do
  bytes = bytes + #ARGV[i]
end
if version + count > tonumber(ARGV[5]) or bytes > tonumber(ARGV[6]) then
  return {'full', version}
end
redis.call('RPUSH', KEYS[2], unpack(ARGV, 10))
-- the code is in the language the session had when it was last edited (a later switch alone does not
-- change what the code is written in)
redis.call('HSET', KEYS[1], 'version', version + count, 'doc', ARGV[2], 'logBytes', bytes, 'codeLanguage', state[4])
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('PEXPIRE', KEYS[2], ARGV[7])
redis.call('PUBLISH', ARGV[8], ARGV[9])
return {'ok', version + count}
