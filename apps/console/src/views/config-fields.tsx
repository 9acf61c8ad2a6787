import type { ComponentChildren } from 'preact';

/** A labelled number input; an empty field sets `undefined` so validation names the path. */
export function NumberField({
  id,
  label,
  value,
  step = 1,
  onChange,
}: {
  id: string;
  label: string;
  value: unknown;
  step?: number;
  onChange: (value: number | undefined) => void;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="number"
        step={step}
        value={typeof value === 'number' ? value : ''}
        onInput={(e) => {
          const text = e.currentTarget.value;
          onChange(text === '' ? undefined : Number(text));
        }}
      />
    </div>
  );
}

const COPY_FIELDS = [
  ['title', 'Title'],
  ['body', 'Body'],
  ['cta', 'Button text'],
] as const;

/** Title, body and button text of one piece of copy, in a fieldset named by `legend`. */
export function CopyFields({
  idPrefix,
  legend,
  copy,
  onChange,
  children,
}: {
  idPrefix: string;
  legend: string;
  copy: Record<string, unknown>;
  onChange: (field: 'title' | 'body' | 'cta', value: string | undefined) => void;
  children?: ComponentChildren;
}) {
  return (
    <fieldset class="copy">
      <legend>{legend}</legend>
      {children}
      {COPY_FIELDS.map(([field, label]) => (
        <div class="field" key={field}>
          <label for={`${idPrefix}-${field}`}>{label}</label>
          <input
            id={`${idPrefix}-${field}`}
            value={typeof copy[field] === 'string' ? (copy[field] as string) : ''}
            onInput={(e) => {
              const text = e.currentTarget.value;
              // An empty optional body is left out rather than published as "".
              onChange(field, text === '' && field === 'body' ? undefined : text);
            }}
          />
        </div>
      ))}
    </fieldset>
  );
}
