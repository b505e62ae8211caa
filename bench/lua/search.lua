-- POST /pod/v1/user/search {"query": "<prefix>"}: the first 3 to 5 letters of the first or last name of a
-- random created user (default skip 0, limit 50). args: <session token> <user count>
local names = require "names"
local count
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end

function init(args)
  wrk.headers["sessionToken"] = args[1]
  wrk.headers["Content-Type"] = "application/json"
  count = tonumber(args[2])
  names.seed(tid)
end

function request()
  local u = names.user(math.random(0, count - 1))
  local name = math.random(2) == 1 and u.first or u.last
  local prefix = string.lower(string.sub(name, 1, math.random(3, 5)))
  return wrk.format("POST", "/pod/v1/user/search", nil, '{"query":"' .. prefix .. '"}')
end
