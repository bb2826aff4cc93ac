-- wrk script for `npm run bench -- api`: rotates requests over the lines of a data file
-- ("<cookie>" for a GET, "<cookie>\t<json body>" for a POST) and prints the result as one JSON line.
-- wrk -s wrk-report.lua <url> -- <METHOD> [<data file>]
local lines = {}
local method = "GET"
local index = 0
local thread_count = 0

function setup(thread)
  thread:set("id", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  method = args[1] or "GET"
  if args[2] then
    for line in io.lines(args[2]) do
      table.insert(lines, line)
    end
  end
  -- each thread starts at its own place, so two threads do not send the same user's request together
  index = (id or 0) * 997
end

function request()
  if #lines == 0 then
    return wrk.format(method, nil, nil, nil)
  end
  index = index + 1
  local line = lines[(index % #lines) + 1]
  local tab = line:find("\t", 1, true)
  local headers = {}
  if tab then
    headers["Cookie"] = line:sub(1, tab - 1)
    headers["Content-Type"] = "application/json"
    return wrk.format(method, nil, headers, line:sub(tab + 1))
  end
  headers["Cookie"] = line
  return wrk.format(method, nil, headers, nil)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\nWRK_JSON {"requests":%d,"duration_us":%d,"socket_errors":%d,"non2xx":%d,"p50_us":%d,"p95_us":%d,"p99_us":%d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
