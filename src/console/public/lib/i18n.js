import { en } from '../i18n/en.js';
import { zhCN } from '../i18n/zh-CN.js';
import { consoleSettings } from './settings.js';

/**
 * Messages per language and Intl formatting. The language is kept in localStorage; changing it
 * re-renders the whole console (app.js keys the root on it).
 */
export const LANGUAGES = { en: 'English', 'zh-CN': '中文' };
const CATALOGS = { en, 'zh-CN': zhCN };
const LANG_KEY = 'console.lang';

let current = pickLanguage();

function pickLanguage() {
  const stored = localStorage.getItem(LANG_KEY);
  if (stored && stored in CATALOGS) return stored;
  return navigator.language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function language() {
  return current;
}

export function setLanguage(lang) {
  if (!(lang in CATALOGS)) return;
  current = lang;
  localStorage.setItem(LANG_KEY, lang);
  document.documentElement.lang = lang;
}

/** The message `key` in the current language, `{name}` placeholders filled from params. */
export function t(key, params = {}) {
  const template = CATALOGS[current][key] ?? en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

export function formatNumber(value, options = {}) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return new Intl.NumberFormat(current, options).format(value);
}

/** Dates and times in the service's time zone (its working calendar), not the browser's. */
export function formatDateTime(value, options = { dateStyle: 'short', timeStyle: 'short' }) {
  if (!value) return '–';
  const timeZone = consoleSettings().timeZone ?? undefined;
  return new Intl.DateTimeFormat(current, { ...options, timeZone }).format(new Date(value));
}

export function formatTime(value) {
  return formatDateTime(value, { hour: '2-digit', minute: '2-digit' });
}

/** A signed duration in minutes as "1 h 05 min" / "-12 min" (late). */
export function formatMinutes(minutes) {
  if (minutes === null || minutes === undefined) return '–';
  const sign = minutes < 0 ? '−' : '';
  const total = Math.round(Math.abs(minutes));
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  return hours > 0
    ? `${sign}${t('unit.hours', { n: formatNumber(hours) })} ${String(rest).padStart(2, '0')} ${t('unit.min')}`
    : `${sign}${rest} ${t('unit.min')}`;
}

/** A countdown in seconds as "h:mm:ss", negative when overdue. */
export function formatCountdown(seconds) {
  const sign = seconds < 0 ? '−' : '';
  const total = Math.floor(Math.abs(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${sign}${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}
