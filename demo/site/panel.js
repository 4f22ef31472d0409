// The demo's side panel: what reached the tracker stand-ins, the choice, the cookies.
const list = document.getElementById('requests');
const choice = document.getElementById('choice');
const cookies = document.getElementById('cookies');

function showChoice() {
  const decision = window.Consent?.get();
  choice.textContent = decision
    ? Object.entries(decision.categories).filter(([, on]) => on).map(([name]) => name).join(', ')
    : 'none yet';
  const names = document.cookie.split(';').map((part) => part.split('=')[0].trim()).filter(Boolean);
  cookies.textContent = names.length ? names.join(', ') : 'none';
}

async function refresh() {
  const response = await fetch('/__trackers.json', { cache: 'no-store' }).catch(() => null);
  if (response?.ok) {
    const log = await response.json();
    list.replaceChildren(
      ...log.map((entry) => {
        const item = document.createElement('li');
        item.className = entry.category;
        item.innerHTML = '<span class="tag"></span> <strong></strong> <code></code>';
        item.querySelector('.tag').textContent = entry.category;
        item.querySelector('strong').textContent = entry.vendor;
        item.querySelector('code').textContent = entry.host + entry.path.slice(0, 60);
        return item;
      }),
    );
    if (log.length === 0) list.innerHTML = '<li class="empty">Nothing yet: held back.</li>';
  }
  showChoice();
}

document.getElementById('clear').addEventListener('click', async () => {
  await fetch('/__trackers.json', { method: 'DELETE' });
  refresh();
});
document.getElementById('reset').addEventListener('click', () => {
  window.Consent?.reset();
  location.reload();
});
window.addEventListener('consent:change', () => setTimeout(refresh, 300));
refresh();
setInterval(refresh, 1500);
