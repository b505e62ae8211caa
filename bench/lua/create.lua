-- Creates users 0..count-1 through POST /pod/v2/admin/user/create, then stops.
-- args: <admin session token> <count> <login users> <hSalt> <hPassword> <wrk threads> <done dir>
-- Each thread takes every n-th user; when all its answers are in it writes <done dir>/<thread> ("<answers>
-- <failures>") and stops; run.sh then ends wrk (whose own clock would run the full -d).
-- Users 0..login-1 get the plain password (the server hashes it with its configured Argon2id cost); the
-- others get a Symphony PBKDF2 Password block {hSalt, hPassword}, stored as given (what Symphony's own
-- admin clients send), so creating 10,000 users is not 10,000 Argon2 hashes.
local names = require "names"
local nthreads = 0

function setup(thread)
  thread:set("tid", nthreads)
  nthreads = nthreads + 1
end

local token, count, logins, hsalt, hpassword, donedir
local next_i, mine, done, failed
local threads_total

function init(args)
  token, count, logins, hsalt, hpassword = args[1], tonumber(args[2]), tonumber(args[3]), args[4], args[5]
  threads_total, donedir = tonumber(args[6]), args[7]
  next_i = tid
  mine = 0
  for i = tid, count - 1, threads_total do mine = mine + 1 end
  done, failed = 0, 0
  if mine == 0 then
    local f = assert(io.open(donedir .. "/" .. tid, "w"))
    f:write("0 0\n")
    f:close()
  end
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["sessionToken"] = token
end

-- wrk calls request() once on its first thread before the run, to check the request (and sends nothing):
-- that call gets a /health so that no user is lost.
local checked = false

function request()
  if not checked and tid == 0 then
    checked = true
    return wrk.format("GET", "/health", {}, nil)
  end
  if next_i >= count then
    -- Every user of this thread is asked for: keep the connection busy with something cheap until
    -- the last answers are in.
    return wrk.format("GET", "/health", {}, nil)
  end
  local i = next_i
  next_i = next_i + threads_total
  local u = names.user(i)
  local password
  if i < logins then
    password = string.format('"%s"', names.password)
  else
    password = string.format('{"hSalt":"%s","hPassword":"%s"}', hsalt, hpassword)
  end
  local body = string.format(
    '{"userAttributes":{"userName":"%s","emailAddress":"%s","firstName":"%s","lastName":"%s","displayName":"%s %s","accountType":"NORMAL"},"roles":["INDIVIDUAL"],"password":%s}',
    u.username, u.email, u.first, u.last, u.first, u.last, password)
  return wrk.format("POST", "/pod/v2/admin/user/create", nil, body)
end

function response(status, headers, body)
  if body and string.find(body, '"database"', 1, true) then
    return -- a /health filler
  end
  done = done + 1
  if status ~= 200 then
    failed = failed + 1
    if failed <= 3 then
      io.stderr:write("create failed: " .. status .. " " .. tostring(body) .. "\n")
    end
  end
  if done == mine then
    local f = assert(io.open(donedir .. "/" .. tid, "w"))
    f:write(done .. " " .. failed .. "\n")
    f:close()
    wrk.thread:stop()
  end
end
