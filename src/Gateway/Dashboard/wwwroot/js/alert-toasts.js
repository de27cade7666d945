// Alert state changes pushed on the KPI stream (`event: alert`, docs/alerts.md): a toast in the page and, when
// the user granted permission, a browser notification (seen even while the tab is in the background).
import { h } from './dom.js';

const TEXT = { firing: 'Alert firing', acknowledged: 'Alert acknowledged', resolved: 'Alert resolved' };
const KIND = { firing: 'error', acknowledged: 'info', resolved: 'ok' };

function describe(alert) {
  const scope = alert.scope ? Object.values(alert.scope).filter((v) => typeof v === 'string').join(' ') : '';
  return `${alert.ruleId}: ${alert.metric} ${Number(alert.value).toPrecision(4)} (threshold ${alert.threshold})${scope ? ` · ${scope}` : ''}`;
}

export function showAlert(data) {
  let alert;
  try {
    alert = JSON.parse(data);
  } catch {
    return;
  }
  const title = TEXT[alert.state] ?? `Alert ${alert.state}`;
  const box = document.getElementById('toasts');
  const item = h('div', { class: `toast ${KIND[alert.state] ?? 'info'}`, 'data-testid': 'alert-toast', dataset: { alert: alert.id } },
    h('strong', null, title), ' ', describe(alert), ' ', h('a', { href: '#/alerts' }, 'Alerts'));
  box.append(item);
  setTimeout(() => item.remove(), 10000);
  if ('Notification' in window && Notification.permission === 'granted') {
    new Notification(title, { body: describe(alert), tag: alert.id });
  }
}

/** A button asking for notification permission; hidden once the browser has an answer. */
export function notifyButton() {
  if (!('Notification' in window) || Notification.permission !== 'default') return null;
  const button = h('button', { type: 'button', class: 'ghost small', 'data-testid': 'notify', onClick: async () => {
    await Notification.requestPermission();
    button.remove();
  } }, 'Notify me of alerts');
  return button;
}
