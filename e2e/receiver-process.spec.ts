import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { freshPostgres } from '../packages/receiver/test/engines';
import { ORIGIN, TOKEN, postUntil, recordFor, runReceiver, startReceiver } from './receiver-process';

// The receiver's promises that only a real process can prove: a kill -9 loses
// nothing it acknowledged, one folder has one process, several receivers share
// one PostgreSQL, and the CLI's commands. Both engines.
test.describe.configure({ mode: 'serial' });

const temp = mkdtempSync(join(tmpdir(), 'holdback-receiver-e2e-'));
test.afterAll(() => rmSync(temp, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function exportedIds(store: string[]): Promise<Set<string>> {
  const exported = await runReceiver(['export', '--format', 'ndjson', ...store]);
  expect(exported.code, exported.stderr).toBe(0);
  return new Set(
    exported.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line).record.id),
  );
}

for (const engine of ['pglite', 'postgresql'] as const) {
  test(`${engine}: after a kill -9 in the middle of a load, every acknowledged record is there and the chain verifies`, async () => {
    test.setTimeout(180_000);
    const database = engine === 'postgresql' ? await freshPostgres() : null;
    const store = database ? ['--database-url', database.url] : ['--data', join(temp, 'killed')];
    try {
      const receiver = await startReceiver(store);
      // Killed in the middle of the load: once 300 records were acknowledged, with more in flight.
      const acknowledged: string[] = [];
      const killed = (async () => {
        for (let waited = 0; acknowledged.length < 300 && waited < 60_000; waited += 20) await sleep(20);
        receiver.child.kill('SIGKILL');
      })();
      await postUntil(
        [receiver.url],
        killed.then(() => sleep(300)),
        20,
        acknowledged,
      );
      expect(acknowledged.length).toBeGreaterThanOrEqual(300);

      const verified = await runReceiver(['verify', ...store]);
      expect(verified.code, verified.stdout + verified.stderr).toBe(0);
      expect(verified.stdout).toContain('chain verified');
      const kept = await exportedIds(store);
      const lost = acknowledged.filter((id) => !kept.has(id));
      expect(lost, `${lost.length} of ${acknowledged.length} acknowledged records are missing`).toEqual([]);

      // It starts again on the same store (the dead process's lock is taken over) and goes on.
      const again = await startReceiver(store);
      const response = await fetch(`${again.url}/v1/records`, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'text/plain' },
        body: recordFor(),
      });
      expect(response.status).toBe(204);
      const verdict = await (await fetch(`${again.url}/v1/verify`, { headers: { authorization: `Bearer ${TOKEN}` } })).json();
      expect(verdict.ok).toBe(true);
      expect(verdict.records).toBe(kept.size + 1);
      expect(await again.stop()).toBe(0);
    } finally {
      await database?.drop();
    }
  });
}

test('pglite: a second process on the same folder is refused, and nothing is written twice', async () => {
  test.setTimeout(120_000);
  const store = ['--data', join(temp, 'locked')];
  const first = await startReceiver(store);
  try {
    const second = await runReceiver(['serve', '--origin', ORIGIN, ...store]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`is in use by process ${first.child.pid}`);
    expect(second.stderr.trim().split('\n')).toHaveLength(1);
    const verify = await runReceiver(['verify', ...store]);
    expect(verify.code).toBe(2);
  } finally {
    expect(await first.stop()).toBe(0);
  }
  expect((await runReceiver(['verify', ...store])).code).toBe(0);
});

test('postgresql: two receivers on one database keep one chain with the same totals', async () => {
  test.setTimeout(180_000);
  const database = await freshPostgres();
  try {
    const store = ['--database-url', database.url];
    const [a, b] = await Promise.all([startReceiver(store), startReceiver(store)]);
    const acknowledged: string[] = [];
    const enough = (async () => {
      for (let waited = 0; acknowledged.length < 600 && waited < 60_000; waited += 20) await sleep(20);
    })();
    await postUntil([a!.url, b!.url], enough, 20, acknowledged);
    await Promise.all([a!.stop(), b!.stop()]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(600);
    const verified = await runReceiver(['verify', ...store]);
    expect(verified.code, verified.stdout).toBe(0);
    expect(verified.stdout).toContain(`chain verified: ${acknowledged.length} entries (${acknowledged.length} records`);
    const kept = await exportedIds(store);
    expect(kept.size).toBe(acknowledged.length);
    expect(acknowledged.every((id) => kept.has(id))).toBe(true);
  } finally {
    await database.drop();
  }
});

test('the CLI: verify names a tampered entry, backup and restore, migrate-to PostgreSQL, prune, CSV export', async () => {
  test.setTimeout(180_000);
  const data = join(temp, 'cli');
  const receiver = await startReceiver(['--data', data]);
  for (let i = 0; i < 5; i++) {
    const response = await fetch(`${receiver.url}/v1/records`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'text/plain' },
      body: recordFor(undefined, `2020-01-0${i + 1}T00:00:00.000Z`),
    });
    expect(response.status).toBe(204);
  }
  await receiver.stop();

  const backupFile = join(temp, 'cli-backup.ndjson.gz');
  const backedUp = await runReceiver(['backup', '--out', backupFile, '--data', data]);
  expect(backedUp.stdout).toContain('backed up 5 entries and 0 notices');
  const again = await runReceiver(['backup', '--out', backupFile, '--data', data]);
  expect(again.code).toBe(2);
  expect(again.stderr).toContain('exists already');

  const restored = await runReceiver(['restore', backupFile, '--data', join(temp, 'cli-restored')]);
  expect(restored.code, restored.stderr).toBe(0);
  expect(restored.stdout).toContain('restored 5 entries and 0 notices; chain verified, head 5');

  const database = await freshPostgres();
  try {
    const moved = await runReceiver(['migrate-to', '--database-url', database.url, '--data', data]);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toContain('moved 5 entries');
    expect(moved.stdout).toContain('chain verified, head 5');

    const csv = await runReceiver(['export', '--format', 'csv', '--from', '2020-01-02', '--to', '2020-01-03', '--database-url', database.url]);
    expect(csv.stdout.trim().split('\r\n')).toHaveLength(3);

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(`UPDATE entries SET body = replace(body, '"marketing":true', '"marketing":false') WHERE seq = 4`);
    await client.end();
    const broken = await runReceiver(['verify', '--database-url', database.url]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('chain broken at entry 4: its body was changed after it was written');

    // Decided in 2020 by the browser's clock but received today: their consent runs from today, so nothing goes.
    const pruned = await runReceiver(['prune', '--hold-days', '0', '--data', data]);
    expect(pruned.stdout).toContain('nothing to prune');
    expect((await runReceiver(['verify', '--data', data])).stdout).toContain('chain verified: 5 entries (5 records, 0 pruned)');
    const mistyped = await runReceiver(['verify', '--data', join(temp, 'no-such-store')]);
    expect(mistyped.code).toBe(2);
    expect(mistyped.stderr).toContain('there is no receiver store in');
    const missing = await runReceiver(['restore', join(temp, 'missing.gz'), '--data', join(temp, 'cli-restore-missing')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const unwritable = await runReceiver(['export', '--out', join(temp, 'no', 'such', 'dir.csv'), '--data', data]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toContain('cannot write');
  } finally {
    await database.drop();
  }
});

test('the CLI refuses bad input in one line, without a stack', async () => {
  const cases: [string[], string][] = [
    [['serve'], 'serve needs at least one --origin'],
    [['serve', '--origin', 'shop'], 'is not a URL'],
    [['serve', '--origin', ORIGIN, '--port', 'abc'], '--port must be a whole number'],
    [['launch'], 'unknown command launch'],
    [['export', '--format', 'xml'], '--format must be ndjson or csv'],
    [['serve', '--origin', ORIGIN, '--colour'], "Unknown option '--colour'"],
    [['restore'], 'restore needs the backup file'],
    [
      ['verify', '--database-url', 'postgres://nobody:wrong@127.0.0.1:1/none'],
      'cannot connect to PostgreSQL at postgres://nobody:***@127.0.0.1:1/none',
    ],
    [['serve', '--origin', ORIGIN, '--config', join(temp, 'missing.json')], 'cannot read the config file'],
  ];
  for (const [args, message] of cases) {
    const result = await runReceiver(args);
    expect(result.code, args.join(' ')).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr.trim().split('\n'), result.stderr).toHaveLength(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }
  const help = await runReceiver(['--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('migrate-to');
});

const others = (process.env.HOLDBACK_TEST_NODES ?? '').split(':').filter(Boolean);
for (const node of others) {
  test(`the receiver serves and verifies with ${node}`, async () => {
    test.setTimeout(120_000);
    const store = ['--data', join(temp, `node-${others.indexOf(node)}`)];
    const receiver = await startReceiver(store, {}, node);
    const response = await fetch(`${receiver.url}/v1/records`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'text/plain' },
      body: recordFor(),
    });
    expect(response.status).toBe(204);
    expect(await receiver.stop()).toBe(0);
    const verified = await runReceiver(['verify', ...store], {}, node);
    expect(verified.stdout).toContain('chain verified: 1 entries');
  });
}

test('over HTTP, a body over 4 KiB is refused with 413, declared or streamed, and the receiver goes on', async () => {
  test.setTimeout(120_000);
  const receiver = await startReceiver(['--data', join(temp, 'limits')]);
  try {
    const big = recordFor(undefined, undefined, { userAgent: 'x'.repeat(5000) });
    const declared = await fetch(`${receiver.url}/v1/records`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'text/plain' },
      body: big,
    });
    expect(declared.status).toBe(413);
    const streamed = await fetch(`${receiver.url}/v1/records`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'text/plain' },
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await streamed.text()).toContain('larger than 4096 bytes');
    const fine = await fetch(`${receiver.url}/v1/records`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'text/plain' },
      body: recordFor(),
    });
    expect(fine.status).toBe(204);
  } finally {
    await receiver.stop();
  }
});
