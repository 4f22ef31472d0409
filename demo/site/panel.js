// The demo's side panel: every request that reached the tracker stand-ins (as
// the server streams them), which tags on this page holdback holds back or has
// let go, the visitor's choice, and the cookies on this site.
const $ = (id) => document.getElementById(id);
const panel = $('panel');
let entries = [];

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const time = (iso) => new Date(iso).toLocaleTimeString('en-GB');

function showRequests() {
  $('count').textContent = entries.length ? `(${entries.length})` : '';
  const list = $('requests');
  if (entries.length === 0) {
    list.replaceChildren(element('li', 'empty', 'Nothing yet: held back.'));
    return;
  }
  list.replaceChildren(
    ...[...entries].reverse().map((entry) => {
      const item = element('li', entry.category);
      const head = element('div', 'request-head');
      head.append(element('span', 'tag', entry.category), ' ', element('strong', '', entry.vendor), ' ', element('time', '', time(entry.at)));
      item.append(head, element('code', '', entry.host + (entry.path.length > 70 ? `${entry.path.slice(0, 70)}…` : entry.path)));
      if (entry.cookies.length) item.append(element('div', 'sets', `may set ${entry.cookies.join(', ')}`));
      return item;
    }),
  );
}

// Whether holdback lets an element go: its service's choice, or every category
// it names ("a b", "!a"). Without holdback nothing is let go.
function isLetGo(node) {
  const consent = window.Consent;
  if (!consent) return false;
  const service = node.getAttribute('data-service');
  if (service) return consent.allowed(service);
  return node
    .getAttribute('data-category')
    .split(/\s+/)
    .filter(Boolean)
    .every((name) => (name.startsWith('!') ? !consent.allowed(name.slice(1)) : consent.allowed(name)));
}

function serviceTitle(name) {
  for (const category of Object.values(window.consentConfig?.categories ?? {})) {
    const service = category?.services?.[name];
    if (service) return service.title ?? name;
  }
  return name;
}

function showTags() {
  const held = document.querySelectorAll('script[type="text/plain"][data-category], img[data-category][data-src], iframe[data-category][data-src]');
  const tags = new Map();
  for (const node of held) {
    const service = node.getAttribute('data-service');
    const label = service ? serviceTitle(service) : node.getAttribute('data-category');
    tags.set(label, (tags.get(label) ?? true) && isLetGo(node));
  }
  $('tags').replaceChildren(
    ...[...tags].map(([label, letGo]) => {
      const item = element('li', letGo ? 'let-go' : 'held');
      item.append(element('span', '', label), element('span', 'state', letGo ? 'let go' : 'held back'));
      return item;
    }),
  );
}

function showChoice() {
  const decision = window.Consent?.get();
  $('choice').textContent = decision
    ? `allowed: ${Object.entries(decision.categories)
        .filter(([, on]) => on)
        .map(([name]) => name)
        .join(', ')}`
    : window.Consent
      ? 'none yet'
      : 'holdback did not start (see the console)';
}

function showCookies() {
  const ownCookie = window.consentConfig?.cookie?.name ?? 'holdback';
  const setBy = new Map(entries.flatMap((entry) => entry.cookies.map((name) => [name, entry.vendor])));
  const names = document.cookie
    .split(';')
    .map((part) => part.split('=')[0].trim())
    .filter(Boolean);
  const list = $('cookies');
  if (names.length === 0) {
    list.replaceChildren(element('li', 'empty', 'none'));
    return;
  }
  list.replaceChildren(
    ...names.map((name) => {
      const item = element('li');
      const owner = name === ownCookie ? 'holdback: your choice' : (setBy.get(name) ?? 'this site');
      item.append(element('code', '', name), ` ${owner}`);
      return item;
    }),
  );
}

function showConsent() {
  showChoice();
  showTags();
  showCookies();
}

function listen() {
  const events = new EventSource('/__trackers/stream');
  events.addEventListener('snapshot', (event) => {
    entries = JSON.parse(event.data);
    showRequests();
    showCookies();
  });
  events.addEventListener('request', (event) => {
    entries.push(JSON.parse(event.data));
    showRequests();
    // The stand-in's script sets its cookie once it has run, just after its request.
    setTimeout(showCookies, 200);
  });
}

function collapsible() {
  const toggle = $('panel-toggle');
  const apply = (open) => {
    panel.classList.toggle('closed', !open);
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? 'Hide' : 'Show';
  };
  // Remembered for the tab; where storage is blocked the panel simply starts open.
  const remember = (value) => {
    try {
      if (value) sessionStorage.setItem('holdback-demo-panel', value);
      return sessionStorage.getItem('holdback-demo-panel');
    } catch {
      return null;
    }
  };
  apply(remember() !== 'closed');
  toggle.addEventListener('click', () => {
    const open = panel.classList.contains('closed');
    remember(open ? 'open' : 'closed');
    apply(open);
  });
}

$('clear').addEventListener('click', () => fetch('/__trackers.json', { method: 'DELETE' }));
$('reset').addEventListener('click', () => {
  window.Consent?.reset();
  location.reload();
});
window.addEventListener('consent:change', showConsent);
window.Consent?.on('ready', showConsent);
collapsible();
showRequests();
showConsent();
listen();
// Withdrawal deletes cookies without a request; look again now and then.
setInterval(showCookies, 1000);
