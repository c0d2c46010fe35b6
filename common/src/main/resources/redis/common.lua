#!lua name=__LIBRARY__

-- Fixed-window counter. KEYS[1] the counter; ARGV[1] the window in ms. Returns {count, ms left}.
redis.register_function('__LIBRARY___rate_take', function(keys, args)
  local n = redis.call('INCR', keys[1])
  local ttl = redis.call('PTTL', keys[1])
  if ttl < 0 then
    redis.call('PEXPIRE', keys[1], args[1])
    ttl = tonumber(args[1])
  end
  return {n, ttl}
end)

-- Admits one socket lease. KEYS[1] the user's leases; ARGV: now, cap, lease end, socket id, closed ids...
-- Returns 1 when admitted, 0 when the user is at the cap.
redis.register_function('__LIBRARY___sockets_admit', function(keys, args)
  redis.call('ZREMRANGEBYSCORE', keys[1], '-inf', args[1])
  for i = 5, #args do
    redis.call('ZREM', keys[1], args[i])
  end
  if redis.call('ZCARD', keys[1]) >= tonumber(args[2]) then
    return 0
  end
  redis.call('ZADD', keys[1], args[3], args[4])
  redis.call('PEXPIRE', keys[1], args[3] - args[1])
  return 1
end)

-- Renews leases. KEYS[1] the user's leases; ARGV: new lease end, socket ids...
redis.register_function('__LIBRARY___sockets_renew', function(keys, args)
  for i = 2, #args do
    redis.call('ZADD', keys[1], 'XX', args[1], args[i])
  end
  redis.call('PEXPIREAT', keys[1], args[1])
  return 1
end)

-- Records an account's token cut-off and announces it. KEYS[1] the cut-offs;
-- ARGV: account id, cut-off ms, oldest cut-off kept, announcement channel.
redis.register_function('__LIBRARY___revoke', function(keys, args)
  redis.call('ZADD', keys[1], 'GT', args[2], args[1])
  redis.call('ZREMRANGEBYSCORE', keys[1], '-inf', args[3])
  redis.call('PUBLISH', args[4], args[1] .. ' ' .. args[2])
  return 1
end)
