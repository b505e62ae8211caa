-- GET /v1/users/me as a LiveDigital client: Authorization: Bearer <user access token>. args: <access token>
function init(args)
  wrk.headers["Authorization"] = "Bearer " .. args[1]
end

function request()
  return wrk.format("GET", "/v1/users/me", nil, nil)
end
