import { useEffect, useRef, useState } from 'preact/hooks';
import { adminIsOn, createApi } from '../api';
import { today } from '../format';
import { explain, signedOutBecause, signIn } from '../session';

export function SignIn() {
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(signedOutBecause.value);
  const [off, setOff] = useState(false);

  useEffect(() => {
    input.current?.focus();
    adminIsOn().then((on) => setOff(!on));
  }, []);

  async function submit(event: Event) {
    event.preventDefault();
    const given = value.trim();
    if (!given) {
      setProblem('Paste the admin token first.');
      input.current?.focus();
      return;
    }
    setBusy(true);
    try {
      // The smallest admin call there is, to know the token works before the page changes.
      await createApi(given).stats({ from: today(), to: today() });
      signIn(given);
    } catch (error) {
      setProblem(explain(error));
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" class="sign-in">
      <div class="panel">
        <h1>holdback consent log</h1>
        {off ? (
          <p class="alert" role="alert">
            The admin API is off. Start the receiver with <code>HOLDBACK_RECEIVER_TOKEN</code> set to a long random value, then sign in with that
            value.
          </p>
        ) : (
          <p>Sign in with the receiver's admin token to see the consent rates, look up a consent ID and export the records.</p>
        )}
        <form onSubmit={submit} noValidate>
          <label for="token">Admin token</label>
          <input
            ref={input}
            id="token"
            type="password"
            autoComplete="off"
            spellcheck={false}
            value={value}
            onInput={(event) => setValue(event.currentTarget.value)}
            aria-describedby={problem ? 'token-hint token-problem' : 'token-hint'}
            aria-invalid={problem ? true : undefined}
          />
          <p id="token-hint" class="hint">
            The value of <code>HOLDBACK_RECEIVER_TOKEN</code>. It stays in this tab only and is forgotten when you sign out or close the tab.
          </p>
          {problem && (
            <p id="token-problem" class="problem" role="alert">
              {problem}
            </p>
          )}
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Checking…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
