-- Adds every user of a file (one id a line) to a room through POST /pod/v1/room/{id}/membership/add (see bulk.lua).
-- args: <admin session token> <room id> <file of user ids> <wrk threads> <done dir>
local bulk = require "bulk"
local room
local ids = {}

bulk.run {
  what = "membership add",
  init = function(args)
    room = args[2]
    for line in io.lines(args[3]) do ids[#ids + 1] = line end
    return #ids
  end,
  request = function(i)
    return wrk.format("POST", "/pod/v1/room/" .. room .. "/membership/add", nil, '{"id":' .. ids[i + 1] .. '}')
  end,
}
