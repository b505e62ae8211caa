-- GET /pod/v2/user?uid=<random id of the created users>. args: <session token> <file of ids, one a line>
local names = require "names"
local ids = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end

function init(args)
  wrk.headers["sessionToken"] = args[1]
  for line in io.lines(args[2]) do
    ids[#ids + 1] = line
  end
  names.seed(tid)
end

function request()
  return wrk.format("GET", "/pod/v2/user?uid=" .. ids[math.random(#ids)], nil, nil)
end
