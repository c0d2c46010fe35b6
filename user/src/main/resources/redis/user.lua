#!lua name=__LIBRARY__

-- Counts one failed sign-in. KEYS: the account's counter, the address's counter, the set of accounts that
-- failed from the address; ARGV: the window in ms, the account. Each starts its window at its first entry.
redis.register_function('__LIBRARY___login_failure', function(keys, args)
  for i = 1, 2 do
    if redis.call('INCR', keys[i]) == 1 then
      redis.call('PEXPIRE', keys[i], args[1])
    end
  end
  if redis.call('SADD', keys[3], args[2]) == 1 and redis.call('SCARD', keys[3]) == 1 then
    redis.call('PEXPIRE', keys[3], args[1])
  end
  return 1
end)
