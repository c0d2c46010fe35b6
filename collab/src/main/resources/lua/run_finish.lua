-- Ends a session's run: keeps its record (when there is one), frees the session for the next run, gives
-- the quota back when the run never ran, and tells every socket. Only the run that holds the lock ends it.
-- KEYS: 1 the session's running-run key, 2 its list of runs, 3 its run counter
-- ARGV: 1 running-run JSON, 2 record JSON or '', 3 list ttl ms, 4 refund ('1' or '0'), 5 channel, 6 envelope
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return 0
end
redis.call('DEL', KEYS[1])
if ARGV[2] ~= '' then
  redis.call('RPUSH', KEYS[2], ARGV[2])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
end
if ARGV[4] == '1' and tonumber(redis.call('GET', KEYS[3]) or '0') > 0 then
  redis.call('DECR', KEYS[3])
end
redis.call('PUBLISH', ARGV[5], ARGV[6])
return 1
