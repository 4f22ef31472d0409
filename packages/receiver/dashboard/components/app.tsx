import { untracked, useSignalEffect } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { token } from '../session';
import { forget, loadHealth, loadStats, range } from '../state';
import { Header } from './header';
import { Lookup } from './lookup';
import { RangeBar } from './range-bar';
import { Rates } from './rates';
import { SignIn } from './sign-in';
import { Totals } from './totals';

export function App() {
  useEffect(() => {
    loadHealth();
  }, []);
  return token.value ? <Dashboard /> : <SignIn />;
}

function Dashboard() {
  // Reloads when the range changes, and only then: the filter works on what already came.
  useSignalEffect(() => {
    const wanted = range.value;
    untracked(() => {
      loadStats(wanted);
      loadHealth();
    });
  });
  useEffect(() => forget, []);
  return (
    <>
      <a class="skip" href="#main">
        Skip to the figures
      </a>
      <Header />
      <main id="main" tabIndex={-1}>
        <RangeBar />
        <Rates />
        <Totals />
        <Lookup />
      </main>
    </>
  );
}
