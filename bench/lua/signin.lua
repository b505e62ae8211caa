-- POST /api/v1/auth/signin {"email","password"} as a random user of the first <login users>, the ones
-- created with a plain password (stored as Argon2id at the server's cost). args: <login users>
local names = require "names"
local logins
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end

function init(args)
  logins = tonumber(args[1])
  wrk.headers["Content-Type"] = "application/json"
  names.seed(tid)
end

function request()
  local u = names.user(math.random(0, logins - 1))
  return wrk.format("POST", "/api/v1/auth/signin", nil,
    string.format('{"email":"%s","password":"%s"}', u.email, names.password))
end

function response(status, headers, body)
  if status ~= 200 and not warned then
    warned = true
    io.stderr:write("signin failed: " .. status .. " " .. tostring(body) .. "\n")
  end
end
