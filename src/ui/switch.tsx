interface SwitchProps {
  id: string;
  label: string;
  checked: boolean;
  /** Some of its services differ from it: shown as a mixed checkbox. */
  mixed?: boolean;
  disabled?: boolean;
  describedBy?: string;
  onChange(value: boolean): void;
}

/**
 * A real checkbox with role="switch", so that its name and state reach screen
 * readers; a mixed one stays a plain checkbox, since a switch cannot be mixed.
 */
export function Switch({ id, label, checked, mixed = false, disabled = false, describedBy, onChange }: SwitchProps) {
  return (
    <>
      <label class="switch-label" for={id}>
        {label}
      </label>
      <input
        id={id}
        class="switch"
        type="checkbox"
        role={mixed ? undefined : 'switch'}
        checked={checked}
        aria-checked={mixed ? 'mixed' : checked}
        disabled={disabled}
        aria-describedby={describedBy}
        ref={(input) => {
          if (input) input.indeterminate = mixed;
        }}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
    </>
  );
}
