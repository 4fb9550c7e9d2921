"""Lua scripts of the Redis vault. Each runs atomically on the server, so store-if-absent, TTL refresh
and compare-and-set need no locks and no second round trip.

Scripts touch only the keys they are given (``KEYS``), as Redis Cluster requires; the vault groups a
batch's keys by hash slot before calling them. A script is called by its SHA1 (``EVALSHA``) and loaded
again if the server lost it (restart, ``SCRIPT FLUSH``, fail-over).

Lua ``false`` becomes a nil reply, which redis-py returns as None: "nothing was there".
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

__all__ = ["PUT", "REPLACE", "TOUCH", "Script"]


class Script(NamedTuple):
    source: str
    sha: str


def _script(source: str) -> Script:
    return Script(source, hashlib.sha1(source.encode(), usedforsecurity=False).hexdigest())


#: KEYS[i]: vault keys. ARGV[1]: TTL in milliseconds (0: no expiry). ARGV[i + 1]: the record for
#: KEYS[i]. For each key in order: store the record if the key is free; if it holds the same record,
#: reset its TTL; return what was there (nil when the record was stored).
PUT = _script(
    """
local ttl = tonumber(ARGV[1])
local out = {}
for i = 1, #KEYS do
  local key, value = KEYS[i], ARGV[i + 1]
  local old = redis.call('GET', key)
  if old then
    if old == value then
      if ttl > 0 then redis.call('PEXPIRE', key, ttl) else redis.call('PERSIST', key) end
    end
    out[i] = old
  else
    if ttl > 0 then redis.call('SET', key, value, 'PX', ttl) else redis.call('SET', key, value) end
    out[i] = false
  end
end
return out
"""
)

#: KEYS[i]: vault keys. ARGV[1]: TTL in milliseconds (0: no expiry). Returns 1 per live key, else 0.
TOUCH = _script(
    """
local ttl = tonumber(ARGV[1])
local out = {}
for i = 1, #KEYS do
  if ttl > 0 then
    out[i] = redis.call('PEXPIRE', KEYS[i], ttl)
  else
    out[i] = redis.call('EXISTS', KEYS[i])
    if out[i] == 1 then redis.call('PERSIST', KEYS[i]) end
  end
end
return out
"""
)

#: KEYS[1]: a vault key. ARGV[1]: the record expected there; ARGV[2]: its replacement. Keeps the
#: remaining TTL. Returns {1} if replaced, {0} if the key is absent or holds something else.
REPLACE = _script(
    """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
  return {1}
end
return {0}
"""
)
