import { html } from '../lib/html.js';
import { formatCountdown, formatNumber, t } from '../lib/i18n.js';
import { useNow } from '../lib/use-now.js';

/**
 * Open tickets grouped by the state of their clocks: a ticket is in the group of its worst clock
 * (breached, then at risk, then running; met when every clock is met), with a live countdown
 * to its next due time.
 */
export const CLOCK_GROUPS = ['breached', 'at-risk', 'running', 'met'];

export function clockGroup(ticket) {
  const states = new Set(ticket.clocks.map((clock) => clock.status));
  return CLOCK_GROUPS.find((group) => states.has(group)) ?? 'met';
}

export const GROUP_COLOR = { breached: '#c62828', 'at-risk': '#ef6c00', running: '#1565c0', met: '#2e7d32' };

export function TicketBoard({ tickets, sites, selectedId, onSelect }) {
  const now = useNow(1000);
  const groups = Object.fromEntries(CLOCK_GROUPS.map((group) => [group, []]));
  for (const ticket of tickets) groups[clockGroup(ticket)].push(ticket);
  return html`<div class="board" data-testid="ticket-board">
    ${CLOCK_GROUPS.map(
      (group) =>
        html`<section class="group" data-group=${group}>
          <h3 style=${{ borderColor: GROUP_COLOR[group] }}>
            ${t(`clock.${group}`)} <span class="count">${formatNumber(groups[group].length)}</span>
          </h3>
          <ul>
            ${groups[group].map((ticket) => {
              const site = sites.get(ticket.siteId);
              const seconds = ticket.nextDueAt ? (Date.parse(ticket.nextDueAt) - now) / 1000 : null;
              return html`<li
                class=${ticket.id === selectedId ? 'selected' : ''}
                data-ticket=${ticket.id}
                onClick=${() => onSelect(ticket.id)}
              >
                <span class="tid">${ticket.id}</span>
                <span class=${`level level-${ticket.level}`}
                  >${t('ticket.level', { level: ticket.level })}</span
                >
                <span class="site">${site?.name ?? ticket.siteId}</span>
                <span
                  class=${`countdown ${seconds !== null && seconds < 0 ? 'late' : ''}`}
                  data-testid="countdown"
                >
                  ${seconds === null ? t('clock.none-running') : formatCountdown(seconds)}
                </span>
                <span class="status">${t(`status.${ticket.status}`)}</span>
              </li>`;
            })}
          </ul>
        </section>`,
    )}
  </div>`;
}
