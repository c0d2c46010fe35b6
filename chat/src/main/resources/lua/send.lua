-- Stores and publishes one chat message in a single atomic step, so the order of the stream and the
-- order of live delivery are the same for every subscriber. A session whose keys are all gone (Redis lost
-- its data) is refused rather than started again in a stream nobody reads; every stream expires.
-- KEYS: 1 session stream, 2 ended marker, 3 sender's rate bucket, 4 session marker (set when a socket joins)
-- ARGV: 1 stream cap, 2 user id, 3 username, 4 text, 5 bucket capacity, 6 bucket window ms, 7 channel,
--       8 stream retention seconds
if redis.call('EXISTS', KEYS[2]) == 1 then
  return {'ended'}
end
if redis.call('EXISTS', KEYS[4]) == 0 and redis.call('EXISTS', KEYS[1]) == 0 then
  return {'gone'}
end
local capacity = tonumber(ARGV[5])
local window = tonumber(ARGV[6])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local bucket = redis.call('HMGET', KEYS[3], 'tokens', 'ts')
local tokens = tonumber(bucket[1]) or capacity
local last = tonumber(bucket[2]) or now
tokens = math.min(capacity, tokens + math.max(0, now - last) * capacity / window)
if tokens < 1 then
  return {'rate_limited', tostring(math.ceil((1 - tokens) * window / capacity))}
end
redis.call('HSET', KEYS[3], 'tokens', tostring(tokens - 1), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[3], window)
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'user', ARGV[2], 'name', ARGV[3], 'text', ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[8])
redis.call('PUBLISH', ARGV[7], cjson.encode({type = 'message', id = id, user = ARGV[2], username = ARGV[3], text = ARGV[4]}))
return {'ok', id}
