-- Creates rooms 0..count-1 through POST /pod/v2/room/create as the administrator (see bulk.lua).
-- args: <admin session token> <count> <wrk threads> <done dir>
local bulk = require "bulk"
local words = require "words"

bulk.run {
  what = "room create",
  init = function(args) return tonumber(args[2]) end,
  request = function(i)
    local r = words.room(i)
    local body = string.format(
      '{"name":"%s","description":"%s","keywords":[{"key":"%s","value":"%s"}],"public":true,"discoverable":true}',
      r.name, r.description, r.key, r.value)
    return wrk.format("POST", "/pod/v2/room/create", nil, body)
  end,
}
