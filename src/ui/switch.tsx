import type { Category } from '../config/types';

interface SwitchProps {
  category: Category;
  checked: boolean;
  alwaysOn: string;
  cookiesLabel: string;
  onChange(value: boolean): void;
}

/** One category: a real checkbox with role="switch", so its name and state reach screen readers. */
export function Switch({ category, checked, alwaysOn, cookiesLabel, onChange }: SwitchProps) {
  const id = `holdback-category-${category.name}`;
  const cookies = [...category.cookies, ...category.services.flatMap((service) => service.cookies)];
  return (
    <div class="category">
      <div class="category-row">
        <label class="category-title" for={id}>
          {category.title}
        </label>
        {category.required && <span class="always-on">{alwaysOn}</span>}
        <input
          id={id}
          class="switch"
          type="checkbox"
          role="switch"
          checked={category.required || checked}
          aria-checked={category.required || checked}
          disabled={category.required}
          aria-describedby={`${id}-description`}
          onChange={(event) => onChange(event.currentTarget.checked)}
        />
      </div>
      <p class="category-description" id={`${id}-description`}>
        {category.description}
        {cookies.length > 0 && (
          <span class="cookies">
            {' '}
            {cookiesLabel}: {cookies.join(', ')}
          </span>
        )}
      </p>
    </div>
  );
}
