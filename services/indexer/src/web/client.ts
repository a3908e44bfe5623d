/// <reference lib="dom" />

/**
 * The pages' only script: live updates over /events/stream. It is served as the source of this
 * function (`(${liveClient})()`), so it must not use anything from outside its own body. Every
 * piece of HTML it inserts is rendered (and escaped) by the server; texts come from the page's
 * data-* attributes, in the interface language.
 */
export function liveClient(): void {
  const body = document.body;
  const data = body.dataset;
  const base = data.base ?? '/';
  const status = document.getElementById('live-status');
  const banner = document.getElementById('live-banner');
  const setStatus = (text: string, on: boolean) => {
    if (!status) return;
    status.textContent = text;
    status.classList.toggle('on', on);
  };
  if (typeof EventSource === 'undefined') return;
  setStatus(data.liveConnecting ?? '', false);
  const source = new EventSource(`${base}events/stream`);
  source.addEventListener('open', () => setStatus(data.live ?? '', true));
  source.addEventListener('error', () => setStatus(data.liveOff ?? '', false));

  const query = data.query ? `&${data.query}` : '';
  const insert = async (eventId: string, cue: 'new' | 'updated') => {
    const response = await fetch(`${base}fragments/event/${encodeURIComponent(eventId)}?cue=${cue}${query}`, {
      headers: { accept: 'text/html' },
    });
    if (!response.ok) return;
    const template = document.createElement('template');
    template.innerHTML = (await response.text()).trim();
    const item = template.content.firstElementChild;
    if (!item) return;
    const known = document.getElementById(`ev-${eventId}`);
    if (known) {
      known.replaceWith(item);
    } else {
      const list = document.getElementById('just-in-list');
      const section = document.getElementById('just-in');
      if (!list || !section) return;
      list.prepend(item);
      section.hidden = false;
    }
    const summary = item.querySelector('.summary')?.textContent ?? '';
    setStatus(`${cue === 'new' ? data.liveNew : data.liveUpdated}: ${summary}`, true);
  };

  const onEvent = (message: MessageEvent<string>, cue: 'new' | 'updated') => {
    let eventId: string | undefined;
    try {
      const parsed: unknown = JSON.parse(message.data);
      if (parsed && typeof parsed === 'object' && 'eventId' in parsed && typeof parsed.eventId === 'string')
        eventId = parsed.eventId;
    } catch {
      return;
    }
    if (!eventId) return;
    if (data.page === 'timeline' && data.liveMode === 'insert') {
      void insert(eventId, cue);
    } else if (data.page === 'event') {
      if (eventId === data.eventId && banner) banner.hidden = false;
    } else if (banner) {
      banner.hidden = false;
    }
  };
  source.addEventListener('new-event', (m) => onEvent(m, 'new'));
  source.addEventListener('event-updated', (m) => onEvent(m, 'updated'));
  window.addEventListener('pagehide', () => source.close());
}

/** The script as served. */
export const CLIENT_SCRIPT = `(${liveClient.toString()})();\n`;
