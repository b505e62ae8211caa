-- GET /api/v1/users.info as a Rocket.Chat client (X-User-Id + X-Auth-Token).
-- args: <caller's user id> <session token> <file of ids, one a line> | <caller's user id> <session token> - <query>
-- With a file: ?userId=<a random id of it>. With "-": the query given, every time.
local ids = {}
local query

function init(args)
  wrk.headers["X-User-Id"] = args[1]
  wrk.headers["X-Auth-Token"] = args[2]
  if args[3] == "-" then
    query = args[4]
  else
    for line in io.lines(args[3]) do
      ids[#ids + 1] = line
    end
  end
end

function request()
  if query then
    return wrk.format("GET", "/api/v1/users.info?" .. query, nil, nil)
  end
  return wrk.format("GET", "/api/v1/users.info?userId=" .. ids[math.random(#ids)], nil, nil)
end
