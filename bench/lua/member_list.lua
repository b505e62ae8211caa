-- GET /pod/v2/room/{id}/membership/list. args: <session token> <room id>
local path

function init(args)
  wrk.headers["sessionToken"] = args[1]
  path = "/pod/v2/room/" .. args[2] .. "/membership/list"
end

function request()
  return wrk.format("GET", path, nil, nil)
end
