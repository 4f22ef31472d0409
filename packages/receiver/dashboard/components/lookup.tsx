import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { ConsentRecord, History, HistoryEntry } from '../api';
import { ACTIONS, exactTime, labelOf, REGIMES, title, VIA } from '../format';
import { asAdmin, explain } from '../session';
import type { Load } from '../state';
import { NoticeView } from './notice';
import { Empty, Failed, Loading } from './status';

export function Lookup() {
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<(Load<History | null> & { id: string }) | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    const id = input.current!.value.trim();
    if (!id) return input.current!.focus();
    setResult({ status: 'loading', previous: null, id });
    try {
      setResult({ status: 'ready', value: await asAdmin((api) => api.history(id)), id });
    } catch (error) {
      setResult({ status: 'failed', message: explain(error), id });
    }
  }

  return (
    <section class="panel" aria-labelledby="lookup-title">
      <div class="section-head">
        <h2 id="lookup-title">Look up a consent ID</h2>
        <p class="hint">A visitor finds theirs in the preference center; its history shows every decision made under it, oldest first.</p>
      </div>
      <form class="lookup" onSubmit={submit}>
        <label for="consent-id">Consent ID</label>
        <div class="fields">
          <input ref={input} id="consent-id" type="text" autoComplete="off" spellcheck={false} class="mono" />
          <button type="submit" class="primary" disabled={result?.status === 'loading'}>
            Look up
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {result?.status === 'loading' && <Loading what="the history" />}
        {result?.status === 'failed' && <Failed message={result.message} />}
        {result?.status === 'ready' && result.value && <HistoryView history={result.value} />}
        {result?.status === 'ready' && !result.value && (
          <Empty title={`No records for ${result.id}`}>Check the ID for typos; it is case-sensitive.</Empty>
        )}
      </div>
    </section>
  );
}

function HistoryView({ history }: { history: History }) {
  // The receiver sends them oldest first; sorted again here since the order is the point.
  const entries = [...history.entries].sort((a, b) => (a.record?.time ?? '').localeCompare(b.record?.time ?? '') || (a.seq ?? 0) - (b.seq ?? 0));
  // Each record next to the one before it, to mark what it changed.
  let last: ConsentRecord | undefined;
  const pairs = entries.map((entry) => {
    const before = last;
    last = entry.record ?? last;
    return { entry, before };
  });
  return (
    <div class="history">
      <h3>
        History of <code>{history.consentId}</code>: {entries.length} {entries.length === 1 ? 'entry' : 'entries'}
      </h3>
      <ol class="records">
        {pairs.map(({ entry, before }) => (
          <RecordView key={entry.hash} entry={entry} before={before} notices={history.notices} />
        ))}
      </ol>
    </div>
  );
}

interface RecordProps {
  entry: HistoryEntry;
  before: ConsentRecord | undefined;
  notices: Record<string, unknown>;
}

function RecordView({ entry, before, notices }: RecordProps) {
  const record = entry.record;
  if (!record) {
    return (
      <li class="record pruned">
        <h4>Pruned record</h4>
        <p>Its body was removed when it passed the retention period; its place in the chain is kept.</p>
        <ChainFacts entry={entry} />
      </li>
    );
  }
  const notice = record.noticeHash === null ? undefined : notices[record.noticeHash];
  return (
    <li class="record">
      <div class="record-head">
        <h4>
          {labelOf(ACTIONS, record.action)} <span class="via">via {labelOf(VIA, record.source)}</span>
        </h4>
        <time dateTime={record.time}>{exactTime(record.time)}</time>
      </div>
      <Choices heading="Categories" choices={record.categories} before={before?.categories} label={title} />
      <Choices heading="Services" choices={record.services} before={before?.services} label={(name) => name} />
      <dl class="facts">
        <Fact term="Regime">{labelOf(REGIMES, record.regime)}</Fact>
        <Fact term="GPC signal">{record.gpc ? 'Sent' : 'Not sent'}</Fact>
        <Fact term="Language">{record.language}</Fact>
        <Fact term="Revision">{record.revision}</Fact>
        {entry.receivedAt && <Fact term="Received">{exactTime(entry.receivedAt)}</Fact>}
        {entry.ipPrefix && <Fact term="Address range">{entry.ipPrefix}</Fact>}
        <Fact term="Page" wide>
          <span class="mono break">{record.url}</span>
        </Fact>
        <Fact term="Browser" wide>
          {record.userAgent || '–'}
        </Fact>
      </dl>
      <details>
        <summary>{record.noticeHash === null ? 'Notice: none named by this record' : notice ? 'The notice shown' : 'Notice not received'}</summary>
        {record.noticeHash === null ? (
          <p>The drop-in that sent this record did not name the notice it showed.</p>
        ) : notice ? (
          <NoticeView notice={notice} hash={record.noticeHash} />
        ) : (
          <p>
            The record names notice <code class="hash">{record.noticeHash}</code>, but the receiver never got its text.
          </p>
        )}
      </details>
      <details>
        <summary>Chain entry{entry.seq === undefined ? '' : ` ${entry.seq}`}</summary>
        <ChainFacts entry={entry} />
        {entry.body && (
          <>
            <p class="hint">The entry's body exactly as kept; its SHA-256 is the entry hash.</p>
            <pre class="body">{entry.body}</pre>
          </>
        )}
      </details>
    </li>
  );
}

interface ChoicesProps {
  heading: string;
  choices: Record<string, boolean>;
  before: Record<string, boolean> | undefined;
  label: (name: string) => string;
}

function Choices({ heading, choices, before, label }: ChoicesProps) {
  const names = Object.keys(choices);
  return (
    <div class="choices">
      <h5>{heading}</h5>
      {names.length ? (
        <ul>
          {names.map((name) => {
            const allowed = choices[name];
            const changed = before !== undefined && before[name] !== undefined && before[name] !== allowed;
            return (
              <li key={name} class={allowed ? 'allowed' : 'refused'}>
                <span class="mark" aria-hidden="true">
                  {allowed ? '✓' : '✕'}
                </span>
                {label(name)} <span class="state">{allowed ? 'allowed' : 'refused'}</span>
                {changed && <span class="changed">changed</span>}
              </li>
            );
          })}
        </ul>
      ) : (
        <p class="hint">None named.</p>
      )}
    </div>
  );
}

function ChainFacts({ entry }: { entry: HistoryEntry }) {
  return (
    <dl class="facts chain">
      {entry.seq !== undefined && <Fact term="Sequence">{entry.seq}</Fact>}
      <Fact term="Entry hash" wide>
        <code class="hash">{entry.entryHash}</code>
      </Fact>
      <Fact term="Previous hash" wide>
        <code class="hash">{entry.prevHash}</code>
      </Fact>
      <Fact term="Hash" wide>
        <code class="hash">{entry.hash}</code>
      </Fact>
    </dl>
  );
}

function Fact({ term, wide, children }: { term: string; wide?: boolean; children: ComponentChildren }) {
  return (
    <div class={wide ? 'fact wide' : 'fact'}>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
