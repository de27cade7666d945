-- One event per request, each with a new eventId (wrk thread id + random prefix + counter), over 1,000 campaign keys.
-- DELAY_MS (optional, from the environment of wrk): a pause before each request on every connection, to pace the load.
local counter = 0
local threads = 0
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")
setup = function(thread) thread:set("tid", threads); threads = threads + 1 end
init = function(args) math.randomseed(os.time() + tid); prefix = "w" .. tid .. "-" .. math.random(1, 1e9) .. "-" end
-- Defined only when pacing: with a delay function wrk schedules every request through its timer, which throttles
-- an unpaced run too.
if delay_ms > 0 then
  delay = function() return delay_ms end
end
request = function()
  counter = counter + 1
  local body = '{"eventId":"' .. prefix .. counter .. '","type":"pageview","campaignId":"c-' .. (counter % 1000) ..
    '","channel":"web","userId":"u-' .. (counter % 5000) .. '"}'
  return wrk.format("POST", "/v1/events", {["Content-Type"] = "application/json", ["X-Api-Key"] = os.getenv("CLIENT_KEY")}, body)
end
