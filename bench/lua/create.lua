-- Creates users 0..count-1 through POST /pod/v2/admin/user/create, then stops (see bulk.lua).
-- args: <admin session token> <count> <login users> <hSalt> <hPassword> <wrk threads> <done dir>
-- Users 0..login-1 get the plain password (the server hashes it with its configured Argon2id cost); the
-- others get a Symphony PBKDF2 Password block {hSalt, hPassword}, stored as given (what Symphony's own
-- admin clients send), so creating 10,000 users is not 10,000 Argon2 hashes.
local bulk = require "bulk"
local names = require "names"
local logins, hsalt, hpassword

bulk.run {
  what = "create",
  init = function(args)
    logins, hsalt, hpassword = tonumber(args[3]), args[4], args[5]
    return tonumber(args[2])
  end,
  request = function(i)
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
  end,
}
