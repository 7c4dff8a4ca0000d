"""The Lua scripts of the Redis seen-store: each one runs atomically on the Redis server.

Times come from the Redis server's clock (``TIME``), so workers on machines with skewed
clocks agree on heartbeats and idle periods. The scripts touch keys they derive from a
prefix passed in ``ARGV``, so they need one Redis server (not Redis Cluster).
"""

from __future__ import annotations

_CLOCK = """
local function clock()
  local t = redis.call('TIME')
  return tonumber(t[1]) + tonumber(t[2]) / 1000000
end
"""

# Releases every fingerprint of a set from the dupefilter, then drops the set.
_RELEASE = """
local function release(taken, dupefilter)
  local fps = redis.call('SMEMBERS', taken)
  for i = 1, #fps, 5000 do
    redis.call('SREM', dupefilter, unpack(fps, i, math.min(i + 4999, #fps)))
  end
  redis.call('DEL', taken)
  return #fps
end
"""

# KEYS: alive, busy, runs, crawl, last_clean, requests, dupefilter
# ARGV: run_id, dead_after, run_json, known_dead (1: the earlier holder of this run id was a
#       process on this host that no longer exists, whatever its heartbeat says), startup_grace
# The lease and busy time start startup_grace seconds in the future: a worker has that long
# to get from opening the store to its first heartbeat (Scrapy's start-up) before it could
# be declared dead, and until its first heartbeat it counts as busy (it may be about to seed).
# -> {'busy', age} when a live worker already has this run id, else
#    {'ok', seeder, prev_clean, now, again} (again: a dead earlier incarnation of this run id)
JOIN = (
    _CLOCK
    + """
local now = clock()
local dead_after = tonumber(ARGV[2])
local mine = redis.call('ZSCORE', KEYS[1], ARGV[1])
if mine and ARGV[4] ~= '1' and now - tonumber(mine) < dead_after then
  return {'busy', tostring(now - tonumber(mine))}
end
local seeder = '0'
local prev_clean
if redis.call('ZCOUNT', KEYS[1], now - dead_after, '+inf') == 0 then
  -- nobody alive: this worker starts a new generation of the crawl and walks the site
  seeder = '1'
  prev_clean = '0'
  if redis.call('GET', KEYS[5]) == '1' and redis.call('ZCARD', KEYS[1]) == 0 then prev_clean = '1' end
  if redis.call('ZCARD', KEYS[6]) == 0 then redis.call('DEL', KEYS[7]) end
  redis.call('DEL', KEYS[4])
  redis.call('HSET', KEYS[4], 'prev_clean', prev_clean, 'clean', '1',
             'started_at', tostring(now), 'seeder', ARGV[1])
else
  prev_clean = redis.call('HGET', KEYS[4], 'prev_clean') or '0'
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[5]), ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], tostring(now + tonumber(ARGV[5])))
redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
local again = '0'
if mine then again = '1' end
return {'ok', seeder, prev_clean, tostring(now), again}
"""
)

# KEYS: alive, busy   ARGV: run_id, busy (0/1)   -> {present (0/1), now}
HEARTBEAT = (
    _CLOCK
    + """
local now = clock()
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return {'0', tostring(now)} end
redis.call('ZADD', KEYS[1], now, ARGV[1])
if ARGV[2] == '1' then redis.call('HSET', KEYS[2], ARGV[1], tostring(now)) end
return {'1', tostring(now)}
"""
)

# KEYS: alive, busy, crawl   ARGV: run_id, dead_after
# -> 1 when this caller took over the dead run (exactly one caller does), else 0
TAKE_OVER = (
    _CLOCK
    + """
local seen = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not seen or clock() - tonumber(seen) < tonumber(ARGV[2]) then return 0 end
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[3], 'clean', '0')
return 1
"""
)

# KEYS: taken, dupefilter   -> how many fingerprints were released
RELEASE_TAKEN = (
    _RELEASE
    + """
return release(KEYS[1], KEYS[2])
"""
)

# KEYS: versions(key), pending(run), alive   ARGV: version, record_json, member, output_file, run_id
# -> 1 claimed, 0 another worker holds this version, -1 this worker lost its lease (declared dead)
CLAIM = """
if not redis.call('ZSCORE', KEYS[3], ARGV[5]) then return -1 end
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1] .. ':s', 'pending')
redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
return 1
"""

# KEYS: pending(run), exported   ARGV: output_file, versions prefix, 'commit' | 'release'
# commit: the file is published, its versions become exported; release: it never was,
# its claims are deleted so the articles can be exported again. -> versions settled
SETTLE_FILE = """
local entries = redis.call('HGETALL', KEYS[1])
local n = 0
for i = 1, #entries, 2 do
  if entries[i + 1] == ARGV[1] then
    local member = entries[i]
    local cut = string.find(member, '\\t[^\\t]*$')
    local key = string.sub(member, 1, cut - 1)
    local version = string.sub(member, cut + 1)
    local vkey = ARGV[2] .. key
    if redis.call('HGET', vkey, version .. ':s') == 'pending' then
      if ARGV[3] == 'commit' then
        redis.call('HSET', vkey, version .. ':s', 'exported')
        redis.call('SADD', KEYS[2], key)
      else
        redis.call('HDEL', vkey, version, version .. ':s')
      end
      n = n + 1
    end
    redis.call('HDEL', KEYS[1], member)
  end
end
return n
"""

# KEYS: urls, exported   ARGV: url   -> 1 when the URL leads to an exported article or a non-article
IS_KNOWN = """
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v then return 0 end
if v == 'n:' then return 1 end
local key = string.sub(v, 3)
if key == '' then return 0 end
return redis.call('SISMEMBER', KEYS[2], key)
"""

# KEYS: requests, alive, busy   ARGV: idle_seconds, silent_seconds
# -> 'quiet' | 'queue' | 'busy:<run>' | 'silent:<run>'
FRONTIER_STATE = (
    _CLOCK
    + """
if redis.call('ZCARD', KEYS[1]) > 0 then return 'queue' end
local now = clock()
local members = redis.call('ZRANGE', KEYS[2], 0, -1, 'WITHSCORES')
for i = 1, #members, 2 do
  if now - tonumber(members[i + 1]) > tonumber(ARGV[2]) then return 'silent:' .. members[i] end
  local b = redis.call('HGET', KEYS[3], members[i])
  if b and now - tonumber(b) < tonumber(ARGV[1]) then return 'busy:' .. members[i] end
end
return 'quiet'
"""
)

# KEYS: alive, busy, crawl, last_clean, requests, dupefilter, taken(run), runs
# ARGV: run_id, clean (0/1), dead_after, run_json
# -> 1 when this was the last live worker of the generation (which then ends), else 0
LEAVE = (
    _CLOCK
    + _RELEASE
    + """
local now = clock()
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[8], ARGV[1], ARGV[4])
if ARGV[2] == '1' then
  redis.call('DEL', KEYS[7])
else
  -- what an unclean worker took may not be durable: let a later walk request it again
  redis.call('HSET', KEYS[3], 'clean', '0')
  release(KEYS[7], KEYS[6])
end
if redis.call('ZCOUNT', KEYS[1], now - tonumber(ARGV[3]), '+inf') > 0 then return 0 end
local clean = redis.call('HGET', KEYS[3], 'clean') == '1'
  and redis.call('ZCARD', KEYS[1]) == 0 and redis.call('ZCARD', KEYS[5]) == 0
if clean then redis.call('SET', KEYS[4], '1') else redis.call('SET', KEYS[4], '0') end
redis.call('DEL', KEYS[3])
return 1
"""
)
