-- Adds every user of a file (one id a line) to a room through POST /pod/v1/room/{id}/membership/add, then stops.
-- args: <admin session token> <room id> <file of user ids> <wrk threads> <done dir>
local nthreads = 0

function setup(thread)
  thread:set("tid", nthreads)
  nthreads = nthreads + 1
end

local room, donedir, threads_total
local ids = {}
local next_i, mine, done, failed

function init(args)
  room, threads_total, donedir = args[2], tonumber(args[4]), args[5]
  for line in io.lines(args[3]) do ids[#ids + 1] = line end
  next_i, mine, done, failed = tid + 1, 0, 0, 0
  for _ = tid + 1, #ids, threads_total do mine = mine + 1 end
  if mine == 0 then
    local f = assert(io.open(donedir .. "/" .. tid, "w"))
    f:write("0 0\n")
    f:close()
  end
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["sessionToken"] = args[1]
end

local checked = false

function request()
  if (not checked and tid == 0) or next_i > #ids then
    checked = true
    return wrk.format("GET", "/health", {}, nil)
  end
  local uid = ids[next_i]
  next_i = next_i + threads_total
  return wrk.format("POST", "/pod/v1/room/" .. room .. "/membership/add", nil, '{"id":' .. uid .. '}')
end

function response(status, headers, body)
  if body and string.find(body, '"database"', 1, true) then
    return
  end
  done = done + 1
  if status ~= 200 then
    failed = failed + 1
    if failed <= 3 then io.stderr:write("membership add failed: " .. status .. " " .. tostring(body) .. "\n") end
  end
  if done == mine then
    local f = assert(io.open(donedir .. "/" .. tid, "w"))
    f:write(done .. " " .. failed .. "\n")
    f:close()
    wrk.thread:stop()
  end
end
