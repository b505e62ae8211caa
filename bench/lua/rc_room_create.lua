-- Creates rooms 0..count-1 through POST /pod/v2/room/create as the user whose token is given (see bulk.lua):
-- private rooms, which any user may create, so that user owns and is a member of every one.
-- args: <session token> <count> <wrk threads> <done dir>
local bulk = require "bulk"
local words = require "words"

bulk.run {
  what = "room create",
  init = function(args) return tonumber(args[2]) end,
  request = function(i)
    local r = words.room(i)
    local body = string.format('{"name":"%s","description":"%s","public":false}', r.name, r.description)
    return wrk.format("POST", "/pod/v2/room/create", nil, body)
  end,
}
