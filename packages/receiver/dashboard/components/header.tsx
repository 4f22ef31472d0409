import { useState } from 'preact/hooks';
import type { Verdict } from '../api';
import { count, sentence } from '../format';
import { asAdmin, explain, signOut } from '../session';
import { health, type Load, loadHealth } from '../state';

const ENGINES: Record<string, string> = { pglite: 'PGlite (embedded)', postgresql: 'PostgreSQL' };

export function Header() {
  const [verdict, setVerdict] = useState<Load<Verdict> | null>(null);
  const status = health.value;

  async function verify() {
    setVerdict({ status: 'loading', previous: null });
    try {
      setVerdict({ status: 'ready', value: await asAdmin((api) => api.verify()) });
      loadHealth();
    } catch (error) {
      setVerdict({ status: 'failed', message: explain(error) });
    }
  }

  return (
    <header class="top">
      <div class="top-bar">
        <div class="brand">
          <h1>holdback consent log</h1>
          {status && (
            <p class="meta">
              {ENGINES[status.engine] ?? status.engine} · {count(status.entries)} {status.entries === 1 ? 'entry' : 'entries'} in the chain
            </p>
          )}
        </div>
        <div class="actions">
          <button type="button" onClick={verify} disabled={verdict?.status === 'loading'}>
            {verdict?.status === 'loading' ? 'Verifying…' : 'Verify chain'}
          </button>
          <button type="button" class="quiet" onClick={() => signOut()}>
            Sign out
          </button>
        </div>
      </div>
      <div class="verdict-slot" role="status">
        {verdict && verdict.status !== 'loading' && <VerdictPanel verdict={verdict} close={() => setVerdict(null)} />}
      </div>
    </header>
  );
}

function VerdictPanel({ verdict, close }: { verdict: Load<Verdict>; close: () => void }) {
  if (verdict.status === 'failed') return <Panel tone="bad" title="The chain could not be verified" text={verdict.message} close={close} />;
  if (verdict.status !== 'ready') return null;
  const v = verdict.value;
  const checked = `${count(v.entries)} entries checked: ${count(v.records)} records whole, ${count(v.pruned)} pruned, ${count(v.notices)} notices.`;
  return v.ok ? (
    <Panel tone="good" title="The chain is intact" text={checked} close={close} head={v.head} />
  ) : (
    <Panel
      tone="bad"
      title={`The chain is broken at entry ${v.firstBad?.seq ?? '?'}`}
      text={`${sentence(v.firstBad?.reason ?? 'no reason given')} Restore the log from a backup and run holdback-receiver verify.`}
      close={close}
      head={v.head}
    />
  );
}

interface PanelProps {
  tone: 'good' | 'bad';
  title: string;
  text: string;
  close: () => void;
  head?: { seq: number; hash: string };
}

function Panel({ tone, title, text, close, head }: PanelProps) {
  return (
    <div class={`verdict ${tone}`}>
      <span class="verdict-mark" aria-hidden="true">
        {tone === 'good' ? '✓' : '!'}
      </span>
      <div>
        <p class="verdict-title">{title}</p>
        <p>{text}</p>
        {head && (
          <p class="head">
            Head: entry {count(head.seq)}, <code class="hash">{head.hash}</code>
          </p>
        )}
      </div>
      <button type="button" class="quiet close" onClick={close} aria-label="Dismiss the verdict">
        ×
      </button>
    </div>
  );
}
