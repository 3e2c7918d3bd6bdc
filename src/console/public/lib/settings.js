/** The server's console settings (tile URL, the 4-hour coverage travel model), read once at start. */
let settings = { tileUrl: null, timeZone: null, coverage: null };

export async function loadSettings() {
  const response = await fetch('/console-settings.json');
  if (response.ok) settings = await response.json();
  return settings;
}

export function consoleSettings() {
  return settings;
}
