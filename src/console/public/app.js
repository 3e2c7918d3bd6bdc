import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { storeToken, storedToken } from './lib/api.js';
import { html } from './lib/html.js';
import { LANGUAGES, language, setLanguage, t } from './lib/i18n.js';
import { dismissNotice, subscribeNotices } from './lib/notices.js';
import { loadSettings } from './lib/settings.js';
import { DispatchPage } from './pages/dispatch.js';
import { DepotPage } from './pages/depot.js';
import { PlannerPage } from './pages/planner.js';

/** The console shell: navigation between the three pages (hash routes), language, API token. */
const PAGES = {
  dispatch: { label: 'nav.dispatch', component: DispatchPage },
  depot: { label: 'nav.depot', component: DepotPage },
  planner: { label: 'nav.planner', component: PlannerPage },
};

function currentPage() {
  const name = location.hash.replace(/^#\/?/, '').split('?')[0];
  return name in PAGES ? name : 'dispatch';
}

function Notices() {
  const [notices, setNotices] = useState([]);
  useEffect(() => subscribeNotices(setNotices), []);
  return html`<div class="notices" aria-live="polite">
    ${notices.map(
      (notice) =>
        html`<div
          class=${`notice notice-${notice.kind}`}
          role=${notice.kind === 'error' ? 'alert' : 'status'}
        >
          <button class="close" onClick=${() => dismissNotice(notice.id)} aria-label=${t('action.close')}>
            ×
          </button>
          <strong>${notice.title}</strong>
          ${notice.detail && html`<div>${notice.detail}</div>`}
          ${
            notice.lines.length > 0 &&
            html`<ul>
              ${notice.lines.map((line) => html`<li>${line}</li>`)}
            </ul>`
          }
        </div>`,
    )}
  </div>`;
}

function TokenField() {
  const [token, setToken] = useState(storedToken());
  return html`<label class="token" title=${t('token.help')}>
    ${t('token.label')}
    <input
      type="password"
      value=${token}
      placeholder=${t('token.none')}
      onChange=${(event) => {
        setToken(event.target.value.trim());
        storeToken(event.target.value.trim());
      }}
    />
  </label>`;
}

function App({ onLanguage }) {
  const [page, setPage] = useState(currentPage());
  useEffect(() => {
    const onHash = () => setPage(currentPage());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const Page = PAGES[page].component;
  return html`<header class="top">
      <h1>${t('app.title')}</h1>
      <nav>
        ${Object.entries(PAGES).map(
          ([name, { label }]) =>
            html`<a href=${`#/${name}`} class=${name === page ? 'active' : ''} data-testid=${`nav-${name}`}
              >${t(label)}</a
            >`,
        )}
      </nav>
      <span class="spacer"></span>
      <${TokenField} />
      <select
        aria-label=${t('language.label')}
        data-testid="language"
        value=${language()}
        onChange=${(event) => onLanguage(event.target.value)}
      >
        ${Object.entries(LANGUAGES).map(([code, name]) => html`<option value=${code}>${name}</option>`)}
      </select>
    </header>
    <${Notices} />
    <main data-page=${page}><${Page} /></main>`;
}

function Root() {
  const [lang, setLang] = useState(language());
  // Keyed on the language: every component renders again with the new catalog and formats.
  return html`<${App}
    key=${lang}
    onLanguage=${(next) => {
      setLanguage(next);
      setLang(next);
    }}
  />`;
}

setLanguage(language());
await loadSettings();
render(html`<${Root} />`, document.getElementById('app'));
