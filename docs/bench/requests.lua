-- wrk script for the serving benchmark (docs/benchmarks.md). Picks a random user (u1 .. uN, the generator's ids)
-- or a random paper id from a file, so requests spread over the whole data set, not one cached entry.
--   wrk ... -s docs/bench/requests.lua <url> -- recommendations 100000
--   wrk ... -s docs/bench/requests.lua <url> -- similar /path/to/paper-ids.txt
--   wrk ... -s docs/bench/requests.lua <url> -- trending
--   wrk ... -s docs/bench/requests.lua <url> -- health
--   wrk -t1 ... -s docs/bench/requests.lua <url> -- each-user 100000
-- "each-user" asks for u1, u2, ... uN in turn (then again), so that every user is served once in N requests: it
-- fills the page cache before a run that measures answers repeated within a model version.
-- A third argument paces each connection at that many requests per second (Poisson arrivals), so that
-- "-c 8 ... -- recommendations 100000 25" offers about 200 requests/s instead of as many as the server takes.
local mode, arg, pace
local nextUser = 0
local ids = {}
local key = os.getenv("PAPERREC_KEY") or "paperrec-demo-key"

function init(args)
  mode = args[1] or "recommendations"
  arg = args[2]
  pace = tonumber(args[3] or "0")
  if mode == "similar" then
    for line in io.lines(arg) do ids[#ids + 1] = line end
  end
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function request()
  local path
  if mode == "recommendations" then
    path = "/api/v1/users/u" .. math.random(1, tonumber(arg)) .. "/recommendations?limit=10"
  elseif mode == "each-user" then
    nextUser = nextUser % tonumber(arg) + 1
    path = "/api/v1/users/u" .. nextUser .. "/recommendations?limit=10"
  elseif mode == "similar" then
    path = "/api/v1/papers/" .. ids[math.random(1, #ids)] .. "/similar?limit=10"
  elseif mode == "trending" then
    path = "/api/v1/papers/trending?window=P7D&limit=20"
  else
    path = "/q/health/live"
  end
  return wrk.format("GET", path, { ["X-API-Key"] = key })
end

function delay()
  if pace > 0 then
    return -math.log(1 - math.random()) * 1000 / pace
  end
  return 0
end

local non200 = 0
function response(status)
  if status ~= 200 then non200 = non200 + 1 end
end

function done(summary, latency)
  io.write(string.format("%.0f req/s, p50 %.2f ms, p99 %.2f ms, non-2xx/errors %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
