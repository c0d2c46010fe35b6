#!lua name=__LIBRARY__

redis.register_function('__LIBRARY___add', function(keys, args)
  return redis.call('INCRBY', keys[1], args[1])
end)
