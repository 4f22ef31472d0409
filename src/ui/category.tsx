import type { CookieDeclaration } from '../config/types';
import type { Texts } from '../texts/keys';
import type { ShownCategory } from '../texts/shown';
import { Switch } from './switch';

interface CategoryProps {
  category: ShownCategory;
  /** Held off whatever the visitor chooses (a Global Privacy Control signal). */
  locked: boolean;
  texts: Texts;
  /** The preference center's switches: categories and services by name. */
  draft: Record<string, boolean>;
  onDraft(draft: Record<string, boolean>): void;
}

/** One category of the preference center: its switch, its services' switches, its cookies. */
export function CategoryBlock({ category, locked, texts, draft, onDraft }: CategoryProps) {
  const id = `holdback-category-${category.name}`;
  const on = category.required || (!locked && draft[category.name] === true);
  const { services } = category;
  const cookies = [...category.cookies.map((c) => [c, ''] as const), ...services.flatMap((s) => s.cookies.map((c) => [c, s.title] as const))];
  return (
    <div class="category">
      <div class="row">
        <Switch
          id={id}
          label={category.title}
          checked={on}
          mixed={!category.required && !locked && services.some((s) => draft[s.name] !== on)}
          disabled={category.required || locked}
          describedBy={`${id}-description`}
          onChange={(value) => onDraft({ ...draft, [category.name]: value, ...Object.fromEntries(services.map((s) => [s.name, value])) })}
        />
        {category.required && <span class="always-on">{texts.alwaysOn}</span>}
      </div>
      <p class="description" id={`${id}-description`}>
        {category.description}
      </p>
      {services.length > 0 && (
        <ul class="services" aria-label={`${category.title}: ${texts.services}`}>
          {services.map((service) => (
            <li class="row" key={service.name}>
              <Switch
                id={`holdback-service-${service.name}`}
                label={service.title}
                checked={category.required || (!locked && draft[service.name] === true)}
                disabled={category.required || locked}
                onChange={(value) => onDraft({ ...draft, [service.name]: value })}
              />
            </li>
          ))}
        </ul>
      )}
      {cookies.length > 0 && (
        <details class="cookies">
          <summary>
            {texts.cookies} ({cookies.length})
          </summary>
          <table>
            <thead>
              <tr>
                <th scope="col">{texts.cookieName}</th>
                <th scope="col">{texts.cookiePurpose}</th>
                <th scope="col">{texts.cookieDuration}</th>
                <th scope="col">{texts.cookieProvider}</th>
              </tr>
            </thead>
            <tbody>
              {cookies.map(([cookie, serviceTitle]) => (
                <tr key={String(cookie.name)}>
                  <td>
                    <code>{nameOf(cookie)}</code>
                  </td>
                  <td>{cookie.purpose}</td>
                  <td>{cookie.duration}</td>
                  <td>{cookie.provider ?? serviceTitle}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}

function nameOf(cookie: CookieDeclaration): string {
  return cookie.name instanceof RegExp ? cookie.name.source : cookie.name;
}
