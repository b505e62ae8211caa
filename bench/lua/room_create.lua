-- Creates rooms 0..count-1 through POST /pod/v2/room/create as the administrator, then stops.
-- args: <admin session token> <count> <wrk threads> <done dir>
-- Each thread takes every n-th room; when all its answers are in it writes <done dir>/<thread> ("<answers>
-- <failures>") and stops; rooms.sh then ends wrk (whose own clock would run the full -d).
local words = require "words"
local nthreads = 0

function setup(thread)
  thread:set("tid", nthreads)
  nthreads = nthreads + 1
end

local count, threads_total, donedir
local next_i, mine, done, failed

function init(args)
  count, threads_total, donedir = tonumber(args[2]), tonumber(args[3]), args[4]
  next_i, mine, done, failed = tid, 0, 0, 0
  for _ = tid, count - 1, threads_total do mine = mine + 1 end
  if mine == 0 then
    local f = assert(io.open(donedir .. "/" .. tid, "w"))
    f:write("0 0\n")
    f:close()
  end
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["sessionToken"] = args[1]
end

-- wrk calls request() once on its first thread before the run to check it (and sends nothing): that call
-- gets a /health so that no room is lost.
local checked = false

function request()
  if (not checked and tid == 0) or next_i >= count then
    checked = true
    return wrk.format("GET", "/health", {}, nil)
  end
  local i = next_i
  next_i = next_i + threads_total
  local r = words.room(i)
  local body = string.format(
    '{"name":"%s","description":"%s","keywords":[{"key":"%s","value":"%s"}],"public":true,"discoverable":true}',
    r.name, r.description, r.key, r.value)
  return wrk.format("POST", "/pod/v2/room/create", nil, body)
end

function response(status, headers, body)
  if body and string.find(body, '"database"', 1, true) then
    return -- a /health filler
  end
  done = done + 1
  if status ~= 200 then
    failed = failed + 1
    if failed <= 3 then io.stderr:write("room create failed: " .. status .. " " .. tostring(body) .. "\n") end
  end
  if done == mine then
    local f = assert(io.open(donedir .. "/" .. tid, "w"))
    f:write(done .. " " .. failed .. "\n")
    f:close()
    wrk.thread:stop()
  end
end
