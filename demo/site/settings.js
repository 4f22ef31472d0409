// The demo's switchers. Runs in <head> after the site's config and before
// consent.js: it puts the theme, layout and floating-button choices (kept in
// localStorage) into window.consentConfig, then wires the switchers once the
// page is parsed. A site would write these keys into its config directly.
(() => {
  const KEY = 'holdback-demo';
  const DEFAULTS = { theme: 'auto', layout: 'bar', floatingButton: false };
  const ALLOWED = { theme: ['auto', 'light', 'dark'], layout: ['bar', 'box', 'modal'], floatingButton: [true, false] };

  // Anything unreadable or unknown counts as the default.
  function read() {
    let saved = {};
    try {
      saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') ?? {};
    } catch {
      saved = {};
    }
    const settings = { ...DEFAULTS };
    for (const name of Object.keys(DEFAULTS)) {
      if (ALLOWED[name].includes(saved[name])) settings[name] = saved[name];
    }
    return settings;
  }

  const settings = read();
  window.consentConfig ??= {};
  const config = window.consentConfig;
  // Only values other than the default go into the config, so that a holdback
  // that does not know a key yet (and would fail closed on it) runs the demo.
  for (const name of Object.keys(DEFAULTS)) {
    if (settings[name] !== DEFAULTS[name]) config[name] = settings[name];
  }
  if (settings.theme !== 'auto') document.documentElement.dataset.theme = settings.theme;

  function wireSettings(form) {
    form.elements.theme.value = settings.theme;
    form.elements.layout.value = settings.layout;
    form.elements.floatingButton.checked = settings.floatingButton;
    form.addEventListener('change', () => {
      const chosen = {
        theme: form.elements.theme.value,
        layout: form.elements.layout.value,
        floatingButton: form.elements.floatingButton.checked,
      };
      try {
        localStorage.setItem(KEY, JSON.stringify(chosen));
      } catch {
        return; // storage blocked: nothing would survive the reload
      }
      location.reload();
    });
  }

  // /de/checkout?item=… for German; English pages have no prefix.
  function wireLanguage(select) {
    select.addEventListener('change', () => {
      const prefix = select.value === 'en' ? '' : `/${select.value}`;
      location.assign(`${prefix}${select.dataset.path}${location.search}`);
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    const form = document.getElementById('settings');
    if (form) wireSettings(form);
    const select = document.getElementById('language');
    if (select) wireLanguage(select);
  });
})();
