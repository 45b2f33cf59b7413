-- wrk script for bench/load.sh: POSTs one pre-signed request (body and headers written by Bot.LoadTool sign-*)
-- and prints one machine-readable RESULT line. Files come from the environment: BODY_FILE, HEADERS_FILE.
local function read(path)
  local f = assert(io.open(path, "rb"), "cannot open " .. tostring(path))
  local s = f:read("*a")
  f:close()
  return s
end

wrk.method = "POST"
wrk.body = read(os.getenv("BODY_FILE"))
for line in read(os.getenv("HEADERS_FILE")):gmatch("[^\r\n]+") do
  local name, value = line:match("^([^:]+):%s*(.*)$")
  if name then
    wrk.headers[name] = value
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
