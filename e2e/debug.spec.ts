import { test } from '@playwright/test';
import { startFixtures } from './scan-fixtures';
test('debug', async () => {
  test.setTimeout(600000);
  const f = await startFixtures();
  console.log('ORIGIN', f.origin);
  await new Promise((r) => setTimeout(r, 300000));
  await f.close();
});
