/**
 * Messages for the user (errors from the API, confirmations), shown by the Notices component in
 * the page header. A tiny store: pages push, the component listens.
 */
const listeners = new Set();
let notices = [];
let nextId = 1;

export function subscribeNotices(listener) {
  listeners.add(listener);
  listener(notices);
  return () => listeners.delete(listener);
}

function publish() {
  for (const listener of listeners) listener(notices);
}

/** kind: 'error' | 'info'; lines: extra lines (field errors). */
export function pushNotice({ kind, title, detail, lines = [] }) {
  const id = nextId++;
  notices = [...notices, { id, kind, title, detail, lines }].slice(-4);
  publish();
  if (kind === 'info') setTimeout(() => dismissNotice(id), 4000);
  return id;
}

export function dismissNotice(id) {
  notices = notices.filter((notice) => notice.id !== id);
  publish();
}
