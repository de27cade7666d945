// Pause / resume / stop with a confirmation dialog; afterwards the campaign is re-read until the
// command has been applied (admin changes go through the log, so they land a moment later).
import { api } from '../api.js';
import { h, toast } from '../dom.js';

export const ACTIONS = {
  pause: { label: 'Pause', expect: 'paused', when: ['active', 'scheduled'], text: 'It stops bidding until it is resumed.' },
  resume: { label: 'Resume', expect: 'active', when: ['paused'], text: 'It starts bidding again within its budget and pacing.' },
  stop: { label: 'Stop', expect: 'stopped', when: ['active', 'paused', 'scheduled', 'exhausted'], text: 'Stopping is final: a stopped campaign cannot be resumed.' },
};

export function confirmDialog(title, body, confirmLabel, danger) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'confirm', 'data-testid': 'confirm' },
      h('form', { method: 'dialog' },
        h('h3', null, title), h('p', null, body),
        h('div', { class: 'buttons' },
          h('button', { value: 'cancel', class: 'ghost' }, 'Cancel'),
          h('button', { value: 'ok', class: danger ? 'danger' : '' }, confirmLabel))));
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok');
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

export function actionButtons(campaign, { enabled, onDone }) {
  return Object.entries(ACTIONS).map(([action, spec]) => h('button', {
    type: 'button',
    class: action === 'stop' ? 'small danger' : 'small',
    dataset: { action },
    disabled: !enabled || !spec.when.includes(campaign.status),
    title: enabled ? spec.text : 'This server has no campaign actions API.',
    onClick: async () => {
      const name = campaign.name ?? campaign.id;
      if (!(await confirmDialog(`${spec.label} “${name}”?`, spec.text, spec.label, action === 'stop'))) return;
      try {
        await api(`/v1/campaigns/${encodeURIComponent(campaign.id)}/${action}`, { method: 'POST' });
        onDone(await settle(campaign.id, spec.expect));
      } catch (err) {
        toast(`${spec.label} failed: ${err.message}`, 'error');
      }
    },
  }, spec.label));
}

async function settle(id, expected) {
  let latest = null;
  for (const wait of [0, 200, 400, 800, 1600, 3200]) {
    await new Promise((resolve) => setTimeout(resolve, wait));
    latest = await api(`/v1/campaigns/${encodeURIComponent(id)}`);
    if (latest?.status === expected) {
      toast(`“${latest.name ?? id}” is ${expected}.`, 'ok');
      return latest;
    }
  }
  toast(`The command was accepted; “${id}” is still ${latest?.status ?? 'unknown'}.`, 'info');
  return latest;
}
