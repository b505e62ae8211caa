-- The machinery of the bulk-load scripts (create.lua, room_create.lua, member_add.lua). A script calls
-- bulk.run{what, init, request}: init(args) reads its own arguments and returns how many items there are;
-- request(i) returns the request of item i (0-based). The arguments start with the admin session token and end
-- with <wrk threads> <done dir>. Thread t sends items t, t+n, t+2n, …; when all its answers are in it writes
-- <done dir>/<t> ("<answers> <failures>") and stops, and the bench script then ends wrk (whose own clock would
-- run the full -d). wrk calls request() once on its first thread before the run to check it (and sends
-- nothing): that call gets a /health, as does every later call of a thread whose items are all asked for, so
-- that no item is lost.
local bulk = {}

function bulk.run(spec)
  local nthreads = 0

  function setup(thread)
    thread:set("tid", nthreads)
    nthreads = nthreads + 1
  end

  local count, threads_total, donedir
  local next_i, mine, done, failed
  local checked = false

  local function report()
    local f = assert(io.open(donedir .. "/" .. tid, "w"))
    f:write(done .. " " .. failed .. "\n")
    f:close()
  end

  function init(args)
    count = spec.init(args)
    threads_total, donedir = tonumber(args[#args - 1]), args[#args]
    next_i, mine, done, failed = tid, 0, 0, 0
    for _ = tid, count - 1, threads_total do mine = mine + 1 end
    if mine == 0 then report() end
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["sessionToken"] = args[1]
  end

  function request()
    if (not checked and tid == 0) or next_i >= count then
      checked = true
      return wrk.format("GET", "/health", {}, nil)
    end
    local i = next_i
    next_i = next_i + threads_total
    return spec.request(i)
  end

  function response(status, headers, body)
    if body and string.find(body, '"database"', 1, true) then
      return -- a /health filler
    end
    done = done + 1
    if status ~= 200 then
      failed = failed + 1
      if failed <= 3 then io.stderr:write(spec.what .. " failed: " .. status .. " " .. tostring(body) .. "\n") end
    end
    if done == mine then
      report()
      wrk.thread:stop()
    end
  end
end

return bulk
