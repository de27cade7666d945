// Sign-in with the admin key; it is checked against an admin endpoint before it is kept.
import { api, session } from '../api.js';
import { code, h, replace } from '../dom.js';

export function signIn(main, done) {
  const input = h('input', { type: 'password', id: 'api-key', name: 'api-key', autocomplete: 'current-password', required: true, placeholder: 'admin key' });
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const form = h('form', { class: 'signin card', onSubmit: async (e) => {
    e.preventDefault();
    error.hidden = true;
    submit.disabled = true;
    const key = input.value.trim();
    try {
      await api('/v1/cluster', { key, quietAuth: true });
      session.signIn(key);
      done();
    } catch (err) {
      error.textContent = err.status === 401 ? 'That key was not accepted.'
        : err.status === 403 ? 'That is a client key; the dashboard needs an admin key.'
          : `The server could not be reached (${err.message}).`;
      error.hidden = false;
    } finally {
      submit.disabled = false;
    }
  } },
  h('h1', null, 'Operator dashboard'),
  h('p', { class: 'muted' }, 'Sign in with an admin API key (', code('Auth:AdminKeys'), '; the embedded service prints one at start when none is configured). It is kept in this tab\'s session storage only.'),
  h('label', { for: 'api-key' }, 'Admin key'), input, error, submit);
  replace(main, form);
  main.dataset.view = 'signin';
  input.focus();
  return () => {};
}
