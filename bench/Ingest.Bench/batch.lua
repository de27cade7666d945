-- 100 events per request (POST /v1/events/batch), each with a new eventId, over 1,000 campaign keys.
local counter = 0
local threads = 0
setup = function(thread) thread:set("tid", threads); threads = threads + 1 end
init = function(args) math.randomseed(os.time() + tid); prefix = "b" .. tid .. "-" .. math.random(1, 1e9) .. "-" end
request = function()
  local events = {}
  for i = 1, 100 do
    counter = counter + 1
    events[i] = '{"eventId":"' .. prefix .. counter .. '","type":"pageview","campaignId":"c-' .. (counter % 1000) ..
      '","channel":"web","userId":"u-' .. (counter % 5000) .. '"}'
  end
  return wrk.format("POST", "/v1/events/batch", {["Content-Type"] = "application/json", ["X-Api-Key"] = os.getenv("CLIENT_KEY")},
    '{"events":[' .. table.concat(events, ",") .. ']}')
end
