-- wrk script for bench/load.sh and bench/soak.sh: POSTs one pre-signed request (body and headers written by
-- Bot.LoadTool sign-*) and prints one machine-readable RESULT line. Files come from the environment: BODY_FILE,
-- HEADERS_FILE. With REQUESTS_DIR and REQUEST_COUNT set (Bot.LoadTool sign-ask: DIR/0001.body, DIR/0001.headers, …)
-- it cycles through those requests instead, one after the other. With DELAY_MS set, each connection waits that long
-- before each request (a steady, moderate load instead of a closed loop at full speed).
local function read(path)
  local f = assert(io.open(path, "rb"), "cannot open " .. tostring(path))
  local s = f:read("*a")
  f:close()
  return s
end

local function headers_of(text)
  local headers = {}
  for line in text:gmatch("[^\r\n]+") do
    local name, value = line:match("^([^:]+):%s*(.*)$")
    if name then
      headers[name] = value
    end
  end
  return headers
end

wrk.method = "POST"
wrk.body = read(os.getenv("BODY_FILE"))
for name, value in pairs(headers_of(read(os.getenv("HEADERS_FILE")))) do
  wrk.headers[name] = value
end

local requests_dir = os.getenv("REQUESTS_DIR")
if requests_dir then
  local requests, next_request = {}, 0
  -- init runs after wrk has set the Host header, which wrk.format copies into each request.
  function init(args)
    for i = 1, tonumber(os.getenv("REQUEST_COUNT")) do
      local name = string.format("%s/%04d", requests_dir, i)
      local headers = headers_of(read(name .. ".headers"))
      headers["Host"] = wrk.headers["Host"]
      requests[i] = wrk.format("POST", nil, headers, read(name .. ".body"))
    end
  end
  function request()
    next_request = next_request % #requests + 1
    return requests[next_request]
  end
end

local delay_ms = tonumber(os.getenv("DELAY_MS") or "")
if delay_ms and delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d bytes=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d\n",
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
