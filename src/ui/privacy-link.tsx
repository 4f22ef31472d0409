import type { Store } from '../store';

export function PrivacyLink({ store }: { store: Store }) {
  const { privacyPolicyUrl, texts } = store.settings;
  if (!privacyPolicyUrl) return null;
  return (
    <a class="link" href={privacyPolicyUrl}>
      {texts.privacyPolicy}
    </a>
  );
}
