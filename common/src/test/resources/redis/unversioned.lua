#!lua name=counter

redis.register_function('counter_add', function(keys, args)
  return redis.call('INCRBY', keys[1], args[1])
end)
