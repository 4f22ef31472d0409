import type { UiStore } from './shown';

export function PrivacyLink({ store }: { store: UiStore }) {
  const { privacyPolicyUrl, texts } = store.settings;
  if (!privacyPolicyUrl) return null;
  return (
    <a class="link" href={privacyPolicyUrl}>
      {texts.privacyPolicy}
    </a>
  );
}
