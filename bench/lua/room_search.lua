-- POST /pod/v2/room/search {"query": "<prefix>"}: the first 3 to 5 letters of a random word of the rooms
-- bench's vocabulary (default skip 0, limit 50). args: <session token>
local words = require "words"
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end

function init(args)
  wrk.headers["sessionToken"] = args[1]
  wrk.headers["Content-Type"] = "application/json"
  words.seed(tid)
end

function request()
  local prefix = string.sub(words.word(math.random(0, words.count - 1)), 1, math.random(3, 5))
  return wrk.format("POST", "/pod/v2/room/search", nil, '{"query":"' .. prefix .. '"}')
end
