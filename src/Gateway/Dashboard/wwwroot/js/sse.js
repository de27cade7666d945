// Server-sent events over fetch(), so the admin key travels in a header (EventSource cannot set
// one and would need it in the URL). Reconnects with Last-Event-ID, backing off up to 15 s.
import { headers } from './api.js';

export function openStream(path, { onEvent, onState = () => {} }) {
  let controller = null;
  let stopped = false;
  let lastEventId = null;
  let retryMs = 1000;

  function dispatch(block) {
    let type = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') type = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') lastEventId = value;
      else if (field === 'retry' && /^\d+$/.test(value)) retryMs = Number(value);
    }
    if (data.length) onEvent(type, data.join('\n'), lastEventId);
  }

  async function connect() {
    controller = new AbortController();
    const init = { headers: { ...headers(), Accept: 'text/event-stream' }, signal: controller.signal, cache: 'no-store' };
    if (lastEventId) init.headers['Last-Event-ID'] = lastEventId;
    const response = await fetch(path, init);
    if (response.status === 401 || response.status === 403) {
      stopped = true;
      onState('unauthorized');
      return;
    }
    if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
    onState('live');
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer = (buffer + value).replace(/\r\n?/g, '\n');
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  onState('connecting');
  (async () => {
    while (!stopped) {
      let clean = false;
      try {
        await connect();
        clean = true;
        retryMs = 1000;
      } catch {
        // network error or server restart: fall through to the back-off below
      }
      if (stopped) return;
      // a server that ends the response cleanly is reconnected to without alarming the operator
      if (!clean) onState('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, retryMs));
      retryMs = Math.min(retryMs * 2, 15000);
    }
  })();

  return {
    close() {
      stopped = true;
      controller?.abort();
    },
  };
}
