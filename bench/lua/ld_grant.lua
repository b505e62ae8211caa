-- POST /v1/auth/token, a password grant as a form, for a random user of the first <login users> (the ones created
-- with a plain password, stored as Argon2id at the server's cost). args: <login users> <client id> <client secret>
local names = require "names"
local logins, client_id, client_secret
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end

function init(args)
  logins = tonumber(args[1])
  client_id = args[2]
  client_secret = args[3]
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  names.seed(tid)
end

local function escape(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  local u = names.user(math.random(0, logins - 1))
  return wrk.format("POST", "/v1/auth/token", nil, "grant_type=password&client_id=" .. client_id
    .. "&client_secret=" .. escape(client_secret) .. "&username=" .. escape(u.email) .. "&password="
    .. escape(names.password))
end

function response(status, headers, body)
  if status ~= 200 and not warned then
    warned = true
    io.stderr:write("grant failed: " .. status .. " " .. tostring(body) .. "\n")
  end
end
