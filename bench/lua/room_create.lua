-- Creates rooms 0..count-1 through POST /pod/v2/room/create as the user whose token is given (see bulk.lua):
-- public, discoverable rooms with a keyword, or with "private" private rooms, which any user may create.
-- args: <session token> <count> [private] <wrk threads> <done dir>
local bulk = require "bulk"
local words = require "words"
local private = false

bulk.run {
  what = "room create",
  init = function(args)
    private = args[3] == "private"
    return tonumber(args[2])
  end,
  request = function(i)
    local r = words.room(i)
    local body
    if private then
      body = string.format('{"name":"%s","description":"%s","public":false}', r.name, r.description)
    else
      body = string.format(
        '{"name":"%s","description":"%s","keywords":[{"key":"%s","value":"%s"}],"public":true,"discoverable":true}',
        r.name, r.description, r.key, r.value)
    end
    return wrk.format("POST", "/pod/v2/room/create", nil, body)
  end,
}
