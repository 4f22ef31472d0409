import { useState } from 'preact/hooks';
import type { ExportFormat } from '../api';
import { asAdmin, explain } from '../session';
import { range } from '../state';

// A plain link cannot carry the token, so the file is fetched and handed to the browser as a blob.
async function download(format: ExportFormat) {
  const { blob, name } = await asAdmin((api) => api.exportFile(range.value, format));
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL after click() returns; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const NAMES: Record<ExportFormat, string> = { csv: 'CSV', ndjson: 'NDJSON' };

export function ExportButtons() {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const run = async (format: ExportFormat) => {
    setBusy(format);
    setProblem(null);
    try {
      await download(format);
    } catch (error) {
      setProblem(`The export failed: ${explain(error)}`);
    } finally {
      setBusy(null);
    }
  };

  return (
    <fieldset class="export" aria-describedby="export-hint">
      <legend>Download</legend>
      <div class="fields">
        {(['csv', 'ndjson'] as const).map((format) => (
          <button key={format} type="button" onClick={() => run(format)} disabled={busy !== null} aria-label={`Download ${NAMES[format]}`}>
            {busy === format ? 'Preparing…' : NAMES[format]}
          </button>
        ))}
      </div>
      <p id="export-hint" class="hint">
        All records of these days, unfiltered.
      </p>
      {problem && (
        <p class="problem" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
