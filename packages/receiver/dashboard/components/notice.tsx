// The notice a visitor was shown, as the drop-in described it. Its shape is the drop-in's and may
// grow, so every field is read as if it might be missing; what is not understood is left out.

type Loose = Record<string, unknown>;

const isLoose = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : null);
const list = (value: unknown) => (Array.isArray(value) ? value.filter(isLoose) : []);

export function NoticeView({ notice, hash }: { notice: unknown; hash: string }) {
  if (!isLoose(notice)) return <p>The notice kept under this hash could not be read.</p>;
  const texts = isLoose(notice.texts) ? Object.entries(notice.texts).filter(([, value]) => text(value) !== null) : [];
  const categories = list(notice.categories);
  return (
    <div class="notice">
      <dl class="facts">
        {text(notice.language) && (
          <div class="fact">
            <dt>Language</dt>
            <dd>{text(notice.language)}</dd>
          </div>
        )}
        {text(notice.revision) && (
          <div class="fact">
            <dt>Revision</dt>
            <dd>{text(notice.revision)}</dd>
          </div>
        )}
        {text(notice.regime) && (
          <div class="fact">
            <dt>Regime</dt>
            <dd>{text(notice.regime)}</dd>
          </div>
        )}
        <div class="fact wide">
          <dt>Notice hash</dt>
          <dd>
            <code class="hash">{hash}</code>
          </dd>
        </div>
      </dl>
      {categories.length > 0 && (
        <>
          <h5>Categories</h5>
          <ul class="notice-categories">
            {categories.map((category, i) => (
              <NoticeCategory key={text(category.name) ?? i} category={category} />
            ))}
          </ul>
        </>
      )}
      {texts.length > 0 && (
        <>
          <h5>Texts</h5>
          <dl class="texts">
            {texts.map(([key, value]) => (
              <div key={key}>
                <dt class="mono">{key}</dt>
                <dd>{text(value)}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </div>
  );
}

function NoticeCategory({ category }: { category: Loose }) {
  const name = text(category.name);
  const heading = text(category.title) ?? name ?? 'Unnamed category';
  const services = list(category.services);
  return (
    <li>
      <p class="notice-category">
        <strong>{heading}</strong>
        {name && name !== heading && <code>{name}</code>}
        {category.required === true && <span class="tag">required</span>}
      </p>
      {text(category.description) && <p>{text(category.description)}</p>}
      {services.length > 0 && (
        <ul class="services" aria-label={`Services of ${heading}`}>
          {services.map((service, i) => (
            <li key={text(service.name) ?? i}>
              <span class="service">{text(service.title) ?? text(service.name) ?? 'Unnamed service'}</span>
              <Cookies cookies={list(service.cookies)} />
            </li>
          ))}
        </ul>
      )}
      <Cookies cookies={list(category.cookies)} />
    </li>
  );
}

function Cookies({ cookies }: { cookies: Loose[] }) {
  if (!cookies.length) return null;
  return (
    <span class="cookies">
      {' '}
      Cookies:{' '}
      {cookies
        .map((cookie) => (text(cookie.duration) ? `${text(cookie.name) ?? '?'} (${text(cookie.duration)})` : text(cookie.name)))
        .filter(Boolean)
        .join('; ')}
    </span>
  );
}
